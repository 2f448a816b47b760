// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table
      .string('started_at', 32)
      .nullable()
      .comment(
        'When the rollout first went in_progress; gate baselines end here',
      );
  });
  await knex.schema.createTable('rollout_gate_states', table => {
    table.comment('The last evaluated state of each gate of a rollout');
    table
      .string('rollout_id')
      .notNullable()
      .references('id')
      .inTable('rollouts')
      .onDelete('CASCADE');
    table
      .string('gate')
      .notNullable()
      .comment('metric:<id>, alert:<id> or criterion:<id>');
    table.string('state').notNullable();
    table.text('reason').nullable();
    table.string('changed_at', 32).notNullable();
    table.string('evaluated_at', 32).notNullable();
    table.primary(['rollout_id', 'gate']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollout_gate_states');
  await knex.schema.alterTable('rollouts', table => {
    table.dropColumn('started_at');
  });
};
