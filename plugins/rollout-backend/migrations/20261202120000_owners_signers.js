// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table
      .string('owner_ref')
      .nullable()
      .comment(
        'Lower-cased owner of the released entity, from the catalog; kept current by a scheduled refresh',
      );
    table.index(['owner_ref'], 'rollouts_owner_ref_idx');
  });
  await knex.schema.createTable('rollout_signers', table => {
    table.comment(
      'Who may decide each sign-off row of a rollout, one row per signer; rewritten with the checklist in the same transaction',
    );
    table
      .string('rollout_id')
      .notNullable()
      .references('id')
      .inTable('rollouts')
      .onDelete('CASCADE');
    table.string('sign_off_id').notNullable();
    table
      .string('signer_ref')
      .notNullable()
      .comment('Lower-cased user or group entity ref');
    table
      .string('decision')
      .notNullable()
      .comment('The decision of the row: pending, approved or rejected');
    table.primary(['rollout_id', 'sign_off_id', 'signer_ref']);
    table.index(['signer_ref', 'rollout_id'], 'rollout_signers_signer_idx');
  });
  // Rollouts stored before this migration get their signer rows here; their
  // owners arrive with the first refresh from the catalog.
  const rollouts = await knex('rollouts').select('id', 'checklist');
  for (const { id, checklist } of rollouts) {
    const rows = signerRows(id, JSON.parse(checklist));
    if (rows.length) {
      await knex.batchInsert('rollout_signers', rows, 500);
    }
  }
};

/**
 * @param {string} rolloutId
 * @param {{ signOffs?: Array<{ id: string; signers?: string[]; decision?: string }> }} checklist
 */
function signerRows(rolloutId, checklist) {
  const seen = new Set();
  const rows = [];
  for (const row of checklist.signOffs ?? []) {
    for (const signer of row.signers ?? []) {
      const ref = signer.toLocaleLowerCase('en-US');
      const key = `${row.id}\u0000${ref}`;
      if (!seen.has(key)) {
        seen.add(key);
        rows.push({
          rollout_id: rolloutId,
          sign_off_id: row.id,
          signer_ref: ref,
          decision: row.decision ?? 'pending',
        });
      }
    }
  }
  return rows;
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollout_signers');
  await knex.schema.alterTable('rollouts', table => {
    table.dropIndex(['owner_ref'], 'rollouts_owner_ref_idx');
    table.dropColumn('owner_ref');
  });
};
