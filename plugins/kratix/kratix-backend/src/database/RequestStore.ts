import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  FINAL_REQUEST_STATES,
  KratixRequest,
  KratixStatus,
  RequestEvent,
  RequestState,
} from '@homelab-portal/plugin-kratix-common';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const migrationsDir = resolvePackagePath(
  '@homelab-portal/plugin-kratix-backend',
  'migrations',
);

type Row = {
  id: string;
  requester: string;
  promise: string;
  promise_entity_ref: string;
  api_version: string;
  kind: string;
  plural: string;
  name: string;
  namespace: string | null;
  parameters: string;
  forge: string;
  pull_request_url: string;
  state: string;
  reason: string | null;
  kratix_status: string | null;
  follow_until?: string | null;
  created_at: string;
  updated_at: string;
};

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)~([0-9a-f-]{36})$/;

/** Whether a string is a cursor this store hands out (a time and an id). */
export function isCursor(value: string): boolean {
  return CURSOR.test(value);
}

function encodeCursor(row: Row): string {
  return `${row.created_at}~${row.id}`;
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const m = CURSOR.exec(cursor);
  if (!m) throw new InputError(`Invalid cursor ${cursor.slice(0, 100)}`);
  return { createdAt: m[1], id: m[2] };
}

export type NewRequest = Omit<
  KratixRequest,
  'id' | 'state' | 'createdAt' | 'updatedAt' | 'events' | 'reason' | 'kratix'
>;

