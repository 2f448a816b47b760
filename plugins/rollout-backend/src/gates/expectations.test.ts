import { Metric } from '@rollout/backstage-plugin-rollout-common';
import { seedChecklist } from '../__testUtils__/fixtures';
import {
  evaluateCriterion,
  evaluateMetric,
  expectationOf,
} from './expectations';

function metric(description: string, extra: Partial<Metric> = {}): Metric {
  return { id: 'm', name: 'm', description, ...extra };
}

describe('expectationOf', () => {
  it('maps the seed checklist metrics', () => {
    const { metrics } = seedChecklist();
    expect(metrics.map(m => [m.name, expectationOf(m)])).toEqual([
      ['review_pass_runtime_seconds', 'within_baseline'],
      ['review_pass_failures_total', 'no_increase'],
      ['llm_request_latency_seconds', 'no_increase'],
      ['modular_reviewer_sessions_total', 'no_dip'],
    ]);
  });

  it('prefers the expectation written on the metric', () => {
    expect(
      expectationOf(
        metric('should not increase', { expectation: 'threshold' }),
      ),
    ).toBe('threshold');
  });

  it.each([
    ['Stays within the usual band', 'within_baseline'],
    ['Keep it within the normal range', 'within_baseline'],
    ['Should NOT increase after deploy', 'no_increase'],
    ['Watch for regressions', 'no_increase'],
    ['a regression here is bad', 'no_increase'],
    ['No dips please', 'no_dip'],
    ['must not dip', 'no_dip'],
    ['steady throughput', 'no_dip'],
    ['just look at it', 'within_baseline'],
    ['', 'within_baseline'],
  ])('reads %j as %s', (description, expected) => {
    expect(expectationOf(metric(description))).toBe(expected);
  });
});

describe('evaluateMetric', () => {
  it('is unknown without a current value or baseline', () => {
    expect(
      evaluateMetric({ baseline: 1, expectation: 'within_baseline' }),
    ).toEqual({
      state: 'unknown',
      because: { type: 'noCurrentValue' },
      reason: 'no current value',
    });
    expect(
      evaluateMetric({
        current: NaN,
        baseline: 1,
        expectation: 'within_baseline',
      }),
    ).toEqual({
      state: 'unknown',
      because: { type: 'noCurrentValue' },
      reason: 'no current value',
    });
    expect(evaluateMetric({ current: 1, expectation: 'no_increase' })).toEqual({
      state: 'unknown',
      because: { type: 'noBaseline' },
      reason: 'no baseline value',
    });
    expect(
      evaluateMetric({ current: 1, baseline: NaN, expectation: 'no_dip' }),
    ).toEqual({
      state: 'unknown',
      because: { type: 'noBaseline' },
      reason: 'no baseline value',
    });
  });

  it('keeps within_baseline ok within the tolerance either way', () => {
    expect(
      evaluateMetric({
        current: 110,
        baseline: 100,
        expectation: 'within_baseline',
      }),
    ).toEqual({ state: 'ok', delta: 10, deltaPercent: 10 });
    expect(
      evaluateMetric({
        current: 90,
        baseline: 100,
        expectation: 'within_baseline',
      }),
    ).toEqual({ state: 'ok', delta: -10, deltaPercent: -10 });
  });

  it('warns up to twice the tolerance and breaches beyond', () => {
    expect(
      evaluateMetric({
        current: 85,
        baseline: 100,
        expectation: 'within_baseline',
      }),
    ).toEqual({
      state: 'warning',
      delta: -15,
      deltaPercent: -15,
      because: {
        type: 'changedFromBaseline',
        direction: 'down',
        percent: 15,
        tolerancePercent: 10,
      },
      reason: 'fell 15.0% from the baseline (tolerance 10%)',
    });
    expect(
      evaluateMetric({
        current: 125,
        baseline: 100,
        expectation: 'within_baseline',
      }),
    ).toEqual({
      state: 'breached',
      delta: 25,
      deltaPercent: 25,
      because: {
        type: 'changedFromBaseline',
        direction: 'up',
        percent: 25,
        tolerancePercent: 10,
      },
      reason: 'rose 25.0% from the baseline (tolerance 10%)',
    });
  });

  it('honours a custom tolerance', () => {
    expect(
      evaluateMetric({
        current: 125,
        baseline: 100,
        expectation: 'within_baseline',
        tolerance: 20,
      }).state,
    ).toBe('warning');
  });

  it('applies no_increase to increases only', () => {
    const at = (current: number) =>
      evaluateMetric({ current, baseline: 100, expectation: 'no_increase' });
    expect(at(50)).toEqual({ state: 'ok', delta: -50, deltaPercent: -50 });
    expect(at(105)).toEqual({ state: 'ok', delta: 5, deltaPercent: 5 });
    expect(at(108)).toEqual({
      state: 'warning',
      delta: 8,
      deltaPercent: 8,
      because: {
        type: 'changedFromBaseline',
        direction: 'up',
        percent: 8,
        tolerancePercent: 10,
      },
      reason: 'rose 8.0% from the baseline (tolerance 10%)',
    });
    expect(at(110).state).toBe('warning');
    expect(at(111)).toEqual({
      state: 'breached',
      delta: 11,
      deltaPercent: 11,
      because: {
        type: 'changedFromBaseline',
        direction: 'up',
        percent: 11,
        tolerancePercent: 10,
      },
      reason: 'rose 11.0% from the baseline (tolerance 10%)',
    });
  });

  it('applies no_dip to decreases only', () => {
    const at = (current: number) =>
      evaluateMetric({ current, baseline: 200, expectation: 'no_dip' });
    expect(at(400)).toEqual({ state: 'ok', delta: 200, deltaPercent: 100 });
    expect(at(190)).toEqual({ state: 'ok', delta: -10, deltaPercent: -5 });
    expect(at(184)).toEqual({
      state: 'warning',
      delta: -16,
      deltaPercent: -8,
      because: {
        type: 'changedFromBaseline',
        direction: 'down',
        percent: 8,
        tolerancePercent: 10,
      },
      reason: 'fell 8.0% from the baseline (tolerance 10%)',
    });
    expect(at(160)).toEqual({
      state: 'breached',
      delta: -40,
      deltaPercent: -20,
      because: {
        type: 'changedFromBaseline',
        direction: 'down',
        percent: 20,
        tolerancePercent: 10,
      },
      reason: 'fell 20.0% from the baseline (tolerance 10%)',
    });
  });

  it('measures change against a negative baseline by its size', () => {
    expect(
      evaluateMetric({
        current: -5,
        baseline: -10,
        expectation: 'no_increase',
      }),
    ).toEqual({
      state: 'breached',
      delta: 5,
      deltaPercent: 50,
      because: {
        type: 'changedFromBaseline',
        direction: 'up',
        percent: 50,
        tolerancePercent: 10,
      },
      reason: 'rose 50.0% from the baseline (tolerance 10%)',
    });
  });

  it('uses the absolute delta when the baseline is 0', () => {
    expect(
      evaluateMetric({
        current: 0,
        baseline: 0,
        expectation: 'within_baseline',
      }),
    ).toEqual({ state: 'ok', delta: 0 });
    expect(
      evaluateMetric({ current: 0.5, baseline: 0, expectation: 'no_increase' }),
    ).toEqual({
      state: 'breached',
      delta: 0.5,
      because: { type: 'movedFromZero', value: 0.5 },
      reason: 'moved from a baseline of 0 to 0.5',
    });
    expect(
      evaluateMetric({ current: 0.5, baseline: 0, expectation: 'no_dip' }),
    ).toEqual({ state: 'ok', delta: 0.5 });
    expect(
      evaluateMetric({ current: -1, baseline: 0, expectation: 'no_dip' }),
    ).toEqual({
      state: 'breached',
      delta: -1,
      because: { type: 'movedFromZero', value: -1 },
      reason: 'moved from a baseline of 0 to -1',
    });
    expect(
      evaluateMetric({
        current: -1,
        baseline: 0,
        expectation: 'within_baseline',
      }).state,
    ).toBe('breached');
  });

  it('compares a threshold expectation with the threshold', () => {
    expect(
      evaluateMetric({ current: 3, expectation: 'threshold', threshold: 2 }),
    ).toEqual({
      state: 'breached',
      because: { type: 'aboveThreshold', value: 3, threshold: 2 },
      reason: '3 is above the threshold 2',
    });
    expect(
      evaluateMetric({ current: 2, expectation: 'threshold', threshold: 2 }),
    ).toEqual({ state: 'ok' });
    expect(
      evaluateMetric({
        current: 1,
        baseline: 4,
        expectation: 'threshold',
        threshold: 2,
      }),
    ).toEqual({ state: 'ok', delta: -3, deltaPercent: -75 });
    expect(evaluateMetric({ current: 1, expectation: 'threshold' })).toEqual({
      state: 'unknown',
      because: { type: 'noThreshold' },
      reason: 'no threshold',
    });
  });
});

