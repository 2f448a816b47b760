// @ts-check

/**
 * The last evaluation of each rollout's gates, served to every view until
 * it is older than the gates frequency or the rollout changed, and the claim
 * that lets one replica evaluate while the others wait for its result.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rollout_gate_evaluations', table => {
    table.comment(
      'The last evaluation of the gates of a rollout, and who is evaluating them',
    );
    table
      .string('rollout_id')
      .primary()
      .references('id')
      .inTable('rollouts')
      .onDelete('CASCADE');
    table
      .integer('revision')
      .nullable()
      .comment('The revision of the rollout that was evaluated');
    table
      .text('gates')
      .nullable()
      .comment('JSON of the evaluated gates: values, series, states');
    table.string('evaluated_at', 32).nullable();
    table
      .string('claimed_until', 32)
      .nullable()
      .comment('While set and in the future, one replica is evaluating');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollout_gate_evaluations');
};
