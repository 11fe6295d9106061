// @ts-check

/**
 * History is read per entity: the fingerprints its matchers pick, within a
 * window, newest first (a page, and the figures). This index serves those
 * reads without scanning every series' events.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('alert_events', table => {
    table.index(['fingerprint', 'starts_at'], 'alert_events_fingerprint_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('alert_events', table => {
    table.dropIndex(
      ['fingerprint', 'starts_at'],
      'alert_events_fingerprint_idx',
    );
  });
};
