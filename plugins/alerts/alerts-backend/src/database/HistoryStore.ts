import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { AlertEvent, AlertStats } from '@homelab-portal/plugin-alerts-common';
import { Knex } from 'knex';
import { EVENTS, pruneDaily, totalsSince } from './dailyFigures';
import { newestEvents } from './pageQuery';
import { EventRow, SERIES, recordAny, recordPg } from './recordEvents';

const migrationsDir = resolvePackagePath(
  '@homelab-portal/plugin-alerts-backend',
  'migrations',
);

const TABLE = EVENTS;
const BATCH = 200;
/**
 * How long a replica reuses the series it read as they are. After that, a
 * read is still served the list it holds, up to SERIES_STALE_MS old, while a
 * new read of it runs in the background; past SERIES_STALE_MS, the read
 * waits for a new list. Other replicas' new series show after at most
 * SERIES_STALE_MS (SERIES_CACHE_MS while reads keep coming); a replica's own
 * writes show at once.
 */
const SERIES_CACHE_MS = 2_000;
const SERIES_STALE_MS = 10_000;
/** How much older than asked the cached series read reaches, so that the reads within SERIES_CACHE_MS can share it. */
const SERIES_CACHE_REACH_MS = 60_000;

type Series = { fingerprint: string; labels: Record<string, string> };
type Row = EventRow;

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
  private seriesCache?: {
    readAt: number;
    since: string;
    max: number;
    rows: Array<Series & { last: string }>;
    truncated?: boolean;
  };
  /** The background read of the series under way, if any. */
  private seriesRefresh?: Promise<void>;
  /** Counts this replica's writes: a series read started before one is not kept. */
  private writes = 0;

  private constructor(
    private readonly db: Knex,
    private readonly now: () => number,
  ) {}

  static async create(
    database: DatabaseService,
    options: { now?: () => number } = {},
  ): Promise<HistoryStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new HistoryStore(client, options.now ?? Date.now);
  }

  /** Forgets the series read so far (after a write of this replica's). */
  private dropSeries() {
    this.writes += 1;
    this.seriesCache = undefined;
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
          ? await recordPg(this.db, rows)
          : await this.db.transaction(trx => recordAny(trx, rows));
    }
    if (inserted > 0) this.dropSeries();
    return inserted;
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
    const from = isoTime(since);
    const now = this.now();
    let read = this.seriesCache;
    if (
      !read ||
      now - read.readAt > SERIES_STALE_MS ||
      read.max !== max ||
      read.since > from
    ) {
      read = await this.readSeries(since, max);
    } else if (now - read.readAt > SERIES_CACHE_MS && !this.seriesRefresh) {
      // served as it is; the next reads get the new list
      this.seriesRefresh = this.readSeries(since, max)
        .then(
          () => undefined,
          () => this.dropSeries(), // the next read asks again, and fails
        )
        .finally(() => {
          this.seriesRefresh = undefined;
        });
    }
    const rows = read.rows.filter(row => row.last >= from);
    return {
      series: rows
        .slice(0, max)
        .map(({ fingerprint, labels }) => ({ fingerprint, labels })),
      truncated: read.truncated === true,
    };
  }

  /**
   * Reads the series since a minute before `since` (so that the reads that
   * follow can share it) and keeps them, unless the read had to stop at
   * `max` (then it reads and returns those since `since` only) or this
   * replica wrote while it ran.
   */
  private async readSeries(
    since: Date,
    max: number,
  ): Promise<{
    readAt: number;
    since: string;
    max: number;
    rows: Array<Series & { last: string }>;
    truncated?: boolean;
  }> {
    const writes = this.writes;
    const readAt = this.now();
    const wide = await this.selectSeries(
      isoTime(new Date(since.getTime() - SERIES_CACHE_REACH_MS)),
      max,
    );
    if (wide.truncated) {
      // a read that has to stop at max serves only its own `since`
      const own = await this.selectSeries(isoTime(since), max);
      return { ...own, readAt, max };
    }
    const read = { readAt, since: wide.since, max, rows: wide.rows };
    if (this.writes === writes) this.seriesCache = read;
    return read;
  }

  /** The series with a firing since `since` (one row each, not every event), most recent first. */
  private async selectSeries(since: string, max: number) {
    const rows = (await this.db(SERIES)
      .select('fingerprint', 'labels', 'last_starts_at')
      .where('last_starts_at', '>=', since)
      .orderBy([
        { column: 'last_starts_at', order: 'desc' },
        { column: 'fingerprint' },
      ])
      .limit(max + 1)) as Array<{
      fingerprint: string;
      labels: string;
      last_starts_at: string;
    }>;
    return {
      since,
      rows: rows.slice(0, max).map(row => ({
        fingerprint: row.fingerprint,
        labels: JSON.parse(row.labels) as Record<string, string>,
        last: row.last_starts_at,
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
    /** false: the caller counts them itself (see figures); total is then undefined */
    count?: boolean;
  }): Promise<{
    events: AlertEvent[];
    total: number | undefined;
    nextCursor: string | null;
  }> {
    if (options.fingerprints.length === 0) {
      return { events: [], total: 0, nextCursor: null };
    }
    const since = isoTime(options.since);
    const after = options.cursor ? readCursor(options.cursor) : undefined;
    const query = newestEvents(this.db, {
      fingerprints: options.fingerprints,
      since,
      limit: options.limit,
      after,
    });
    const [rows, total] = await Promise.all([
      query as Promise<Array<Row & { id: number | string }>>,
      options.count === false
        ? undefined
        : totalsSince(this.db, options.fingerprints, since).then(
            totals => totals.events,
          ),
    ]);
    const events = rows.slice(0, options.limit);
    const last = events[events.length - 1];
    return {
      events: events.map(toEvent),
      total: total === undefined ? undefined : Number(total),
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
    return (await this.figures(fingerprints, since, lastSince)).stats;
  }

  /**
   * The stats, and how many events (what page counts as its total) started
   * since `since`: both from one statement, for a page whose window is the
   * stats' own.
   */
  async figures(
    fingerprints: string[],
    since: Date,
    lastSince: Date,
  ): Promise<{ stats: AlertStats; events: number }> {
    if (fingerprints.length === 0) {
      return {
        stats: { lastFiredAt: null, firings30d: 0, mttrSeconds: null },
        events: 0,
      };
    }
    // one statement: the latest firing, whole days from alert_daily and
    // the first day's firings from the events
    const { last, ...totals } = await totalsSince(
      this.db,
      fingerprints,
      isoTime(since),
      isoTime(lastSince),
    );
    const mttr = totals.resolved > 0 ? totals.seconds / totals.resolved : null;
    return {
      stats: {
        lastFiredAt: last ? isoTime(last) : null,
        firings30d: totals.firings,
        // the engines differ in the last digits of a time difference
        mttrSeconds: mttr === null ? null : Math.round(mttr * 1000) / 1000,
      },
      events: totals.events,
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

  async count(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }

  /** Drops history older than the retention, and the series and days with none left. */
  async prune(before: Date): Promise<number> {
    const pruned = await this.db.transaction(async trx => {
      const deleted = await trx(TABLE)
        .where('starts_at', '<', isoTime(before))
        .delete();
      await trx(SERIES).where('last_starts_at', '<', isoTime(before)).delete();
      await pruneDaily(trx, isoTime(before));
      return deleted;
    });
    this.dropSeries();
    return pruned;
  }
}
