/*
 * The plugin with its dependencies down, each in a real way: a closed port,
 * a server that accepts and never answers, one that stalls in the body, one
 * that answers 500, one that answers something other than JSON. Prometheus
 * and Alertmanager through app-config, the catalog and the notifications
 * backend through discovery, reached by their real clients.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Checklist } from '@rollout/backstage-plugin-rollout-common';
import { Server } from 'http';
import request from 'supertest';
import { createTestDatabases, smallChecklist } from './__testUtils__/fixtures';
import {
  closedPortUrl,
  DownServer,
  FakeApi,
  startFakeApi,
  startHungServer,
  startRawServer,
} from './gates/__testUtils__/servers';
import { rolloutPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const entityRef = 'component:default/payments-api';

/** The small checklist, signed off by the mock user and watching a query. */
function checklist(): Checklist {
  const small = smallChecklist();
  return {
    ...small,
    rollbackCriteria: [
      {
        ...small.rollbackCriteria[0],
        query: 'sum(rate(build_failures_total[5m]))',
        comparison: { operator: '>', threshold: 0 },
      },
    ] as Checklist['rollbackCriteria'],
    signOffs: small.signOffs.map(row => ({
      ...row,
      signers: ['user:default/mock'],
    })),
  };
}

/** A catalog that has the released entity. */
function startCatalog(): Promise<FakeApi> {
  return startFakeApi(({ url }) =>
    url.pathname === '/entities/by-name/component/default/payments-api'
      ? {
          status: 200,
          body: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments-api', namespace: 'default' },
            spec: { owner: 'group:default/payments' },
          },
        }
      : { status: 404, body: { error: { name: 'NotFoundError' } } },
  );
}

type Dependencies = {
  prometheus?: string;
  alertmanager?: string;
  /** Discovery's answer for each plugin, which may change during a test. */
  plugins: Record<string, string>;
};

async function start(dependencies: Dependencies) {
  const knex = await databases.init('SQLITE_3');
  const scheduler = mockServices.scheduler.mock();
  const discovery = createServiceFactory({
    service: coreServices.discovery,
    deps: {},
    factory: () => ({
      getBaseUrl: async (pluginId: string) => dependencies.plugins[pluginId],
      getExternalBaseUrl: async (pluginId: string) =>
        dependencies.plugins[pluginId],
    }),
  });
  const backend = await startTestBackend({
    features: [
      rolloutPlugin,
      discovery,
      scheduler.factory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          rollout: {
            // The tests run the scheduled evaluation by hand, back to back,
            // each run standing for one a whole interval after the last: an
            // evaluation is never fresh for the next.
            gates: { frequency: { milliseconds: 1 } },
            ...(dependencies.prometheus
              ? {
                  prometheus: {
                    baseUrl: dependencies.prometheus,
                    timeout: { milliseconds: 500 },
                  },
                }
              : {}),
            ...(dependencies.alertmanager
              ? {
                  alertmanager: {
                    baseUrl: dependencies.alertmanager,
                    timeout: { milliseconds: 500 },
                  },
                }
              : {}),
          },
        },
      }),
    ],
  });
  const task = (id: string) =>
    scheduler.scheduleTask.mock.calls
      .map(
        ([definition]) =>
          definition as SchedulerServiceTaskScheduleDefinition & {
            id: string;
            fn: Function;
          },
      )
      .find(definition => definition.id === id)!;
  return { server: backend.server, task, stop: () => backend.stop() };
}

async function createRollout(server: Server) {
  const created = await request(server)
    .post('/api/rollout/rollouts')
    .set('Authorization', user)
    .send({ entityRef, version: 'v2.1.0', checklist: checklist() });
  expect(created.status).toBe(201);
  return created.body as { id: string; revision: number };
}

