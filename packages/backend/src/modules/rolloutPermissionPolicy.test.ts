import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderServiceRef } from '@backstage/plugin-scaffolder-node';
import { ChecklistInput } from '@rollout/backstage-plugin-rollout-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import rolloutPlugin from '@rollout/backstage-plugin-rollout-backend';
import request from 'supertest';
import rolloutPermissionPolicy from './rolloutPermissionPolicy';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const entityRef = 'component:default/reviewer';

/** Who is asking, and the ownership refs the user-info service gives them. */
const identities = {
  none: undefined,
  reader: ['user:default/rita'],
  owner: ['user:default/olive', 'group:default/team-a'],
  signer: ['user:default/quinn', 'group:default/qa-leads'],
  admin: ['user:default/adam', 'group:default/release-admins'],
} as const;
type Identity = keyof typeof identities;

const header = (who: Identity) => {
  const refs = identities[who];
  return refs ? mockCredentials.user.header(refs[0]) : undefined;
};

/**
 * The mock auth services, except that a token a plugin got on behalf of a
 * user names that plugin as the actor, as real tokens do: the permission
 * backend answers conditional decisions only to such forwarded calls.
 */
function forwardingAuth() {
  const prefix = 'mock-service-token:';
  return [
    createServiceFactory({
      service: coreServices.auth,
      deps: { plugin: coreServices.pluginMetadata },
      factory({ plugin }) {
        const auth = mockServices.auth({ pluginId: plugin.getId() });
        return Object.assign(Object.create(auth), {
          async authenticate(token: string, options?: object) {
            const credentials = await auth.authenticate(token, options);
            if (token.startsWith(prefix)) {
              const { sub, obo } = JSON.parse(token.slice(prefix.length));
              if (obo) {
                return mockCredentials.user(obo, { actor: { subject: sub } });
              }
            }
            return credentials;
          },
        }) as AuthService;
      },
    }),
    createServiceFactory({
      service: coreServices.httpAuth,
      deps: { auth: coreServices.auth },
      factory: ({ auth }): HttpAuthService => ({
        async credentials(req: any, options?: { allow?: string[] }) {
          const token = /^Bearer[ ]+(\S+)$/i.exec(
            req.headers.authorization ?? '',
          )?.[1];
          const credentials = token
            ? await auth.authenticate(token)
            : await auth.getNoneCredentials();
          const { type } = credentials.principal as { type: string };
          if (options?.allow && !options.allow.includes(type)) {
            throw new AuthenticationError(
              `This endpoint does not allow '${type}' credentials`,
            );
          }
          return credentials as any;
        },
        async issueUserCookie() {
          return { expiresAt: new Date(Date.now() + 3600_000) };
        },
      }),
    }),
  ];
}

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { owner },
  };
}

/** A catalog whose entities a test may change between refreshes. */
function mutableCatalog() {
  const entities = new Map<string, Entity>([
    [entityRef, component('reviewer', 'group:default/team-a')],
  ]);
  const service = {
    async getEntityByRef(ref: string) {
      return entities.get(ref);
    },
    async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
      return { items: entityRefs.map(ref => entities.get(ref)) };
    },
  };
  return {
    entities,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => service as any,
    }),
  };
}

const checklist: ChecklistInput = {
  title: 'Rollout Checklist',
  // Both steps validate (the check names the second), so they run in a
  // draft; the ticked check lets the rollout start.
  steps: [
    { number: 1, title: 'Tail the logs', notes: '' },
    { number: 2, title: '`make build`', command: 'make build', notes: '' },
  ],
  rollbackCriteria: [{ text: 'Build fails.' }],
  migrationGuide: [],
  preflightChecks: [{ text: '`make build`', checked: true }],
  signOffs: [
    {
      role: 'QA Lead',
      responsibility: 'Approves tests',
      signers: ['group:default/qa-leads'],
    },
  ],
  metrics: [],
  alerts: [],
  communication: [{ text: 'Tell the team.' }],
};

