// @ts-check

/**
 * What Kratix last said about a request (its Reconciled condition and what is
 * behind it), as JSON: waiting with a reason, needing approval, failing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kratix_requests', table => {
    table.text('kratix_status').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('kratix_requests', table => {
    table.dropColumn('kratix_status');
  });
};
