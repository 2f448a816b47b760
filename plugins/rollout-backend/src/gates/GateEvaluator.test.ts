import { ConfigReader } from '@backstage/config';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { seedChecklist } from '../__testUtils__/fixtures';
import { readGatesConfig } from './config';
import { GateEvaluator } from './GateEvaluator';
import {
  FakeApi,
  ReceivedRequest,
  startFakeApi,
} from './__testUtils__/servers';

const seed = seedChecklist();

const startedAt = '2026-11-26T12:00:00.000Z';
const now = new Date('2026-11-26T12:30:00.000Z');

function rollout(extra: Partial<Rollout> = {}): Rollout {
  return {
    id: 'r1',
    entityRef: 'component:default/multipass-reviewer',
    version: 'v0.3.0',
    title: 'Stage 01_03',
    status: 'in_progress',
    revision: 2,
    checklist: seed,
    createdBy: 'user:default/ada',
    createdAt: '2026-11-26T11:00:00.000Z',
    updatedAt: startedAt,
    startedAt,
    ...extra,
  };
}

/** Prometheus answering every instant query with `current`, baselines with `baseline`. */
function prometheusAnswer(values: { current: number; baseline: number }) {
  return ({ url }: ReceivedRequest) => {
    if (url.pathname === '/api/v1/query_range') {
      return {
        status: 200,
        body: {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: {},
                values: [
                  [1, '1'],
                  [2, '2'],
                  [3, 'NaN'],
                ],
              },
            ],
          },
        },
      };
    }
    const query = url.searchParams.get('query') ?? '';
    const value = query.startsWith('quantile_over_time')
      ? values.baseline
      : values.current;
    return {
      status: 200,
      body: {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: {}, value: [1, String(value)] }],
        },
      },
    };
  };
}

function evaluator(config: object) {
  return new GateEvaluator(
    readGatesConfig(new ConfigReader({ rollout: config })),
  );
}

