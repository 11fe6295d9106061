// @ts-check

/**
 * Kratix requests made through the portal, and every step of each. A step is
 * stored once per request (unique request_id + state), so two replicas that
 * see the same change record it once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kratix_requests', table => {
    table.string('id', 36).primary();
    table.string('requester', 255).notNullable();
    table.string('promise', 100).notNullable();
    table.string('promise_entity_ref', 255).notNullable();
    table.string('api_version', 255).notNullable();
    table.string('kind', 100).notNullable();
    table.string('plural', 100).notNullable();
    table.string('name', 63).notNullable();
    table.string('namespace', 63).nullable();
    table.text('parameters').notNullable();
    table.string('forge', 20).notNullable();
    table.string('pull_request_url', 2048).notNullable();
    table.string('state', 20).notNullable();
    table.text('reason').nullable();
    // ISO-8601 UTC strings: equal on every engine, and they sort as times
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['state'], 'kratix_requests_state_idx');
    table.index(['requester'], 'kratix_requests_requester_idx');
    table.index(['promise'], 'kratix_requests_promise_idx');
  });
  await knex.schema.createTable('kratix_request_events', table => {
    table.bigIncrements('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('kratix_requests')
      .onDelete('CASCADE');
    table.string('state', 20).notNullable();
    table.string('at', 30).notNullable();
    table.text('message').notNullable();
    table.unique(['request_id', 'state'], {
      indexName: 'kratix_request_events_step_key',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kratix_request_events');
  await knex.schema.dropTable('kratix_requests');
};
