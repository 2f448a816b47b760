import { mockServices } from '@backstage/backend-test-utils';
import {
  RolloutSort,
  RolloutStatus,
  RolloutSummary,
} from '@rollout/backstage-plugin-rollout-common';
import { Knex } from 'knex';
import { createTestDatabases, smallChecklist } from '../__testUtils__/fixtures';
import { DatabaseRolloutStore } from './DatabaseRolloutStore';
import { ListRolloutSummariesOptions, RolloutFilter } from './RolloutStore';

const databases = createTestDatabases();

const TOTAL = 5000;
const statuses: RolloutStatus[] = [
  'draft',
  'in_progress',
  'blocked',
  'completed',
  'rolled_back',
];

/** What the test stored of each rollout, to compute the expected lists. */
type Seeded = {
  id: string;
  entityRef: string;
  version: string;
  ownerRef: string;
  systemRef: string;
  status: RolloutStatus;
  signer: string;
  pending: boolean;
};

function seeded(i: number): Omit<Seeded, 'id'> {
  return {
    entityRef: `component:default/svc-${i % 25}`,
    version: `v${i}`,
    ownerRef: `group:default/team-${i % 5}`,
    systemRef: `system:default/sys-${i % 3}`,
    status: statuses[Math.floor(i / 5) % 5],
    signer: `group:default/signers-${i % 4}`,
    pending: i % 2 === 0,
  };
}

const event = { actor: 'user:default/ada', type: 'test', message: 'seeded' };

async function seed(store: DatabaseRolloutStore, i: number): Promise<Seeded> {
  const s = seeded(i);
  const checklist = smallChecklist();
  const rollout = await store.createRollout(
    {
      entityRef: s.entityRef,
      version: s.version,
      title: `Release ${i} of ${s.entityRef.split('/')[1]}`,
      status: s.status,
      ownerRef: s.ownerRef,
      systemRef: s.systemRef,
      checklist: {
        ...checklist,
        signOffs: checklist.signOffs.map(row => ({
          ...row,
          signers: [s.signer],
          decision: s.pending ? 'pending' : 'approved',
        })),
      },
      createdBy: 'user:default/ada',
    },
    event,
  );
  return { ...s, id: rollout.id };
}

