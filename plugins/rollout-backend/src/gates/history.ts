import { GateReason } from '@rollout/backstage-plugin-rollout-common';
import { BaselineReading } from './QueryReader';

/**
 * The share of the baseline window a query must have values in for its
 * median to count as a baseline. Below it the window holds little more than
 * the series' start (a counter's rate ramping up, a fresh deployment), and
 * a comparison with it says nothing about the release.
 *
 * @internal
 */
export const MIN_BASELINE_COVERAGE = 0.5;

/**
 * Why a baseline read is too short to compare with, which reads such as
 * `not enough history: the baseline window holds 3 of 30 minutes of
 * review_pass_failures_total`; undefined when it holds enough, or when the
 * read failed (its error says why instead).
 *
 * @param watched - the metric the query watches, as the reason names it;
 *   without one, "its query".
 * @internal
 */
export function notEnoughHistory(
  reading: BaselineReading,
  watched?: string,
): Extract<GateReason, { type: 'notEnoughHistory' }> | undefined {
  const { history } = reading;
  if (!history || history.coverage >= MIN_BASELINE_COVERAGE) {
    return undefined;
  }
  const inMinutes = history.windowMs % 60_000 === 0;
  const total = history.windowMs / (inMinutes ? 60_000 : 1_000);
  // Rounded first, so that 0.7 × 30 counts as the 21 it is.
  const held = Math.floor(Math.round(history.coverage * total * 1000) / 1000);
  return {
    type: 'notEnoughHistory',
    held,
    // Some history, less than one unit of it, is not "0".
    ...(held === 0 && history.coverage > 0 ? { underOne: true } : {}),
    total,
    unit: inMinutes ? 'minute' : 'second',
    ...(watched ? { metric: watched } : {}),
  };
}
