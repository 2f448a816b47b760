// @ts-check

const statusRank =
  "CASE status WHEN 'blocked' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'draft' THEN 2 WHEN 'completed' THEN 3 WHEN 'rolled_back' THEN 4 ELSE 5 END";

/**
 * Indexes for the board's other two sorts, so that a page of them reads
 * rows in order instead of sorting every rollout: by entity (then newest
 * first), and by status in the order the board shows them, an expression
 * that must stay the same text as `statusRank` in `src/database/summarySort.ts`
 * for the databases to use it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    'CREATE INDEX rollouts_entity_sort_idx ON rollouts (entity_ref, seq DESC)',
  );
  await knex.raw(
    `CREATE INDEX rollouts_status_sort_idx ON rollouts ((${statusRank}), seq DESC)`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX rollouts_status_sort_idx');
  await knex.raw('DROP INDEX rollouts_entity_sort_idx');
};
