import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import { createTestDatabases } from './__testUtils__/fixtures';

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@rollout/backstage-plugin-rollout-backend',
  'migrations',
);
const migrations = fs
  .readdirSync(directory)
  .filter(file => file.endsWith('.js'))
  .sort();

describe('migrations', () => {
  it('are named YYYYMMDDHHmmss_name.js', () => {
    expect(migrations.length).toBeGreaterThan(0);
    for (const file of migrations) {
      expect(file).toMatch(/^\d{14}_[a-z0-9_]+\.js$/);
    }
  });

  it.each(databases.eachSupportedId())(
    'step up and down through every migration on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory };

      for (const migration of migrations) {
        await knex.migrate.up({ ...config, name: migration });
      }
      expect(await knex.schema.hasTable('rollouts')).toBe(true);
      expect(await knex.schema.hasTable('rollout_events')).toBe(true);

      // The schema holds what the store writes, including its constraints.
      const row = {
        id: 'r1',
        entity_ref: 'component:default/a',
        version: 'v1',
        title: 't',
        status: 'draft',
        revision: 1,
        checklist: '{}',
        created_by: 'user:default/a',
        created_at: '2026-11-26T00:00:00.000Z',
        updated_at: '2026-11-26T00:00:00.000Z',
      };
      await knex('rollouts').insert(row);
      await expect(
        knex('rollouts').insert({ ...row, id: 'r2' }),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
      });
      await knex('rollout_events').insert({
        rollout_id: 'r1',
        actor: 'user:default/a',
        type: 'x',
        message: 'm',
        revision: 1,
        created_at: row.created_at,
      });
      await knex('rollout_events').delete();
      await knex('rollouts').delete();

      for (const migration of [...migrations].reverse()) {
        await knex.migrate.down({ ...config, name: migration });
      }
      expect(await knex.schema.hasTable('rollouts')).toBe(false);
      expect(await knex.schema.hasTable('rollout_events')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives rollouts stored before the signer table their signers on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory };
      const signerMigration = migrations.findIndex(m =>
        m.endsWith('_owners_signers.js'),
      );
      for (const migration of migrations.slice(0, signerMigration)) {
        await knex.migrate.up({ ...config, name: migration });
      }
      await knex('rollouts').insert({
        id: 'r1',
        entity_ref: 'component:default/a',
        version: 'v1',
        title: 't',
        status: 'draft',
        revision: 3,
        checklist: JSON.stringify({
          signOffs: [
            {
              id: 'qa-lead',
              decision: 'approved',
              signers: ['group:default/QA-Leads', 'user:default/quinn'],
            },
            { id: 'ops', decision: 'pending', signers: [] },
          ],
        }),
        created_by: 'user:default/a',
        created_at: '2026-11-26T00:00:00.000Z',
        updated_at: '2026-11-26T00:00:00.000Z',
      });
      for (const migration of migrations.slice(signerMigration)) {
        await knex.migrate.up({ ...config, name: migration });
      }
      expect(
        await knex('rollout_signers')
          .orderBy('signer_ref')
          .select('rollout_id', 'sign_off_id', 'signer_ref', 'decision'),
      ).toEqual([
        {
          rollout_id: 'r1',
          sign_off_id: 'qa-lead',
          signer_ref: 'group:default/qa-leads',
          decision: 'approved',
        },
        {
          rollout_id: 'r1',
          sign_off_id: 'qa-lead',
          signer_ref: 'user:default/quinn',
          decision: 'approved',
        },
      ]);
      expect(await knex('rollouts').first('owner_ref')).toEqual({
        owner_ref: null,
      });
      // ...and the board's search text.
      expect(await knex('rollouts').first('search_text')).toEqual({
        search_text: 'component:default/a\nv1\nt',
      });
    },
  );
});
