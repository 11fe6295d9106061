import { Knex } from 'knex';
import {
  AddedEvent,
  DAILY,
  EVENTS as TABLE,
  addDaily,
  secondsBetween,
} from './dailyFigures';

/**
 * Writing events: each new event once, its series (labels and latest
 * firing) and its day's figures with it, atomically.
 */

export const SERIES = 'alert_series';

/** An event as stored. */
export type EventRow = {
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

/**
 * PostgreSQL: the events and their series in one statement (one round
 * trip, atomic), as the webhook's latency needs.
 */
export async function recordPg(db: Knex, rows: EventRow[]): Promise<number> {
  const insert = db(TABLE)
    .insert(rows)
    .onConflict(['alertmanager', 'fingerprint', 'starts_at', 'status'])
    .ignore()
    .returning([
      'alertmanager',
      'fingerprint',
      'starts_at',
      'status',
      'ends_at',
      'labels',
    ])
    .toSQL();
  const result = await db.raw(
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
     ),
     -- one row per firing touched; the statement's snapshot does not hold
     -- the rows just added, so a firing stored before is one that exists
     firing AS (
       SELECT a.fingerprint, SUBSTR(a.starts_at, 1, 10) AS day,
         COUNT(*) AS events,
         CASE WHEN EXISTS (
           SELECT 1 FROM ${TABLE} e WHERE e.alertmanager = a.alertmanager
             AND e.fingerprint = a.fingerprint AND e.starts_at = a.starts_at
         ) THEN 0 ELSE 1 END AS new_firing,
         ${secondsBetween(
           db,
           'a.starts_at',
           "MAX(CASE WHEN a.status = 'resolved' THEN a.ends_at END)",
         )} AS seconds
       FROM added a
       GROUP BY a.alertmanager, a.fingerprint, a.starts_at
     ),
     daily AS (
       INSERT INTO ${DAILY}
         (fingerprint, day, events, firings, resolved, resolve_seconds)
       SELECT fingerprint, day, SUM(events), SUM(new_firing),
         SUM(CASE WHEN seconds >= 0 THEN 1 ELSE 0 END),
         COALESCE(SUM(CASE WHEN seconds >= 0 THEN seconds END), 0)
       FROM firing GROUP BY fingerprint, day
       ON CONFLICT (fingerprint, day) DO UPDATE SET
         events = ${DAILY}.events + excluded.events,
         firings = ${DAILY}.firings + excluded.firings,
         resolved = ${DAILY}.resolved + excluded.resolved,
         resolve_seconds = ${DAILY}.resolve_seconds + excluded.resolve_seconds
     )
     SELECT count(*) AS inserted FROM added`,
    // any: knex.raw takes the bindings toSQL() gave, whose type it does not accept as is
    insert.bindings as any[],
  );
  return Number(result.rows[0].inserted);
}

/** Other engines (SQLite): the events, then their series, in a transaction. */
export async function recordAny(
  trx: Knex.Transaction,
  rows: EventRow[],
): Promise<number> {
  const result: unknown = await trx(TABLE)
    .insert(rows)
    .onConflict(['alertmanager', 'fingerprint', 'starts_at', 'status'])
    .ignore()
    .returning([
      'alertmanager',
      'fingerprint',
      'starts_at',
      'status',
      'ends_at',
      'labels',
    ]);
  const added: Array<AddedEvent & Pick<EventRow, 'labels'>> = Array.isArray(
    result,
  )
    ? result
    : [];
  await addDaily(trx, added);
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
