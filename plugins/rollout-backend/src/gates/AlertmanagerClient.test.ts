import { gateReasonSentence } from '@rollout/backstage-plugin-rollout-common';
import { closedPortUrl, FakeApi, startFakeApi } from './__testUtils__/servers';
import { AlertmanagerClient, AlertState } from './AlertmanagerClient';

/** A state with its reason as the sentence the gates answer gives. */
async function said(state: Promise<AlertState>) {
  const { because, ...rest } = await state;
  return because ? { ...rest, reason: gateReasonSentence(because) } : rest;
}

function alert(
  state: 'active' | 'suppressed' | 'unprocessed',
  labels: Record<string, string>,
) {
  return {
    labels,
    annotations: { summary: 'jobs fail' },
    startsAt: '2026-11-26T00:00:00.000Z',
    endsAt: '2026-11-26T01:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
    fingerprint: labels.instance ?? 'f',
    receivers: [{ name: 'team' }],
    status: {
      state,
      silencedBy: state === 'suppressed' ? ['silence-1'] : [],
      inhibitedBy: [],
    },
  };
}

describe('AlertmanagerClient', () => {
  let api: FakeApi | undefined;
  /** How reasons name the fake Alertmanager. */
  const at = () => `Alertmanager at ${api!.baseUrl}/`;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function clientFor(
    respond: Parameters<typeof startFakeApi>[0],
    timeoutMs = 2000,
  ) {
    api = await startFakeApi(respond);
    return new AlertmanagerClient({
      baseUrl: api.baseUrl,
      headers: { 'x-scope-orgid': 'tenant-1' },
      timeoutMs,
    });
  }

  it('asks for the alert by name', async () => {
    const client = await clientFor(() => ({ status: 200, body: [] }));
    await expect(
      client.alertState('MCPReviewerJobFailuresHigh'),
    ).resolves.toEqual({ state: 'inactive' });
    const [request] = api!.requests;
    expect(request.method).toBe('GET');
    expect(request.url.pathname).toBe('/api/v2/alerts');
    expect(request.url.searchParams.get('filter')).toBe(
      'alertname="MCPReviewerJobFailuresHigh"',
    );
    expect(request.headers['x-scope-orgid']).toBe('tenant-1');
  });

  it('escapes quotes in the name', async () => {
    const client = await clientFor(() => ({ status: 200, body: [] }));
    await client.alertState('Odd"Name');
    expect(api!.requests[0].url.searchParams.get('filter')).toBe(
      'alertname="Odd\\"Name"',
    );
  });

  it('is firing when any instance is active', async () => {
    const client = await clientFor(() => ({
      status: 200,
      body: [
        alert('suppressed', { alertname: 'A', instance: 'one' }),
        alert('active', { alertname: 'A', instance: 'two' }),
      ],
    }));
    await expect(client.alertState('A')).resolves.toEqual({
      state: 'firing',
      labels: { alertname: 'A', instance: 'two' },
    });
  });

  it('counts an unprocessed instance as firing', async () => {
    const client = await clientFor(() => ({
      status: 200,
      body: [alert('unprocessed', { alertname: 'A' })],
    }));
    await expect(client.alertState('A')).resolves.toEqual({
      state: 'firing',
      labels: { alertname: 'A' },
    });
  });

  it('is silenced when every instance is suppressed', async () => {
    const client = await clientFor(() => ({
      status: 200,
      body: [
        alert('suppressed', { alertname: 'A', instance: 'one' }),
        alert('suppressed', { alertname: 'A', instance: 'two' }),
      ],
    }));
    await expect(client.alertState('A')).resolves.toEqual({
      state: 'silenced',
      labels: { alertname: 'A', instance: 'one' },
    });
  });

  it('is unknown with the reason on an API error', async () => {
    const client = await clientFor(() => ({
      status: 400,
      body: 'bad matcher format: alertname=',
    }));
    expect((await client.alertState('A')).because).toEqual({
      type: 'sourceFailed',
      source: 'alertmanager',
      url: `${api!.baseUrl}/`,
      problem: 'httpStatus',
      status: 400,
      statusText: 'Bad Request',
      detail: 'bad matcher format: alertname=',
    });
    expect(await said(client.alertState('A'))).toEqual({
      state: 'unknown',
      reason: `${at()} answered HTTP 400 Bad Request: bad matcher format: alertname=`,
    });
  });

  it('is unknown on a body that is not a list', async () => {
    const client = await clientFor(() => ({ status: 200, body: { data: [] } }));
    expect((await client.alertState('A')).because).toMatchObject({
      problem: 'unexpectedAnswer',
      expected: 'alertList',
    });
    expect(await said(client.alertState('A'))).toEqual({
      state: 'unknown',
      reason: `${at()} answered with something other than a list of alerts`,
    });
  });

  it('is unknown on invalid JSON', async () => {
    const client = await clientFor(() => ({ status: 200, body: '<html>' }));
    expect(await said(client.alertState('A'))).toEqual({
      state: 'unknown',
      reason: expect.stringContaining(
        `${at()} answered with a body that is not JSON: `,
      ),
    });
  });

  it('is unknown on a refused connection', async () => {
    const baseUrl = await closedPortUrl();
    const client = new AlertmanagerClient({ baseUrl, timeoutMs: 2000 });
    expect(await said(client.alertState('A'))).toEqual({
      state: 'unknown',
      reason: `Alertmanager at ${baseUrl}/ did not answer: connect ECONNREFUSED ${
        new URL(baseUrl).host
      }`,
    });
  });

  it('is unknown on a timeout', async () => {
    const client = await clientFor(() => undefined, 100);
    expect(await said(client.alertState('A'))).toEqual({
      state: 'unknown',
      reason: `${at()} did not answer within 100ms`,
    });
  });
});
