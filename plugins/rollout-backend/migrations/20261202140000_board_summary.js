// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table
      .string('system_ref')
      .nullable()
      .comment('Lower-cased system of the released entity, from the catalog');
    for (const column of [
      'steps_done',
      'steps_total',
      'checks_done',
      'checks_total',
      'signoffs_approved',
      'signoffs_total',
    ]) {
      table.integer(column).notNullable().defaultTo(0);
    }
    table
      .text('pending_sign_offs')
      .notNullable()
      .defaultTo('[]')
      .comment('The pending sign-off rows, as a JSON array of {id, role}');
    table
      .string('last_activity_at', 32)
      .nullable()
      .comment('When anything last happened to the rollout, gate changes too');
    table
      .text('blocked_reason')
      .nullable()
      .comment('What blocked the rollout, while it is blocked');
    table.index(['last_activity_at', 'seq'], 'rollouts_last_activity_idx');
    table.index(['system_ref'], 'rollouts_system_ref_idx');
  });
  // Summaries of the rollouts stored so far, read from their checklists as
  // rollout-common counted them when this migration was written.
  const rows = await knex('rollouts').select('id', 'checklist', 'updated_at');
  for (const row of rows) {
    await knex('rollouts')
      .where({ id: row.id })
      .update({
        ...summaryOf(JSON.parse(row.checklist)),
        last_activity_at: row.updated_at,
      });
  }
};

/**
 * @param {any} checklist
 */
function summaryOf(checklist) {
  const steps = (checklist.steps ?? []).filter(
    (/** @type {any} */ step) => (step.kind ?? 'runbook') === 'runbook',
  );
  const checks = checklist.preflightChecks ?? [];
  const signOffs = checklist.signOffs ?? [];
  return {
    steps_done: steps.filter(
      (/** @type {any} */ step) =>
        step.status === 'succeeded' ||
        (step.status === 'skipped' && Boolean(step.summary?.trim())),
    ).length,
    steps_total: steps.length,
    checks_done: checks.filter((/** @type {any} */ check) => check.checked)
      .length,
    checks_total: checks.length,
    signoffs_approved: signOffs.filter(
      (/** @type {any} */ row) => row.decision === 'approved',
    ).length,
    signoffs_total: signOffs.length,
    pending_sign_offs: JSON.stringify(
      signOffs
        .filter(
          (/** @type {any} */ row) => (row.decision ?? 'pending') === 'pending',
        )
        .map((/** @type {any} */ row) => ({ id: row.id, role: row.role })),
    ),
  };
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table.dropIndex(['last_activity_at', 'seq'], 'rollouts_last_activity_idx');
    table.dropIndex(['system_ref'], 'rollouts_system_ref_idx');
    for (const column of [
      'system_ref',
      'steps_done',
      'steps_total',
      'checks_done',
      'checks_total',
      'signoffs_approved',
      'signoffs_total',
      'pending_sign_offs',
      'last_activity_at',
      'blocked_reason',
    ]) {
      table.dropColumn(column);
    }
  });
};
