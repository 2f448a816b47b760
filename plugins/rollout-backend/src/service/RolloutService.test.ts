import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { createTestDatabases, smallChecklist } from '../__testUtils__/fixtures';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import { RolloutService } from './RolloutService';

const databases = createTestDatabases();
const actor = 'user:default/ada';
const entityRef = 'component:default/reviewer';

describe('RolloutService reads', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRolloutStore.create({
        database: mockServices.database({ knex }),
      });
      const service = new RolloutService(store);
      const created = await store.createRollout(
        {
          entityRef,
          version: 'v1',
          title: 'Reviewer release',
          status: 'draft',
          checklist: smallChecklist(),
          createdBy: actor,
        },
        { actor, type: 'rollout.created', message: 'Created' },
      );
      return { store, service, created };
    }

    it('shares one frozen rollout per stored version, and reads anew after a change', async () => {
      const { store, service, created } = await setUp();

      const first = await service.get(created.id);
      expect(first).toEqual(created);
      expect(await service.get(created.id)).toBe(first);
      expect(Object.isFrozen(first.checklist.steps[0])).toBe(true);

      await store.updateRollout({
        id: created.id,
        expectedRevision: created.revision,
        changes: { title: 'Renamed' },
        event: { actor, type: 'rollout.updated', message: 'Renamed' },
      });
      const renamed = await service.get(created.id);
      expect(renamed).not.toBe(first);
      expect(renamed).toMatchObject({
        title: 'Renamed',
        revision: created.revision + 1,
      });
      await expect(service.get('nope')).rejects.toThrow(NotFoundError);
    });

    it('reads the owner and system the catalog refreshed, which keep the revision', async () => {
      const { store, service, created } = await setUp();
      await service.get(created.id);

      await store.setEntityCatalogInfo(entityRef, {
        ownerRef: 'group:default/team-b',
        systemRef: 'system:default/review',
      });
      const refreshed = await service.get(created.id);
      expect(refreshed).toMatchObject({
        revision: created.revision,
        ownerRef: 'group:default/team-b',
        systemRef: 'system:default/review',
      });
      expect(await service.get(created.id)).toBe(refreshed);
    });

    it('prints the checklist as markdown once per revision', async () => {
      const { store, service, created } = await setUp();
      const printed = await service.markdown(created.id);
      expect(printed).toContain('Rollout Checklist');
      expect(await service.markdown(created.id)).toBe(printed);

      await store.updateRollout({
        id: created.id,
        expectedRevision: created.revision,
        changes: {
          checklist: { ...created.checklist, title: 'Second Checklist' },
        },
        event: { actor, type: 'rollout.updated', message: 'Retitled' },
      });
      expect(await service.markdown(created.id)).toContain(
        'Stage 02_01 · Second Checklist',
      );
    });
  });
});