describe('evaluateCriterion', () => {
  it.each([
    ['>', 5, 4, 'triggered'],
    ['>', 4, 4, 'ok'],
    ['>=', 4, 4, 'triggered'],
    ['>=', 3, 4, 'ok'],
    ['<', 3, 4, 'triggered'],
    ['<', 4, 4, 'ok'],
    ['<=', 4, 4, 'triggered'],
    ['<=', 5, 4, 'ok'],
  ] as const)(
    '%s: %d against %d is %s',
    (operator, value, threshold, state) => {
      expect(
        evaluateCriterion({ value, comparison: { operator, threshold } }),
      ).toBe(state);
    },
  );

  it('compares with the baseline when asked', () => {
    const comparison = { operator: '>', threshold: 'baseline' } as const;
    expect(evaluateCriterion({ value: 12, baseline: 10, comparison })).toBe(
      'triggered',
    );
    expect(evaluateCriterion({ value: 9, baseline: 10, comparison })).toBe(
      'ok',
    );
    expect(evaluateCriterion({ value: 9, comparison })).toBe('unknown');
    expect(evaluateCriterion({ value: 9, baseline: NaN, comparison })).toBe(
      'unknown',
    );
  });

  it('gives a baseline comparison its tolerance, in the watched direction', () => {
    const above = {
      operator: '>',
      threshold: 'baseline',
      tolerancePercent: 10,
    } as const;
    expect(
      evaluateCriterion({ value: 10.9, baseline: 10, comparison: above }),
    ).toBe('ok');
    expect(
      evaluateCriterion({ value: 11.1, baseline: 10, comparison: above }),
    ).toBe('triggered');
    const below = { ...above, operator: '<' } as const;
    expect(
      evaluateCriterion({ value: 9.1, baseline: 10, comparison: below }),
    ).toBe('ok');
    expect(
      evaluateCriterion({ value: 8.9, baseline: 10, comparison: below }),
    ).toBe('triggered');
    // Nothing is allowed above a baseline of 0.
    expect(
      evaluateCriterion({ value: 0.01, baseline: 0, comparison: above }),
    ).toBe('triggered');
  });

  it('is unknown without a value or a comparison', () => {
    const comparison = { operator: '>', threshold: 1 } as const;
    expect(evaluateCriterion({ comparison })).toBe('unknown');
    expect(evaluateCriterion({ value: NaN, comparison })).toBe('unknown');
    expect(evaluateCriterion({ value: 2 })).toBe('unknown');
  });
});
