import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import path from 'path';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/fixtures';
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
    });

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
  });
});
