import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  AlertGate,
  CriterionGate,
  MetricGate,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';
import yaml from 'yaml';
import { createRolloutGatesCheckAction } from './rolloutGatesCheck';
import { examples } from './rolloutGatesCheck.examples';
import { rolloutServiceMock } from './__testUtils__/rolloutServiceMock';

const credentials = mockCredentials.user('user:default/jane');
const rolloutId = 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14';

function inputOf(example: { example: string }) {
  return yaml.parse(example.example).steps[0].input;
}

const okMetric: MetricGate = {
  metricId: 'metric-1',
  name: 'review_pass_failures_total',
  query: 'sum(rate(review_pass_failures_total[5m]))',
  expectation: 'no_increase',
  value: 0.21,
  baseline: 0.2,
  delta: 0.01,
  deltaPercent: 5,
  series: [],
  state: 'ok',
};
const inactiveAlert: AlertGate = {
  alertId: 'alert-1',
  name: 'MCPReviewerJobFailuresHigh',
  state: 'inactive',
};
const okQueryCriterion: CriterionGate = {
  criterionId: 'criterion-1',
  text: 'Review pass failure rate doubles',
  kind: 'query',
  query: 'sum(rate(review_pass_failures_total[5m]))',
  comparison: { operator: '>', threshold: 'baseline', tolerancePercent: 100 },
  value: 0.21,
  baseline: 0.2,
  state: 'ok',
};
const unmarkedManualCriterion: CriterionGate = {
  criterionId: 'criterion-2',
  text: 'Reviewers report wrong verdicts',
  kind: 'manual',
  state: 'unknown',
  reason: 'not marked yet',
};

/** Gates that pass: all fine, and a manual criterion nobody marked yet. */
function gatesWith(overrides: Partial<RolloutGates> = {}): RolloutGates {
  return {
    rolloutId,
    evaluatedAt: '2026-11-26T13:00:00.000Z',
    baselineWindow: {
      start: '2026-11-25T12:00:00.000Z',
      end: '2026-11-26T12:00:00.000Z',
    },
    metrics: [okMetric],
    alerts: [inactiveAlert],
    criteria: [okQueryCriterion, unmarkedManualCriterion],
    sources: {
      prometheus: { configured: true },
      alertmanager: { configured: true },
    },
    ...overrides,
  };
}

