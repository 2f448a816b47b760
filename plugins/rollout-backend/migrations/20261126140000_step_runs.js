// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rollout_step_runs', table => {
    table.comment('Scaffolder tasks that run rollout steps');
    table.bigIncrements('id').primary();
    table
      .string('rollout_id')
      .notNullable()
      .references('id')
      .inTable('rollouts')
      .onDelete('CASCADE');
    table.string('step_id').notNullable();
    table
      .string('task_id')
      .nullable()
      .comment('Null while the task is being started');
    table.string('started_by').notNullable();
    table.string('started_at', 32).notNullable();
    table
      .string('finished_at', 32)
      .nullable()
      .comment('Null while the step runs');
    table.string('outcome').nullable();
    table.index(['task_id'], 'rollout_step_runs_task_id_idx');
  });
  // One run at a time per step, also between concurrent requests and backend
  // replicas: the second insert of an unfinished run fails.
  await knex.raw(
    'CREATE UNIQUE INDEX rollout_step_runs_one_active ON rollout_step_runs (rollout_id, step_id) WHERE finished_at IS NULL',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollout_step_runs');
};
