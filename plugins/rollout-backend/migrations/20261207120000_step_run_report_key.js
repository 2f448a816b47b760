// @ts-check

/**
 * The hash of the key a step run's task is given as a task secret: a report
 * of the step's result is accepted only with that key, so only the task
 * that runs the step can report it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollout_step_runs', table => {
    table
      .string('report_key_hash', 64)
      .nullable()
      .comment('SHA-256 (hex) of the report key given to the task');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rollout_step_runs', table => {
    table.dropColumn('report_key_hash');
  });
};