async function setStatus(
  server: Server,
  id: string,
  status: string,
): Promise<void> {
  const { body } = await request(server)
    .get(`/api/rollout/rollouts/${id}`)
    .set('Authorization', user);
  let revision: number = body.revision;
  if (body.status === 'draft' && status === 'in_progress') {
    // Starting needs every pre-flight check ticked.
    for (const check of body.checklist.preflightChecks) {
      const ticked = await request(server)
        .post(`/api/rollout/rollouts/${id}/preflight/${check.id}`)
        .set('Authorization', user)
        .send({ expectedRevision: revision, checked: true })
        .expect(200);
      revision = ticked.body.revision;
    }
  }
  await request(server)
    .post(`/api/rollout/rollouts/${id}/status`)
    .set('Authorization', user)
    .send({ expectedRevision: revision, status })
    .expect(200);
}

/** Every row of the gates, as `[kind, state, reason]`. */
function rows(body: {
  metrics: Array<{ state: string; reason?: string }>;
  alerts: Array<{ state: string; reason?: string }>;
  criteria: Array<{ state: string; reason?: string }>;
}) {
  return [
    ...body.metrics.map(m => ['metric', m.state, m.reason]),
    ...body.alerts.map(a => ['alert', a.state, a.reason]),
    ...body.criteria.map(c => ['criterion', c.state, c.reason]),
  ];
}

