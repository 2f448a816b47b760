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

/** The alerting rules of examples/monitoring/alert-rules.yml, as Prometheus prints them. */
const demoRules = [
  {
    name: 'MCPReviewerJobFailuresHigh',
    query: 'sum(rate(review_pass_failures_total[1m])) > 2',
  },
  {
    name: 'ModularReviewerLatencyHigh',
    query:
      'histogram_quantile(0.9, sum by (le) (rate(llm_request_latency_seconds_bucket[5m]))) > 5',
  },
];

function vector(...series: Array<[Record<string, string>, number]>) {
  return {
    status: 200,
    body: {
      status: 'success',
      data: {
        resultType: 'vector',
        result: series.map(([metric, value]) => ({
          metric,
          value: [1, String(value)],
        })),
      },
    },
  };
}

/**
 * Prometheus answering every instant query with `current`, baselines with
 * `baseline` and `samples` of the 60 points of the baseline subquery (all
 * of them unless told), and the rules API with `rules` (`'fail'`: HTTP 500).
 */
function prometheusAnswer(values: {
  current: number;
  baseline: number;
  samples?: number;
  rules?: Array<{ name: string; query: string }> | 'fail';
}) {
  return ({ url }: ReceivedRequest) => {
    if (url.pathname === '/api/v1/rules') {
      return values.rules === 'fail'
        ? { status: 500, body: 'rule manager unavailable' }
        : {
            status: 200,
            body: {
              status: 'success',
              data: {
                groups: [
                  {
                    name: 'multipass-reviewer',
                    rules: (values.rules ?? []).map(rule => ({
                      ...rule,
                      type: 'alerting',
                      state: 'firing',
                    })),
                  },
                ],
              },
            },
          };
    }
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
    if (query.startsWith('label_replace(quantile_over_time')) {
      return vector(
        [{ rollout_baseline: 'median' }, values.baseline],
        [{ rollout_baseline: 'samples' }, values.samples ?? 60],
      );
    }
    return vector([{}, values.current]);
  };
}

