import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { rolloutReadPermission } from '@rollout/backstage-plugin-rollout-common';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/fixtures';
import { startFakeApi } from './gates/__testUtils__/servers';
import {
  createRolloutConditionalDecision,
  rolloutConditions,
} from './permissions/conditionExports';
import { rolloutPlugin } from './plugin';

const databases = createTestDatabases();
const examples = path.resolve(__dirname, '../../../examples/rollouts');

describe('rolloutPlugin', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('serves the demo rollout, loaded once across restarts', async () => {
      const knex = await databases.init(databaseId);
      const start = () =>
        startTestBackend({
          features: [
            rolloutPlugin,
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                rollout: { demo: { enabled: true, directory: examples } },
              },
            }),
          ],
        });

      const first = await start();
      await first.stop();
      const { server } = await start();

      // Every manifest once, its history replayed through the plugin's own
      // step runner: one of them completed.
      const all = await request(server)
        .get('/api/rollout/rollouts')
        .set('Authorization', mockCredentials.user.header());
      expect(all.body.items).toHaveLength(
        fs.readdirSync(examples).filter(file => file.endsWith('.yaml')).length,
      );
      expect(all.body.items).toContainEqual(
        expect.objectContaining({
          entityRef: 'component:default/multipass-gateway',
          version: 'v1.4.0',
          status: 'completed',
        }),
      );

      const list = await request(server)
        .get('/api/rollout/rollouts')
        .query({ entityRef: 'component:default/multipass-reviewer' })
        .set('Authorization', mockCredentials.user.header());
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
        status: 'draft',
      });

      const rollout = await request(server)
        .get(`/api/rollout/rollouts/${list.body.items[0].id}`)
        .set('Authorization', mockCredentials.user.header());
      const { checklist } = rollout.body;
      expect(checklist.steps).toHaveLength(10);
      expect(checklist.steps[9]).toMatchObject({
        number: 10,
        kind: 'rollback',
      });
      expect(checklist.rollbackCriteria).toHaveLength(3);
      expect(checklist.migrationGuide).toHaveLength(5);
      expect(checklist.preflightChecks).toHaveLength(7);
      expect(checklist.signOffs).toHaveLength(4);
      expect(checklist.metrics).toHaveLength(4);
      expect(checklist.alerts).toHaveLength(2);
      expect(checklist.communication).toHaveLength(3);
      expect(
        checklist.signOffs.map((row: { signers: string[] }) => row.signers),
      ).toEqual([
        ['group:default/architecture-leads'],
        ['group:default/qa-leads'],
        ['group:default/operations-leads'],
        ['group:default/programme-leads'],
      ]);
    }, 60_000);

    it('loads no demo data unless enabled', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          rolloutPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              rollout: { demo: { enabled: false, directory: examples } },
            },
          }),
        ],
      });
      const list = await request(server)
        .get('/api/rollout/rollouts')
        .set('Authorization', mockCredentials.user.header());
      expect(list.body).toEqual({ items: [] });
    });

    it('evaluates the gates on its schedule and blocks a rollout whose alert fires', async () => {
      const knex = await databases.init(databaseId);
      const alertmanager = await startFakeApi(({ url }) => ({
        status: 200,
        body: url.searchParams
          .get('filter')
          ?.includes('MCPReviewerJobFailuresHigh')
          ? [
              {
                labels: { alertname: 'MCPReviewerJobFailuresHigh' },
                status: { state: 'active' },
              },
            ]
          : [],
      }));
      const scheduler = mockServices.scheduler.mock();
      try {
        const { server } = await startTestBackend({
          features: [
            rolloutPlugin,
            scheduler.factory,
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                rollout: {
                  demo: { enabled: true, directory: examples },
                  alertmanager: { baseUrl: alertmanager.baseUrl },
                  gates: { frequency: '10s' },
                },
              },
            }),
          ],
        });
        const task = scheduler.scheduleTask.mock.calls
          .map(([definition]) => definition)
          .find(definition => definition.id === 'rollout-gates');
        expect(task?.frequency).toEqual({ milliseconds: 10_000 });

        const user = mockCredentials.user.header();
        const list = await request(server)
          .get('/api/rollout/rollouts')
          .query({ entityRef: 'component:default/multipass-reviewer' })
          .set('Authorization', user);
        const [{ id }] = list.body.items;
        // Starting needs every pre-flight check ticked.
        const { body: draft } = await request(server)
          .get(`/api/rollout/rollouts/${id}`)
          .set('Authorization', user);
        let revision: number = draft.revision;
        for (const check of draft.checklist.preflightChecks) {
          const ticked = await request(server)
            .post(`/api/rollout/rollouts/${id}/preflight/${check.id}`)
            .set('Authorization', user)
            .send({ expectedRevision: revision, checked: true })
            .expect(200);
          revision = ticked.body.revision;
        }
        await request(server)
          .post(`/api/rollout/rollouts/${id}/status`)
          .set('Authorization', user)
          .send({ expectedRevision: revision, status: 'in_progress' })
          .expect(200);

        await task!.fn(new AbortController().signal);

        const rollout = await request(server)
          .get(`/api/rollout/rollouts/${id}`)
          .set('Authorization', user);
        expect(rollout.body.status).toBe('blocked');
        const gates = await request(server)
          .get(`/api/rollout/rollouts/${id}/gates`)
          .set('Authorization', user);
        expect(gates.status).toBe(200);
        expect(gates.body.alerts[0]).toMatchObject({
          name: 'MCPReviewerJobFailuresHigh',
          state: 'firing',
        });
        expect(gates.body.blockedBy.message).toBe(
          'Blocked: alert MCPReviewerJobFailuresHigh is firing',
        );
      } finally {
        await alertmanager.close();
      }
    });

    describe('in the permission framework', () => {
      const multipass = 'component:default/multipass-reviewer';

      async function start(...features: BackendFeature[]) {
        const knex = await databases.init(databaseId);
        return startTestBackend({
          features: [
            rolloutPlugin,
            ...features,
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                rollout: { demo: { enabled: true, directory: examples } },
              },
            }),
          ],
        });
      }

      it('publishes its permissions and rules', async () => {
        const { server } = await start();
        const res = await request(server)
          .get('/api/rollout/.well-known/backstage/permissions/metadata')
          .set('Authorization', mockCredentials.service.header());
        expect(res.status).toBe(200);
        expect(
          res.body.permissions.map((p: { name: string }) => p.name),
        ).toEqual([
          'rollout.create',
          'rollout.read',
          'rollout.update',
          'rollout.step.run',
          'rollout.signoff.decide',
          'rollout.signers.update',
        ]);
        expect(res.body.rules).toEqual([
          expect.objectContaining({
            name: 'IS_ENTITY_OWNER',
            paramsSchema: expect.objectContaining({
              properties: {
                claims: expect.objectContaining({ type: 'array' }),
              },
            }),
          }),
          expect.objectContaining({
            name: 'IS_SIGNER',
            paramsSchema: expect.objectContaining({
              properties: {
                claims: expect.objectContaining({ type: 'array' }),
              },
            }),
          }),
          expect.objectContaining({
            name: 'IS_ROLLOUT_OF_ENTITY',
            resourceType: 'rollout',
            paramsSchema: expect.objectContaining({
              properties: {
                entityRefs: expect.objectContaining({ type: 'array' }),
              },
            }),
          }),
        ]);
      });

      it('applies conditions to rollouts it loads by id', async () => {
        const { server } = await start();
        const list = await request(server)
          .get('/api/rollout/rollouts')
          .query({ entityRef: multipass })
          .set('Authorization', mockCredentials.user.header());
        const [{ id }] = list.body.items;
        const apply = (entityRef: string) =>
          request(server)
            .post(
              '/api/rollout/.well-known/backstage/permissions/apply-conditions',
            )
            .set('Authorization', mockCredentials.service.header())
            .send({
              items: [
                {
                  id: '1',
                  resourceType: 'rollout',
                  resourceRef: [id, 'nope'],
                  conditions: {
                    rule: 'IS_ROLLOUT_OF_ENTITY',
                    resourceType: 'rollout',
                    params: { entityRefs: [entityRef] },
                  },
                },
              ],
            });
        const mine = await apply(multipass.toLocaleUpperCase('en-US'));
        expect(mine.status).toBe(200);
        expect(mine.body.items).toEqual([
          { id: '1', result: ['ALLOW', 'DENY'] },
        ]);
        const other = await apply('component:default/other');
        expect(other.body.items).toEqual([
          { id: '1', result: ['DENY', 'DENY'] },
        ]);
      });

      it('filters lists by the rules it registered', async () => {
        const decide = (entityRef: string) =>
          createRolloutConditionalDecision(
            rolloutReadPermission,
            rolloutConditions.isRolloutOfEntity({ entityRefs: [entityRef] }),
          );
        const permissions = mockServices.permissions.mock();
        const { server } = await start(permissions.factory);

        permissions.authorizeConditional.mockResolvedValue([decide(multipass)]);
        const mine = await request(server)
          .get('/api/rollout/rollouts')
          .set('Authorization', mockCredentials.user.header());
        expect(
          mine.body.items.map((r: { entityRef: string }) => r.entityRef),
        ).toEqual([multipass]);

        permissions.authorizeConditional.mockResolvedValue([
          decide('component:default/other'),
        ]);
        const none = await request(server)
          .get('/api/rollout/rollouts')
          .set('Authorization', mockCredentials.user.header());
        expect(none.body.items).toEqual([]);
      });
    });
  });
});
