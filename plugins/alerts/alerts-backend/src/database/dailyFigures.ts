import { Knex } from 'knex';

/**
 * The per-series, per-day figures (table alert_daily, see its migration):
 * kept by every write, read for a window as whole days plus the events of
 * the window's first, partial day.
 */

export const EVENTS = 'alert_events';
export const DAILY = 'alert_daily';
const DAY_MS = 86_400_000;
/** Fingerprints per IN list (SQLite allows 999 bound values per statement). */
const CHUNK = 500;

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
  if (db.client.config.client === 'pg') {
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

const chunks = (values: string[]) =>
  Array.from({ length: Math.ceil(values.length / CHUNK) }, (_, i) =>
    values.slice(i * CHUNK, (i + 1) * CHUNK),
  );

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
  const query = db(EVENTS)
    .select(
      'fingerprint',
      'starts_at',
      'alertmanager',
      db.raw('COUNT(*) AS events'),
      db.raw("MAX(CASE WHEN status = 'resolved' THEN ends_at END) AS ends_at"),
    )
    .whereIn('fingerprint', fingerprints)
    .where('starts_at', '>=', from)
    .groupBy('fingerprint', 'starts_at', 'alertmanager');
  if (to) query.where('starts_at', '<', to);
  return query.as('firings');
}

/**
 * What the events of these series that started since `since` add up to, in
 * one statement per 500 series: the whole days after since's day from
 * alert_daily, since's own day from its events. With `lastSince`, also the
 * latest firing since then (from alert_series).
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
  const seconds = secondsBetween(db, 'starts_at', 'ends_at');
  const resolvedIn = 'CASE WHEN ends_at >= starts_at';
  await Promise.all(
    chunks(fingerprints).map(async part => {
      const days = db(DAILY)
        .whereIn('fingerprint', part)
        .where('day', '>', day)
        .select(
          db.raw('COALESCE(SUM(events), 0) AS events'),
          db.raw('COALESCE(SUM(firings), 0) AS firings'),
          db.raw('COALESCE(SUM(resolved), 0) AS resolved'),
          db.raw('COALESCE(SUM(resolve_seconds), 0) AS seconds'),
        )
        .as('d');
      const edge = db
        .from(firingsBetween(db, part, since, dayAfter(day)))
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
          db.raw('d.events + e.events AS events'),
          db.raw('d.firings + e.firings AS firings'),
          db.raw('d.resolved + e.resolved AS resolved'),
          db.raw('d.seconds + e.seconds AS seconds'),
        );
      if (lastSince) {
        query.select(
          db('alert_series')
            .max('last_starts_at')
            .whereIn('fingerprint', part)
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
