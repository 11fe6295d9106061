// @ts-check

/**
 * A decision's runbook (a TechDocs link) and, for a page, where the page
 * stands (who was paged, who acknowledged, when it escalates), as JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('cyber_decisions', table => {
    table.text('runbook').nullable();
    table.text('paging').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cyber_decisions', table => {
    table.dropColumn('paging');
    table.dropColumn('runbook');
  });
};