describe('GateEvaluator', () => {
  const apis: FakeApi[] = [];
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.close()));
  });
  async function fake(...args: Parameters<typeof startFakeApi>) {
    const api = await startFakeApi(...args);
    apis.push(api);
    return api;
  }

  it('compares each metric with its baseline before the start, and reads the criteria from the same queries', async () => {
    const prometheus = await fake(
      prometheusAnswer({ current: 1.5, baseline: 1 }),
    );
    const gates = await evaluator({
      prometheus: { baseUrl: prometheus.baseUrl },
    }).evaluate(rollout(), now);

    expect(gates.baselineWindow).toEqual({
      start: '2026-11-26T11:30:00.000Z',
      end: startedAt,
    });
    expect(
      gates.metrics.map(m => [
        m.name,
        m.expectation,
        m.value,
        m.baseline,
        m.deltaPercent,
        m.state,
      ]),
    ).toEqual([
      [
        'review_pass_runtime_seconds',
        'within_baseline',
        1.5,
        1,
        50,
        'breached',
      ],
      ['review_pass_failures_total', 'no_increase', 1.5, 1, 50, 'breached'],
      ['llm_request_latency_seconds', 'no_increase', 1.5, 1, 50, 'breached'],
      ['modular_reviewer_sessions_total', 'no_dip', 1.5, 1, 50, 'ok'],
    ]);
    expect(gates.metrics[1].series).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(gates.criteria[2]).toMatchObject({
      kind: 'query',
      query: 'sum(rate(review_pass_failures_total[5m]))',
      value: 1.5,
      baseline: 1,
      state: 'triggered',
    });

    const baselines = prometheus.requests.filter(r =>
      r.url.searchParams.get('query')?.startsWith('quantile_over_time'),
    );
    expect(baselines.map(r => r.url.searchParams.get('query'))).toContain(
      'quantile_over_time(0.5, (sum(rate(review_pass_failures_total[5m])))[1800s:])',
    );
    expect(baselines[0].url.searchParams.get('time')).toBe(
      String(Date.parse(startedAt) / 1000),
    );
    const range = prometheus.requests.find(
      r => r.url.pathname === '/api/v1/query_range',
    )!;
    expect(range.url.searchParams.get('start')).toBe(
      String(now.getTime() / 1000 - 3600),
    );
    expect(range.url.searchParams.get('step')).toBe('60');
    // The criterion shares the failures metric's readings: 4 metrics × 3.
    expect(prometheus.requests).toHaveLength(12);
  });

  it('takes the baseline of a draft up to now', async () => {
    const prometheus = await fake(
      prometheusAnswer({ current: 1, baseline: 1 }),
    );
    const gates = await evaluator({
      prometheus: { baseUrl: prometheus.baseUrl },
    }).evaluate(rollout({ status: 'draft', startedAt: undefined }), now);
    expect(gates.baselineWindow.end).toBe(now.toISOString());
    expect(gates.metrics.every(m => m.state === 'ok')).toBe(true);
  });

  it('uses the queries, rate window, headers and windows of app-config', async () => {
    const prometheus = await fake(
      prometheusAnswer({ current: 1, baseline: 1 }),
    );
    const gates = await evaluator({
      prometheus: {
        baseUrl: prometheus.baseUrl,
        headers: { Authorization: 'Bearer s3cret' },
        rateWindow: '1m',
        queries: {
          review_pass_failures_total:
            'sum(rate(review_pass_failures_total{env="prod"}[2m]))',
        },
      },
      gates: { baselineWindow: { minutes: 10 }, seriesWindow: '2h' },
    }).evaluate(rollout(), now);
    expect(gates.metrics.map(m => m.query)).toEqual([
      'histogram_quantile(0.5, sum(rate(review_pass_runtime_seconds_bucket[1m])) by (le))',
      'sum(rate(review_pass_failures_total{env="prod"}[2m]))',
      'histogram_quantile(0.5, sum(rate(llm_request_latency_seconds_bucket[1m])) by (le))',
      'sum(rate(modular_reviewer_sessions_total[1m]))',
    ]);
    expect(gates.criteria[2].query).toBe(
      'sum(rate(review_pass_failures_total{env="prod"}[2m]))',
    );
    expect(
      prometheus.requests.every(
        r => r.headers.authorization === 'Bearer s3cret',
      ),
    ).toBe(true);
    expect(gates.baselineWindow.start).toBe('2026-11-26T11:50:00.000Z');
    const range = prometheus.requests.find(
      r => r.url.pathname === '/api/v1/query_range',
    )!;
    expect(range.url.searchParams.get('step')).toBe('120');
  });

  it('turns every row of a slow Prometheus and a failing Alertmanager unknown, with the reason', async () => {
    const prometheus = await fake(() => undefined);
    const alertmanager = await fake(() => ({
      status: 500,
      body: 'storage unavailable',
    }));
    const gates = await evaluator({
      prometheus: {
        baseUrl: prometheus.baseUrl,
        timeout: { milliseconds: 300 },
      },
      alertmanager: { baseUrl: alertmanager.baseUrl },
    }).evaluate(rollout(), now);

    const slow = `Prometheus at ${prometheus.baseUrl}/ did not answer within 300ms`;
    const failing = `Alertmanager at ${alertmanager.baseUrl}/ answered HTTP 500 Internal Server Error: storage unavailable`;
    expect(gates.metrics.map(m => [m.state, m.reason])).toEqual(
      Array(4).fill(['unknown', slow]),
    );
    expect(gates.criteria.map(c => c.state)).toEqual([
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(gates.criteria[2].reason).toBe(slow);
    expect(gates.alerts.map(a => [a.state, a.reason])).toEqual(
      Array(2).fill(['unknown', failing]),
    );
    expect(gates.sources).toEqual({
      prometheus: { configured: true, error: slow },
      alertmanager: { configured: true, error: failing },
    });
  });

  it('keeps a manual criterion as a person marked it', async () => {
    const marked = {
      ...seed,
      rollbackCriteria: seed.rollbackCriteria.map((c, i) =>
        i === 1
          ? {
              ...c,
              state: 'triggered' as const,
              markedBy: 'user:default/oscar',
              markedAt: startedAt,
            }
          : c,
      ),
    };
    const gates = await evaluator({}).evaluate(
      rollout({ checklist: marked }),
      now,
    );
    expect(gates.criteria.slice(0, 2)).toEqual([
      {
        criterionId: 'criterion-1',
        text: seed.rollbackCriteria[0].text,
        kind: 'steps',
        stepIds: ['step-2', 'step-3'],
        state: 'unknown',
        reason:
          'step 2 (`make lint-allowlist`) and step 3 (`make review-test`) have not succeeded since the rollout started',
      },
      {
        criterionId: 'criterion-2',
        text: seed.rollbackCriteria[1].text,
        kind: 'manual',
        state: 'triggered',
        markedBy: 'user:default/oscar',
        markedAt: startedAt,
      },
    ]);
  });

  describe('a criterion naming runbook commands', () => {
    const ran = (
      status: 'succeeded' | 'failed' | 'running',
      at: string,
      stepId: string,
    ) => ({
      ...seed,
      steps: seed.steps.map(step =>
        step.id === stepId ? { ...step, status, updatedAt: at } : step,
      ),
    });
    const criterion1 = async (
      checklist: Rollout['checklist'],
      extra: Partial<Rollout> = {},
    ) =>
      (await evaluator({}).evaluate(rollout({ checklist, ...extra }), now))
        .criteria[0];
    const after = '2026-11-26T12:10:00.000Z';
    const before = '2026-11-26T11:30:00.000Z';

    it('is triggered when one of its steps failed after the rollout started', async () => {
      const checklist = ran('failed', after, 'step-3');
      expect(await criterion1(checklist)).toMatchObject({
        kind: 'steps',
        state: 'triggered',
        reason: 'step 3 (`make review-test`) failed after the rollout started',
      });
    });

    it('is ok once every step it names succeeded after the rollout started', async () => {
      const checklist = ran('succeeded', after, 'step-3');
      checklist.steps[1] = {
        ...checklist.steps[1],
        status: 'succeeded',
        updatedAt: after,
      };
      expect(await criterion1(checklist)).toMatchObject({ state: 'ok' });
      expect((await criterion1(checklist)).reason).toBeUndefined();
    });

    it('is unknown for runs before the start, a step running, or a draft', async () => {
      expect(await criterion1(ran('failed', before, 'step-3'))).toMatchObject({
        state: 'unknown',
      });
      expect(await criterion1(ran('running', after, 'step-3'))).toMatchObject({
        state: 'unknown',
      });
      expect(
        await criterion1(ran('failed', after, 'step-3'), {
          status: 'draft',
          startedAt: undefined,
        }),
      ).toMatchObject({
        state: 'unknown',
        reason:
          'the rollout has not started: the steps count from their runs after it goes in progress',
      });
    });

    it('stays manual, and says so, when it names a command no step runs', async () => {
      const checklist = {
        ...seed,
        rollbackCriteria: [
          {
            id: 'criterion-1',
            text: '`make smoke-test` fails post-deploy.',
          },
        ],
      };
      const gate = await criterion1(checklist);
      expect(gate).toMatchObject({
        kind: 'manual',
        state: 'unknown',
        reason:
          'it names `make smoke-test`, which no runbook step runs and no metric watches; not marked yet',
      });
      expect(
        evaluator({}).criterionKind(checklist.rollbackCriteria[0], checklist),
      ).toBe('manual');
    });
  });
});
