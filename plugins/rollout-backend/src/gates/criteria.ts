import {
  Checklist,
  CriterionGateState,
  GateReason,
  Metric,
  RollbackCriterion,
  Rollout,
  Step,
} from '@rollout/backstage-plugin-rollout-common';
import { why } from './expectations';

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

/** Every code span of a criterion's text. */
const codeSpan = /`([^`\n]+)`/g;

/**
 * The runbook steps a rollback criterion names by their commands in code
 * spans ("`make lint-allowlist` or `make review-test` fails post-deploy"),
 * and the code spans that name neither a step nor a watched metric.
 *
 * @internal
 */
export function criterionSteps(
  criterion: RollbackCriterion,
  checklist: Checklist,
): { steps: Step[]; unknownCommands: string[] } {
  const spans = [...criterion.text.matchAll(codeSpan)].map(m => m[1].trim());
  const steps: Step[] = [];
  const unknownCommands: string[] = [];
  for (const span of spans) {
    const named = checklist.steps.filter(
      step => step.kind === 'runbook' && step.command?.trim() === span,
    );
    if (named.length) {
      steps.push(...named.filter(step => !steps.includes(step)));
    } else if (!checklist.metrics.some(metric => metric.name === span)) {
      unknownCommands.push(span);
    }
  }
  return { steps, unknownCommands };
}

/**
 * A criterion judged from step results: `triggered` if one of the steps'
 * latest runs since the rollout went in progress failed, `ok` if all of
 * them succeeded since, `unknown` otherwise, with the reason.
 *
 * @internal
 */
export function evaluateStepCriterion(
  rollout: Pick<Rollout, 'startedAt'>,
  steps: Step[],
): { state: CriterionGateState; because?: GateReason; reason?: string } {
  const since = rollout.startedAt;
  const named = (list: Step[]) =>
    list.map(step => ({
      id: step.id,
      number: step.number,
      command: step.command ?? '',
    }));
  if (!since) {
    return { state: 'unknown', ...why({ type: 'rolloutNotStarted' }) };
  }
  const ranSince = (step: Step) =>
    Boolean(step.updatedAt) && Date.parse(step.updatedAt!) >= Date.parse(since);
  const failed = steps.filter(
    step => step.status === 'failed' && ranSince(step),
  );
  if (failed.length) {
    return {
      state: 'triggered',
      ...why({ type: 'stepsFailed', steps: named(failed) }),
    };
  }
  const waiting = steps.filter(
    step => !(step.status === 'succeeded' && ranSince(step)),
  );
  if (!waiting.length) {
    return { state: 'ok' };
  }
  return {
    state: 'unknown',
    ...why({ type: 'stepsNotSucceeded', steps: named(waiting) }),
  };
}
