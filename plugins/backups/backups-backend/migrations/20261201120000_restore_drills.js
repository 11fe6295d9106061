// @ts-check

/**
 * Restore drills the portal followed: a Velero Restore into a scratch
 * namespace, or a restic restore into a scratch path, with what was checked
 * and the measured time to recover. One row per drill, updated until it ends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('restore_drills', table => {
    // velero:<cluster>/<restore> or restic:<repository>/<request>
    table.string('id', 300).primary();
    table.string('entity_ref', 512).nullable();
    table.string('tool', 10).notNullable();
    table.string('target', 255).notNullable();
    table.string('source', 255).notNullable();
    table.string('scratch', 1024).notNullable();
    table.string('status', 10).notNullable();
    // ISO-8601 UTC strings: equal on every engine, and they sort as times
    table.string('started_at', 30).notNullable();
    table.string('finished_at', 30).nullable();
    table.double('duration_seconds').nullable();
    table.text('checks').notNullable();
    table.index(['entity_ref', 'started_at'], 'restore_drills_entity_idx');
    table.index(['started_at'], 'restore_drills_started_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('restore_drills');
};
