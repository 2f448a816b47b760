import { RolloutGates, failingGates } from './gates';

function gates(extra: Partial<RolloutGates> = {}): RolloutGates {
  return {
    rolloutId: 'r1',
    evaluatedAt: '2026-11-26T12:30:00.000Z',
    baselineWindow: {
      start: '2026-11-26T11:30:00.000Z',
      end: '2026-11-26T12:00:00.000Z',
    },
    metrics: [],
    alerts: [],
    criteria: [],
    sources: {
      prometheus: { configured: true },
      alertmanager: { configured: true },
    },
    ...extra,
  };
}

describe('failingGates', () => {
  const contradictedBy = [
    {
      alert: 'MCPReviewerJobFailuresHigh',
      reason:
        'the alert MCPReviewerJobFailuresHigh, whose rule reads review_pass_failures_total, is firing although this reads ok',
    },
  ];

  it('names breached metrics, triggered criteria and firing alerts', () => {
    expect(
      failingGates(
        gates({
          metrics: [
            {
              metricId: 'metric-1',
              name: 'review_pass_failures_total',
              query: 'sum(rate(review_pass_failures_total[5m]))',
              expectation: 'no_increase',
              series: [],
              state: 'breached',
              reason: 'rose 50.0% from the baseline (tolerance 10%)',
            },
          ],
          criteria: [
            {
              criterionId: 'c1',
              text: 'Failures spike.',
              kind: 'query',
              state: 'triggered',
            },
          ],
          alerts: [{ alertId: 'a1', name: 'FailuresHigh', state: 'firing' }],
        }),
      ),
    ).toEqual([
      'metric review_pass_failures_total breached: rose 50.0% from the baseline (tolerance 10%)',
      'criterion "Failures spike." triggered',
      'alert FailuresHigh firing',
    ]);
  });

  it('does not count a contradiction or a short history as failing', () => {
    expect(
      failingGates(
        gates({
          metrics: [
            {
              metricId: 'metric-1',
              name: 'review_pass_failures_total',
              query: 'sum(rate(review_pass_failures_total[5m]))',
              expectation: 'no_increase',
              series: [],
              state: 'ok',
              contradictedBy,
            },
            {
              metricId: 'metric-2',
              name: 'review_pass_runtime_seconds',
              query: 'review_pass_runtime_seconds',
              expectation: 'within_baseline',
              series: [],
              state: 'unknown',
              reason:
                'not enough history: the baseline window holds 3 of 30 minutes of review_pass_runtime_seconds',
            },
          ],
          criteria: [
            {
              criterionId: 'c1',
              text: 'Failures spike.',
              kind: 'query',
              state: 'ok',
              contradictedBy,
            },
          ],
        }),
      ),
    ).toEqual([]);
  });
});
