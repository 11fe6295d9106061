// @ts-check

/**
 * On PostgreSQL, alert_daily's key also carries the figures (INCLUDE), so a
 * window's whole days are summed from the index alone (an index-only scan),
 * without visiting the table for each series and day. SQLite has no
 * INCLUDE, and its small installs do not need it: nothing changes there.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(`
    ALTER TABLE alert_daily
      DROP CONSTRAINT alert_daily_pkey,
      ADD CONSTRAINT alert_daily_pkey PRIMARY KEY (fingerprint, day)
        INCLUDE (events, firings, resolved, resolve_seconds)`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(`
    ALTER TABLE alert_daily
      DROP CONSTRAINT alert_daily_pkey,
      ADD CONSTRAINT alert_daily_pkey PRIMARY KEY (fingerprint, day)`);
};
