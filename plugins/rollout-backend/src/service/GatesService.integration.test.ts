/*
 * The gates against a real Prometheus and Alertmanager (Debian's packages,
 * started on loopback with the example configs, scraping the demo exporter
 * every second) and a real PostgreSQL.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { RolloutGates } from '@rollout/backstage-plugin-rollout-common';
import fs from 'fs';
import knexFactory from 'knex';
import path from 'path';
import { createTestDatabases, seedChecklist } from '../__testUtils__/fixtures';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import {
  MonitoringStack,
  startMonitoringStack,
} from '../gates/__testUtils__/monitoringStack';
import { readGatesConfig } from '../gates/config';
import { GateEvaluator } from '../gates/GateEvaluator';
import { GatesService } from './GatesService';
import { RolloutService } from './RolloutService';

jest.setTimeout(180_000);

const root = path.resolve(__dirname, '../../../..');
/** What the gates measured, kept for the record of the run. */
const resultsFile = path.join(root, 'e2e-results', 'gates-integration.json');

const databases = createTestDatabases();
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Repeats `check` about once a second until `done` holds of its result. */
async function until<T>(
  check: () => Promise<T>,
  done: (result: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await check();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not happen within ${
          timeoutMs / 1000
        }s; last: ${JSON.stringify(last, null, 1)}`,
      );
    }
    await sleep(1000);
    last = await check();
  }
  return last;
}

function states(gates: Pick<RolloutGates, 'metrics' | 'alerts' | 'criteria'>) {
  return {
    metrics: Object.fromEntries(gates.metrics.map(m => [m.name, m.state])),
    alerts: Object.fromEntries(gates.alerts.map(a => [a.name, a.state])),
    criteria: gates.criteria.map(c => c.state),
  };
}

describe('gates with Prometheus and Alertmanager', () => {
  let stack: MonitoringStack | undefined;
  const measured: Record<string, unknown> = {};

  afterAll(async () => {
    await stack?.stop();
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, `${JSON.stringify(measured, null, 2)}\n`);
  });

  it('turns a criterion triggered and blocks the rollout, fires an alert, and goes unknown without Prometheus', async () => {
    stack = await startMonitoringStack();
    const stackStarted = Date.now();

    const knex = await databases.init('POSTGRES_15');
    const store = await DatabaseRolloutStore.create({
      database: mockServices.database({ knex }),
    });
    const rollouts = new RolloutService(store);
    const notifications = { send: jest.fn(async () => {}) };
    // Evaluated every 2 s: `until` below looks about once a second.
    const gatesConfig = readGatesConfig(
      new ConfigReader({
        rollout: {
          prometheus: {
            baseUrl: stack.prometheusUrl,
            rateWindow: '5s',
            timeout: '3s',
          },
          alertmanager: { baseUrl: stack.alertmanagerUrl, timeout: '3s' },
          gates: { baselineWindow: '10s', seriesWindow: '1m', frequency: '2s' },
        },
      }),
    );
    const gates = new GatesService({
      store,
      evaluator: new GateEvaluator(gatesConfig),
      frequencyMs: gatesConfig.frequencyMs,
      readRollout: id => rollouts.get(id),
      logger: mockServices.logger.mock(),
      notifications,
    });

    let created = await rollouts.create(
      rollouts.prepare(
        {
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
          checklist: seedChecklist(),
        },
        'user:default/ada',
      ),
    );
    // Starting needs every pre-flight check ticked.
    for (const check of created.checklist.preflightChecks) {
      created = await rollouts.setPreflightCheck(
        created.id,
        check.id,
        { expectedRevision: created.revision, checked: true },
        'user:default/ada',
      );
    }
    // The baseline is the 10 s before the start, and rates take 5 s: wait
    // until Prometheus has scraped that much of the steady exporter.
    await sleep(Math.max(0, 17_000 - (Date.now() - stackStarted)));
    const started = await rollouts.setStatus(
      created.id,
      { expectedRevision: created.revision, status: 'in_progress' },
      'user:default/ada',
    );
    const load = () => rollouts.get(created.id);

    // Steady: everything within its baseline, nothing firing.
    const steady = await until(
      () => gates.check(started),
      result =>
        result.gates.metrics.every(m => m.state === 'ok') &&
        result.gates.criteria[2].state === 'ok',
      'a steady evaluation',
    );
    measured.steady = {
      ...states(steady.gates),
      metrics: steady.gates.metrics,
    };
    expect(states(steady.gates)).toEqual({
      metrics: {
        review_pass_runtime_seconds: 'ok',
        review_pass_failures_total: 'ok',
        llm_request_latency_seconds: 'ok',
        modular_reviewer_sessions_total: 'ok',
      },
      alerts: {
        MCPReviewerJobFailuresHigh: 'inactive',
        ModularReviewerLatencyHigh: 'inactive',
      },
      criteria: ['unknown', 'unknown', 'ok'],
    });
    const failures = steady.gates.metrics[1];
    expect(failures.value).toBeCloseTo(0.2, 1);
    expect(failures.baseline).toBeCloseTo(0.2, 1);
    expect(failures.series.length).toBeGreaterThan(5);
    expect(steady.blocked).toBe(false);
    expect((await load()).status).toBe('in_progress');

    // Failures spike: the criterion triggers and the rollout is blocked.
    await stack.steer({ failuresPerSecond: 5 });
    const spiked = await until(
      () => gates.check(started),
      result => result.gates.criteria[2].state === 'triggered',
      'the failures criterion triggering',
    );
    measured.spiked = {
      ...states(spiked.gates),
      failures: spiked.gates.metrics[1],
      criterion: spiked.gates.criteria[2],
    };
    expect(spiked.blocked).toBe(true);
    expect(spiked.gates.metrics[1]).toMatchObject({
      name: 'review_pass_failures_total',
      state: 'breached',
    });
    expect(spiked.gates.criteria[2]).toMatchObject({
      kind: 'query',
      query: 'sum(rate(review_pass_failures_total[5s]))',
      comparison: { operator: '>', threshold: 'baseline' },
    });
    expect(spiked.gates.criteria[2].value!).toBeGreaterThan(
      spiked.gates.criteria[2].baseline! * 1.1,
    );
    const blocked = await load();
    expect(blocked.status).toBe('blocked');
    const events = await rollouts.events(created.id);
    expect(events[0]).toMatchObject({
      type: 'gates.blocked',
      actor: 'plugin:rollout/gates',
      message: expect.stringContaining(
        'rollback criterion "Prometheus `review_pass_failures_total` spikes above baseline." is triggered',
      ),
    });
    expect(events.map(e => e.message)).toContain(
      'Gate rollback criterion "Prometheus `review_pass_failures_total` spikes above baseline.": ok → triggered',
    );
    expect(notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: 'component:default/multipass-reviewer',
        },
      }),
    );
    const served = await gates.get(created.id);
    expect(served.blockedBy?.message).toContain('is triggered');
    expect(served.blockedBy?.gates).toEqual(['criterion:criterion-3']);

    // A person resumes; the criterion is still triggered but did not change,
    // so it does not block again. The alert then fires: that blocks.
    const resumed = await rollouts.setStatus(
      created.id,
      { expectedRevision: blocked.revision, status: 'in_progress' },
      'user:default/ada',
    );
    const quiet = await gates.check(resumed);
    expect(quiet.blocked).toBe(false);
    await stack.postAlert('MCPReviewerJobFailuresHigh', { severity: 'page' });
    const firing = await until(
      () => gates.check(resumed),
      result => result.gates.alerts[0].state === 'firing',
      'the alert firing',
    );
    measured.firing = {
      ...states(firing.gates),
      alert: firing.gates.alerts[0],
    };
    expect(firing.gates.alerts[0]).toMatchObject({
      name: 'MCPReviewerJobFailuresHigh',
      state: 'firing',
      labels: expect.objectContaining({
        alertname: 'MCPReviewerJobFailuresHigh',
        service: 'multipass-reviewer',
        severity: 'page',
      }),
    });
    expect(firing.gates.alerts[1].state).toBe('inactive');
    expect(firing.blocked).toBe(true);
    expect((await load()).status).toBe('blocked');
    expect((await rollouts.events(created.id))[0].message).toBe(
      'Blocked: alert MCPReviewerJobFailuresHigh is firing',
    );

    // Prometheus goes away: its rows turn unknown with the reason, never ok;
    // Alertmanager's rows still answer.
    await stack.stopPrometheus();
    const down = await gates.get(created.id);
    measured.prometheusDown = {
      ...states(down),
      reasons: down.metrics.map(m => m.reason),
      sources: down.sources,
    };
    expect(states(down)).toEqual({
      metrics: {
        review_pass_runtime_seconds: 'unknown',
        review_pass_failures_total: 'unknown',
        llm_request_latency_seconds: 'unknown',
        modular_reviewer_sessions_total: 'unknown',
      },
      alerts: {
        MCPReviewerJobFailuresHigh: 'firing',
        ModularReviewerLatencyHigh: 'inactive',
      },
      criteria: ['unknown', 'unknown', 'unknown'],
    });
    for (const metric of down.metrics) {
      expect(metric.reason).toMatch(
        /^Prometheus at http:\/\/127\.0\.0\.1:\d+\/ did not answer: connect ECONNREFUSED/,
      );
      expect(metric.because).toMatchObject({
        type: 'sourceFailed',
        source: 'prometheus',
        problem: 'unreachable',
        detail: expect.stringContaining('ECONNREFUSED'),
      });
    }
    expect(down.criteria[2].reason).toMatch(/ECONNREFUSED/);
    expect(down.sources.prometheus).toEqual({
      configured: true,
      because: expect.objectContaining({ problem: 'unreachable' }),
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(down.blockedBy).toMatchObject({
      message: 'Blocked: alert MCPReviewerJobFailuresHigh is firing',
      gates: ['alert:mcpreviewerjobfailureshigh'],
    });
  });

  it('asks Prometheus once per rollout per interval, however many tabs on however many replicas', async () => {
    const counted = await startMonitoringStack();
    const knex = await databases.init('POSTGRES_15');
    // Two replicas, each with its own connections to the one database.
    const other = knexFactory(knex.client.config);
    try {
      const gatesConfig = readGatesConfig(
        new ConfigReader({
          rollout: {
            prometheus: { baseUrl: counted.prometheusUrl, timeout: '3s' },
            alertmanager: { baseUrl: counted.alertmanagerUrl, timeout: '3s' },
            gates: { frequency: '5s' },
          },
        }),
      );
      // One after the other: both would run the migrations.
      const stores = [];
      for (const connection of [knex, other]) {
        stores.push(
          await DatabaseRolloutStore.create({
            database: mockServices.database({ knex: connection }),
          }),
        );
      }
      const replicas = stores.map(store => {
        const reader = new RolloutService(store);
        return new GatesService({
          store,
          evaluator: new GateEvaluator(gatesConfig),
          frequencyMs: gatesConfig.frequencyMs,
          readRollout: id => reader.get(id),
          logger: mockServices.logger.mock(),
        });
      });
      const rollouts = new RolloutService(stores[0]);
      const ids: string[] = [];
      for (const version of ['v0.3.0', 'v0.3.1', 'v0.3.2']) {
        const rollout = await rollouts.create(
          rollouts.prepare(
            {
              entityRef: 'component:default/multipass-reviewer',
              version,
              checklist: seedChecklist(),
            },
            'user:default/ada',
          ),
        );
        ids.push(rollout.id);
      }
      // The queries Prometheus answered, by its own count of its API calls.
      const queries = async () => {
        const text = await (
          await fetch(`${counted.prometheusUrl}/metrics`)
        ).text();
        return text
          .split('\n')
          .filter(line =>
            /^prometheus_http_requests_total\{.*handler="\/api\/v1\/query(_range)?"/.test(
              line,
            ),
          )
          .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
      };
      // Twenty tabs on each replica look at each rollout at once.
      const viewAll = () =>
        Promise.all(
          ids.flatMap(id =>
            Array.from({ length: 40 }, (_, i) => replicas[i % 2].get(id)),
          ),
        );

      const before = await queries();
      await replicas[0].get(ids[0]);
      const perEvaluation = (await queries()) - before;
      expect(perEvaluation).toBeGreaterThan(5);

      // The first rollout is served from its evaluation; the two others
      // are evaluated once each.
      let start = await queries();
      await viewAll();
      expect((await queries()) - start).toBe(2 * perEvaluation);

      start = await queries();
      await viewAll();
      expect((await queries()) - start).toBe(0);

      // An interval later, each rollout once more.
      await sleep(5_100);
      start = await queries();
      await viewAll();
      expect((await queries()) - start).toBe(3 * perEvaluation);
      measured.queriesPerEvaluation = perEvaluation;
    } finally {
      await other.destroy();
      await counted.stop();
    }
  });
});
