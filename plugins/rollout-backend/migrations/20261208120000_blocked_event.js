// @ts-check

/**
 * The event that blocked a rollout, as its type and data (JSON), next to
 * its English message in `blocked_reason`: the board words the block in
 * the reader's language from it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table
      .text('blocked_event')
      .nullable()
      .comment('JSON {type, data} of the event that blocked the rollout');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table.dropColumn('blocked_event');
  });
};
