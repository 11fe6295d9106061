import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { AlertEvent } from '@homelab-portal/plugin-alerts-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@homelab-portal/plugin-alerts-backend',
  'migrations',
);

const TABLE = 'alert_events';
const BATCH = 200;

type Row = {
  alertmanager: string;
  fingerprint: string;
  alertname: string;
  severity: string;
  labels: string;
  status: string;
  starts_at: string;
  ends_at: string | null;
  received_at: string;
  via: string;
};

/** Normalizes a timestamp to the stored form (ISO-8601 UTC, milliseconds). */
export function isoTime(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`"${String(value)}" is not a time`);
  }
  return date.toISOString();
}

/**
 * Alert history in the plugin's database. Writes are idempotent: a
 * transition (alertmanager, fingerprint, startsAt, status) is stored once,
 * however often it is delivered.
 */
export class HistoryStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<HistoryStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new HistoryStore(client);
  }

  /** Stores the events not stored yet; returns how many were new. */
  async record(events: AlertEvent[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < events.length; i += BATCH) {
      const rows: Row[] = events.slice(i, i + BATCH).map(event => ({
        alertmanager: event.alertmanager,
        fingerprint: event.fingerprint,
        alertname: event.alertname,
        severity: event.severity,
        labels: JSON.stringify(event.labels),
        status: event.status,
        starts_at: isoTime(event.startsAt),
        ends_at: event.endsAt ? isoTime(event.endsAt) : null,
        received_at: isoTime(event.receivedAt),
        via: event.via,
      }));
      const result: any = await this.db(TABLE)
        .insert(rows)
        .onConflict(['alertmanager', 'fingerprint', 'starts_at', 'status'])
        .ignore()
        .returning('id');
      inserted += Array.isArray(result) ? result.length : 0;
    }
    return inserted;
  }

  /** Events whose firing started at or after `since`, oldest first. */
  async since(since: Date): Promise<AlertEvent[]> {
    const rows: Row[] = await this.db(TABLE)
      .where('starts_at', '>=', isoTime(since))
      .orderBy([{ column: 'starts_at' }, { column: 'id' }]);
    return rows.map(row => ({
      alertmanager: row.alertmanager,
      fingerprint: row.fingerprint,
      alertname: row.alertname,
      severity: row.severity,
      labels: JSON.parse(row.labels),
      status: row.status as AlertEvent['status'],
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      receivedAt: row.received_at,
      via: row.via as AlertEvent['via'],
    }));
  }

  async count(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }

  /** Drops history older than the retention. */
  async prune(before: Date): Promise<number> {
    return this.db(TABLE).where('starts_at', '<', isoTime(before)).delete();
  }
}
