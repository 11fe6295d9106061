// @ts-check

/**
 * Decisions and their audit. `open_fingerprint` holds the finding's
 * fingerprint while the decision is open and is cleared when it closes; its
 * unique index folds duplicate findings into one open decision, across
 * replicas too. Cycles record each run of the loop.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cyber_decisions', table => {
    table.string('id', 36).primary();
    table.string('fingerprint', 64).notNullable();
    table.string('open_fingerprint', 64).nullable().unique({
      indexName: 'cyber_decisions_open_fingerprint_key',
    });
    table.string('policy', 100).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('state', 20).notNullable();
    table.string('autonomy', 10).notNullable();
    table.text('title').notNullable();
    table.text('diagnosis').notNullable();
    table.text('evidence').notNullable();
    table.text('action').notNullable();
    table.string('risk', 10).notNullable();
    table.text('rationale').notNullable();
    table.text('advisory').nullable();
    table.string('source', 10).notNullable();
    table.string('task_id', 64).nullable();
    table.string('pull_request_url', 2048).nullable();
    table.string('executed_at', 30).nullable();
    // ISO-8601 UTC strings: equal on every engine, and they sort as times
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['state'], 'cyber_decisions_state_idx');
    table.index(['entity_ref'], 'cyber_decisions_entity_idx');
  });
  await knex.schema.createTable('cyber_audit', table => {
    table.bigIncrements('id').primary();
    table
      .string('decision_id', 36)
      .notNullable()
      .references('id')
      .inTable('cyber_decisions')
      .onDelete('CASCADE');
    table.string('at', 30).notNullable();
    table.string('actor', 255).notNullable();
    table.string('from_state', 20).nullable();
    table.string('to_state', 20).notNullable();
    table.text('note').notNullable();
    table.index(['decision_id'], 'cyber_audit_decision_idx');
  });
  await knex.schema.createTable('cyber_cycles', table => {
    table.bigIncrements('id').primary();
    table.string('instance', 64).notNullable();
    table.string('started_at', 30).notNullable();
    table.integer('duration_ms').notNullable();
    table.integer('signals').notNullable();
    table.integer('findings').notNullable();
    table.string('source', 10).notNullable();
    // {warnings, counts}: what could not be read, and signals per plugin
    table.text('details').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cyber_cycles');
  await knex.schema.dropTable('cyber_audit');
  await knex.schema.dropTable('cyber_decisions');
};
