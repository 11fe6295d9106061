import { Knex } from 'knex';

/**
 * The per-series, per-day figures (table alert_daily, see its migration):
 * kept by every write, read for a window as whole days plus the events of
 * the window's first, partial day.
 */

export const EVENTS = 'alert_events';
export const DAILY = 'alert_daily';
const DAY_MS = 86_400_000;
/**
 * Fingerprints per statement where each is its own bound value (SQLite
 * allows 999 per statement); PostgreSQL takes them all as one array.
 */
const CHUNK = 500;

const isPg = (db: Knex) => db.client.config.client === 'pg';

/** What a window adds up: events stored, firings, and resolutions with their seconds. */
export type Totals = {
  events: number;
  firings: number;
  resolved: number;
  seconds: number;
};

/** An added event, as the write returns it. */
export type AddedEvent = {
  alertmanager: string;
  fingerprint: string;
  starts_at: string;
  status: string;
  ends_at: string | null;
};

/** The seconds between two ISO-8601 timestamps (SQL expressions), in this engine's SQL. */
export function secondsBetween(db: Knex, from: string, to: string): string {
  if (isPg(db)) {
    return `EXTRACT(EPOCH FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz)))`;
  }
  return `((julianday(${to}) - julianday(${from})) * 86400.0)`;
}

/** The UTC day of an ISO-8601 timestamp, as stored in alert_daily. */
export const dayOf = (iso: string) => iso.slice(0, 10);

/** The start of the UTC day after `day`, as a stored timestamp. */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString();
}

const chunks = (db: Knex, values: string[]) =>
  isPg(db)
    ? [values]
    : Array.from({ length: Math.ceil(values.length / CHUNK) }, (_, i) =>
        values.slice(i * CHUNK, (i + 1) * CHUNK),
      );

/**
 * Narrows a query to these series. On PostgreSQL the fingerprints are one
 * array parameter (the driver quotes each element), so a statement is
 * planned the same whatever their number, and the planner can use the
 * fingerprint index for them; elsewhere an IN list.
 */
export function inSeries<Q extends Knex.QueryBuilder>(
  db: Knex,
  query: Q,
  fingerprints: string[],
  column = 'fingerprint',
): Q {
  return isPg(db)
    ? (query.whereRaw('?? = ANY(?::text[])', [column, fingerprints]) as Q)
    : (query.whereIn(column, fingerprints) as Q);
}

const add = (a: Totals, b: Partial<Record<keyof Totals, unknown>>) => {
  a.events += Number(b.events ?? 0);
  a.firings += Number(b.firings ?? 0);
  a.resolved += Number(b.resolved ?? 0);
  a.seconds += Number(b.seconds ?? 0);
};

/**
 * Engines without a one-statement write (SQLite): adds the figures of the
 * events just stored, in the write's transaction. A firing is new when no
 * other transition of it was stored before this write.
 */
export async function addDaily(
  trx: Knex.Transaction,
  added: AddedEvent[],
): Promise<void> {
  const firings = new Map<string, AddedEvent[]>();
  for (const event of added) {
    const key = JSON.stringify([
      event.alertmanager,
      event.fingerprint,
      event.starts_at,
    ]);
    firings.set(key, [...(firings.get(key) ?? []), event]);
  }
  const days = new Map<string, Totals & { fingerprint: string; day: string }>();
  for (const events of firings.values()) {
    const [{ alertmanager, fingerprint, starts_at }] = events;
    const statuses = events.map(e => e.status);
    const before = await trx(EVENTS)
      .first('id')
      .where({ alertmanager, fingerprint, starts_at })
      .whereNotIn('status', statuses);
    const resolution = events.find(e => e.status === 'resolved')?.ends_at;
    const seconds =
      resolution !== undefined && resolution !== null
        ? (Date.parse(resolution) - Date.parse(starts_at)) / 1000
        : -1;
    const day = dayOf(starts_at);
    const key = JSON.stringify([fingerprint, day]);
    const totals = days.get(key) ?? {
      fingerprint,
      day,
      events: 0,
      firings: 0,
      resolved: 0,
      seconds: 0,
    };
    add(totals, {
      events: events.length,
      firings: before ? 0 : 1,
      resolved: seconds >= 0 ? 1 : 0,
      seconds: seconds >= 0 ? seconds : 0,
    });
    days.set(key, totals);
  }
  for (const t of days.values()) {
    await trx(DAILY)
      .insert({
        fingerprint: t.fingerprint,
        day: t.day,
        events: t.events,
        firings: t.firings,
        resolved: t.resolved,
        resolve_seconds: t.seconds,
      })
      .onConflict(['fingerprint', 'day'])
      .merge({
        events: trx.raw(`${DAILY}.events + excluded.events`),
        firings: trx.raw(`${DAILY}.firings + excluded.firings`),
        resolved: trx.raw(`${DAILY}.resolved + excluded.resolved`),
        resolve_seconds: trx.raw(
          `${DAILY}.resolve_seconds + excluded.resolve_seconds`,
        ),
      });
  }
}

