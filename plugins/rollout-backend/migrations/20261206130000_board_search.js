// @ts-check

/**
 * The board's text search reads one column: the entity ref, version and
 * title, lower-cased the same way on every database (SQLite's lower() knows
 * ASCII only), one to a line.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table
      .text('search_text')
      .notNullable()
      .defaultTo('')
      .comment('Entity ref, version and title in lower case, one to a line');
  });
  const rows = await knex('rollouts').select(
    'id',
    'entity_ref',
    'version',
    'title',
  );
  for (const row of rows) {
    await knex('rollouts')
      .where({ id: row.id })
      .update({
        search_text: [row.entity_ref, row.version, row.title]
          .map(text => text.toLocaleLowerCase('en-US'))
          .join('\n'),
      });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rollouts', table => {
    table.dropColumn('search_text');
  });
};
