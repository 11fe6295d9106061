// @ts-check

/**
 * Until when a request that Kratix failed is still followed: Kratix retries
 * a failed configure workflow of the same generation on its reconciliation
 * interval (workflows.reconcileAfterFailure, on by default) and when the
 * request is labelled kratix.io/manual-reconciliation, so a failed request
 * can still become Ready. Null: not followed (final).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kratix_requests', table => {
    table.string('follow_until', 40).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('kratix_requests', table => {
    table.dropColumn('follow_until');
  });
};
