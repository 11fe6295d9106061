// @ts-check

/**
 * alert_daily: per alert series and UTC day (of the firing's start), what an
 * entity's figures add up, kept by every write in the same statement (or
 * transaction) as the events:
 *
 * - events: the events stored (what the history page counts);
 * - firings: the firings (one per alertmanager, fingerprint and start,
 *   however many of its transitions are stored);
 * - resolved and resolve_seconds: the firings whose resolution is stored
 *   and ends at or after the start, and the seconds they took in all (the
 *   mean time to resolve is their quotient).
 *
 * A window's figures then read one row per series and whole day, and the
 * events of the window's first, partial day; not every event of the window.
 * Filled here from the events already stored.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alert_daily', table => {
    table.string('fingerprint', 64).notNullable();
    table.string('day', 10).notNullable();
    table.integer('events').notNullable().defaultTo(0);
    table.integer('firings').notNullable().defaultTo(0);
    table.integer('resolved').notNullable().defaultTo(0);
    table.double('resolve_seconds').notNullable().defaultTo(0);
    table.primary(['fingerprint', 'day']);
  });
  const seconds =
    knex.client.config.client === 'pg'
      ? 'EXTRACT(EPOCH FROM (CAST(ends_at AS timestamptz) - CAST(starts_at AS timestamptz)))'
      : '((julianday(ends_at) - julianday(starts_at)) * 86400.0)';
  await knex.raw(
    `INSERT INTO alert_daily
       (fingerprint, day, events, firings, resolved, resolve_seconds)
     SELECT fingerprint, day, SUM(events), COUNT(*),
       SUM(CASE WHEN ends_at >= starts_at THEN 1 ELSE 0 END),
       COALESCE(SUM(CASE WHEN ends_at >= starts_at THEN ${seconds} END), 0)
     FROM (
       SELECT fingerprint, SUBSTR(starts_at, 1, 10) AS day, starts_at,
         COUNT(*) AS events,
         MAX(CASE WHEN status = 'resolved' THEN ends_at END) AS ends_at
       FROM alert_events
       GROUP BY fingerprint, starts_at, alertmanager
     ) firing
     GROUP BY fingerprint, day`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_daily');
};