/** Alertmanager with these alerts active and no other. */
function alertmanagerFiring(...names: string[]) {
  return ({ url }: ReceivedRequest) => {
    const filter = url.searchParams.get('filter') ?? '';
    const name = JSON.parse(filter.replace(/^alertname=/, ''));
    return {
      status: 200,
      body: names.includes(name)
        ? [{ labels: { alertname: name }, status: { state: 'active' } }]
        : [],
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
      r.url.searchParams.get('query')?.startsWith('label_replace'),
    );
    // The median and the count of points with a value, in one read.
    expect(baselines.map(r => r.url.searchParams.get('query'))).toContain(
      'label_replace(quantile_over_time(0.5, (sum(rate(review_pass_failures_total[5m])))[1800s:30s]), "rollout_baseline", "median", "", "")' +
        ' or label_replace(count_over_time((sum(rate(review_pass_failures_total[5m])))[1800s:30s]), "rollout_baseline", "samples", "", "")',
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
    // Nothing fires, so the rules are not read.
    expect(prometheus.requests).toHaveLength(12);
    expect(gates.metrics.some(m => m.contradictedBy)).toBe(false);
  });

  describe('a baseline window the query covers only in part', () => {
    // A draft a minute after its metrics appeared: +25 % over a baseline
    // that holds only their start-up ramp.
    const checklist = {
      ...seed,
      metrics: seed.metrics.map((metric, i) =>
        i === 3
          ? { ...metric, expectation: 'threshold' as const, threshold: 2 }
          : metric,
      ),
      rollbackCriteria: [
        ...seed.rollbackCriteria,
        {
          id: 'criterion-4',
          text: 'Failures exceed 5 a second.',
          query: 'sum(rate(review_pass_failures_total[5m]))',
          comparison: { operator: '>' as const, threshold: 5 },
        },
      ],
    };

    it('makes the comparisons with it unknown, saying how much history it holds', async () => {
      const prometheus = await fake(
        prometheusAnswer({ current: 1.25, baseline: 1, samples: 6 }),
      );
      const gates = await evaluator({
        prometheus: { baseUrl: prometheus.baseUrl },
      }).evaluate(rollout({ checklist }), now);

      expect(gates.metrics[1]).toMatchObject({
        name: 'review_pass_failures_total',
        value: 1.25,
        state: 'unknown',
        because: {
          type: 'notEnoughHistory',
          held: 3,
          total: 30,
          unit: 'minute',
          metric: 'review_pass_failures_total',
        },
        reason:
          'not enough history: the baseline window holds 3 of 30 minutes of review_pass_failures_total',
      });
      // Too short to compare with, it is no baseline to show either.
      expect(gates.metrics[1].baseline).toBeUndefined();
      expect(
        gates.metrics.map(m => [m.state, m.delta, m.deltaPercent]),
      ).toEqual([
        ['unknown', undefined, undefined],
        ['unknown', undefined, undefined],
        ['unknown', undefined, undefined],
        // A threshold does not need a baseline.
        ['ok', undefined, undefined],
      ]);
      expect(gates.metrics[0].reason).toBe(
        'not enough history: the baseline window holds 3 of 30 minutes of review_pass_runtime_seconds',
      );
      expect(gates.criteria[2]).toMatchObject({
        state: 'unknown',
        because: {
          type: 'notEnoughHistory',
          metric: 'review_pass_failures_total',
        },
        reason:
          'not enough history: the baseline window holds 3 of 30 minutes of review_pass_failures_total',
      });
      expect(gates.criteria[2].baseline).toBeUndefined();
      // A fixed threshold does not either.
      expect(gates.criteria[3]).toMatchObject({ kind: 'query', state: 'ok' });
      expect(gates.criteria[3].reason).toBeUndefined();
      expect(gates.criteria[3].because).toBeUndefined();
      expect(gates.sources.prometheus).toEqual({ configured: true });
      expect(prometheus.requests).toHaveLength(12);
    });

    it('says the window holds nothing when the query has no value in it', async () => {
      const prometheus = await fake(({ url }) =>
        url.searchParams.get('query')?.startsWith('label_replace')
          ? vector()
          : prometheusAnswer({ current: 1, baseline: 1 })({
              url,
              headers: {},
            }),
      );
      const gates = await evaluator({
        prometheus: { baseUrl: prometheus.baseUrl },
        gates: { baselineWindow: '45s' },
      }).evaluate(rollout({ status: 'draft', startedAt: undefined }), now);
      expect(gates.metrics[1]).toMatchObject({
        state: 'unknown',
        because: {
          type: 'notEnoughHistory',
          held: 0,
          total: 45,
          unit: 'second',
          metric: 'review_pass_failures_total',
        },
        reason:
          'not enough history: the baseline window holds 0 of 45 seconds of review_pass_failures_total',
      });
      expect(gates.metrics[1].baseline).toBeUndefined();
    });

    it('compares as before once the query has values in half the window', async () => {
      const prometheus = await fake(
        prometheusAnswer({ current: 1.25, baseline: 1, samples: 30 }),
      );
      const gates = await evaluator({
        prometheus: { baseUrl: prometheus.baseUrl },
      }).evaluate(rollout({ checklist }), now);
      expect(gates.metrics.map(m => m.state)).toEqual([
        'breached',
        'breached',
        'breached',
        'ok',
      ]);
      expect(gates.metrics[1].deltaPercent).toBe(25);
      expect(gates.criteria[2]).toMatchObject({ state: 'triggered' });
    });
  });

  describe('a firing alert whose rule reads what a gate reads', () => {
    async function evaluate(options: {
      rules: Parameters<typeof prometheusAnswer>[0]['rules'];
      firing: string[];
      current?: number;
    }) {
      const prometheus = await fake(
        prometheusAnswer({
          current: options.current ?? 1,
          baseline: 1,
          rules: options.rules,
        }),
      );
      const alertmanager = await fake(alertmanagerFiring(...options.firing));
      const gates = await evaluator({
        prometheus: { baseUrl: prometheus.baseUrl },
        alertmanager: { baseUrl: alertmanager.baseUrl },
      }).evaluate(rollout({ status: 'draft', startedAt: undefined }), now);
      const rulesReads = prometheus.requests.filter(
        r => r.url.pathname === '/api/v1/rules',
      );
      return { gates, rulesReads };
    }

    it('marks the metric and the criterion that read ok', async () => {
      const { gates, rulesReads } = await evaluate({
        rules: demoRules,
        firing: ['MCPReviewerJobFailuresHigh'],
      });
      const contradiction = {
        alert: 'MCPReviewerJobFailuresHigh',
        metric: 'review_pass_failures_total',
        reason:
          'the alert MCPReviewerJobFailuresHigh, whose rule reads review_pass_failures_total, is firing although this reads ok',
      };
      expect(gates.metrics.map(m => [m.state, m.contradictedBy])).toEqual([
        ['ok', undefined],
        ['ok', [contradiction]],
        ['ok', undefined],
        ['ok', undefined],
      ]);
      // It is said, not acted on: the states stay the criterion's own.
      expect(gates.criteria[2]).toMatchObject({
        kind: 'query',
        state: 'ok',
        contradictedBy: [contradiction],
      });
      expect(gates.criteria[0].contradictedBy).toBeUndefined();
      expect(rulesReads).toHaveLength(1);
      expect(rulesReads[0].url.searchParams.get('type')).toBe('alert');
    });

    it('ties a histogram by its family', async () => {
      const { gates } = await evaluate({
        rules: demoRules,
        firing: ['MCPReviewerJobFailuresHigh', 'ModularReviewerLatencyHigh'],
      });
      expect(gates.metrics[2].contradictedBy).toEqual([
        {
          alert: 'ModularReviewerLatencyHigh',
          metric: 'llm_request_latency_seconds_bucket',
          reason:
            'the alert ModularReviewerLatencyHigh, whose rule reads llm_request_latency_seconds_bucket, is firing although this reads ok',
        },
      ]);
    });

    it('says nothing of a gate that does not read ok', async () => {
      const { gates } = await evaluate({
        rules: demoRules,
        firing: ['MCPReviewerJobFailuresHigh'],
        current: 2,
      });
      expect(gates.metrics[1].state).toBe('breached');
      expect(gates.criteria[2].state).toBe('triggered');
      expect(gates.metrics[1].contradictedBy).toBeUndefined();
      expect(gates.criteria[2].contradictedBy).toBeUndefined();
    });

    it('says nothing when the rule of the firing alert reads another metric', async () => {
      const { gates, rulesReads } = await evaluate({
        rules: [
          {
            name: 'MCPReviewerJobFailuresHigh',
            query: 'sum(rate(mcp_job_failures_total{job="mcp"}[1m])) > 2',
          },
        ],
        firing: ['MCPReviewerJobFailuresHigh'],
      });
      expect(rulesReads).toHaveLength(1);
      expect(gates.metrics.some(m => m.contradictedBy)).toBe(false);
      expect(gates.criteria.some(c => c.contradictedBy)).toBe(false);
    });

    it('says nothing when the rules cannot be read, and still reads the rest', async () => {
      const { gates, rulesReads } = await evaluate({
        rules: 'fail',
        firing: ['MCPReviewerJobFailuresHigh'],
      });
      expect(rulesReads).toHaveLength(1);
      expect(gates.metrics.map(m => m.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(gates.metrics.some(m => m.contradictedBy)).toBe(false);
      expect(gates.criteria.some(c => c.contradictedBy)).toBe(false);
      expect(gates.alerts[0].state).toBe('firing');
      expect(gates.sources.prometheus).toEqual({ configured: true });
    });

    it('does not read the rules while no alert fires', async () => {
      const { gates, rulesReads } = await evaluate({
        rules: demoRules,
        firing: [],
      });
      expect(rulesReads).toHaveLength(0);
      expect(gates.metrics.some(m => m.contradictedBy)).toBe(false);
    });
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
    const slowBecause = {
      type: 'sourceFailed',
      source: 'prometheus',
      url: `${prometheus.baseUrl}/`,
      problem: 'timeout',
      timeoutMs: 300,
    };
    const failingBecause = {
      type: 'sourceFailed',
      source: 'alertmanager',
      url: `${alertmanager.baseUrl}/`,
      problem: 'httpStatus',
      status: 500,
      statusText: 'Internal Server Error',
      detail: 'storage unavailable',
    };
    expect(gates.metrics.map(m => m.because)).toEqual(
      Array(4).fill(slowBecause),
    );
    expect(gates.criteria[2].because).toEqual(slowBecause);
    expect(gates.alerts.map(a => a.because)).toEqual(
      Array(2).fill(failingBecause),
    );
    expect(gates.sources).toEqual({
      prometheus: { configured: true, because: slowBecause, error: slow },
      alertmanager: {
        configured: true,
        because: failingBecause,
        error: failing,
      },
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
        because: {
          type: 'stepsNotSucceeded',
          steps: [
            { id: 'step-2', number: 2, command: 'make lint-allowlist' },
            { id: 'step-3', number: 3, command: 'make review-test' },
          ],
        },
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
        because: {
          type: 'stepsFailed',
          steps: [{ id: 'step-3', number: 3, command: 'make review-test' }],
        },
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
        because: { type: 'rolloutNotStarted' },
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
        because: { type: 'notMarked', unknownCommands: ['make smoke-test'] },
        reason:
          'it names `make smoke-test`, which no runbook step runs and no metric watches; not marked yet',
      });
      expect(
        evaluator({}).criterionKind(checklist.rollbackCriteria[0], checklist),
      ).toBe('manual');
    });
  });
});
