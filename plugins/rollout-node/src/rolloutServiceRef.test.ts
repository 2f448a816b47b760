import {
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotFoundError, ResponseError } from '@backstage/errors';
import {
  Rollout,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutService } from './RolloutService';
import { rolloutServiceRef } from './rolloutServiceRef';

const rollout = {
  id: 'r1',
  entityRef: 'component:default/multipass-reviewer',
  version: 'v0.3.0',
  title: 'multipass-reviewer v0.3.0',
  status: 'draft',
  revision: 1,
  createdBy: 'user:default/jane',
  createdAt: '2026-11-26T12:00:00.000Z',
  updatedAt: '2026-11-26T12:00:00.000Z',
  checklist: {
    title: 'multipass-reviewer v0.3.0',
    steps: [],
    rollbackCriteria: [],
    migrationGuide: [],
    preflightChecks: [],
    signOffs: [],
    metrics: [],
    alerts: [],
    communication: [],
  },
} satisfies Rollout;

const gates = {
  rolloutId: 'a/b c',
  evaluatedAt: '2026-11-26T13:00:00.000Z',
  baselineWindow: {
    start: '2026-11-25T12:00:00.000Z',
    end: '2026-11-26T12:00:00.000Z',
  },
  metrics: [
    {
      metricId: 'metric-1',
      name: 'review_pass_failures_total',
      query: 'sum(rate(review_pass_failures_total[5m]))',
      expectation: 'no_increase',
      value: 0.21,
      baseline: 0.2,
      series: [[1795608000, 0.21]],
      state: 'ok',
    },
  ],
  alerts: [
    { alertId: 'alert-1', name: 'MCPReviewerJobFailuresHigh', state: 'firing' },
  ],
  criteria: [],
  sources: {
    prometheus: { configured: true },
    alertmanager: { configured: true },
  },
} satisfies RolloutGates;

/** A request as the rollout plugin received it. */
type Received = {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
  credentials: BackstageCredentials;
};

/**
 * The service as another plugin gets it from its default factory, calling a
 * stand-in rollout plugin in the same test backend over real HTTP, with the
 * test backend's discovery and mock auth.
 */
