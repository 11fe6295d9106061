// @ts-check

/**
 * Reads that stay cheap however much history is kept (a million events):
 *
 * - alert_series: one row per alert series (fingerprint) with its labels and
 *   when it last fired, kept by every write. The entity card and the
 *   history page run an entity's matchers against the series; they read
 *   this table (one row per series) instead of grouping every event of the
 *   window by fingerprint. Filled here from the events already stored.
 * - the fingerprint index also carries status, ends_at and alertmanager, so
 *   that an entity's figures (firings, time to resolve) and its event count
 *   are read from the index alone, in index order, without visiting the
 *   table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alert_series', table => {
    table.string('fingerprint', 64).primary();
    table.text('labels').notNullable();
    table.string('last_starts_at', 30).notNullable();
    table.index(['last_starts_at'], 'alert_series_last_idx');
  });
  await knex.raw(
    `INSERT INTO alert_series (fingerprint, labels, last_starts_at)
     SELECT fingerprint, MAX(labels), MAX(starts_at)
     FROM alert_events
     GROUP BY fingerprint`,
  );
  await knex.schema.alterTable('alert_events', table => {
    table.index(
      ['fingerprint', 'starts_at', 'status', 'ends_at', 'alertmanager'],
      'alert_events_fingerprint_cover_idx',
    );
  });
  await knex.schema.alterTable('alert_events', table => {
    table.dropIndex(
      ['fingerprint', 'starts_at'],
      'alert_events_fingerprint_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('alert_events', table => {
    table.index(['fingerprint', 'starts_at'], 'alert_events_fingerprint_idx');
  });
  await knex.schema.alterTable('alert_events', table => {
    table.dropIndex(
      ['fingerprint', 'starts_at', 'status', 'ends_at', 'alertmanager'],
      'alert_events_fingerprint_cover_idx',
    );
  });
  await knex.schema.dropTable('alert_series');
};