describe.each(databases.eachSupportedId())(
  'the board queries of DatabaseRolloutStore on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseRolloutStore;
    let rows: Seeded[];

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const created = await DatabaseRolloutStore.create({
        database: mockServices.database({ knex }),
      });
      store = created;
      rows = [];
      for (let i = 0; i < TOTAL; i += 50) {
        const batch = Array.from({ length: 50 }, (_, j) => i + j);
        rows.push(...(await Promise.all(batch.map(n => seed(created, n)))));
      }
    }, 300_000);

    /** Every page of a listing, and the SQL each page ran. */
    async function listAll(
      options: Omit<ListRolloutSummariesOptions, 'limit' | 'cursor'>,
      limit = 500,
    ) {
      const queries: string[] = [];
      const onQuery = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', onQuery);
      const items: RolloutSummary[] = [];
      let cursor: string | undefined;
      let pages = 0;
      try {
        do {
          const page = await store.listRolloutSummaries({
            ...options,
            limit,
            cursor,
          });
          items.push(...page.items);
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
      } finally {
        knex.removeListener('query', onQuery);
      }
      return { items, pages, queries };
    }

    type Query = { sql: string; bindings: Knex.RawBinding[] };

    /** The queries `run` sends, in order. */
    async function queriesOf(run: () => Promise<unknown>): Promise<Query[]> {
      const queries: Query[] = [];
      const onQuery = (query: Query) => queries.push(query);
      knex.on('query', onQuery);
      try {
        await run();
      } finally {
        knex.removeListener('query', onQuery);
      }
      return queries;
    }

    /** The database's plan of a query, as JSON text. */
    async function planOf(query: Query): Promise<string> {
      const sql = query.sql.replace(/\$\d+/g, '?');
      return knex.client.config.client.includes('pg')
        ? JSON.stringify(
            (await knex.raw(`EXPLAIN (FORMAT JSON) ${sql}`, query.bindings))
              .rows,
          )
        : JSON.stringify(
            await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, query.bindings),
          );
    }

    const ids = (list: Array<{ id: string }>) => list.map(r => r.id).sort();

    const filters: Array<
      [
        string,
        Omit<ListRolloutSummariesOptions, 'limit' | 'cursor' | 'sort'>,
        (r: Seeded) => boolean,
      ]
    > = [
      ['no filter', {}, () => true],
      [
        'several statuses',
        { statuses: ['blocked', 'draft'] },
        r => r.status === 'blocked' || r.status === 'draft',
      ],
      [
        'owner',
        { ownerRef: 'Group:default/Team-2' },
        r => r.ownerRef === 'group:default/team-2',
      ],
      [
        'system',
        { systemRef: 'system:default/sys-1' },
        r => r.systemRef === 'system:default/sys-1',
      ],
      [
        'pending sign-off by',
        {
          pendingSignOffBy: ['user:default/quinn', 'group:default/signers-3'],
        },
        r => r.pending && r.signer === 'group:default/signers-3',
      ],
      [
        'owned by',
        { ownedBy: ['user:default/olive', 'group:default/team-4'] },
        r => r.ownerRef === 'group:default/team-4',
      ],
      [
        'text',
        { text: 'SVC-7' },
        r => r.entityRef === 'component:default/svc-7',
      ],
      [
        'text with LIKE wildcards taken literally',
        { text: 'svc_1%' },
        () => false,
      ],
      [
        'entity',
        { entityRef: 'component:default/svc-3' },
        r => r.entityRef === 'component:default/svc-3',
      ],
    ];

    const permission: RolloutFilter = {
      anyOf: [
        { ownerRefs: ['group:default/team-1'] },
        { signerRefs: ['group:default/signers-0'] },
      ],
    };
    const permitted = (r: Seeded) =>
      r.ownerRef === 'group:default/team-1' ||
      r.signer === 'group:default/signers-0';

    it.each(filters)(
      'lists exactly what %s selects, alone and under a permission filter, with the rows awaiting the caller, one query a page',
      async (_name, options, selects) => {
        const claim = 'group:default/signers-3';
        const all = await listAll({
          ...options,
          sort: 'lastActivity',
          signerClaims: ['user:default/quinn', claim],
        });
        expect(ids(all.items)).toEqual(ids(rows.filter(selects)));
        expect(all.queries).toHaveLength(all.pages);
        // Each seeded rollout's rows are all pending or all approved, with
        // one signer: the caller's rows are all of them, or none.
        const awaiting = all.items.filter(item => item.awaitingYou);
        expect(ids(awaiting)).toEqual(
          ids(rows.filter(r => selects(r) && r.pending && r.signer === claim)),
        );
        for (const item of awaiting) {
          expect(item.awaitingYou).toEqual(
            smallChecklist().signOffs.map(row => ({
              id: row.id,
              role: row.role,
            })),
          );
        }

        const allowed = await listAll({
          ...options,
          sort: 'entity',
          filter: permission,
        });
        expect(ids(allowed.items)).toEqual(
          ids(rows.filter(r => selects(r) && permitted(r))),
        );
        expect(allowed.queries).toHaveLength(allowed.pages);
      },
      60_000,
    );

    it.each<RolloutSort>(['lastActivity', 'entity', 'status'])(
      'sorts by %s across pages without skipping or repeating',
      async sort => {
        const { items } = await listAll({ sort }, 700);
        expect(items).toHaveLength(TOTAL);
        expect(new Set(items.map(r => r.id)).size).toBe(TOTAL);
        const keyOf = {
          lastActivity: (r: RolloutSummary) => r.lastActivityAt,
          entity: (r: RolloutSummary) => r.entityRef,
          status: (r: RolloutSummary) =>
            ['blocked', 'in_progress', 'draft', 'completed', 'rolled_back']
              .indexOf(r.status)
              .toString(),
        }[sort];
        const direction = sort === 'lastActivity' ? -1 : 1;
        for (let i = 1; i < items.length; i++) {
          const order = keyOf(items[i - 1]).localeCompare(keyOf(items[i]));
          expect(order * direction <= 0).toBe(true);
        }
      },
      60_000,
    );

    it.each<RolloutSort>(['lastActivity', 'entity', 'status'])(
      'pages by %s neither skip nor repeat rows while rollouts are added',
      async sort => {
        const filter: RolloutFilter = { ownerRefs: ['group:default/team-0'] };
        const expected = ids(
          rows.filter(r => r.ownerRef === 'group:default/team-0'),
        );
        const seen: string[] = [];
        let cursor: string | undefined;
        let added = 0;
        do {
          const page = await store.listRolloutSummaries({
            sort,
            filter,
            limit: 150,
            cursor,
          });
          seen.push(...page.items.map(r => r.id));
          cursor = page.nextCursor;
          // Someone adds rollouts between two pages, some the filter selects.
          for (let j = 0; j < 5; j++) {
            const i =
              TOTAL +
              1000 * (['lastActivity', 'entity', 'status'].indexOf(sort) + 1) +
              added;
            await seed(store, i);
            added += 1;
          }
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter(id => expected.includes(id)).sort()).toEqual(
          expected,
        );
      },
      120_000,
    );

    it.each<RolloutSort>(['lastActivity', 'entity', 'status'])(
      'reads a page sorted by %s from an index, without sorting every rollout',
      async sort => {
        // Fresh statistics, as autovacuum's analyze keeps them in service.
        await knex.raw('ANALYZE');
        const queries = await queriesOf(async () => {
          const first = await store.listRolloutSummaries({ sort, limit: 100 });
          await store.listRolloutSummaries({
            sort,
            limit: 100,
            cursor: first.nextCursor,
          });
        });
        // The second page's query: the cursor's condition is planned too.
        expect(queries).toHaveLength(2);
        const plan = await planOf(queries[1]);
        expect(plan).toMatch(/Index|INDEX/);
        expect(plan).not.toMatch(/"Node Type":"(Incremental )?Sort"/);
        expect(plan).not.toMatch(/TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/);
      },
    );

    if (databaseId.startsWith('POSTGRES')) {
      it('searches text through the trigram index, not by reading every rollout', async () => {
        await knex.raw('ANALYZE');
        let versions: string[] = [];
        const [query] = await queriesOf(async () => {
          const { items } = await store.listRolloutSummaries({
            text: 'v4999',
            sort: 'lastActivity',
            limit: 100,
          });
          versions = items.map(item => item.version);
        });
        expect(versions).toEqual(['v4999']);
        expect(await planOf(query)).toMatch(/rollouts_search_trgm_idx/);
      });
    }

    it('finds text in any case and any language, and follows a title change', async () => {
      const created = await store.createRollout(
        {
          entityRef: 'component:default/platezhi',
          version: 'V9.9.9-RC',
          title: 'Выпуск ПЛАТЕЖЕЙ',
          status: 'draft',
          checklist: smallChecklist(),
          createdBy: 'user:default/ada',
        },
        event,
      );
      const search = async (text: string) =>
        (
          await store.listRolloutSummaries({
            text,
            sort: 'lastActivity',
            limit: 10,
          })
        ).items.map(item => item.id);
      expect(await search('платежей')).toEqual([created.id]);
      expect(await search('v9.9.9-rc')).toEqual([created.id]);

      await store.updateRollout({
        id: created.id,
        expectedRevision: created.revision,
        changes: { title: 'Renamed Release' },
        event,
      });
      expect(await search('RENAMED')).toEqual([created.id]);
      expect(await search('платежей')).toEqual([]);
      expect(await search('platezhi')).toEqual([created.id]);
    });

    it('summarizes from columns kept with each write, without reading checklists', async () => {
      const [first] = rows;
      const rollout = (await store.getRollout(first.id))!;
      const qa = rollout.checklist.signOffs[0];
      await store.updateRollout({
        id: first.id,
        expectedRevision: rollout.revision,
        changes: {
          status: 'blocked',
          checklist: {
            ...rollout.checklist,
            preflightChecks: rollout.checklist.preflightChecks.map(c => ({
              ...c,
              checked: true,
            })),
            signOffs: [{ ...qa, decision: 'rejected' }],
          },
        },
        event: {
          ...event,
          type: 'signoff.decided',
          message: 'QA Lead: rejected; the rollout is blocked',
          data: { signOffId: qa.id, role: 'QA Lead', decision: 'rejected' },
        },
      });
      const queries: string[] = [];
      const onQuery = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', onQuery);
      const { items } = await store.listRolloutSummaries({
        entityRef: first.entityRef,
        text: first.version,
        sort: 'lastActivity',
        limit: 10,
      });
      knex.removeListener('query', onQuery);
      const summary = items.find(r => r.id === first.id)!;
      expect(summary).toMatchObject({
        status: 'blocked',
        blockedReason: 'QA Lead: rejected; the rollout is blocked',
        blockedEvent: {
          type: 'signoff.decided',
          data: { signOffId: qa.id, role: 'QA Lead', decision: 'rejected' },
        },
        ownerRef: first.ownerRef,
        systemRef: first.systemRef,
        pendingRoles: [],
        counts: {
          checks: { done: 1, total: 1 },
          signOffs: { approved: 0, total: 1 },
        },
      });
      expect(summary).not.toHaveProperty('checklist');
      expect(queries).toHaveLength(1);
      expect(queries[0]).not.toMatch(/checklist/);
    });
  },
);
