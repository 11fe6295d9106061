// @ts-check

/**
 * A history page is an entity's series' newest events. With the event id in
 * the fingerprint index (right after starts_at, so each series' events are in
 * page order), PostgreSQL reads each series' newest straight from the index
 * (an index-only scan per series) instead of walking every series' events
 * back in time; the figures' reads keep their covering columns.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('alert_events', table => {
    table.index(
      ['fingerprint', 'starts_at', 'id', 'status', 'ends_at', 'alertmanager'],
      'alert_events_fingerprint_page_idx',
    );
  });
  await knex.schema.alterTable('alert_events', table => {
    table.dropIndex(
      ['fingerprint', 'starts_at', 'status', 'ends_at', 'alertmanager'],
      'alert_events_fingerprint_cover_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('alert_events', table => {
    table.index(
      ['fingerprint', 'starts_at', 'status', 'ends_at', 'alertmanager'],
      'alert_events_fingerprint_cover_idx',
    );
  });
  await knex.schema.alterTable('alert_events', table => {
    table.dropIndex(
      ['fingerprint', 'starts_at', 'id', 'status', 'ends_at', 'alertmanager'],
      'alert_events_fingerprint_page_idx',
    );
  });
};