describe('rollout:gates:check', () => {
  const rollout = rolloutServiceMock();
  const action = createRolloutGatesCheckAction({ rollout });

  beforeEach(() => {
    jest.resetAllMocks();
    rollout.getGates.mockResolvedValue(gatesWith());
  });

  function contextOf(input: any) {
    return {
      ...createMockActionContext({
        input,
        logger: mockServices.logger.mock(),
      }),
      getInitiatorCredentials: jest.fn().mockResolvedValue(credentials),
    };
  }

  const withFlag = { rolloutId, failOnUnknown: true };

  it(`should ${examples[0].description}`, async () => {
    const ctx = contextOf(inputOf(examples[0]));

    await action.handler(ctx);

    expect(rollout.getGates).toHaveBeenCalledWith(rolloutId, { credentials });
    expect(ctx.output).toHaveBeenCalledWith('failing', []);
  });

  it(`should ${examples[1].description}`, async () => {
    rollout.getGates.mockResolvedValue(
      gatesWith({
        alerts: [
          {
            ...inactiveAlert,
            state: 'unknown',
            reason: 'connect ECONNREFUSED 127.0.0.1:9093',
          },
        ],
      }),
    );
    const ctx = contextOf(inputOf(examples[1]));

    await expect(action.handler(ctx)).rejects.toThrow(
      'Rollout gates failed: alert MCPReviewerJobFailuresHigh unknown: connect ECONNREFUSED 127.0.0.1:9093',
    );
    expect(rollout.getGates).toHaveBeenCalledWith(rolloutId, { credentials });
  });

  it('outputs the counts of a passing report and does not throw', async () => {
    const ctx = contextOf({ rolloutId });

    await expect(action.handler(ctx)).resolves.toBeUndefined();

    expect(ctx.output).toHaveBeenCalledWith('failing', []);
    expect(ctx.output).toHaveBeenCalledWith(
      'evaluatedAt',
      '2026-11-26T13:00:00.000Z',
    );
    expect(ctx.output).toHaveBeenCalledWith('counts', {
      metrics: { ok: 1, warning: 0, breached: 0, unknown: 0 },
      alerts: { firing: 0, silenced: 0, inactive: 1, unknown: 0 },
      criteria: { ok: 1, triggered: 0, unknown: 1 },
    });
  });

  it('logs one line per gate', async () => {
    rollout.getGates.mockResolvedValue(
      gatesWith({
        alerts: [{ ...inactiveAlert, state: 'firing' }],
        criteria: [
          {
            ...unmarkedManualCriterion,
            state: 'triggered',
            reason: undefined,
            markedBy: 'user:default/jane',
          },
        ],
      }),
    );
    const ctx = contextOf({ rolloutId });

    await expect(action.handler(ctx)).rejects.toThrow();

    expect(ctx.logger.info).toHaveBeenCalledWith(
      'metric review_pass_failures_total: ok (value 0.21, baseline 0.2)',
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      'alert MCPReviewerJobFailuresHigh: firing',
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      'criterion "Reviewers report wrong verdicts": triggered (marked by user:default/jane)',
    );
    expect(ctx.logger.info).toHaveBeenCalledTimes(1);
    expect(ctx.logger.warn).toHaveBeenCalledTimes(2);
  });

  it.each([
    [
      'a breached metric',
      {
        metrics: [
          {
            ...okMetric,
            value: 0.5,
            state: 'breached',
            reason: '150% above baseline',
          },
        ],
      },
      'metric review_pass_failures_total breached: 150% above baseline',
    ],
    [
      'a triggered criterion',
      { criteria: [{ ...okQueryCriterion, value: 0.5, state: 'triggered' }] },
      'criterion "Review pass failure rate doubles" triggered',
    ],
    [
      'a firing alert',
      { alerts: [{ ...inactiveAlert, state: 'firing' }] },
      'alert MCPReviewerJobFailuresHigh firing',
    ],
  ] as Array<[string, Partial<RolloutGates>, string]>)(
    'fails on %s, naming it',
    async (_what, overrides, phrase) => {
      rollout.getGates.mockResolvedValue(gatesWith(overrides));
      const ctx = contextOf({ rolloutId });

      await expect(action.handler(ctx)).rejects.toThrow(
        `Rollout gates failed: ${phrase}`,
      );
      expect(ctx.output).toHaveBeenCalledWith('failing', [phrase]);
    },
  );

  it('lists every failing gate in one error', async () => {
    rollout.getGates.mockResolvedValue(
      gatesWith({
        metrics: [{ ...okMetric, state: 'breached' }],
        alerts: [{ ...inactiveAlert, state: 'firing' }],
      }),
    );

    await expect(action.handler(contextOf({ rolloutId }))).rejects.toThrow(
      new Error(
        'Rollout gates failed: metric review_pass_failures_total breached; alert MCPReviewerJobFailuresHigh firing',
      ),
    );
  });

  describe.each([
    [
      'metric',
      {
        metrics: [
          {
            ...okMetric,
            value: undefined,
            baseline: undefined,
            state: 'unknown',
            reason: 'rollout.prometheus.baseUrl is not set',
          },
        ],
      },
      'metric review_pass_failures_total unknown: rollout.prometheus.baseUrl is not set',
    ],
    [
      'alert',
      {
        alerts: [
          {
            ...inactiveAlert,
            state: 'unknown',
            reason: 'rollout.alertmanager.baseUrl is not set',
          },
        ],
      },
      'alert MCPReviewerJobFailuresHigh unknown: rollout.alertmanager.baseUrl is not set',
    ],
    [
      'query criterion',
      {
        criteria: [
          {
            ...okQueryCriterion,
            value: undefined,
            state: 'unknown',
            reason: 'no value to compare',
          },
        ],
      },
      'criterion "Review pass failure rate doubles" unknown: no value to compare',
    ],
  ] as Array<[string, Partial<RolloutGates>, string]>)(
    'an unknown %s',
    (_what, overrides, phrase) => {
      beforeEach(() => {
        rollout.getGates.mockResolvedValue(gatesWith(overrides));
      });

      it('passes by default', async () => {
        const ctx = contextOf({ rolloutId });

        await expect(action.handler(ctx)).resolves.toBeUndefined();
        expect(ctx.output).toHaveBeenCalledWith('failing', []);
      });

      it('fails with failOnUnknown, naming it and its reason', async () => {
        const ctx = contextOf(withFlag);

        await expect(action.handler(ctx)).rejects.toThrow(
          `Rollout gates failed: ${phrase}`,
        );
        expect(ctx.output).toHaveBeenCalledWith('failing', [phrase]);
      });
    },
  );

  it('never fails on a manual criterion not marked yet', async () => {
    rollout.getGates.mockResolvedValue(
      gatesWith({ criteria: [unmarkedManualCriterion] }),
    );
    const ctx = contextOf(withFlag);

    await expect(action.handler(ctx)).resolves.toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith('failing', []);
  });

  it('fails on a manual criterion marked triggered', async () => {
    rollout.getGates.mockResolvedValue(
      gatesWith({
        criteria: [
          {
            ...unmarkedManualCriterion,
            state: 'triggered',
            reason: undefined,
            markedBy: 'user:default/jane',
            markedAt: '2026-11-26T12:30:00.000Z',
          },
        ],
      }),
    );

    await expect(action.handler(contextOf({ rolloutId }))).rejects.toThrow(
      'Rollout gates failed: criterion "Reviewers report wrong verdicts" triggered',
    );
  });

  it('fails with the error of the rollout backend', async () => {
    const error = new NotFoundError(`No rollout with id "${rolloutId}"`);
    rollout.getGates.mockRejectedValue(error);
    const ctx = contextOf({ rolloutId });

    await expect(action.handler(ctx)).rejects.toBe(error);
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
