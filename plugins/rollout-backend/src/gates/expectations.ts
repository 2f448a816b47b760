import {
  GateReason,
  Metric,
  RollbackCriterion,
  gateReasonSentence,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * How a metric should behave after a rollout, compared with its baseline.
 *
 * @internal
 */
export type Expectation = NonNullable<Metric['expectation']>;

/** Phrases in a metric's description, tried in order; the first match wins. */
const describedExpectations: Array<[RegExp, Expectation]> = [
  [/\bwithin\b.*\brange\b|\bstays? within\b/, 'within_baseline'],
  [/\bnot increase\b/, 'no_increase'],
  [/\bdips?\b|\bsteady throughput\b/, 'no_dip'],
  [/\bregressions?\b/, 'no_increase'],
];

/**
 * The expectation of a metric: the one written on it, or else the one its
 * description reads as; `within_baseline` when the description says nothing
 * recognisable.
 *
 * @internal
 */
export function expectationOf(metric: Metric): Expectation {
  if (metric.expectation) {
    return metric.expectation;
  }
  const description = metric.description.toLocaleLowerCase('en-US');
  const found = describedExpectations.find(([pattern]) =>
    pattern.test(description),
  );
  return found ? found[1] : 'within_baseline';
}

/**
 * The verdict on one metric.
 *
 * @internal
 */
export type MetricEvaluation = {
  state: 'ok' | 'warning' | 'breached' | 'unknown';
  /** `current − baseline`, when both are known. */
  delta?: number;
  /** `delta` as a percentage of the baseline, when the baseline is not 0. */
  deltaPercent?: number;
  /** Why the state is not `ok`. */
  because?: GateReason;
  /** The same in English. */
  reason?: string;
};

/**
 * A gate's reason with its English sentence, as the gates answer carries
 * both.
 *
 * @internal
 */
export function why(because: GateReason): {
  because: GateReason;
  reason: string;
} {
  return { because, reason: gateReasonSentence(because) };
}

/** The default tolerance of {@link evaluateMetric}, in percent. */
const DEFAULT_TOLERANCE_PERCENT = 10;

function isKnown(value: number | undefined): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/**
 * Compares a metric's current value with its baseline.
 *
 * `tolerance` is a percentage of the baseline (default 10). With
 * `Δ% = (current − baseline) / |baseline| × 100`:
 *
 * - `within_baseline`: ok if `|Δ%| ≤ tolerance`, warning if
 *   `|Δ%| ≤ 2 × tolerance`, breached beyond.
 * - `no_increase`: ok if `Δ% ≤ tolerance / 2` (noise), warning if
 *   `Δ% ≤ tolerance`, breached above. Any decrease is ok.
 * - `no_dip`: the mirror image: ok if `Δ% ≥ −tolerance / 2`, warning if
 *   `Δ% ≥ −tolerance`, breached below. Any increase is ok.
 * - `threshold`: breached if `current > threshold`, else ok. The baseline is
 *   not needed; without a `threshold` the state is unknown.
 *
 * A baseline of 0 has no relative change, so `deltaPercent` is left out and
 * the rules fall back to the absolute delta: no change is ok, and any change
 * in the watched direction (either direction for `within_baseline`) is
 * breached, as it is unbounded relative to nothing.
 *
 * A missing or NaN current value or baseline makes the state unknown.
 *
 * @internal
 */
export function evaluateMetric(options: {
  current?: number;
  baseline?: number;
  expectation: Expectation;
  threshold?: number;
  tolerance?: number;
}): MetricEvaluation {
  const { current, baseline, expectation, threshold } = options;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE_PERCENT;

  if (!isKnown(current)) {
    return { state: 'unknown', ...why({ type: 'noCurrentValue' }) };
  }

  if (expectation === 'threshold') {
    if (!isKnown(threshold)) {
      return { state: 'unknown', ...why({ type: 'noThreshold' }) };
    }
    const comparison = isKnown(baseline) ? compare(current, baseline) : {};
    return current > threshold
      ? {
          state: 'breached',
          ...comparison,
          ...why({ type: 'aboveThreshold', value: current, threshold }),
        }
      : { state: 'ok', ...comparison };
  }

  if (!isKnown(baseline)) {
    return { state: 'unknown', ...why({ type: 'noBaseline' }) };
  }
  const { delta, deltaPercent } = compare(current, baseline);

  if (deltaPercent === undefined) {
    const moved =
      (expectation === 'within_baseline' && delta !== 0) ||
      (expectation === 'no_increase' && delta > 0) ||
      (expectation === 'no_dip' && delta < 0);
    return moved
      ? {
          state: 'breached',
          delta,
          ...why({ type: 'movedFromZero', value: current }),
        }
      : { state: 'ok', delta };
  }

  // How far the change goes in the direction the expectation forbids.
  let excess: number;
  let warnAbove: number;
  let breachAbove: number;
  if (expectation === 'within_baseline') {
    excess = Math.abs(deltaPercent);
    warnAbove = tolerance;
    breachAbove = 2 * tolerance;
  } else {
    excess = expectation === 'no_increase' ? deltaPercent : -deltaPercent;
    warnAbove = tolerance / 2;
    breachAbove = tolerance;
  }

  const result = { delta, deltaPercent };
  if (excess <= warnAbove) {
    return { state: 'ok', ...result };
  }
  return {
    state: excess <= breachAbove ? 'warning' : 'breached',
    ...result,
    ...why({
      type: 'changedFromBaseline',
      direction: deltaPercent > 0 ? 'up' : 'down',
      percent: Math.abs(deltaPercent),
      tolerancePercent: tolerance,
    }),
  };
}

function compare(
  current: number,
  baseline: number,
): { delta: number; deltaPercent?: number } {
  const delta = current - baseline;
  if (baseline === 0) {
    return { delta };
  }
  return { delta, deltaPercent: (delta / Math.abs(baseline)) * 100 };
}

/**
 * Whether a rollback criterion fired: `value <operator> threshold`, where a
 * threshold of `'baseline'` means the baseline value moved by the
 * comparison's `tolerancePercent` of it in the direction the operator
 * watches (up for `>`, down for `<`). Unknown when there is no comparison,
 * no value, or a `'baseline'` threshold without a baseline.
 *
 * @internal
 */
export function evaluateCriterion(options: {
  value?: number;
  baseline?: number;
  comparison?: RollbackCriterion['comparison'];
}): 'ok' | 'triggered' | 'unknown' {
  const { value, baseline, comparison } = options;
  if (!comparison || !isKnown(value)) {
    return 'unknown';
  }
  const limit =
    comparison.threshold === 'baseline'
      ? baselineLimit(baseline, comparison)
      : comparison.threshold;
  if (!isKnown(limit)) {
    return 'unknown';
  }
  const fired = {
    '>': value > limit,
    '>=': value >= limit,
    '<': value < limit,
    '<=': value <= limit,
  }[comparison.operator];
  return fired ? 'triggered' : 'ok';
}

function baselineLimit(
  baseline: number | undefined,
  comparison: NonNullable<RollbackCriterion['comparison']>,
): number | undefined {
  if (!isKnown(baseline)) {
    return undefined;
  }
  const slack = (Math.abs(baseline) * (comparison.tolerancePercent ?? 0)) / 100;
  return comparison.operator.startsWith('>')
    ? baseline + slack
    : baseline - slack;
}
