// @ts-check

/**
 * Alert history: every firing and resolution, once. Alertmanager keeps no
 * history; the webhook and the poll write here, and redelivery of the same
 * transition is ignored by the unique key.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alert_events', table => {
    table.bigIncrements('id').primary();
    table.string('alertmanager', 100).notNullable();
    table.string('fingerprint', 64).notNullable();
    table.string('alertname', 200).notNullable();
    table.string('severity', 50).notNullable();
    table.text('labels').notNullable();
    table.string('status', 10).notNullable();
    // ISO-8601 UTC strings: equal on every engine, and they sort as times
    table.string('starts_at', 30).notNullable();
    table.string('ends_at', 30).nullable();
    table.string('received_at', 30).notNullable();
    table.string('via', 10).notNullable();
    table.unique(['alertmanager', 'fingerprint', 'starts_at', 'status'], {
      indexName: 'alert_events_transition_key',
    });
    table.index(['starts_at'], 'alert_events_starts_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_events');
};