type Case = {
  name: string;
  method: 'get' | 'post' | 'patch';
  path: (id: string) => string;
  body?: (revision: number) => object;
  /** The status each identity gets. */
  expect: Record<Identity, number>;
  /** A write that leaves the rollout as it was (only its history grows). */
  keepsRollout?: true;
};

const read = { none: 401, reader: 200, owner: 200, signer: 200, admin: 200 };
const edit = { none: 401, reader: 403, owner: 200, signer: 403, admin: 200 };

const cases: Case[] = [
  {
    name: 'GET /rollouts/:id',
    method: 'get',
    path: id => `/rollouts/${id}`,
    expect: read,
  },
  {
    name: 'GET …/markdown',
    method: 'get',
    path: id => `/rollouts/${id}/markdown`,
    expect: read,
  },
  {
    name: 'GET …/events',
    method: 'get',
    path: id => `/rollouts/${id}/events`,
    expect: read,
  },
  {
    name: 'GET …/gates',
    method: 'get',
    path: id => `/rollouts/${id}/gates`,
    expect: read,
  },
  {
    name: 'GET …/steps/:stepId/log',
    method: 'get',
    path: id => `/rollouts/${id}/steps/step-1/log`,
    expect: read,
  },
  {
    name: 'PATCH /rollouts/:id',
    method: 'patch',
    path: id => `/rollouts/${id}`,
    body: expectedRevision => ({ expectedRevision, title: 'Renamed' }),
    expect: edit,
  },
  {
    // Who signs is not the owners' to change: they could sign themselves.
    name: "PATCH /rollouts/:id changing a sign-off row's signers",
    method: 'patch',
    path: id => `/rollouts/${id}`,
    body: expectedRevision => ({
      expectedRevision,
      checklist: {
        signOffs: [
          {
            role: 'QA Lead',
            responsibility: 'Approves tests',
            signers: ['user:default/olive'],
          },
        ],
      },
    }),
    expect: { ...edit, owner: 403 },
  },
  {
    name: 'POST …/preflight/:checkId',
    method: 'post',
    path: id => `/rollouts/${id}/preflight/check-1`,
    body: expectedRevision => ({ expectedRevision, checked: true }),
    expect: edit,
  },
  {
    name: 'POST …/status',
    method: 'post',
    path: id => `/rollouts/${id}/status`,
    body: expectedRevision => ({ expectedRevision, status: 'in_progress' }),
    expect: edit,
  },
  {
    name: 'POST …/criteria/:criterionId',
    method: 'post',
    path: id => `/rollouts/${id}/criteria/criterion-1`,
    body: expectedRevision => ({ expectedRevision, state: 'ok' }),
    expect: edit,
  },
  {
    name: 'POST …/steps/:stepId/run',
    method: 'post',
    path: id => `/rollouts/${id}/steps/step-2/run`,
    body: () => ({ outOfOrderReason: 'Step 1 is watched by hand' }),
    expect: { ...edit, owner: 202, admin: 202 },
  },
  {
    name: 'POST …/steps/:stepId/confirm',
    method: 'post',
    path: id => `/rollouts/${id}/steps/step-1/confirm`,
    body: expectedRevision => ({ expectedRevision }),
    expect: edit,
  },
  {
    name: 'POST …/steps/:stepId/skip',
    method: 'post',
    path: id => `/rollouts/${id}/steps/step-1/skip`,
    body: expectedRevision => ({ expectedRevision, reason: 'Not needed' }),
    expect: edit,
  },
  {
    name: 'POST …/communication/:itemId',
    method: 'post',
    path: id => `/rollouts/${id}/communication/comms-1`,
    body: expectedRevision => ({ expectedRevision, done: true }),
    expect: edit,
  },
  {
    name: 'POST …/steps/:stepId/report',
    method: 'post',
    path: id => `/rollouts/${id}/steps/step-1/report`,
    // Allowed callers get as far as the rule: the step has no running task.
    body: () => ({ status: 'succeeded', taskId: 'task-1', reportKey: 'k' }),
    expect: { ...edit, owner: 409, admin: 409 },
  },
  {
    // Admins may do everything the signer rule leaves them: they are not
    // signers of this row, so they may not decide it.
    name: 'POST …/signoffs/:signOffId',
    method: 'post',
    path: id => `/rollouts/${id}/signoffs/qa-lead`,
    body: expectedRevision => ({ expectedRevision, decision: 'approved' }),
    expect: { none: 401, reader: 403, owner: 403, signer: 200, admin: 403 },
  },
  {
    name: 'POST …/signoff-requests',
    method: 'post',
    path: id => `/rollouts/${id}/signoff-requests`,
    body: () => ({}),
    expect: edit,
    keepsRollout: true,
  },
];

