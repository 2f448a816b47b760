import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { createTestDatabases, smallChecklist } from '../__testUtils__/fixtures';
import { DatabaseRolloutStore } from './DatabaseRolloutStore';
import { RolloutFilter } from './RolloutStore';

const databases = createTestDatabases();

const event = { actor: 'user:default/ada', type: 'test', message: 'did it' };

describe('DatabaseRolloutStore', () => {
  it('runs on PostgreSQL as well as SQLite', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toEqual([
      'POSTGRES_15',
      'SQLITE_3',
    ]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRolloutStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    function newRollout(version = 'v1.0.0') {
      return {
        entityRef: 'component:default/reviewer',
        version,
        previousVersion: 'v0.9.0',
        title: 'Reviewer release',
        status: 'draft' as const,
        checklist: smallChecklist(),
        createdBy: 'user:default/ada',
      };
    }

    it('creates, reads and finds a rollout with its whole checklist', async () => {
      const { store } = await createStore();
      const created = await store.createRollout(newRollout(), event);

      expect(created).toMatchObject({
        entityRef: 'component:default/reviewer',
        version: 'v1.0.0',
        previousVersion: 'v0.9.0',
        status: 'draft',
        revision: 1,
        createdBy: 'user:default/ada',
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      await expect(store.getRollout(created.id)).resolves.toEqual(created);
      await expect(
        store.findRollout('component:default/reviewer', 'v1.0.0'),
      ).resolves.toEqual(created);
      await expect(store.getRollout('nope')).resolves.toBeUndefined();
      expect((await store.getRollout(created.id))!.checklist).toEqual(
        smallChecklist(),
      );
    });

    it('refuses a second rollout of the same entity and version', async () => {
      const { store } = await createStore();
      await store.createRollout(newRollout(), event);
      await expect(store.createRollout(newRollout(), event)).rejects.toThrow(
        ConflictError,
      );
      await expect(
        store.createRollout(newRollout('v1.0.1'), event),
      ).resolves.toMatchObject({ version: 'v1.0.1' });
    });

    it('settles concurrent creations of the same version with one winner', async () => {
      const { store, knex } = await createStore();
      const results = await Promise.allSettled(
        [1, 2, 3].map(() => store.createRollout(newRollout(), event)),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter(x => x.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
      }
      const [{ n }] = await knex('rollouts').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('updates with compare-and-set on the revision and records events', async () => {
      const { store } = await createStore();
      const { id } = await store.createRollout(newRollout(), event);

      const updated = await store.updateRollout({
        id,
        expectedRevision: 1,
        changes: { status: 'in_progress', previousVersion: null },
        event: { ...event, type: 'status', data: { to: 'in_progress' } },
      });
      expect(updated.revision).toBe(2);
      expect(updated.status).toBe('in_progress');
      expect(updated.previousVersion).toBeUndefined();

      await expect(
        store.updateRollout({
          id,
          expectedRevision: 1,
          changes: { title: 'stale' },
          event,
        }),
      ).rejects.toThrow(/revision 2, not 1/);
      await expect(
        store.updateRollout({
          id: 'missing',
          expectedRevision: 1,
          changes: {},
          event,
        }),
      ).rejects.toThrow(NotFoundError);

      const events = await store.listEvents(id);
      expect(events.map(e => [e.type, e.revision])).toEqual([
        ['status', 2],
        ['test', 1],
      ]);
      expect(events[0]).toMatchObject({
        rolloutId: id,
        actor: 'user:default/ada',
        message: 'did it',
        data: { to: 'in_progress' },
      });
      expect(events[1].data).toBeUndefined();
    });

    it('lets exactly one of two writers of the same revision win', async () => {
      const { store } = await createStore();
      const { id } = await store.createRollout(newRollout(), event);
      const results = await Promise.allSettled(
        ['a', 'b'].map(title =>
          store.updateRollout({
            id,
            expectedRevision: 1,
            changes: { title },
            event,
          }),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store.getRollout(id))!.revision).toBe(2);
      expect(await store.listEvents(id)).toHaveLength(2);
    });

    it('lists newest first, filtered, in pages', async () => {
      const { store } = await createStore();
      const versions = ['v1', 'v2', 'v3', 'v4', 'v5'];
      for (const version of versions) {
        await store.createRollout(newRollout(version), event);
      }
      await store.createRollout(
        { ...newRollout('v1'), entityRef: 'component:default/other' },
        event,
      );

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listRollouts({
          entityRef: 'component:default/reviewer',
          limit: 2,
          cursor,
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map(r => r.version));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...versions].reverse());

      const other = await store.listRollouts({
        entityRef: 'component:default/other',
        limit: 10,
      });
      expect(other.items.map(r => r.entityRef)).toEqual([
        'component:default/other',
      ]);
      expect(other.nextCursor).toBeUndefined();

      const drafts = await store.listRollouts({ status: 'draft', limit: 50 });
      expect(drafts.items).toHaveLength(6);
      const blocked = await store.listRollouts({
        status: 'blocked',
        limit: 50,
      });
      expect(blocked.items).toHaveLength(0);
    });

    describe('with a permission filter', () => {
      const a = 'component:default/a';
      const b = 'component:default/b';
      const c = 'component:default/c';

      async function createStoreOfThree() {
        const { store } = await createStore();
        for (const entityRef of [a, b, c]) {
          await store.createRollout({ ...newRollout(), entityRef }, event);
        }
        return store;
      }

      it.each<[string, RolloutFilter, string[]]>([
        ['entityRefs', { entityRefs: [a, c] }, [a, c]],
        ['no entityRefs', { entityRefs: [] }, []],
        [
          'allOf',
          { allOf: [{ entityRefs: [a, b] }, { entityRefs: [b, c] }] },
          [b],
        ],
        [
          'anyOf',
          { anyOf: [{ entityRefs: [a] }, { entityRefs: [c] }] },
          [a, c],
        ],
        ['not', { not: { entityRefs: [a] } }, [b, c]],
        [
          'nested',
          {
            anyOf: [
              { not: { anyOf: [{ entityRefs: [a] }, { entityRefs: [b] }] } },
              { allOf: [{ entityRefs: [a] }, { not: { entityRefs: [] } }] },
            ],
          },
          [a, c],
        ],
      ])('lists what %s allows', async (_shape, filter, expected) => {
        const store = await createStoreOfThree();
        const { items } = await store.listRollouts({ filter, limit: 10 });
        expect(items.map(r => r.entityRef).sort()).toEqual(expected);
      });

      it('narrows the other conditions, never widens them', async () => {
        const store = await createStoreOfThree();
        const filter: RolloutFilter = {
          anyOf: [{ entityRefs: [b] }, { entityRefs: [c] }],
        };
        const ofA = await store.listRollouts({
          entityRef: a,
          filter,
          limit: 10,
        });
        expect(ofA.items).toEqual([]);
        const ofB = await store.listRollouts({
          entityRef: b,
          filter,
          limit: 10,
        });
        expect(ofB.items.map(r => r.entityRef)).toEqual([b]);
        const blocked = await store.listRollouts({
          status: 'blocked',
          filter,
          limit: 10,
        });
        expect(blocked.items).toEqual([]);
      });

      it('pages through the filtered rollouts', async () => {
        const store = await createStoreOfThree();
        const filter: RolloutFilter = { not: { entityRefs: [b] } };
        const first = await store.listRollouts({ filter, limit: 1 });
        const second = await store.listRollouts({
          filter,
          limit: 1,
          cursor: first.nextCursor,
        });
        expect([...first.items, ...second.items].map(r => r.entityRef)).toEqual(
          [c, a],
        );
        expect(second.nextCursor).toBeUndefined();
      });
    });

    describe('owners and signers', () => {
      it('keeps the signer table in step with the checklist it writes', async () => {
        const { knex, store } = await createStore();
        const created = await store.createRollout(
          { ...newRollout(), ownerRef: 'Group:default/Team-A' },
          event,
        );
        expect(created.ownerRef).toBe('group:default/team-a');
        const signers = () =>
          knex('rollout_signers')
            .where({ rollout_id: created.id })
            .orderBy('signer_ref')
            .select('sign_off_id', 'signer_ref', 'decision');
        expect(await signers()).toEqual([
          {
            sign_off_id: 'qa-lead',
            signer_ref: 'group:default/qa-leads',
            decision: 'pending',
          },
        ]);

        const [qa] = created.checklist.signOffs;
        await store.updateRollout({
          id: created.id,
          expectedRevision: 1,
          changes: {
            checklist: {
              ...created.checklist,
              signOffs: [
                {
                  ...qa,
                  decision: 'approved',
                  signers: ['user:default/Quinn', 'group:default/qa-leads'],
                },
              ],
            },
          },
          event,
        });
        expect(await signers()).toEqual([
          {
            sign_off_id: 'qa-lead',
            signer_ref: 'group:default/qa-leads',
            decision: 'approved',
          },
          {
            sign_off_id: 'qa-lead',
            signer_ref: 'user:default/quinn',
            decision: 'approved',
          },
        ]);
        // A failed write leaves the table as it was.
        await expect(
          store.updateRollout({
            id: created.id,
            expectedRevision: 1,
            changes: {
              checklist: { ...created.checklist, signOffs: [] },
            },
            event,
          }),
        ).rejects.toThrow(/revision 2, not 1/);
        expect(await signers()).toHaveLength(2);
      });

      it('stores the catalog’s owner per entity, without a new revision', async () => {
        const { store } = await createStore();
        const first = await store.createRollout(newRollout('v1'), event);
        await store.createRollout(newRollout('v2'), event);
        await store.createRollout(
          { ...newRollout(), entityRef: 'component:default/other' },
          event,
        );
        expect(await store.listEntityCatalogInfo()).toEqual([
          { entityRef: 'component:default/other' },
          { entityRef: 'component:default/reviewer' },
        ]);
        await expect(
          store.setEntityCatalogInfo('component:default/reviewer', {
            ownerRef: 'Group:default/Team-B',
          }),
        ).resolves.toBe(2);
        await expect(
          store.setEntityCatalogInfo('component:default/reviewer', {
            ownerRef: 'group:default/team-b',
          }),
        ).resolves.toBe(0);
        const after = await store.getRollout(first.id);
        expect(after).toEqual({ ...first, ownerRef: 'group:default/team-b' });
        expect(await store.listEntityCatalogInfo()).toEqual([
          { entityRef: 'component:default/other' },
          {
            entityRef: 'component:default/reviewer',
            ownerRef: 'group:default/team-b',
          },
        ]);
      });

      it('lists exactly the rollouts an owner or signer condition allows, in SQL, among thousands', async () => {
        const { knex, store } = await createStore();
        const total = 2000;
        const allowed = new Set<string>();
        for (let i = 0; i < total; i++) {
          const team = `group:default/team-${i % 10}`;
          const signer = `group:default/signers-${i % 7}`;
          const rollout = await store.createRollout(
            {
              ...newRollout(`v${i}`),
              entityRef: `component:default/service-${i % 50}`,
              ownerRef: team,
              checklist: {
                ...smallChecklist(),
                signOffs: smallChecklist().signOffs.map(row => ({
                  ...row,
                  signers: [signer],
                })),
              },
            },
            event,
          );
          if (
            team === 'group:default/team-3' ||
            signer === 'group:default/signers-5'
          ) {
            allowed.add(rollout.id);
          }
        }
        const filter: RolloutFilter = {
          anyOf: [
            { ownerRefs: ['user:default/olive', 'group:default/team-3'] },
            { signerRefs: ['user:default/olive', 'group:default/signers-5'] },
          ],
        };
        const queries: string[] = [];
        const onQuery = (query: { sql: string }) => queries.push(query.sql);
        knex.on('query', onQuery);
        const listed: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listRollouts({ filter, limit: 100, cursor });
          listed.push(...page.items.map(r => r.id));
          cursor = page.nextCursor;
        } while (cursor);
        knex.removeListener('query', onQuery);

        expect(listed.length).toBe(allowed.size);
        expect(new Set(listed)).toEqual(allowed);
        // One query a page, each filtering in SQL rather than in memory.
        expect(queries).toHaveLength(Math.ceil(allowed.size / 100));
        for (const sql of queries) {
          expect(sql).toMatch(/["`]?owner_ref["`]? in/i);
          expect(sql).toMatch(/exists \(select/i);
        }
      }, 120_000);
    });

    it('keeps the time a rollout first went in progress', async () => {
      const { store } = await createStore();
      const created = await store.createRollout(newRollout(), event);
      expect(created.startedAt).toBeUndefined();
      const started = await store.updateRollout({
        id: created.id,
        expectedRevision: 1,
        changes: { status: 'in_progress' },
        event,
      });
      expect(started.startedAt).toEqual(expect.any(String));
      const blocked = await store.updateRollout({
        id: created.id,
        expectedRevision: 2,
        changes: { status: 'blocked' },
        event,
      });
      const resumed = await store.updateRollout({
        id: created.id,
        expectedRevision: 3,
        changes: { status: 'in_progress' },
        event,
      });
      expect(blocked.startedAt).toBe(started.startedAt);
      expect(resumed.startedAt).toBe(started.startedAt);
    });

    it('replaces gate states and records their events without a new revision', async () => {
      const { store } = await createStore();
      const created = await store.createRollout(newRollout(), event);
      const at = '2026-11-26T12:00:00.000Z';
      await store.saveGateStates({
        rolloutId: created.id,
        states: [
          { gate: 'metric:m', state: 'ok', changedAt: at, evaluatedAt: at },
          {
            gate: 'alert:a',
            state: 'unknown',
            reason: 'request timed out',
            changedAt: at,
            evaluatedAt: at,
          },
        ],
        events: [
          { ...event, type: 'gate.changed', message: 'Gate a: unknown' },
        ],
      });
      const later = '2026-11-26T12:00:30.000Z';
      await store.saveGateStates({
        rolloutId: created.id,
        states: [
          {
            gate: 'alert:a',
            state: 'firing',
            changedAt: later,
            evaluatedAt: later,
          },
        ],
        events: [],
      });
      expect(await store.getGateStates(created.id)).toEqual([
        {
          gate: 'alert:a',
          state: 'firing',
          changedAt: later,
          evaluatedAt: later,
        },
      ]);
      const events = await store.listEvents(created.id);
      expect(events.map(e => [e.type, e.revision])).toEqual([
        ['gate.changed', 1],
        ['test', 1],
      ]);
      expect((await store.getRollout(created.id))?.revision).toBe(1);
      await expect(
        store.saveGateStates({ rolloutId: 'nope', states: [], events: [] }),
      ).rejects.toThrow(NotFoundError);
    });

    it('lets one caller at a time claim a stale gate evaluation, and keeps the evaluation', async () => {
      const { store } = await createStore();
      const { id } = await store.createRollout(newRollout(), event);
      const at = (seconds: number) =>
        new Date(Date.UTC(2026, 11, 7, 12, 0, seconds)).toISOString();
      // Fresh when evaluated at or after `freshSince`, of the revision or later.
      const claim = (revision: number, nowSeconds: number) =>
        store.claimGateEvaluation({
          rolloutId: id,
          revision,
          freshSince: at(nowSeconds - 10),
          now: at(nowSeconds),
          until: at(nowSeconds + 30),
        });
      const gates = {
        rolloutId: id,
        evaluatedAt: at(12),
        baselineWindow: { start: at(0), end: at(10) },
        metrics: [],
        alerts: [],
        criteria: [],
        sources: {
          prometheus: { configured: true },
          alertmanager: { configured: true },
        },
      };

      await expect(store.getGateEvaluation(id)).resolves.toBeUndefined();
      // Concurrent callers: exactly one wins.
      const first = await Promise.all([
        claim(1, 10),
        claim(1, 10),
        claim(1, 10),
      ]);
      expect(first.filter(Boolean)).toHaveLength(1);
      // The claim holds until it runs out, stale as the evaluation is.
      await expect(claim(1, 39)).resolves.toBe(false);

      await store.saveGateEvaluation(id, {
        revision: 1,
        gates,
        evaluatedAt: gates.evaluatedAt,
      });
      await expect(store.getGateEvaluation(id)).resolves.toEqual({
        revision: 1,
        gates,
        evaluatedAt: at(12),
      });
      // Saved: the claim ended, but the evaluation is fresh for revision 1.
      await expect(claim(1, 20)).resolves.toBe(false);
      // Stale by age, or by a later revision: claimable, by one.
      await expect(claim(1, 23)).resolves.toBe(true);
      await expect(claim(1, 23)).resolves.toBe(false);
      await store.releaseGateEvaluation(id);
      await expect(claim(2, 20)).resolves.toBe(true);
      // A claim whose replica died runs out and can be taken over.
      await expect(claim(2, 49)).resolves.toBe(false);
      await expect(claim(2, 51)).resolves.toBe(true);
    });

    it('appends an event at the current revision and marks the rollout active', async () => {
      const { store } = await createStore();
      const created = await store.createRollout(newRollout(), event);
      const listed = async () =>
        (await store.listRolloutSummaries({ sort: 'lastActivity', limit: 10 }))
          .items[0];
      const before = (await listed()).lastActivityAt;
      await new Promise(resolve => setTimeout(resolve, 5));

      await store.appendEvent({
        rolloutId: created.id,
        event: {
          ...event,
          type: 'signoff.requested',
          message: 'Asked QA Lead',
          data: { signOffIds: ['qa-lead'] },
        },
      });

      const events = await store.listEvents(created.id);
      expect(events.map(e => [e.type, e.revision, e.data])).toEqual([
        ['signoff.requested', 1, { signOffIds: ['qa-lead'] }],
        ['test', 1, undefined],
      ]);
      expect(await store.getRollout(created.id)).toEqual(created);
      expect((await listed()).lastActivityAt > before).toBe(true);
      await expect(
        store.appendEvent({ rolloutId: 'nope', event }),
      ).rejects.toThrow(NotFoundError);
    });

    it('gets rollouts by id in the order asked, undefined for unknown ids', async () => {
      const { store } = await createStore();
      const one = await store.createRollout(newRollout('v1'), event);
      const two = await store.createRollout(newRollout('v2'), event);
      await expect(
        store.getRollouts([two.id, 'nope', one.id, two.id]),
      ).resolves.toEqual([two, undefined, one, two]);
      await expect(store.getRollouts([])).resolves.toEqual([]);
    });

    it('rejects a cursor it did not issue', async () => {
      const { store } = await createStore();
      await expect(
        store.listRollouts({ limit: 5, cursor: 'not-a-cursor' }),
      ).rejects.toThrow(InputError);
    });

    it('skips migrations when the database says so', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: true },
      });
      await DatabaseRolloutStore.create({ database });
      expect(await knex.schema.hasTable('rollouts')).toBe(false);
    });
  });
});
