import {
  MonitoringStack,
  startMonitoringStack,
} from './__testUtils__/monitoringStack';
import { contradictionsOf } from './contradictions';
import { PrometheusClient } from './PrometheusClient';
import { QueryReader } from './QueryReader';

// Prometheus takes about five seconds to scrape its first target; rates need
// a few scrapes more.
jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `read` until `accept` holds for its result, or fails with the last. */
async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) {
      return value;
    }
    await sleep(500);
  }
}

describe('the monitoring stack of examples/monitoring', () => {
  let stack: MonitoringStack | undefined;
  let prometheus: PrometheusClient;

  beforeAll(async () => {
    // Without the binaries this fails, saying to install them.
    stack = await startMonitoringStack();
    prometheus = new PrometheusClient({
      baseUrl: stack.prometheusUrl,
      timeoutMs: 5_000,
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('scrapes the demo exporter', async () => {
    await expect(
      prometheus.query('up{job="multipass-reviewer"}'),
    ).resolves.toEqual({ value: 1 });
  });

  it('follows a steered failure rate', async () => {
    const query = 'sum(rate(review_pass_failures_total[5s]))';
    // A rate needs two scrapes in its window.
    const before = await eventually(
      () => prometheus.query(query),
      ({ value }) => value !== undefined,
    );
    expect(before.value).toBeLessThan(1);

    await stack!.steer({ failuresPerSecond: 20 });

    const after = await eventually(
      () => prometheus.query(query),
      ({ value }) => value !== undefined && value > 10,
    );
    expect(after.value).toBeGreaterThan(10);
  });

  it('puts the median runtime in the bucket of the steered runtime', async () => {
    await stack!.steer({ runtimeSeconds: 7 });

    const median = await eventually(
      () =>
        prometheus.query(
          'histogram_quantile(0.5, sum(rate(review_pass_runtime_seconds_bucket[10s])) by (le))',
        ),
      ({ value }) => value !== undefined && value > 5 && value <= 10,
    );
    expect(median.value).toBeGreaterThan(5);
    expect(median.value).toBeLessThanOrEqual(10);
  });

  it('holds a posted alert as active', async () => {
    await stack!.postAlert('MCPReviewerJobFailuresHigh', {
      severity: 'critical',
    });

    const filter = new URLSearchParams({
      filter: 'alertname="MCPReviewerJobFailuresHigh"',
    });
    const alerts = await eventually(
      async () => {
        const response = await fetch(
          `${stack!.alertmanagerUrl}/api/v2/alerts?${filter}`,
        );
        return (await response.json()) as Array<{
          labels: Record<string, string>;
          status: { state: string };
        }>;
      },
      list => list[0]?.status.state === 'active',
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        labels: {
          alertname: 'MCPReviewerJobFailuresHigh',
          service: 'multipass-reviewer',
          severity: 'critical',
        },
        status: expect.objectContaining({ state: 'active' }),
      }),
    ]);
  });

  it('tells a baseline window the series covers from one it only began in', async () => {
    const query = 'sum(rate(review_pass_failures_total[5s]))';
    const reader = (baselineMs: number) =>
      new QueryReader(prometheus, {
        now: new Date(),
        baselineEnd: new Date(),
        baselineMs,
        seriesMs: 60_000,
      });
    // The stack is seconds old: ten minutes back it did not exist. Its
    // first rate needs two scrapes, which a busy machine may not have yet.
    const long = await eventually(
      () => reader(10 * 60_000).baseline(query),
      ({ value }) => value !== undefined,
    );
    expect(long.error).toBeUndefined();
    expect(long.value).toBeDefined();
    expect(long.history!.coverage).toBeLessThan(0.5);
    const short = await eventually(
      () => reader(5_000).baseline(query),
      ({ history }) => history!.coverage === 1,
    );
    expect(short.history).toEqual({ coverage: 1, windowMs: 5_000 });
  });

  it('lists the alerting rules, tied to the metrics they read', async () => {
    const { rules, error } = await prometheus.alertRules();
    expect(error).toBeUndefined();
    expect(rules.map(rule => rule.name).sort()).toEqual([
      'MCPReviewerJobFailuresHigh',
      'ModularReviewerLatencyHigh',
    ]);
    expect(
      contradictionsOf(
        ['review_pass_failures_total'],
        ['MCPReviewerJobFailuresHigh', 'ModularReviewerLatencyHigh'],
        rules,
      ).map(c => c.alert),
    ).toEqual(['MCPReviewerJobFailuresHigh']);
    expect(
      contradictionsOf(
        ['llm_request_latency_seconds_bucket'],
        ['ModularReviewerLatencyHigh'],
        rules,
      ).map(c => c.alert),
    ).toEqual(['ModularReviewerLatencyHigh']);
  });

  it('stops Prometheus on demand', async () => {
    await stack!.stopPrometheus();

    await expect(fetch(`${stack!.prometheusUrl}/-/ready`)).rejects.toThrow(
      'fetch failed',
    );
  });
});
