import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases, smallChecklist } from '../__testUtils__/fixtures';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import { readGatesConfig } from '../gates/config';
import { GateEvaluator } from '../gates/GateEvaluator';
import { GatesService } from './GatesService';
import { RolloutService } from './RolloutService';

const databases = createTestDatabases();
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const actor = 'user:default/ada';

/**
 * A replica's gates over its own connection to the database: the plugin's
 * evaluator (no Prometheus configured, so nothing leaves the process),
 * slowed down so that callers overlap, and counted.
 */
async function replica(knex: Knex, frequencyMs: number) {
  const store = await DatabaseRolloutStore.create({
    database: mockServices.database({ knex }),
  });
  const evaluator = new GateEvaluator(readGatesConfig(new ConfigReader({})));
  const evaluate = evaluator.evaluate.bind(evaluator);
  const evaluations = jest
    .spyOn(evaluator, 'evaluate')
    .mockImplementation(async rollout => {
      await sleep(200);
      return evaluate(rollout);
    });
  const rollouts = new RolloutService(store);
  const gates = new GatesService({
    store,
    evaluator,
    frequencyMs,
    readRollout: id => rollouts.get(id),
    logger: mockServices.logger.mock(),
  });
  return { store, gates, evaluations };
}

async function createRollout(store: DatabaseRolloutStore, version = 'v1') {
  return store.createRollout(
    {
      entityRef: 'component:default/reviewer',
      version,
      title: 'Reviewer release',
      status: 'draft',
      checklist: smallChecklist(),
      createdBy: actor,
    },
    { actor, type: 'rollout.created', message: 'Created' },
  );
}

describe('GatesService', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('serves concurrent views one evaluation, then the stored one until it is a frequency old', async () => {
      const knex = await databases.init(databaseId);
      const { store, gates, evaluations } = await replica(knex, 1_000);
      const { id } = await createRollout(store);

      const views = await Promise.all(
        Array.from({ length: 20 }, () => gates.get(id)),
      );
      expect(evaluations).toHaveBeenCalledTimes(1);
      expect(new Set(views.map(view => view.evaluatedAt)).size).toBe(1);
      expect(views[0]).toMatchObject({ rolloutId: id });

      // Within the frequency: the stored evaluation, as it was.
      await expect(gates.get(id)).resolves.toEqual(views[0]);
      expect(evaluations).toHaveBeenCalledTimes(1);

      // A frequency later, one new evaluation for all.
      await sleep(1_100);
      const later = await Promise.all([gates.get(id), gates.get(id)]);
      expect(evaluations).toHaveBeenCalledTimes(2);
      expect(later[0].evaluatedAt > views[0].evaluatedAt).toBe(true);
    });

    it('evaluates again once the rollout changed, whatever the age of the stored evaluation', async () => {
      const knex = await databases.init(databaseId);
      const { store, gates, evaluations } = await replica(knex, 60_000);
      const created = await createRollout(store);
      await gates.get(created.id);

      await store.updateRollout({
        id: created.id,
        expectedRevision: created.revision,
        changes: { title: 'Renamed' },
        event: { actor, type: 'rollout.updated', message: 'Renamed' },
      });
      await gates.get(created.id);
      await gates.get(created.id);
      expect(evaluations).toHaveBeenCalledTimes(2);
    });

    it('lets the scheduled evaluation use a view’s evaluation of moments ago, and evaluate anew after half the frequency', async () => {
      const knex = await databases.init(databaseId);
      const { store, gates, evaluations } = await replica(knex, 1_000);
      const rollout = await createRollout(store);
      const viewed = await gates.get(rollout.id);

      const checked = await gates.check(rollout);
      expect(checked.gates).toEqual(viewed);
      expect(evaluations).toHaveBeenCalledTimes(1);

      await sleep(600);
      await gates.check(rollout);
      expect(evaluations).toHaveBeenCalledTimes(2);
    });

    it('gives up the claim when an evaluation fails, so the next view evaluates', async () => {
      const knex = await databases.init(databaseId);
      const { store, gates, evaluations } = await replica(knex, 60_000);
      const { id } = await createRollout(store);
      evaluations.mockRejectedValueOnce(new Error('out of memory'));

      await expect(gates.get(id)).rejects.toThrow('out of memory');
      await expect(gates.get(id)).resolves.toMatchObject({ rolloutId: id });
      expect(evaluations).toHaveBeenCalledTimes(2);
    });
  });

  it('evaluates once for views on two replicas of one PostgreSQL database', async () => {
    const knex = await databases.init('POSTGRES_15');
    // The second replica has a pool of its own, as another process would.
    const other = knexFactory(knex.client.config);
    try {
      const a = await replica(knex, 60_000);
      const b = await replica(other, 60_000);
      const first = await createRollout(a.store, 'v1');
      const second = await createRollout(a.store, 'v2');

      const views = await Promise.all(
        [first.id, second.id].flatMap(id =>
          Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).gates.get(id)),
        ),
      );
      expect(
        a.evaluations.mock.calls.length + b.evaluations.mock.calls.length,
      ).toBe(2);
      // Each replica answered with the one evaluation of each rollout.
      for (const id of [first.id, second.id]) {
        const answers = views.filter(view => view.rolloutId === id);
        expect(answers).toHaveLength(10);
        expect(new Set(answers.map(view => view.evaluatedAt)).size).toBe(1);
      }
    } finally {
      await other.destroy();
    }
  });
});
