import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import {
  RolloutGates,
  UpdateRolloutResponse,
  rolloutConflictReasonOf,
} from '@rollout/backstage-plugin-rollout-common';
import { HttpResponse, JsonBodyType, http } from 'msw';
import { setupServer } from 'msw/node';
import { seedMarkdown } from '../__testUtils__/seedMarkdown';
import { seedRollout, summaryOf } from '../__testUtils__/seedRollout';
import { RolloutApi } from './RolloutApi';
import { RolloutClient } from './RolloutClient';

const baseUrl = 'http://example.com/api/rollout';
const rollout = seedRollout(seedMarkdown);

describe('RolloutClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new RolloutClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: new MockFetchApi(),
  });

  /**
   * Answers every request under the plugin's base URL and keeps a copy of
   * each, so a test can say what was sent.
   */
  function answer(respond: () => Response) {
    const requests: Request[] = [];
    server.use(
      http.all(`${baseUrl}/*`, ({ request }) => {
        requests.push(request.clone());
        return respond();
      }),
    );
    return requests;
  }

  const answerJson = (body: JsonBodyType) =>
    answer(() => HttpResponse.json(body));

  describe('listRollouts', () => {
    it('gets /rollouts without a query string when given no query', async () => {
      const page = { items: [summaryOf(rollout)] };
      const requests = answerJson(page);

      await expect(client.listRollouts()).resolves.toEqual(page);

      expect(requests).toHaveLength(1);
      expect(requests[0].method).toBe('GET');
      expect(requests[0].url).toBe(`${baseUrl}/rollouts`);
    });

    it('puts the query in the query string, leaving out what is undefined', async () => {
      const requests = answerJson({ items: [] });

      await client.listRollouts({
        entityRef: 'component:default/multipass-reviewer',
        status: 'in_progress',
        limit: 10,
        cursor: undefined,
      });

      const url = new URL(requests[0].url);
      expect(url.pathname).toBe('/api/rollout/rollouts');
      expect([...url.searchParams.entries()]).toEqual([
        ['entityRef', 'component:default/multipass-reviewer'],
        ['status', 'in_progress'],
        ['limit', '10'],
      ]);
    });
  });

  it('getRollout gets /rollouts/:id with the id encoded', async () => {
    const requests = answerJson(rollout);

    await expect(client.getRollout('a/b c')).resolves.toEqual(rollout);

    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts/a%2Fb%20c`);
  });

  it('getRolloutMarkdown gets /rollouts/:id/markdown as text', async () => {
    const requests = answer(() => HttpResponse.text(seedMarkdown));

    await expect(client.getRolloutMarkdown(rollout.id)).resolves.toBe(
      seedMarkdown,
    );

    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts/${rollout.id}/markdown`);
  });

  it('getRolloutEvents gets /rollouts/:id/events and unwraps the items', async () => {
    const events = [
      {
        id: 2,
        rolloutId: rollout.id,
        actor: 'user:default/guest',
        type: 'preflight.checked',
        message: 'Checked pre-flight check "`make lint-allowlist`"',
        revision: 2,
        createdAt: '2025-11-21T10:00:00.000Z',
      },
    ];
    const requests = answerJson({ items: events });

    await expect(client.getRolloutEvents(rollout.id)).resolves.toEqual(events);

    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts/${rollout.id}/events`);
  });

  it('createRollout posts the request as JSON to /rollouts', async () => {
    const requests = answerJson(rollout);
    const request = {
      entityRef: 'component:default/multipass-reviewer',
      version: 'v0.3.0',
      checklist: { title: 'Rollout Checklist', steps: [] },
    };

    await expect(client.createRollout(request)).resolves.toEqual(rollout);

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts`);
    expect(requests[0].headers.get('Content-Type')).toBe('application/json');
    await expect(requests[0].json()).resolves.toEqual(request);
  });

  it('importRollout posts the markdown as text/markdown with the rest as query', async () => {
    const requests = answerJson(rollout);

    await expect(
      client.importRollout({
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
        title: 'Stage 01_03 · Rollout Checklist',
        markdown: seedMarkdown,
      }),
    ).resolves.toEqual(rollout);

    const [request] = requests;
    expect(request.method).toBe('POST');
    expect(request.headers.get('Content-Type')).toBe('text/markdown');
    await expect(request.text()).resolves.toBe(seedMarkdown);
    const url = new URL(request.url);
    expect(url.pathname).toBe('/api/rollout/rollouts');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:default/multipass-reviewer',
      version: 'v0.3.0',
      previousVersion: 'v0.2.0',
      title: 'Stage 01_03 · Rollout Checklist',
    });
  });

  it('updateRollout patches /rollouts/:id with the request as JSON', async () => {
    const requests = answerJson(rollout);
    const request = { expectedRevision: 3, title: 'Stage 01_03' };

    await client.updateRollout(rollout.id, request);

    expect(requests[0].method).toBe('PATCH');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts/${rollout.id}`);
    expect(requests[0].headers.get('Content-Type')).toBe('application/json');
    await expect(requests[0].json()).resolves.toEqual(request);
  });

  it('updateRolloutMarkdown patches /rollouts/:id with the markdown and the revision read', async () => {
    const answered: UpdateRolloutResponse = {
      ...rollout,
      revision: 4,
      edit: { changed: ['steps'], resetRoles: ['QA Lead'] },
    };
    const requests = answerJson(answered);

    await expect(
      client.updateRolloutMarkdown('a/b', {
        expectedRevision: 3,
        markdown: seedMarkdown,
      }),
    ).resolves.toEqual(answered);

    const [request] = requests;
    expect(request.method).toBe('PATCH');
    expect(request.url).toBe(`${baseUrl}/rollouts/a%2Fb?expectedRevision=3`);
    expect(request.headers.get('Content-Type')).toBe('text/markdown');
    await expect(request.text()).resolves.toBe(seedMarkdown);
  });

  it('updateRolloutMarkdown rejects a stale revision with the reason in the body', async () => {
    answer(() =>
      HttpResponse.json(
        {
          error: {
            name: 'ConflictError',
            reason: 'staleRevision',
            message: `Rollout '${rollout.id}' is at revision 5, not 3`,
          },
          response: { statusCode: 409 },
        },
        { status: 409, statusText: 'Conflict' },
      ),
    );

    const error = await client
      .updateRolloutMarkdown(rollout.id, {
        expectedRevision: 3,
        markdown: seedMarkdown,
      })
      .catch((e: ResponseError) => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(409);
    expect(rolloutConflictReasonOf((error as ResponseError).body.error)).toBe(
      'staleRevision',
    );
  });

  it('runStep posts {} to /rollouts/:id/steps/:stepId/run, or the reason to run out of order', async () => {
    const answered = { taskId: 'task-1', step: rollout.checklist.steps[0] };
    const requests = answerJson(answered);

    await expect(client.runStep(rollout.id, 'step-1')).resolves.toEqual(
      answered,
    );
    await client.runStep(rollout.id, 'step-6', {
      outOfOrderReason: 'Steps 1 to 5 ran in CI',
    });

    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      `POST ${baseUrl}/rollouts/${rollout.id}/steps/step-1/run`,
      `POST ${baseUrl}/rollouts/${rollout.id}/steps/step-6/run`,
    ]);
    await expect(requests[0].json()).resolves.toEqual({});
    await expect(requests[1].json()).resolves.toEqual({
      outOfOrderReason: 'Steps 1 to 5 ran in CI',
    });
  });

  it('confirmStep posts the request, out-of-order reason included, to /rollouts/:id/steps/:stepId/confirm', async () => {
    const requests = answerJson(rollout);
    const request = {
      expectedRevision: 2,
      note: 'Logs clean',
      outOfOrderReason: 'Tailing the logs while step 7 runs',
    };

    await client.confirmStep(rollout.id, 'step-8', request);

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      `${baseUrl}/rollouts/${rollout.id}/steps/step-8/confirm`,
    );
    await expect(requests[0].json()).resolves.toEqual(request);
  });

  it('setPreflightCheck posts to /rollouts/:id/preflight/:checkId', async () => {
    const requests = answerJson(rollout);

    await client.setPreflightCheck(rollout.id, 'check-1', {
      expectedRevision: 1,
      checked: true,
    });

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      `${baseUrl}/rollouts/${rollout.id}/preflight/check-1`,
    );
    await expect(requests[0].json()).resolves.toEqual({
      expectedRevision: 1,
      checked: true,
    });
  });

  it('setCommunicationItem posts to /rollouts/:id/communication/:itemId', async () => {
    const requests = answerJson(rollout);

    await client.setCommunicationItem(rollout.id, 'comms-1', {
      expectedRevision: 1,
      done: true,
    });

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      `${baseUrl}/rollouts/${rollout.id}/communication/comms-1`,
    );
    await expect(requests[0].json()).resolves.toEqual({
      expectedRevision: 1,
      done: true,
    });
  });

  it('skipStep and reopenStep post to /rollouts/:id/steps/:stepId/skip and /reopen', async () => {
    const requests = answerJson(rollout);

    await client.skipStep(rollout.id, 'step-1', {
      expectedRevision: 1,
      reason: 'Not needed',
    });
    await client.reopenStep(rollout.id, 'step-1', { expectedRevision: 2 });

    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      `POST ${baseUrl}/rollouts/${rollout.id}/steps/step-1/skip`,
      `POST ${baseUrl}/rollouts/${rollout.id}/steps/step-1/reopen`,
    ]);
    await expect(requests[0].json()).resolves.toEqual({
      expectedRevision: 1,
      reason: 'Not needed',
    });
    await expect(requests[1].json()).resolves.toEqual({ expectedRevision: 2 });
  });

  it('decideSignOff posts to /rollouts/:id/signoffs/:signOffId', async () => {
    const requests = answerJson(rollout);

    await client.decideSignOff(rollout.id, 'qa-lead', {
      expectedRevision: 1,
      decision: 'approved',
      note: 'Evidence attached',
    });

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      `${baseUrl}/rollouts/${rollout.id}/signoffs/qa-lead`,
    );
    await expect(requests[0].json()).resolves.toEqual({
      expectedRevision: 1,
      decision: 'approved',
      note: 'Evidence attached',
    });
  });

  it('setRolloutStatus posts to /rollouts/:id/status', async () => {
    const requests = answerJson(rollout);

    await client.setRolloutStatus(rollout.id, {
      expectedRevision: 4,
      status: 'rolled_back',
      reason: 'review_pass_failures_total spiked',
    });

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts/${rollout.id}/status`);
    await expect(requests[0].json()).resolves.toEqual({
      expectedRevision: 4,
      status: 'rolled_back',
      reason: 'review_pass_failures_total spiked',
    });
  });

  it('getGates gets /rollouts/:id/gates', async () => {
    const gates: RolloutGates = {
      rolloutId: rollout.id,
      evaluatedAt: '2025-11-21T10:00:00.000Z',
      baselineWindow: {
        start: '2025-11-20T08:00:00.000Z',
        end: '2025-11-20T09:00:00.000Z',
      },
      metrics: [],
      alerts: [],
      criteria: [],
      sources: {
        prometheus: { configured: true },
        alertmanager: { configured: false },
      },
    };
    const requests = answerJson(gates);

    await expect(client.getGates('a/b')).resolves.toEqual(gates);

    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts/a%2Fb/gates`);
  });

  it('markCriterion posts to /rollouts/:id/criteria/:criterionId', async () => {
    const requests = answerJson(rollout);

    await expect(
      client.markCriterion(rollout.id, 'criterion-2', {
        expectedRevision: 3,
        state: 'triggered',
      }),
    ).resolves.toEqual(rollout);

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      `${baseUrl}/rollouts/${rollout.id}/criteria/criterion-2`,
    );
    expect(requests[0].headers.get('Content-Type')).toBe('application/json');
    await expect(requests[0].json()).resolves.toEqual({
      expectedRevision: 3,
      state: 'triggered',
    });
  });

  it('requestSignOffs posts {} to /rollouts/:id/signoff-requests', async () => {
    const answered = {
      requested: [
        {
          signOffId: 'qa-lead',
          role: 'QA Lead',
          signers: ['group:default/qa-leads'],
        },
      ],
    };
    const requests = answerJson(answered);

    await expect(client.requestSignOffs('a/b')).resolves.toEqual(answered);

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(`${baseUrl}/rollouts/a%2Fb/signoff-requests`);
    expect(requests[0].headers.get('Content-Type')).toBe('application/json');
    await expect(requests[0].json()).resolves.toEqual({});
  });

  describe('when the backend answers with an error', () => {
    const calls: Array<[string, (api: RolloutApi) => Promise<unknown>]> = [
      ['listRollouts', api => api.listRollouts()],
      ['getRollout', api => api.getRollout(rollout.id)],
      ['getRolloutMarkdown', api => api.getRolloutMarkdown(rollout.id)],
      ['getRolloutEvents', api => api.getRolloutEvents(rollout.id)],
      [
        'createRollout',
        api =>
          api.createRollout({
            entityRef: rollout.entityRef,
            version: 'v0.3.0',
            checklist: { title: 'Rollout Checklist', steps: [] },
          }),
      ],
      [
        'importRollout',
        api =>
          api.importRollout({
            entityRef: rollout.entityRef,
            version: 'v0.3.0',
            markdown: seedMarkdown,
          }),
      ],
      [
        'updateRollout',
        api => api.updateRollout(rollout.id, { expectedRevision: 1 }),
      ],
      [
        'updateRolloutMarkdown',
        api =>
          api.updateRolloutMarkdown(rollout.id, {
            expectedRevision: 1,
            markdown: seedMarkdown,
          }),
      ],
      ['runStep', api => api.runStep(rollout.id, 'step-1')],
      [
        'setPreflightCheck',
        api =>
          api.setPreflightCheck(rollout.id, 'check-1', {
            expectedRevision: 1,
            checked: true,
          }),
      ],
      [
        'decideSignOff',
        api =>
          api.decideSignOff(rollout.id, 'qa-lead', {
            expectedRevision: 1,
            decision: 'approved',
          }),
      ],
      [
        'setRolloutStatus',
        api =>
          api.setRolloutStatus(rollout.id, {
            expectedRevision: 1,
            status: 'completed',
          }),
      ],
      ['getGates', api => api.getGates(rollout.id)],
      ['requestSignOffs', api => api.requestSignOffs(rollout.id)],
      [
        'markCriterion',
        api =>
          api.markCriterion(rollout.id, 'criterion-2', {
            expectedRevision: 1,
            state: 'ok',
          }),
      ],
    ];

    it.each(calls)(
      '%s rejects with a ResponseError carrying its message and status',
      async (_, call) => {
        answer(() =>
          HttpResponse.json(
            {
              error: {
                name: 'NotAllowedError',
                message: `Not allowed: rollout.update on rollout '${rollout.id}'`,
              },
              response: { statusCode: 403 },
            },
            { status: 403, statusText: 'Forbidden' },
          ),
        );

        const error = await call(client).then(
          () => {
            throw new Error('expected the call to reject');
          },
          (e: unknown) => e,
        );

        expect(error).toBeInstanceOf(ResponseError);
        const { statusCode, cause } = error as ResponseError;
        expect(statusCode).toBe(403);
        expect(cause.name).toBe('NotAllowedError');
        expect(cause.message).toBe(
          `Not allowed: rollout.update on rollout '${rollout.id}'`,
        );
      },
    );

    it('keeps the status of a conflict, which the tab reloads on', async () => {
      answer(() =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'Rollout is at revision 2, not 1',
            },
            response: { statusCode: 409 },
          },
          { status: 409, statusText: 'Conflict' },
        ),
      );

      await expect(
        client.decideSignOff(rollout.id, 'qa-lead', {
          expectedRevision: 1,
          decision: 'approved',
        }),
      ).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 409,
        response: expect.objectContaining({ status: 409 }),
        cause: expect.objectContaining({
          message: 'Rollout is at revision 2, not 1',
        }),
      });
    });
  });
});