describe.each(databases.eachSupportedId())(
  'the example rollout policy on %p',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const catalog = mutableCatalog();
      const auditEvents: Array<{
        eventId: string;
        success: jest.Mock;
        fail: jest.Mock;
      }> = [];
      const auditor = mockServices.auditor.mock({
        async createEvent({ eventId }) {
          const event = { eventId, success: jest.fn(), fail: jest.fn() };
          auditEvents.push(event);
          return event;
        },
      });
      const userInfo = mockServices.userInfo.mock({
        async getUserInfo(credentials: BackstageCredentials) {
          const { userEntityRef } = (
            credentials as BackstageCredentials<BackstageUserPrincipal>
          ).principal;
          const refs = Object.values(identities).find(
            r => r?.[0] === userEntityRef,
          );
          return {
            userEntityRef,
            ownershipEntityRefs: [...(refs ?? [userEntityRef])],
          };
        },
      });
      const scheduler = mockServices.scheduler.mock();
      let tasks = 0;
      const { server } = await startTestBackend({
        features: [
          rolloutPlugin,
          permissionPlugin,
          rolloutPermissionPolicy,
          permissionsServiceFactory,
          ...forwardingAuth(),
          catalog.factory,
          auditor.factory,
          userInfo.factory,
          scheduler.factory,
          createServiceFactory({
            service: scaffolderServiceRef,
            deps: {},
            factory: () =>
              ({
                async scaffold() {
                  tasks += 1;
                  return { taskId: `task-${tasks}` };
                },
              } as any),
          }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              rollout: {
                permissions: { admins: ['group:default/release-admins'] },
                owners: { refreshFrequency: '30s' },
                steps: { defaultTemplate: 'template:default/rollout-step' },
              },
            },
          }),
        ],
      });
      const api = (
        who: Identity,
        method: 'get' | 'post' | 'patch',
        path: string,
      ) => {
        const req = request(server)[method](`/api/rollout${path}`);
        const auth = header(who);
        return auth ? req.set('Authorization', auth) : req;
      };
      const create = async (version: string) => {
        const res = await api('admin', 'post', '/rollouts').send({
          entityRef,
          version,
          checklist,
        });
        expect(res.body).toMatchObject({ entityRef });
        return res.body as { id: string; revision: number };
      };
      const refreshOwners = () =>
        scheduler.scheduleTask.mock.calls
          .map(([task]) => task)
          .find(task => task.id === 'rollout-owner-refresh')!;
      return { api, create, auditEvents, catalog, refreshOwners, knex };
    }

    let env: Awaited<ReturnType<typeof start>>;
    let version = 0;

    beforeAll(async () => {
      env = await start();
    });

    const matrix = cases.flatMap(c =>
      (Object.keys(identities) as Identity[]).map(
        who => [c.name, who, c.expect[who], c] as const,
      ),
    );

    it.each(matrix)('%s as %s → %i', async (_name, who, status, c) => {
      const rollout = await env.create(`v${(version += 1)}`);
      const before = await env.api('admin', 'get', `/rollouts/${rollout.id}`);
      const audited = env.auditEvents.length;

      let req = env.api(who, c.method, c.path(rollout.id));
      if (c.body) {
        req = req.send(c.body(rollout.revision));
      }
      const res = await req;
      expect(res.status).toBe(status);

      const [event] = env.auditEvents.slice(audited);
      const after = await env.api('admin', 'get', `/rollouts/${rollout.id}`);
      const audit = (): string => {
        if (!event) return 'none';
        if (event.success.mock.calls.length) return 'success';
        return event.fail.mock.calls[0]?.[0]?.error?.name ?? 'pending';
      };
      const writes = c.method !== 'get' && !c.keepsRollout;
      const expected: Record<number, { changed: boolean; audit: string }> = {
        401: { changed: false, audit: 'none' },
        403: { changed: false, audit: 'NotAllowedError' },
        409: { changed: false, audit: 'ConflictError' },
      };
      expect({
        changed: JSON.stringify(after.body) !== JSON.stringify(before.body),
        audit: audit(),
      }).toEqual(expected[status] ?? { changed: writes, audit: 'success' });
    });

    it.each([
      ['none', 401],
      ['reader', 403],
      ['signer', 403],
      ['owner', 201],
      ['admin', 201],
    ] as const)(
      'POST /rollouts as %s → %i, and only the catalog’s entities',
      async (who, status) => {
        const res = await env
          .api(who, 'post', '/rollouts')
          .send({ entityRef, version: `create-${who}`, checklist });
        expect(res.status).toBe(status);
        const found = await env
          .api('admin', 'get', '/rollouts')
          .query({ entityRef });
        const versions = found.body.items.map(
          (r: { version: string }) => r.version,
        );
        expect(versions.includes(`create-${who}`)).toBe(status === 201);

        const unknown = await env.api('admin', 'post', '/rollouts').send({
          entityRef: 'component:default/nope',
          version: `create-${who}`,
          checklist,
        });
        expect(unknown.status).toBe(400);
        expect(unknown.body.error.message).toContain(
          "entityRef: the catalog has no entity 'component:default/nope'",
        );
      },
    );

    it.each(['reader', 'owner', 'signer', 'admin'] as const)(
      'GET /rollouts lists every rollout to the %s',
      async who => {
        const all = await env.api('admin', 'get', '/rollouts').query({
          entityRef,
          limit: 200,
        });
        const res = await env
          .api(who, 'get', '/rollouts')
          .query({ entityRef, limit: 200 });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBe(all.body.items.length);
        expect(res.body.items.length).toBeGreaterThan(0);
      },
    );

    it('GET /rollouts answers 401 without an identity', async () => {
      expect((await env.api('none', 'get', '/rollouts')).status).toBe(401);
    });

    it('follows a change of owner in the catalog within one refresh', async () => {
      const rollout = await env.create('owner-change');
      const task = env.refreshOwners();
      expect(task.frequency).toEqual({ seconds: 30 });
      const rename = (who: Identity, expectedRevision: number) =>
        env
          .api(who, 'patch', `/rollouts/${rollout.id}`)
          .send({ expectedRevision, title: `Renamed by ${who}` });

      expect((await rename('reader', rollout.revision)).status).toBe(403);

      // The reader's own user entity becomes the owner.
      env.catalog.entities.set(
        entityRef,
        component('reviewer', 'user:default/rita'),
      );
      await task.fn(new AbortController().signal);

      expect((await rename('owner', rollout.revision)).status).toBe(403);
      const renamed = await rename('reader', rollout.revision);
      expect(renamed.status).toBe(200);
      expect(renamed.body.ownerRef).toBe('user:default/rita');

      env.catalog.entities.set(
        entityRef,
        component('reviewer', 'group:default/team-a'),
      );
      await task.fn(new AbortController().signal);
      expect((await rename('reader', renamed.body.revision)).status).toBe(403);
    });
  },
);
