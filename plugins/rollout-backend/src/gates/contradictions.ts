import { GateContradiction } from '@rollout/backstage-plugin-rollout-common';
import { AlertRule } from './PrometheusClient';

/** Words of PromQL that read like metric names but are not. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'atan2',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads: its bare identifiers that are
 * not functions, keywords or labels, and the names in `__name__` matchers.
 * A lexical reading, not a parse: enough to tell which metrics an alert
 * rule and a gate share.
 *
 * @internal
 */
export function metricNames(promql: string): string[] {
  const names = new Set<string>();
  for (const match of promql.matchAll(
    /__name__\s*=\s*(?:"([^"]*)"|'([^']*)')/g,
  )) {
    names.add(match[1] ?? match[2]);
  }
  const bare = promql
    .replace(/#.*$/gm, ' ')
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(
      /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    );
  for (const match of bare.matchAll(
    /(?<![\w.:])[a-zA-Z_:][\w:]*(?!\s*\(|[\w:])/g,
  )) {
    if (!KEYWORDS.has(match[0].toLocaleLowerCase('en-US'))) {
      names.add(match[0]);
    }
  }
  return [...names];
}

/** A histogram's or summary's series share the name before the suffix. */
function family(name: string): string {
  return name.replace(/_(?:bucket|sum|count)$/, '');
}

/**
 * The firing alerts whose Prometheus rules read one of the metrics a gate
 * watches, each with a sentence saying so. The gate reads `ok`; the caller
 * asks only for those.
 *
 * @param watched - the metric names the gate reads (see {@link metricNames}).
 * @param firing - the names of the rollout's alerts that are firing.
 * @param rules - the alerting rules of Prometheus.
 * @internal
 */
export function contradictionsOf(
  watched: string[],
  firing: string[],
  rules: AlertRule[],
): GateContradiction[] {
  const families = new Set(watched.map(family));
  const found: GateContradiction[] = [];
  for (const alert of new Set(firing)) {
    const shared = rules
      .filter(rule => rule.name === alert)
      .flatMap(rule => metricNames(rule.query))
      .find(name => families.has(family(name)));
    if (shared) {
      found.push({
        alert,
        metric: shared,
        reason: `the alert ${alert}, whose rule reads ${shared}, is firing although this reads ok`,
      });
    }
  }
  return found;
}
