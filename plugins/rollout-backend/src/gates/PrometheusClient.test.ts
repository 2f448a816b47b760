import { gateReasonSentence } from '@rollout/backstage-plugin-rollout-common';
import { closedPortUrl, FakeApi, startFakeApi } from './__testUtils__/servers';
import { SourceError } from './fetchJson';
import { PrometheusClient } from './PrometheusClient';

/** A result with its error as the sentence the gates answer gives. */
async function said<T extends { error?: SourceError }>(result: Promise<T>) {
  const { error, ...rest } = await result;
  return error ? { ...rest, error: gateReasonSentence(error) } : rest;
}

function vector(...values: string[]) {
  return {
    status: 'success',
    data: {
      resultType: 'vector',
      result: values.map((value, i) => ({
        metric: { instance: `host-${i}` },
        value: [1700000000.5, value],
      })),
    },
  };
}

describe('PrometheusClient', () => {
  let api: FakeApi | undefined;
  /** How reasons name the fake Prometheus. */
  const at = () => `Prometheus at ${api!.baseUrl}/`;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function clientFor(
    respond: Parameters<typeof startFakeApi>[0],
    timeoutMs = 2000,
  ) {
    api = await startFakeApi(respond);
    return new PrometheusClient({
      baseUrl: `${api.baseUrl}/`,
      headers: { authorization: 'Bearer secret' },
      timeoutMs,
    });
  }

  describe('query', () => {
    it('returns the first sample of a vector', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: vector('0.25', '9'),
      }));
      await expect(
        client.query('sum(rate(x_total[5m]))', new Date(1700000000500)),
      ).resolves.toEqual({ value: 0.25 });
      expect(api!.requests).toHaveLength(1);
      const [request] = api!.requests;
      expect(request.method).toBe('GET');
      expect(request.url.pathname).toBe('/api/v1/query');
      expect(request.url.searchParams.get('query')).toBe(
        'sum(rate(x_total[5m]))',
      );
      expect(request.url.searchParams.get('time')).toBe('1700000000.5');
      expect(request.headers.authorization).toBe('Bearer secret');
    });

    it('leaves out the time when none is given', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: vector('1'),
      }));
      await expect(client.query('up')).resolves.toEqual({ value: 1 });
      expect(api!.requests[0].url.searchParams.has('time')).toBe(false);
    });

    it('reads a scalar result', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: {
          status: 'success',
          data: { resultType: 'scalar', result: [1700000000, '42'] },
        },
      }));
      await expect(client.query('scalar(up)')).resolves.toEqual({ value: 42 });
    });

    it('has no value for an empty vector or NaN', async () => {
      const client = await clientFor(request => ({
        status: 200,
        body:
          request.url.searchParams.get('query') === 'empty'
            ? vector()
            : vector('NaN'),
      }));
      await expect(client.query('empty')).resolves.toStrictEqual({});
      await expect(client.query('nan')).resolves.toStrictEqual({});
    });

    it('reports a Prometheus error status with its reason', async () => {
      const client = await clientFor(() => ({
        status: 400,
        body: {
          status: 'error',
          errorType: 'bad_data',
          error: 'parse error at char 4',
        },
      }));
      const result = await client.query('sum(');
      expect(result.error).toEqual({
        type: 'sourceFailed',
        source: 'prometheus',
        url: `${api!.baseUrl}/`,
        problem: 'httpStatus',
        status: 400,
        statusText: 'Bad Request',
        detail: 'bad_data: parse error at char 4',
      });
      expect(await said(Promise.resolve(result))).toEqual({
        error: `${at()} answered HTTP 400 Bad Request: bad_data: parse error at char 4`,
      });
    });

    it('reports an error status sent with 200', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out',
        },
      }));
      expect(await said(client.query('up'))).toEqual({
        error: `${at()} answered with an error: timeout: query timed out`,
      });
    });

    it('reports a non-2xx status without a JSON body', async () => {
      const client = await clientFor(() => ({
        status: 502,
        body: '<html>bad gateway</html>',
      }));
      expect(await said(client.query('up'))).toEqual({
        error: `${at()} answered HTTP 502 Bad Gateway`,
      });
    });

    it('reports an unexpected result type', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: { status: 'success', data: { resultType: 'string', result: [] } },
      }));
      expect(await said(client.query('"a"'))).toEqual({
        error: `${at()} answered with an unexpected result type string`,
      });
    });

    it('reports a refused connection', async () => {
      const baseUrl = await closedPortUrl();
      const client = new PrometheusClient({ baseUrl, timeoutMs: 2000 });
      expect((await client.query('up')).error).toMatchObject({
        type: 'sourceFailed',
        problem: 'unreachable',
        detail: `connect ECONNREFUSED ${new URL(baseUrl).host}`,
      });
      expect(await said(client.query('up'))).toEqual({
        error: `Prometheus at ${baseUrl}/ did not answer: connect ECONNREFUSED ${
          new URL(baseUrl).host
        }`,
      });
    });

    it('reports a timeout', async () => {
      const client = await clientFor(() => undefined, 100);
      const result = await client.query('up');
      expect(result.error).toEqual({
        type: 'sourceFailed',
        source: 'prometheus',
        url: `${api!.baseUrl}/`,
        problem: 'timeout',
        timeoutMs: 100,
      });
      expect(await said(Promise.resolve(result))).toEqual({
        error: `${at()} did not answer within 100ms`,
      });
    });
  });

  describe('queryRange', () => {
    it('returns the points of the first series, NaN left out', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { job: 'a' },
                values: [
                  [1700000000, '1.5'],
                  [1700000060, 'NaN'],
                  [1700000120, '2'],
                ],
              },
              { metric: { job: 'b' }, values: [[1700000000, '99']] },
            ],
          },
        },
      }));
      await expect(
        client.queryRange(
          'up',
          new Date(1700000000000),
          new Date(1700000120000),
          60,
        ),
      ).resolves.toEqual({
        points: [
          [1700000000, 1.5],
          [1700000120, 2],
        ],
      });
      const { url } = api!.requests[0];
      expect(url.pathname).toBe('/api/v1/query_range');
      expect(url.searchParams.get('query')).toBe('up');
      expect(url.searchParams.get('start')).toBe('1700000000');
      expect(url.searchParams.get('end')).toBe('1700000120');
      expect(url.searchParams.get('step')).toBe('60');
    });

    it('has no points for an empty matrix', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: { status: 'success', data: { resultType: 'matrix', result: [] } },
      }));
      await expect(
        client.queryRange('up', new Date(0), new Date(60000), 15),
      ).resolves.toEqual({ points: [] });
    });

    it('reports errors with no points', async () => {
      const client = await clientFor(() => ({
        status: 422,
        body: {
          status: 'error',
          errorType: 'execution',
          error: 'too many samples',
        },
      }));
      expect(
        await said(client.queryRange('up', new Date(0), new Date(60000), 15)),
      ).toEqual({
        points: [],
        error: `${at()} answered HTTP 422 Unprocessable Entity: execution: too many samples`,
      });
    });

    it('reports a refused connection and a timeout', async () => {
      const baseUrl = await closedPortUrl();
      const refused = new PrometheusClient({ baseUrl, timeoutMs: 2000 });
      expect(
        await said(refused.queryRange('up', new Date(0), new Date(60000), 15)),
      ).toEqual({
        points: [],
        error: `Prometheus at ${baseUrl}/ did not answer: connect ECONNREFUSED ${
          new URL(baseUrl).host
        }`,
      });
      const silent = await clientFor(() => undefined, 100);
      expect(
        await said(silent.queryRange('up', new Date(0), new Date(60000), 15)),
      ).toEqual({
        points: [],
        error: `${at()} did not answer within 100ms`,
      });
    });
  });

  describe('queryVector', () => {
    it('returns every series with its labels, NaN without a value', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: vector('0.25', 'NaN'),
      }));
      await expect(
        client.queryVector('x', new Date(1700000000500)),
      ).resolves.toEqual({
        samples: [
          { labels: { instance: 'host-0' }, value: 0.25 },
          { labels: { instance: 'host-1' } },
        ],
      });
      const { url } = api!.requests[0];
      expect(url.pathname).toBe('/api/v1/query');
      expect(url.searchParams.get('time')).toBe('1700000000.5');
    });

    it('reports errors and other result types', async () => {
      const client = await clientFor(request =>
        request.url.searchParams.get('query') === 'scalar(up)'
          ? {
              status: 200,
              body: {
                status: 'success',
                data: { resultType: 'scalar', result: [1, '1'] },
              },
            }
          : { status: 503, body: { status: 'error', error: 'overloaded' } },
      );
      expect(await said(client.queryVector('scalar(up)'))).toEqual({
        samples: [],
        error: `${at()} answered with an unexpected result type scalar`,
      });
      expect(await said(client.queryVector('up'))).toEqual({
        samples: [],
        error: `${at()} answered HTTP 503 Service Unavailable: overloaded`,
      });
    });
  });

  describe('alertRules', () => {
    it('returns the name and expression of every alerting rule', async () => {
      const client = await clientFor(() => ({
        status: 200,
        body: {
          status: 'success',
          data: {
            groups: [
              {
                name: 'a',
                rules: [
                  {
                    type: 'alerting',
                    name: 'FailuresHigh',
                    query: 'sum(rate(failures_total[1m])) > 2',
                    state: 'firing',
                  },
                  { type: 'recording', name: 'job:up', query: 'sum(up)' },
                ],
              },
              { name: 'b', rules: [{ type: 'alerting', name: 'NoQuery' }] },
              { name: 'c' },
            ],
          },
        },
      }));
      await expect(client.alertRules()).resolves.toEqual({
        rules: [
          { name: 'FailuresHigh', query: 'sum(rate(failures_total[1m])) > 2' },
        ],
      });
      const { url } = api!.requests[0];
      expect(url.pathname).toBe('/api/v1/rules');
      expect(url.searchParams.get('type')).toBe('alert');
      expect(api!.requests[0].headers.authorization).toBe('Bearer secret');
    });

    it('reports a failed read and an answer without rule groups', async () => {
      const client = await clientFor(request =>
        request.url.searchParams.get('type') === 'alert' &&
        request.headers['x-case'] !== 'groups'
          ? { status: 404, body: '<html>not found</html>' }
          : { status: 200, body: { status: 'success', data: {} } },
      );
      expect(await said(client.alertRules())).toEqual({
        rules: [],
        error: `${at()} answered HTTP 404 Not Found`,
      });
      const other = new PrometheusClient({
        baseUrl: api!.baseUrl,
        headers: { 'x-case': 'groups' },
        timeoutMs: 2000,
      });
      expect(await said(other.alertRules())).toEqual({
        rules: [],
        error: `${at()} answered with something other than rule groups`,
      });
    });
  });
});