function readKratixStatus(value: string | null): KratixStatus | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Kratix requests and their timelines, in the plugin's database. */
export class RequestStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<RequestStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new RequestStore(client);
  }

  /** Records a new request, its pull request open. */
  async add(
    request: NewRequest,
    now = new Date(),
    /** The first event's text (default: the pull request was opened). */
    openedMessage = `Pull request opened: ${request.pullRequestUrl}`,
  ): Promise<KratixRequest> {
    const id = randomUUID();
    const at = now.toISOString();
    await this.db.transaction(async tx => {
      await tx<Row>('kratix_requests').insert({
        id,
        requester: request.requester,
        promise: request.promise,
        promise_entity_ref: request.promiseEntityRef,
        api_version: request.apiVersion,
        kind: request.kind,
        plural: request.plural,
        name: request.name,
        namespace: request.namespace ?? null,
        parameters: JSON.stringify(request.parameters),
        forge: request.forge,
        pull_request_url: request.pullRequestUrl,
        state: 'pr-open',
        reason: null,
        kratix_status: null,
        created_at: at,
        updated_at: at,
      });
      await tx('kratix_request_events').insert({
        request_id: id,
        state: 'pr-open',
        at,
        message: openedMessage,
      });
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<KratixRequest | undefined> {
    const row = await this.db<Row>('kratix_requests').where({ id }).first();
    if (!row) return undefined;
    const [request] = await this.withEvents([row]);
    return request;
  }

  /**
   * One page of requests, newest first. `before` is the `cursor` of the last
   * request of the previous page; `nextCursor` is set when more may follow.
   */
  async list(filter: {
    requester?: string;
    promise?: string;
    open?: boolean;
    limit: number;
    before?: string;
  }): Promise<{ items: KratixRequest[]; nextCursor?: string }> {
    let query = this.db<Row>('kratix_requests');
    if (filter.requester) query = query.where('requester', filter.requester);
    if (filter.promise) query = query.where('promise', filter.promise);
    if (filter.open) query = query.whereNotIn('state', FINAL_REQUEST_STATES);
    if (filter.before) {
      const { createdAt, id } = decodeCursor(filter.before);
      query = query.where(q =>
        q
          .where('created_at', '<', createdAt)
          .orWhere(q2 =>
            q2.where('created_at', createdAt).where('id', '<', id),
          ),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit + 1);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: await this.withEvents(page),
      ...(rows.length > filter.limit && last
        ? { nextCursor: encodeCursor(last) }
        : {}),
    };
  }

  /**
   * Open requests, oldest first, a page at a time: the tracker walks them
   * all. `after` is the `cursor` of the last one of the previous page.
   */
  async openPage(options: {
    after?: string;
    limit: number;
    /** Also failed requests still followed at this time (see `transition`'s `followUntil`). */
    now?: Date;
  }): Promise<{ items: KratixRequest[]; nextCursor?: string }> {
    const now = (options.now ?? new Date()).toISOString();
    let query = this.db<Row>('kratix_requests').where(q =>
      q
        .whereNotIn('state', FINAL_REQUEST_STATES)
        .orWhere(q2 =>
          q2.where('state', 'failed').where('follow_until', '>', now),
        ),
    );
    if (options.after) {
      const { createdAt, id } = decodeCursor(options.after);
      query = query.where(q =>
        q
          .where('created_at', '>', createdAt)
          .orWhere(q2 =>
            q2.where('created_at', createdAt).where('id', '>', id),
          ),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit);
    const last = rows[rows.length - 1];
    return {
      items: await this.withEvents(rows),
      ...(rows.length === options.limit && last
        ? { nextCursor: encodeCursor(last) }
        : {}),
    };
  }

  /** How many requests are still on their way, in all or of one requester. */
  async countOpen(filter: { requester?: string } = {}): Promise<number> {
    let query = this.db<Row>('kratix_requests').whereNotIn(
      'state',
      FINAL_REQUEST_STATES,
    );
    if (filter.requester) query = query.where('requester', filter.requester);
    const [{ count }] = await query.count({ count: '*' });
    return Number(count);
  }

  /** The open request that follows this pull request, if any. */
  async findOpenByPullRequestUrl(
    url: string,
  ): Promise<KratixRequest | undefined> {
    const row = await this.db<Row>('kratix_requests')
      .where('pull_request_url', url)
      .whereNotIn('state', FINAL_REQUEST_STATES)
      .first();
    if (!row) return undefined;
    const [request] = await this.withEvents([row]);
    return request;
  }

  /**
   * Moves a request to a new state, with the step's time and message. A
   * step already recorded (by another replica) is not recorded again;
   * returns whether this call recorded it. `followUntil` keeps a failed
   * request in `openPage` until then (Kratix may still retry it).
   */
  async transition(
    id: string,
    from: RequestState,
    to: RequestState,
    event: {
      at: string;
      message: string;
      reason?: string;
      kratix?: KratixStatus;
      followUntil?: string;
    },
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const updated = await tx<Row>('kratix_requests')
        .where({ id, state: from })
        .update({
          state: to,
          reason: event.reason ?? null,
          follow_until: event.followUntil ?? null,
          ...(event.kratix
            ? { kratix_status: JSON.stringify(event.kratix) }
            : {}),
          updated_at: new Date().toISOString(),
        });
      if (updated === 0) return false;
      await tx('kratix_request_events')
        .insert({
          request_id: id,
          state: to,
          at: event.at,
          message: event.message,
        })
        .onConflict(['request_id', 'state'])
        .ignore();
      return true;
    });
  }

  /** Stops following a failed request: it stays failed. */
  async stopFollowing(id: string, reason?: string) {
    await this.db<Row>('kratix_requests')
      .where({ id })
      .update({
        follow_until: null,
        ...(reason !== undefined ? { reason } : {}),
      });
  }

  /** Notes what a request waits for, without changing its state. */
  async setReason(id: string, reason: string | undefined) {
    await this.db<Row>('kratix_requests')
      .where({ id })
      .update({ reason: reason ?? null });
  }

  /**
   * Notes what Kratix says of a request that is on its way (waiting, needs
   * approval), with the reason shown for it, without changing its state.
   * `updated_at` moves only when Kratix's view changed.
   */
  async setKratixStatus(id: string, reason: string, kratix: KratixStatus) {
    const value = JSON.stringify(kratix);
    await this.db.transaction(async tx => {
      const row = await tx<Row>('kratix_requests')
        .where({ id })
        .first('kratix_status');
      await tx<Row>('kratix_requests')
        .where({ id })
        .update({
          reason,
          kratix_status: value,
          ...(row && row.kratix_status !== value
            ? { updated_at: new Date().toISOString() }
            : {}),
        });
    });
  }

  private async withEvents(rows: Row[]): Promise<KratixRequest[]> {
    if (rows.length === 0) return [];
    const events = await this.db('kratix_request_events')
      .whereIn(
        'request_id',
        rows.map(r => r.id),
      )
      .orderBy('id', 'asc');
    const byRequest = new Map<string, RequestEvent[]>();
    for (const e of events) {
      const list = byRequest.get(e.request_id) ?? [];
      list.push({ state: e.state, at: e.at, message: e.message });
      byRequest.set(e.request_id, list);
    }
    return rows.map(row => ({
      id: row.id,
      requester: row.requester,
      promise: row.promise,
      promiseEntityRef: row.promise_entity_ref,
      apiVersion: row.api_version,
      kind: row.kind,
      plural: row.plural,
      name: row.name,
      namespace: row.namespace ?? undefined,
      parameters: JSON.parse(row.parameters),
      forge: row.forge,
      pullRequestUrl: row.pull_request_url,
      state: row.state as RequestState,
      reason: row.reason ?? undefined,
      ...(row.kratix_status
        ? { kratix: readKratixStatus(row.kratix_status) }
        : {}),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      events: byRequest.get(row.id) ?? [],
    }));
  }
}