describe('the rollout plugin with its dependencies down', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) {
      await close();
    }
  });
  async function started(dependencies: Dependencies) {
    const backend = await start(dependencies);
    cleanup.push(backend.stop);
    return backend;
  }
  async function server<T extends DownServer | FakeApi>(
    promise: Promise<T>,
  ): Promise<T> {
    const s = await promise;
    cleanup.push(() => s.close());
    return s;
  }

  /**
   * Starts the plugin with Prometheus and Alertmanager at these URLs, makes
   * a rollout while the catalog is up, and reads its gates.
   */
  async function gatesWith(prometheus: string, alertmanager: string) {
    const catalog = await server(startCatalog());
    const { server: app } = await started({
      prometheus,
      alertmanager,
      plugins: { catalog: catalog.baseUrl },
    });
    const { id } = await createRollout(app);
    const startedAt = Date.now();
    const gates = await request(app)
      .get(`/api/rollout/rollouts/${id}/gates`)
      .set('Authorization', user);
    return { gates, tookMs: Date.now() - startedAt };
  }

  describe('GET /rollouts/:id/gates', () => {
    it('answers 200 with every row unknown when Prometheus and Alertmanager refuse connections', async () => {
      const prometheus = await closedPortUrl();
      const alertmanager = await closedPortUrl();
      const { gates } = await gatesWith(prometheus, alertmanager);

      expect(gates.status).toBe(200);
      const refusedBy = (name: string, url: string) =>
        `${name} at ${url}/ did not answer: connect ECONNREFUSED ${
          new URL(url).host
        }`;
      expect(rows(gates.body)).toEqual([
        ['metric', 'unknown', refusedBy('Prometheus', prometheus)],
        ['alert', 'unknown', refusedBy('Alertmanager', alertmanager)],
        ['criterion', 'unknown', refusedBy('Prometheus', prometheus)],
      ]);
      const refused = (source: string, url: string) => ({
        type: 'sourceFailed',
        source,
        url: `${url}/`,
        problem: 'unreachable',
        detail: `connect ECONNREFUSED ${new URL(url).host}`,
      });
      expect(gates.body.sources).toEqual({
        prometheus: {
          configured: true,
          because: refused('prometheus', prometheus),
          error: refusedBy('Prometheus', prometheus),
        },
        alertmanager: {
          configured: true,
          because: refused('alertmanager', alertmanager),
          error: refusedBy('Alertmanager', alertmanager),
        },
      });
      expect(gates.body.metrics[0].because).toEqual(
        refused('prometheus', prometheus),
      );
    });

    it('answers 200 within the timeout when Prometheus and Alertmanager accept connections and never answer', async () => {
      const prometheus = await server(startHungServer());
      const alertmanager = await server(startHungServer());
      const { gates, tookMs } = await gatesWith(
        prometheus.baseUrl,
        alertmanager.baseUrl,
      );

      expect(gates.status).toBe(200);
      expect(prometheus.connections()).toBeGreaterThan(0);
      expect(alertmanager.connections()).toBeGreaterThan(0);
      expect(rows(gates.body)).toEqual([
        [
          'metric',
          'unknown',
          `Prometheus at ${prometheus.baseUrl}/ did not answer within 500ms`,
        ],
        [
          'alert',
          'unknown',
          `Alertmanager at ${alertmanager.baseUrl}/ did not answer within 500ms`,
        ],
        [
          'criterion',
          'unknown',
          `Prometheus at ${prometheus.baseUrl}/ did not answer within 500ms`,
        ],
      ]);
      // Every read runs at once: the whole answer takes one timeout, not six.
      expect(tookMs).toBeLessThan(2_500);
    });

    it('answers 200 within the timeout when Prometheus sends headers and stalls in the body', async () => {
      const prometheus = await server(startHungServer({ sendHeaders: true }));
      const { gates } = await gatesWith(
        prometheus.baseUrl,
        await closedPortUrl(),
      );

      expect(gates.status).toBe(200);
      expect(gates.body.metrics[0]).toMatchObject({
        state: 'unknown',
        reason: `Prometheus at ${prometheus.baseUrl}/ did not answer within 500ms`,
      });
    });

    it('answers 200 with every row unknown when Prometheus and Alertmanager answer 500', async () => {
      const prometheus = await server(
        startRawServer(500, '<html>Internal Server Error</html>'),
      );
      const alertmanager = await server(
        startRawServer(503, '"cluster not ready"', 'application/json'),
      );
      const { gates } = await gatesWith(
        prometheus.baseUrl,
        alertmanager.baseUrl,
      );

      expect(gates.status).toBe(200);
      expect(rows(gates.body)).toEqual([
        [
          'metric',
          'unknown',
          `Prometheus at ${prometheus.baseUrl}/ answered HTTP 500 Internal Server Error`,
        ],
        [
          'alert',
          'unknown',
          `Alertmanager at ${alertmanager.baseUrl}/ answered HTTP 503 Service Unavailable: cluster not ready`,
        ],
        [
          'criterion',
          'unknown',
          `Prometheus at ${prometheus.baseUrl}/ answered HTTP 500 Internal Server Error`,
        ],
      ]);
    });

    it('answers 200 with every row unknown when Prometheus and Alertmanager answer 200 with something other than JSON', async () => {
      const prometheus = await server(
        startRawServer(200, '<html>login</html>'),
      );
      const alertmanager = await server(startRawServer(200, 'OK'));
      const { gates } = await gatesWith(
        prometheus.baseUrl,
        alertmanager.baseUrl,
      );

      expect(gates.status).toBe(200);
      expect(rows(gates.body)).toEqual([
        [
          'metric',
          'unknown',
          expect.stringMatching(
            `^Prometheus at ${prometheus.baseUrl}/ answered with a body that is not JSON: `,
          ),
        ],
        [
          'alert',
          'unknown',
          expect.stringMatching(
            `^Alertmanager at ${alertmanager.baseUrl}/ answered with a body that is not JSON: `,
          ),
        ],
        [
          'criterion',
          'unknown',
          expect.stringMatching(
            `^Prometheus at ${prometheus.baseUrl}/ answered with a body that is not JSON: `,
          ),
        ],
      ]);
    });
  });

  describe('the scheduled gate evaluation', () => {
    it('neither blocks a rollout in progress nor unblocks a blocked one when Prometheus and Alertmanager are down', async () => {
      const catalog = await server(startCatalog());
      // Alertmanager fires the watched alert until it goes down.
      const alertmanager = await startFakeApi(() => ({
        status: 200,
        body: [
          {
            labels: { alertname: 'BuildFailing' },
            status: { state: 'active' },
          },
        ],
      }));
      let alertmanagerUp = true;
      cleanup.push(async () => {
        if (alertmanagerUp) await alertmanager.close();
      });
      const { server: app, task } = await started({
        prometheus: await closedPortUrl(),
        alertmanager: alertmanager.baseUrl,
        plugins: { catalog: catalog.baseUrl },
      });
      const blocked = await createRollout(app);
      await setStatus(app, blocked.id, 'in_progress');
      const evaluate = () =>
        task('rollout-gates').fn(new AbortController().signal);
      await evaluate();
      const statusOf = async (id: string) =>
        (
          await request(app)
            .get(`/api/rollout/rollouts/${id}`)
            .set('Authorization', user)
        ).body.status;
      expect(await statusOf(blocked.id)).toBe('blocked');

      await alertmanager.close();
      alertmanagerUp = false;
      const running = await request(app)
        .post('/api/rollout/rollouts')
        .set('Authorization', user)
        .send({ entityRef, version: 'v2.2.0', checklist: checklist() });
      await setStatus(app, running.body.id, 'in_progress');
      await evaluate();
      await evaluate();

      expect(await statusOf(blocked.id)).toBe('blocked');
      expect(await statusOf(running.body.id)).toBe('in_progress');
      const gates = await request(app)
        .get(`/api/rollout/rollouts/${blocked.id}/gates`)
        .set('Authorization', user);
      expect(gates.status).toBe(200);
      expect(gates.body.alerts[0]).toMatchObject({
        state: 'unknown',
        reason: expect.stringContaining('ECONNREFUSED'),
      });
      expect(gates.body.blockedBy.message).toBe(
        'Blocked: alert BuildFailing is firing',
      );
      // The outage is in the history, as a change to unknown with the reason.
      const events = await request(app)
        .get(`/api/rollout/rollouts/${blocked.id}/events`)
        .set('Authorization', user);
      expect(
        events.body.items.map((e: { message: string }) => e.message),
      ).toContain(
        `Gate alert BuildFailing: firing → unknown (Alertmanager at ${
          alertmanager.baseUrl
        }/ did not answer: connect ECONNREFUSED ${
          new URL(alertmanager.baseUrl).host
        })`,
      );
    });
  });

  describe('the catalog', () => {
    it('answers a create with 503 naming the catalog when it refuses connections, and every read 200', async () => {
      const catalog = await server(startCatalog());
      const plugins: Record<string, string> = { catalog: catalog.baseUrl };
      const { server: app, task } = await started({ plugins });
      const { id } = await createRollout(app);

      plugins.catalog = await closedPortUrl();
      const create = await request(app)
        .post('/api/rollout/rollouts')
        .set('Authorization', user)
        .send({ entityRef, version: 'v2.2.0', checklist: checklist() });
      expect(create.status).toBe(503);
      expect(create.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: `The catalog did not answer the lookup of '${entityRef}': request to ${
          plugins.catalog
        }/entities/by-name/component/default/payments-api failed, reason: connect ECONNREFUSED ${
          new URL(plugins.catalog).host
        }; try again later`,
      });

      for (const path of [
        '/api/rollout/rollouts',
        `/api/rollout/rollouts?entityRef=${entityRef}`,
        `/api/rollout/rollouts/${id}`,
        `/api/rollout/rollouts/${id}/markdown`,
        `/api/rollout/rollouts/${id}/events`,
        `/api/rollout/rollouts/${id}/gates`,
      ]) {
        const read = await request(app).get(path).set('Authorization', user);
        expect({ path, status: read.status }).toEqual({ path, status: 200 });
      }

      // The scheduled owner refresh fails the same clear way; the scheduler logs it.
      await expect(
        task('rollout-owner-refresh').fn(new AbortController().signal),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          /^The catalog did not answer the refresh of owners: .*ECONNREFUSED/,
        ),
      });
    });

    it('answers a create with 503 when the catalog answers 500', async () => {
      const catalog = await server(
        startRawServer(
          500,
          JSON.stringify({
            error: { name: 'Error', message: 'database unavailable' },
            response: { statusCode: 500 },
          }),
          'application/json',
        ),
      );
      const { server: app } = await started({
        plugins: { catalog: catalog.baseUrl },
      });
      const create = await request(app)
        .post('/api/rollout/rollouts')
        .set('Authorization', user)
        .send({ entityRef, version: 'v2.1.0', checklist: checklist() });
      expect(create.status).toBe(503);
      expect(create.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: `The catalog answered the lookup of '${entityRef}' with HTTP 500 Internal Server Error: database unavailable; try again later`,
      });
    });

    it('answers a create with 503 after the timeout when the catalog accepts connections and never answers', async () => {
      const catalog = await server(startHungServer());
      const { server: app } = await started({
        plugins: { catalog: catalog.baseUrl },
      });
      const create = await request(app)
        .post('/api/rollout/rollouts')
        .set('Authorization', user)
        .send({ entityRef, version: 'v2.1.0', checklist: checklist() });
      expect(catalog.connections()).toBeGreaterThan(0);
      expect(create.status).toBe(503);
      expect(create.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: `The catalog did not answer the lookup of '${entityRef}' within 10000ms; try again later`,
      });
    });

    it('still answers 400 for an entity an answering catalog does not have', async () => {
      const catalog = await server(startCatalog());
      const { server: app } = await started({
        plugins: { catalog: catalog.baseUrl },
      });
      const create = await request(app)
        .post('/api/rollout/rollouts')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/nowhere',
          version: 'v1',
          checklist: checklist(),
        });
      expect(create.status).toBe(400);
    });
  });

  describe('the notifications backend', () => {
    /** Requests sign-off and approves it with notifications at `url`. */
    async function signOffWith(url: string) {
      const catalog = await server(startCatalog());
      const { server: app } = await started({
        plugins: { catalog: catalog.baseUrl, notifications: url },
      });
      const { id } = await createRollout(app);
      const requested = await request(app)
        .post(`/api/rollout/rollouts/${id}/signoff-requests`)
        .set('Authorization', user);
      const { revision } = (
        await request(app)
          .get(`/api/rollout/rollouts/${id}`)
          .set('Authorization', user)
      ).body;
      const decided = await request(app)
        .post(`/api/rollout/rollouts/${id}/signoffs/qa-lead`)
        .set('Authorization', user)
        .send({ expectedRevision: revision, decision: 'approved' });
      const stored = await request(app)
        .get(`/api/rollout/rollouts/${id}`)
        .set('Authorization', user);
      return { requested, decided, stored };
    }

    it('keeps and answers a sign-off request and decision when it refuses connections', async () => {
      const { requested, decided, stored } = await signOffWith(
        await closedPortUrl(),
      );
      expect(requested.status).toBe(200);
      expect(requested.body.requested).toHaveLength(1);
      expect(decided.status).toBe(200);
      expect(stored.body.checklist.signOffs[0]).toMatchObject({
        decision: 'approved',
        decidedBy: 'user:default/mock',
      });
    });

    it('keeps and answers a sign-off decision when it answers 500', async () => {
      const notifications = await server(
        startRawServer(500, '<html>oops</html>'),
      );
      const { requested, decided, stored } = await signOffWith(
        notifications.baseUrl,
      );
      expect(notifications.connections()).toBeGreaterThan(0);
      expect(requested.status).toBe(200);
      expect(decided.status).toBe(200);
      expect(stored.body.checklist.signOffs[0].decision).toBe('approved');
    });

    it('keeps and answers a sign-off decision after the timeout when it accepts connections and never answers', async () => {
      const notifications = await server(startHungServer());
      const { requested, decided, stored } = await signOffWith(
        notifications.baseUrl,
      );
      expect(notifications.connections()).toBeGreaterThan(0);
      expect(requested.status).toBe(200);
      expect(decided.status).toBe(200);
      expect(stored.body.checklist.signOffs[0].decision).toBe('approved');
    });
  });
});
