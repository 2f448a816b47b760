// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rollouts', table => {
    table.comment('One release of one catalog entity');
    table
      .bigIncrements('seq')
      .primary()
      .comment('Creation order; lists page by it');
    table.string('id').notNullable().unique().comment('UUID');
    table
      .string('entity_ref')
      .notNullable()
      .comment('Lower-cased entity ref of the released entity');
    table.string('version').notNullable();
    table.string('previous_version').nullable();
    table.text('title').notNullable();
    table.string('status').notNullable();
    table
      .integer('revision')
      .notNullable()
      .comment('Bumped by every mutation; writers name the revision they read');
    table.text('release_notes_url').nullable();
    table
      .text('checklist')
      .notNullable()
      .comment('The checklist sections with their run state, as JSON');
    table.string('created_by').notNullable();
    // ISO-8601 UTC strings read back the same from every database.
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.unique(['entity_ref', 'version'], {
      indexName: 'rollouts_entity_ref_version_uniq',
    });
    table.index(['status'], 'rollouts_status_idx');
  });

  await knex.schema.createTable('rollout_events', table => {
    table.comment('The history of each rollout: who changed what, when');
    table.bigIncrements('id').primary();
    table
      .string('rollout_id')
      .notNullable()
      .references('id')
      .inTable('rollouts')
      .onDelete('CASCADE');
    table.string('actor').notNullable();
    table.string('type').notNullable();
    table.text('message').notNullable();
    table.integer('revision').notNullable();
    table.text('data').nullable();
    table.string('created_at', 32).notNullable();
    table.index(['rollout_id', 'id'], 'rollout_events_rollout_id_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollout_events');
  await knex.schema.dropTable('rollouts');
};
