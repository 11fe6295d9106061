import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { AlertEvent, AlertStats } from '@homelab-portal/plugin-alerts-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@homelab-portal/plugin-alerts-backend',
  'migrations',
);

const TABLE = 'alert_events';
const SERIES = 'alert_series';
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

function toEvent(row: Row): AlertEvent {
  return {
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
  };
}

/** A page cursor: where the previous page ended, opaque to callers. */
function writeCursor(startsAt: string, id: number): string {
  return Buffer.from(JSON.stringify([startsAt, id])).toString('base64url');
}

function readCursor(cursor: string): { startsAt: string; id: number } {
  try {
    const [startsAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      typeof startsAt === 'string' &&
      isoTime(startsAt) === startsAt &&
      Number.isSafeInteger(id) &&
      id > 0
    ) {
      return { startsAt, id };
    }
  } catch {
    // refused below
  }
  throw new InputError('cursor: not a cursor this history gave out');
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

  /**
   * Stores the events not stored yet; returns how many were new. Each new
   * event's series is noted (its labels and when it last fired) in the same
   * transaction.
   */
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
      inserted +=
        this.db.client.config.client === 'pg'
          ? await this.recordPg(rows)
          : await this.db.transaction(trx => this.recordAny(trx, rows));
    }
    return inserted;
  }

  /**
   * PostgreSQL: the events and their series in one statement (one round
   * trip, atomic), as the webhook's latency needs.
   */
  private async recordPg(rows: Row[]): Promise<number> {
    const insert = this.db(TABLE)
      .insert(rows)
      .onConflict(['alertmanager', 'fingerprint', 'starts_at', 'status'])
      .ignore()
      .returning(['fingerprint', 'starts_at', 'labels'])
      .toSQL();
    const result = await this.db.raw(
      `WITH added AS (${insert.sql}),
       latest AS (
         SELECT DISTINCT ON (fingerprint) fingerprint, labels, starts_at
         FROM added ORDER BY fingerprint, starts_at DESC
       ),
       series AS (
         INSERT INTO ${SERIES} (fingerprint, labels, last_starts_at)
         SELECT fingerprint, labels, starts_at FROM latest
         ON CONFLICT (fingerprint) DO UPDATE SET
           labels = CASE WHEN excluded.last_starts_at > ${SERIES}.last_starts_at
             THEN excluded.labels ELSE ${SERIES}.labels END,
           last_starts_at = CASE WHEN excluded.last_starts_at > ${SERIES}.last_starts_at
             THEN excluded.last_starts_at ELSE ${SERIES}.last_starts_at END
       )
       SELECT count(*) AS inserted FROM added`,
      // any: knex.raw takes the bindings toSQL() gave, whose type it does not accept as is
      insert.bindings as any[],
    );
    return Number(result.rows[0].inserted);
  }

  /** Other engines (SQLite): the events, then their series, in a transaction. */
  private async recordAny(trx: Knex.Transaction, rows: Row[]): Promise<number> {
    const result: unknown = await trx(TABLE)
      .insert(rows)
      .onConflict(['alertmanager', 'fingerprint', 'starts_at', 'status'])
      .ignore()
      .returning(['fingerprint', 'starts_at', 'labels']);
    const added: Array<Pick<Row, 'fingerprint' | 'starts_at' | 'labels'>> =
      Array.isArray(result) ? result : [];
    // one row per series (an upsert may touch a row once per statement)
    const latest = new Map<string, { labels: string; last: string }>();
    for (const row of added) {
      const seen = latest.get(row.fingerprint);
      if (!seen || row.starts_at > seen.last) {
        latest.set(row.fingerprint, {
          labels: row.labels,
          last: row.starts_at,
        });
      }
    }
    if (latest.size > 0) {
      const later = `excluded.last_starts_at > ${SERIES}.last_starts_at`;
      await trx(SERIES)
        .insert(
          [...latest].map(([fingerprint, { labels, last }]) => ({
            fingerprint,
            labels,
            last_starts_at: last,
          })),
        )
        .onConflict('fingerprint')
        .merge({
          labels: trx.raw(
            `CASE WHEN ${later} THEN excluded.labels ELSE ${SERIES}.labels END`,
          ),
          last_starts_at: trx.raw(
            `CASE WHEN ${later} THEN excluded.last_starts_at ELSE ${SERIES}.last_starts_at END`,
          ),
        });
    }
    return added.length;
  }

  /**
   * The alert series (fingerprint and labels) with a firing since `since`,
   * most recently fired first, at most `max` of them: what an entity's
   * matchers are run against. A fingerprint is Alertmanager's hash of the
   * label set, so one label set stands for all of its events.
   */
  async series(
    since: Date,
    max: number,
  ): Promise<{
    series: Array<{ fingerprint: string; labels: Record<string, string> }>;
    truncated: boolean;
  }> {
    // one row per series, not every event of the window grouped
    const rows = (await this.db(SERIES)
      .select('fingerprint', 'labels')
      .where('last_starts_at', '>=', isoTime(since))
      .orderBy([
        { column: 'last_starts_at', order: 'desc' },
        { column: 'fingerprint' },
      ])
      .limit(max + 1)) as Array<{ fingerprint: string; labels: string }>;
    return {
      series: rows.slice(0, max).map(row => ({
        fingerprint: row.fingerprint,
        labels: JSON.parse(row.labels),
      })),
      truncated: rows.length > max,
    };
  }

  /**
   * One page of the events of these series whose firing started since
   * `since`, newest first, after `cursor` (from the previous page), and how
   * many there are in all.
   */
  async page(options: {
    fingerprints: string[];
    since: Date;
    limit: number;
    cursor?: string;
  }): Promise<{
    events: AlertEvent[];
    total: number;
    nextCursor: string | null;
  }> {
    if (options.fingerprints.length === 0) {
      return { events: [], total: 0, nextCursor: null };
    }
    const scope = () =>
      this.db(TABLE)
        .whereIn('fingerprint', options.fingerprints)
        .where('starts_at', '>=', isoTime(options.since));
    const query = scope()
      .select('*')
      .orderBy([
        { column: 'starts_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    if (options.cursor) {
      const after = readCursor(options.cursor);
      query.where(inner =>
        inner
          .where('starts_at', '<', after.startsAt)
          .orWhere(same =>
            same.where('starts_at', after.startsAt).where('id', '<', after.id),
          ),
      );
    }
    const [rows, [{ total }]] = await Promise.all([
      query as Promise<Array<Row & { id: number | string }>>,
      scope().count({ total: '*' }),
    ]);
    const events = rows.slice(0, options.limit);
    const last = events[events.length - 1];
    return {
      events: events.map(toEvent),
      total: Number(total),
      nextCursor:
        rows.length > options.limit && last
          ? writeCursor(last.starts_at, Number(last.id))
          : null,
    };
  }

  /**
   * What history says about these series, computed by the database: when
   * one last fired since `lastSince`, and the firings and mean time to
   * resolve of those that started since `since`.
   */
  async stats(
    fingerprints: string[],
    since: Date,
    lastSince: Date,
  ): Promise<AlertStats> {
    if (fingerprints.length === 0) {
      return { lastFiredAt: null, firings30d: 0, mttrSeconds: null };
    }
    const [{ last }] = await this.db(SERIES)
      .max({ last: 'last_starts_at' })
      .whereIn('fingerprint', fingerprints)
      .where('last_starts_at', '>=', isoTime(lastSince));
    // one row per firing (episode): its start, and its end once resolved;
    // grouped in the covering index's order, read from the index alone
    const episodes = this.db(TABLE)
      .select(
        'fingerprint',
        'starts_at',
        'alertmanager',
        this.db.raw(
          "MAX(CASE WHEN status = 'resolved' THEN ends_at END) AS ends_at",
        ),
      )
      .whereIn('fingerprint', fingerprints)
      .where('starts_at', '>=', isoTime(since))
      .groupBy('fingerprint', 'starts_at', 'alertmanager')
      .as('episodes');
    const seconds = this.secondsBetween('starts_at', 'ends_at');
    const [row] = await this.db
      .from(episodes)
      .count({ firings: '*' })
      .select(
        this.db.raw(
          `AVG(CASE WHEN ends_at >= starts_at THEN ${seconds} END) AS mttr`,
        ),
      );
    const mttr = row.mttr === null ? null : Number(row.mttr);
    return {
      lastFiredAt: last ? isoTime(last) : null,
      firings30d: Number(row.firings),
      // the engines differ in the last digits of a time difference
      mttrSeconds: mttr === null ? null : Math.round(mttr * 1000) / 1000,
    };
  }

  /**
   * Firings without a resolution that started since `since`: what the poll
   * checks against Alertmanager. At most `max`; the rest wait for a later
   * poll.
   */
  async openFirings(since: Date, max: number): Promise<AlertEvent[]> {
    const rows: Row[] = await this.db(`${TABLE} as f`)
      .select('f.*')
      .where('f.status', 'firing')
      .where('f.starts_at', '>=', isoTime(since))
      .whereNotExists(
        this.db(`${TABLE} as r`)
          .select(this.db.raw('1'))
          .whereRaw('r.alertmanager = f.alertmanager')
          .whereRaw('r.fingerprint = f.fingerprint')
          .whereRaw('r.starts_at = f.starts_at')
          .where('r.status', 'resolved'),
      )
      .orderBy([{ column: 'f.starts_at' }, { column: 'f.id' }])
      .limit(max);
    return rows.map(toEvent);
  }

  /** The seconds between two stored ISO-8601 timestamps, in this engine's SQL. */
  private secondsBetween(from: string, to: string): string {
    if (this.db.client.config.client === 'pg') {
      return `EXTRACT(EPOCH FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz)))`;
    }
    return `((julianday(${to}) - julianday(${from})) * 86400.0)`;
  }

  async count(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }

  /** Drops history older than the retention, and the series with none left. */
  async prune(before: Date): Promise<number> {
    const pruned = await this.db(TABLE)
      .where('starts_at', '<', isoTime(before))
      .delete();
    await this.db(SERIES)
      .where('last_starts_at', '<', isoTime(before))
      .delete();
    return pruned;
  }
}