describe('rolloutServiceRef', () => {
  let service: RolloutService;
  let received: Received[];
  let respond: () => { status: number; body: unknown };
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'caller',
          register(env) {
            env.registerInit({
              deps: { rollout: rolloutServiceRef },
              async init(deps) {
                service = deps.rollout;
              },
            });
          },
        }),
        createBackendPlugin({
          pluginId: 'rollout',
          register(env) {
            env.registerInit({
              deps: {
                httpRouter: coreServices.httpRouter,
                httpAuth: coreServices.httpAuth,
              },
              async init({ httpRouter, httpAuth }) {
                httpRouter.use((req, res, next) => {
                  (async () => {
                    const chunks: Buffer[] = [];
                    for await (const chunk of req) {
                      chunks.push(chunk);
                    }
                    received.push({
                      method: req.method,
                      url: req.url,
                      authorization: req.headers.authorization,
                      contentType: req.headers['content-type'],
                      body: Buffer.concat(chunks).toString('utf8'),
                      credentials: await httpAuth.credentials(req),
                    });
                    const { status, body } = respond();
                    if (body instanceof Error) {
                      throw body;
                    }
                    res.status(status).json(body);
                  })().catch(next);
                });
              },
            });
          },
        }),
      ],
    });
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  beforeEach(() => {
    received = [];
    respond = () => ({ status: 200, body: rollout });
  });

  const jane = mockCredentials.user('user:default/jane');
  const bearerFor = (credentials: BackstageCredentials) =>
    `Bearer ${mockCredentials.service.token({
      onBehalfOf: credentials,
      targetPluginId: 'rollout',
    })}`;

  describe('createRollout', () => {
    it('posts a checklist object as JSON, on behalf of the user', async () => {
      respond = () => ({ status: 201, body: rollout });
      const request = {
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
        checklist: { title: 'multipass-reviewer v0.3.0', steps: [] },
      };

      await expect(
        service.createRollout(request, { credentials: jane }),
      ).resolves.toEqual(rollout);

      expect(received).toEqual([
        {
          method: 'POST',
          url: '/rollouts',
          authorization: bearerFor(jane),
          contentType: 'application/json',
          body: JSON.stringify(request),
          credentials: jane,
        },
      ]);
    });

    it('posts a markdown checklist with the rest in the query', async () => {
      const markdown = '# multipass-reviewer v0.3.0\n\n| a | b |\n';

      await service.createRollout(
        {
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
          previousVersion: 'v0.2.0',
          title: undefined,
          markdown,
        },
        { credentials: jane },
      );

      expect(received).toEqual([
        {
          method: 'POST',
          url: '/rollouts?entityRef=component%3Adefault%2Fmultipass-reviewer&version=v0.3.0&previousVersion=v0.2.0',
          authorization: bearerFor(jane),
          contentType: 'text/markdown',
          body: markdown,
          credentials: jane,
        },
      ]);
    });
  });

  it('getRollout gets /rollouts/:id with the id encoded', async () => {
    await expect(
      service.getRollout('a/b c', { credentials: jane }),
    ).resolves.toEqual(rollout);

    expect(received).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/rollouts/a%2Fb%20c',
        authorization: bearerFor(jane),
        body: '',
      }),
    ]);
  });

  it('getGates gets /rollouts/:id/gates with the id encoded', async () => {
    respond = () => ({ status: 200, body: gates });

    await expect(
      service.getGates('a/b c', { credentials: jane }),
    ).resolves.toEqual(gates);

    expect(received).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/rollouts/a%2Fb%20c/gates',
        authorization: bearerFor(jane),
        body: '',
        credentials: jane,
      }),
    ]);
  });

  it('reportStep posts the result, without the ids, to the step', async () => {
    const scaffolder = mockCredentials.service('plugin:scaffolder');

    await expect(
      service.reportStep(
        {
          rolloutId: 'r1',
          stepId: 'step-2',
          status: 'failed',
          summary: 'make review-test exited with code 2',
          taskId: 'task-1',
          reportKey: 'key-of-task-1',
        },
        { credentials: scaffolder },
      ),
    ).resolves.toEqual(rollout);

    expect(received).toEqual([
      {
        method: 'POST',
        url: '/rollouts/r1/steps/step-2/report',
        authorization: bearerFor(scaffolder),
        contentType: 'application/json',
        body: JSON.stringify({
          status: 'failed',
          summary: 'make review-test exited with code 2',
          taskId: 'task-1',
          reportKey: 'key-of-task-1',
        }),
        credentials: scaffolder,
      },
    ]);
  });

  it('requestSignOffs posts an empty body to the rollout and returns the rows asked', async () => {
    const requested = {
      requested: [
        {
          signOffId: 'qa-lead',
          role: 'QA Lead',
          signers: ['group:default/qa-leads'],
        },
      ],
    };
    respond = () => ({ status: 200, body: requested });

    await expect(
      service.requestSignOffs({ rolloutId: 'a/b c' }, { credentials: jane }),
    ).resolves.toEqual(requested);

    expect(received).toEqual([
      {
        method: 'POST',
        url: '/rollouts/a%2Fb%20c/signoff-requests',
        authorization: bearerFor(jane),
        contentType: 'application/json',
        body: '{}',
        credentials: jane,
      },
    ]);
  });

  it("throws the rollout plugin's error as a ResponseError", async () => {
    respond = () => ({
      status: 404,
      body: new NotFoundError('No rollout with id "r9"'),
    });

    const error = await service
      .getRollout('r9', { credentials: jane })
      .catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause).toMatchObject({
      name: 'NotFoundError',
      message: 'No rollout with id "r9"',
    });
  });

  it('sends nothing when no token can be issued for the credentials', async () => {
    await expect(
      service.getRollout('r1', { credentials: mockCredentials.none() }),
    ).rejects.toThrow(/Refused to issue service token/);
    expect(received).toHaveLength(0);
  });
});