/** The firings (one row each) of these series that started in [from, to). */
function firingsBetween(
  db: Knex,
  fingerprints: string[],
  from: string,
  to?: string,
) {
  const query = inSeries(db, db(EVENTS), fingerprints)
    .select(
      'fingerprint',
      'starts_at',
      'alertmanager',
      db.raw('COUNT(*) AS events'),
      db.raw("MAX(CASE WHEN status = 'resolved' THEN ends_at END) AS ends_at"),
    )
    .where('starts_at', '>=', from)
    .groupBy('fingerprint', 'starts_at', 'alertmanager');
  if (to) query.where('starts_at', '<', to);
  return query.as('firings');
}

/**
 * What the events of these series that started since `since` add up to, in
 * one statement (on SQLite, one per 500 series): whole days from
 * alert_daily, and since's own day from the nearer end of it. Late in its
 * day, the events from since to midnight are added to the days after;
 * early in it, the events from midnight to since are taken off the days
 * from since's own. Either way at most 12 hours of events are read. With
 * `lastSince`, also the latest firing since then (from alert_series).
 */
export async function totalsSince(
  db: Knex,
  fingerprints: string[],
  since: string,
  lastSince?: string,
): Promise<Totals & { last: string | null }> {
  const totals = { events: 0, firings: 0, resolved: 0, seconds: 0 };
  let last: string | null = null;
  const day = dayOf(since);
  const midnight = `${day}T00:00:00.000Z`;
  const nextMidnight = dayAfter(day);
  const early =
    Date.parse(since) - Date.parse(midnight) <=
    Date.parse(nextMidnight) - Date.parse(since);
  const seconds = secondsBetween(db, 'starts_at', 'ends_at');
  const resolvedIn = 'CASE WHEN ends_at >= starts_at';
  const sign = early ? '-' : '+';
  await Promise.all(
    chunks(db, fingerprints).map(async part => {
      const days = inSeries(db, db(DAILY), part)
        .where('day', early ? '>=' : '>', day)
        .select(
          db.raw('COALESCE(SUM(events), 0) AS events'),
          db.raw('COALESCE(SUM(firings), 0) AS firings'),
          db.raw('COALESCE(SUM(resolved), 0) AS resolved'),
          db.raw('COALESCE(SUM(resolve_seconds), 0) AS seconds'),
        )
        .as('d');
      const edge = db
        .from(
          early
            ? firingsBetween(db, part, midnight, since)
            : firingsBetween(db, part, since, nextMidnight),
        )
        .select(
          db.raw('COALESCE(SUM(events), 0) AS events'),
          db.raw('COUNT(*) AS firings'),
          db.raw(
            `COALESCE(SUM(${resolvedIn} THEN 1 ELSE 0 END), 0) AS resolved`,
          ),
          db.raw(
            `COALESCE(SUM(${resolvedIn} THEN ${seconds} END), 0) AS seconds`,
          ),
        )
        .as('e');
      const query = db
        .from(days)
        .join(edge, join => join.on(db.raw('1 = 1')))
        .select(
          db.raw(`d.events ${sign} e.events AS events`),
          db.raw(`d.firings ${sign} e.firings AS firings`),
          db.raw(`d.resolved ${sign} e.resolved AS resolved`),
          db.raw(`d.seconds ${sign} e.seconds AS seconds`),
        );
      if (lastSince) {
        query.select(
          inSeries(db, db('alert_series'), part)
            .max('last_starts_at')
            .where('last_starts_at', '>=', lastSince)
            .as('last'),
        );
      }
      const [row] = await query;
      add(totals, row);
      if (row.last && (!last || row.last > last)) last = String(row.last);
    }),
  );
  return { ...totals, last };
}

/**
 * After history older than `before` was dropped: drops the days before
 * before's day, and counts before's own day again from what is left.
 */
export async function pruneDaily(
  trx: Knex.Transaction,
  before: string,
): Promise<void> {
  const day = dayOf(before);
  await trx(DAILY).where('day', '<=', day).delete();
  const seconds = secondsBetween(trx, 'starts_at', 'ends_at');
  const firings = trx(EVENTS)
    .select(
      'fingerprint',
      'starts_at',
      trx.raw('COUNT(*) AS events'),
      trx.raw("MAX(CASE WHEN status = 'resolved' THEN ends_at END) AS ends_at"),
    )
    .where('starts_at', '>=', `${day}T00:00:00.000Z`)
    .where('starts_at', '<', dayAfter(day))
    .groupBy('fingerprint', 'starts_at', 'alertmanager')
    .as('firings');
  const rows = await trx
    .from(firings)
    .select(
      'fingerprint',
      trx.raw('SUM(events) AS events'),
      trx.raw('COUNT(*) AS firings'),
      trx.raw(
        'SUM(CASE WHEN ends_at >= starts_at THEN 1 ELSE 0 END) AS resolved',
      ),
      trx.raw(
        `COALESCE(SUM(CASE WHEN ends_at >= starts_at THEN ${seconds} END), 0) AS seconds`,
      ),
    )
    .groupBy('fingerprint');
  for (const row of rows as Array<Record<string, unknown>>) {
    await trx(DAILY).insert({
      fingerprint: row.fingerprint,
      day,
      events: Number(row.events),
      firings: Number(row.firings),
      resolved: Number(row.resolved),
      resolve_seconds: Number(row.seconds),
    });
  }
}
