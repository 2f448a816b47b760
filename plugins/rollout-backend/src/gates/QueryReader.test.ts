import { FakeApi, startFakeApi } from './__testUtils__/servers';
import { PrometheusClient } from './PrometheusClient';
import { QueryReader } from './QueryReader';

const now = new Date('2026-11-26T12:30:00.000Z');

function vector(...series: Array<[Record<string, string>, string]>) {
  return {
    status: 200,
    body: {
      status: 'success',
      data: {
        resultType: 'vector',
        result: series.map(([metric, value]) => ({
          metric,
          value: [1, value],
        })),
      },
    },
  };
}

describe('QueryReader', () => {
  let api: FakeApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function readerFor(
    respond: Parameters<typeof startFakeApi>[0],
    baselineMs = 30 * 60_000,
  ) {
    api = await startFakeApi(respond);
    return new QueryReader(
      new PrometheusClient({ baseUrl: api.baseUrl, timeoutMs: 2000 }),
      { now, baselineEnd: now, baselineMs, seriesMs: 60 * 60_000 },
    );
  }

  describe('baseline', () => {
    it('reads the median and the points with a value in one query', async () => {
      const reader = await readerFor(() =>
        vector(
          [{ rollout_baseline: 'median' }, '0.2'],
          [{ rollout_baseline: 'samples' }, '15'],
        ),
      );
      await expect(reader.baseline('sum(rate(x_total[5m]))')).resolves.toEqual({
        value: 0.2,
        history: { coverage: 0.25, windowMs: 1_800_000 },
      });
      const { url } = api!.requests[0];
      expect(url.searchParams.get('query')).toBe(
        'label_replace(quantile_over_time(0.5, (sum(rate(x_total[5m])))[1800s:30s]), "rollout_baseline", "median", "", "")' +
          ' or label_replace(count_over_time((sum(rate(x_total[5m])))[1800s:30s]), "rollout_baseline", "samples", "", "")',
      );
      expect(url.searchParams.get('time')).toBe(String(now.getTime() / 1000));
    });

    it('counts the points of the series whose median it takes', async () => {
      const reader = await readerFor(() =>
        vector(
          [{ rollout_baseline: 'samples', pod: 'a' }, '3'],
          [{ rollout_baseline: 'median', pod: 'b' }, '7'],
          [{ rollout_baseline: 'median', pod: 'a' }, '1'],
          [{ rollout_baseline: 'samples', pod: 'b' }, '60'],
        ),
      );
      await expect(reader.baseline('x')).resolves.toEqual({
        value: 7,
        history: { coverage: 1, windowMs: 1_800_000 },
      });
    });

    it('takes a point a second over a short window, and counts both ends as full', async () => {
      const reader = await readerFor(
        () =>
          vector(
            [{ rollout_baseline: 'median' }, '1'],
            [{ rollout_baseline: 'samples' }, '11'],
          ),
        10_000,
      );
      await expect(reader.baseline('x')).resolves.toEqual({
        value: 1,
        history: { coverage: 1, windowMs: 10_000 },
      });
      expect(api!.requests[0].url.searchParams.get('query')).toContain(
        '(x)[10s:1s]',
      );
    });

    it('holds nothing for an empty result, and no history for a failed read', async () => {
      const empty = await readerFor(() => vector());
      await expect(empty.baseline('x')).resolves.toEqual({
        history: { coverage: 0, windowMs: 1_800_000 },
      });
      await api!.close();
      const failing = await readerFor(() => ({
        status: 422,
        body: { status: 'error', errorType: 'execution', error: 'boom' },
      }));
      const reading = await failing.baseline('x');
      expect(reading.error).toMatchObject({
        type: 'sourceFailed',
        problem: 'httpStatus',
        status: 422,
        detail: 'execution: boom',
      });
      expect(reading.history).toBeUndefined();
    });
  });

  describe('alertRules', () => {
    it('reads the rules once however often it is asked', async () => {
      const reader = await readerFor(() => ({
        status: 200,
        body: {
          status: 'success',
          data: {
            groups: [
              {
                rules: [
                  { type: 'alerting', name: 'A', query: 'up == 0' },
                  { type: 'recording', name: 'r', query: 'sum(up)' },
                ],
              },
            ],
          },
        },
      }));
      const [first, second] = await Promise.all([
        reader.alertRules(),
        reader.alertRules(),
      ]);
      expect(first).toEqual({ rules: [{ name: 'A', query: 'up == 0' }] });
      expect(second).toBe(first);
      expect(api!.requests).toHaveLength(1);
    });

    it('does not count a failed rules read as Prometheus failing', async () => {
      const reader = await readerFor(({ url }) =>
        url.pathname === '/api/v1/rules'
          ? { status: 404, body: { status: 'error', error: 'not found' } }
          : { status: 500, body: 'down' },
      );
      expect((await reader.alertRules()).error).toMatchObject({
        problem: 'httpStatus',
        status: 404,
      });
      expect(reader.failure()).toBeUndefined();
      await reader.current('up');
      expect(reader.failure()).toMatchObject({
        problem: 'httpStatus',
        status: 500,
      });
    });

    it('says Prometheus is not configured without one', async () => {
      const reader = new QueryReader(undefined, {
        now,
        baselineEnd: now,
        baselineMs: 1000,
        seriesMs: 1000,
      });
      await expect(reader.alertRules()).resolves.toEqual({
        rules: [],
        error: {
          type: 'notConfigured',
          source: 'prometheus',
          configKey: 'rollout.prometheus.baseUrl',
        },
      });
    });
  });
});
