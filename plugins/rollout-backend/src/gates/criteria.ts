import {
  Checklist,
  Metric,
  RollbackCriterion,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * How a rollback criterion is evaluated from Prometheus.
 *
 * @internal
 */
export type CriterionQuery = {
  query: string;
  comparison: NonNullable<RollbackCriterion['comparison']>;
};

/** A Prometheus metric name, as written in a code span. */
const metricName = /`([a-zA-Z_:][a-zA-Z0-9_:]*)`/g;
const below = /\b(below|under|drops?|dips?|falls?|decreases?)\b/i;

/**
 * The query of a rollback criterion: the one written on it, or else the one
 * of the checklist metric its text names in a code span. "Prometheus
 * `review_pass_failures_total` spikes above baseline" becomes the metric's
 * query compared `>` its baseline, with `tolerancePercent` of slack; words
 * such as "drops" or "below" compare `<` instead. A criterion naming no
 * watched metric has no query: a person marks it.
 *
 * @param queryOf - the PromQL of a checklist metric, overrides applied.
 * @internal
 */
export function criterionQuery(
  criterion: RollbackCriterion,
  checklist: Checklist,
  queryOf: (metric: Metric) => string,
  tolerancePercent: number,
): CriterionQuery | undefined {
  const comparison = criterion.comparison ?? {
    operator: below.test(criterion.text) ? ('<' as const) : ('>' as const),
    threshold: 'baseline' as const,
    tolerancePercent,
  };
  if (criterion.query?.trim()) {
    return { query: criterion.query, comparison };
  }
  const names = [...criterion.text.matchAll(metricName)].map(m => m[1]);
  const metric = checklist.metrics.find(m => names.includes(m.name));
  return metric ? { query: queryOf(metric), comparison } : undefined;
}
