import { gateReasonSentence } from '@rollout/backstage-plugin-rollout-common';
import { BaselineReading } from './QueryReader';
import { notEnoughHistory as reasonOf } from './history';

/** The reason in English, as the gates answer says it. */
function notEnoughHistory(reading: BaselineReading, watched?: string) {
  const reason = reasonOf(reading, watched);
  return reason && gateReasonSentence(reason);
}

describe('notEnoughHistory', () => {
  const minutes30 = 30 * 60_000;

  it('says how much of the window the query holds', () => {
    expect(
      reasonOf(
        { value: 1, history: { coverage: 0.1, windowMs: minutes30 } },
        'review_pass_failures_total',
      ),
    ).toEqual({
      type: 'notEnoughHistory',
      held: 3,
      total: 30,
      unit: 'minute',
      metric: 'review_pass_failures_total',
    });
    expect(
      notEnoughHistory(
        { value: 1, history: { coverage: 0.1, windowMs: minutes30 } },
        'review_pass_failures_total',
      ),
    ).toBe(
      'not enough history: the baseline window holds 3 of 30 minutes of review_pass_failures_total',
    );
    expect(
      notEnoughHistory(
        { history: { coverage: 0, windowMs: 45_000 } },
        'queue_depth',
      ),
    ).toBe(
      'not enough history: the baseline window holds 0 of 45 seconds of queue_depth',
    );
  });

  it('rounds down what the window holds, without float noise', () => {
    expect(
      notEnoughHistory(
        { history: { coverage: 0.49, windowMs: 100 * 60_000 } },
        'x',
      ),
    ).toContain('holds 49 of 100 minutes');
    expect(
      notEnoughHistory(
        { history: { coverage: 14 / 30, windowMs: minutes30 } },
        'x',
      ),
    ).toContain('holds 14 of 30 minutes');
  });

  it('says "under 1" for some history shorter than one unit, not "0"', () => {
    expect(
      notEnoughHistory(
        { history: { coverage: 0.02, windowMs: minutes30 } },
        'x',
      ),
    ).toContain('holds under 1 of 30 minutes of x');
    expect(
      reasonOf({ history: { coverage: 0.02, windowMs: minutes30 } }),
    ).toEqual({
      type: 'notEnoughHistory',
      held: 0,
      underOne: true,
      total: 30,
      unit: 'minute',
    });
  });

  it('names "its query" when it watches no metric', () => {
    expect(
      notEnoughHistory({ history: { coverage: 0.2, windowMs: 45_000 } }),
    ).toBe(
      'not enough history: the baseline window holds 9 of 45 seconds of its query',
    );
  });

  it('accepts a window covered half or more', () => {
    expect(
      notEnoughHistory(
        { value: 1, history: { coverage: 0.5, windowMs: minutes30 } },
        'x',
      ),
    ).toBeUndefined();
    expect(
      notEnoughHistory(
        { value: 1, history: { coverage: 1, windowMs: minutes30 } },
        'x',
      ),
    ).toBeUndefined();
  });

  it('leaves a failed read to its error', () => {
    expect(
      notEnoughHistory(
        {
          error: {
            type: 'notConfigured',
            source: 'prometheus',
            configKey: 'rollout.prometheus.baseUrl',
          },
        },
        'x',
      ),
    ).toBeUndefined();
  });
});
