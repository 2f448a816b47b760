import { Metric } from '@rollout/backstage-plugin-rollout-common';

/**
 * The PromQL to run for a metric.
 *
 * The metric's own `query` wins. Otherwise the query follows the Prometheus
 * naming conventions: a `_total` counter is watched as its per-second rate, a
 * `_seconds` histogram as its median, and any other name is queried as is.
 * Rates are taken over `rateWindow`, a PromQL duration (default `5m`).
 *
 * @internal
 */
export function deriveMetricQuery(metric: Metric, rateWindow = '5m'): string {
  if (metric.query?.trim()) {
    return metric.query;
  }
  const name = metric.name;
  if (name.endsWith('_total')) {
    return `sum(rate(${name}[${rateWindow}]))`;
  }
  if (name.endsWith('_seconds')) {
    return `histogram_quantile(0.5, sum(rate(${name}_bucket[${rateWindow}])) by (le))`;
  }
  return name;
}

/**
 * The metric with its query replaced by the override configured for its name.
 *
 * Overrides come from app-config and beat the checklist's own `query`, since
 * the operator knows the labels of the Prometheus the gates actually query.
 * Blank overrides are ignored. The metric passed in is not modified.
 *
 * @internal
 */
export function withOverrides(
  metric: Metric,
  overrides: Record<string, string>,
): Metric {
  const override = Object.prototype.hasOwnProperty.call(overrides, metric.name)
    ? overrides[metric.name]
    : undefined;
  if (!override?.trim()) {
    return metric;
  }
  return { ...metric, query: override };
}
