// @ts-check

/**
 * On PostgreSQL, a trigram index on the board's search text, so that a
 * search reads the few rows that hold the text instead of every rollout.
 * It needs the pg_trgm extension: created here where the server has it and
 * the plugin's user may create it (pg_trgm is a trusted extension from
 * PostgreSQL 13), otherwise the search scans, as on SQLite.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') {
    return;
  }
  const { rows } = await knex.raw(`
    SELECT
      EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS installed,
      EXISTS (
        SELECT 1 FROM pg_available_extension_versions
        WHERE name = 'pg_trgm'
          AND (trusted OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user))
      ) AND has_database_privilege(current_database(), 'CREATE') AS creatable
  `);
  const [{ installed, creatable }] = rows;
  if (!installed && !creatable) {
    return;
  }
  if (!installed) {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }
  await knex.raw(
    'CREATE INDEX rollouts_search_trgm_idx ON rollouts USING gin (search_text gin_trgm_ops)',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') {
    return;
  }
  await knex.raw('DROP INDEX IF EXISTS rollouts_search_trgm_idx');
};
