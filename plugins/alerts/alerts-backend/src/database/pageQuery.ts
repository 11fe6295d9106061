import { Knex } from 'knex';
import { EVENTS, inSeries } from './dailyFigures';

/**
 * Up to this many index entries (series x page size), PostgreSQL reads a
 * page as each series' newest events from the fingerprint index; beyond, by
 * walking all events back in time (cheaper when the series are a large
 * share of all, as a System's are).
 */
const PER_SERIES_ENTRIES = 5_000;

/**
 * The query for one page of these series' events whose firing started since
 * `since`, newest first (ties by id), after `after` (where the previous page
 * ended): `limit` + 1 rows, the last telling whether there is a next page.
 */
export function newestEvents(
  db: Knex,
  options: {
    fingerprints: string[];
    since: string;
    limit: number;
    after?: { startsAt: string; id: number };
  },
): Knex.QueryBuilder {
  const { after, since } = options;
  const newestFirst = (query: Knex.QueryBuilder) => {
    if (after) {
      query.where(inner =>
        inner
          .where('starts_at', '<', after.startsAt)
          .orWhere(same =>
            same.where('starts_at', after.startsAt).where('id', '<', after.id),
          ),
      );
    }
    return query
      .where('starts_at', '>=', since)
      .orderBy([
        { column: 'starts_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
  };
  if (
    db.client.config.client === 'pg' &&
    options.fingerprints.length * (options.limit + 1) <= PER_SERIES_ENTRIES
  ) {
    // each series' newest (index-only), the newest of those, their rows
    const ids = db.raw(
      'SELECT p.id FROM unnest(?::text[]) AS f(fp) CROSS JOIN LATERAL ? AS p ORDER BY p.starts_at DESC, p.id DESC LIMIT ?',
      [
        options.fingerprints,
        newestFirst(
          db(EVENTS).select('starts_at', 'id').whereRaw('fingerprint = f.fp'),
        ),
        options.limit + 1,
      ],
    );
    return db(EVENTS)
      .select('*')
      .whereRaw('id IN (?)', [ids])
      .orderBy([
        { column: 'starts_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
  }
  return newestFirst(
    inSeries(db, db(EVENTS), options.fingerprints).select('*'),
  );
}
