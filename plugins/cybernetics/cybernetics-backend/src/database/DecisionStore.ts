import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  AuditEntry,
  Autonomy,
  Decision,
  DecisionState,
  Evidence,
  OPEN_DECISION_STATES,
  Paging,
  ProposedAction,
  RunbookLink,
  Risk,
  SignalSource,
} from '@homelab-portal/plugin-cybernetics-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const migrationsDir = resolvePackagePath(
  '@homelab-portal/plugin-cybernetics-backend',
  'migrations',
);

type Row = {
  id: string;
  fingerprint: string;
  open_fingerprint: string | null;
  policy: string;
  entity_ref: string;
  state: string;
  autonomy: string;
  title: string;
  diagnosis: string;
  evidence: string;
  action: string;
  risk: string;
  rationale: string;
  advisory: string | null;
  source: string;
  task_id: string | null;
  pull_request_url: string | null;
  executed_at: string | null;
  runbook: string | null;
  paging: string | null;
  created_at: string;
  updated_at: string;
};

export type NewDecision = {
  fingerprint: string;
  policy: string;
  entityRef: string;
  state: 'observed' | 'proposed';
  autonomy: Autonomy;
  title: string;
  diagnosis: string;
  evidence: Evidence[];
  action: ProposedAction;
  risk: Risk;
  rationale: string;
  advisory?: { model: string; text: string };
  source: SignalSource;
  runbook?: RunbookLink;
};

/** A decision as stored, with the loop's bookkeeping. */
export type StoredDecision = Decision & {
  taskId?: string;
  executedAt?: string;
};

const LOOP_ACTOR = 'cybernetics';

/** Decisions and their audit trail, in the plugin's database. */
export class DecisionStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<DecisionStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DecisionStore(client);
  }

  /**
   * Opens a decision for a finding, unless one is open for the same
   * fingerprint: then it folds into that one (returns it, with `created`
   * false). Safe across replicas: the unique open fingerprint decides.
   */
  async open(
    decision: NewDecision,
    now = new Date(),
  ): Promise<{ decision: StoredDecision; created: boolean }> {
    const existing = await this.db<Row>('cyber_decisions')
      .where({ open_fingerprint: decision.fingerprint })
      .first();
    if (existing) {
      return {
        decision: (await this.withAudit([existing]))[0],
        created: false,
      };
    }
    const id = randomUUID();
    const at = now.toISOString();
    try {
      await this.db.transaction(async tx => {
        await tx<Row>('cyber_decisions').insert({
          id,
          fingerprint: decision.fingerprint,
          open_fingerprint: decision.fingerprint,
          policy: decision.policy,
          entity_ref: decision.entityRef,
          state: decision.state,
          autonomy: decision.autonomy,
          title: decision.title,
          diagnosis: decision.diagnosis,
          evidence: JSON.stringify(decision.evidence),
          action: JSON.stringify(decision.action),
          risk: decision.risk,
          rationale: decision.rationale,
          advisory: decision.advisory
            ? JSON.stringify(decision.advisory)
            : null,
          source: decision.source,
          task_id: null,
          pull_request_url: null,
          executed_at: null,
          runbook: decision.runbook ? JSON.stringify(decision.runbook) : null,
          paging: null,
          created_at: at,
          updated_at: at,
        });
        await tx('cyber_audit').insert({
          decision_id: id,
          at,
          actor: LOOP_ACTOR,
          from_state: null,
          to_state: decision.state,
          note: `Policy ${decision.policy}: ${decision.title}`,
        });
      });
    } catch (error) {
      // Another replica opened it first: fold into theirs.
      const raced = await this.db<Row>('cyber_decisions')
        .where({ open_fingerprint: decision.fingerprint })
        .first();
      if (raced) {
        return { decision: (await this.withAudit([raced]))[0], created: false };
      }
      throw error;
    }
    return { decision: (await this.get(id))!, created: true };
  }

  async get(id: string): Promise<StoredDecision | undefined> {
    const row = await this.db<Row>('cyber_decisions').where({ id }).first();
    return row ? (await this.withAudit([row]))[0] : undefined;
  }

  async list(
    filter: {
      states?: DecisionState[];
      entityRef?: string;
      policy?: string;
      limit?: number;
      offset?: number;
    } = {},
  ): Promise<StoredDecision[]> {
    const rows = await this.filtered(filter)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit ?? 500)
      .offset(filter.offset ?? 0);
    return this.withAudit(rows);
  }

  /** How many decisions the filter selects, for paging. */
  async count(filter: {
    states?: DecisionState[];
    entityRef?: string;
    policy?: string;
  }): Promise<number> {
    const [row] = await this.filtered(filter).count({ n: '*' });
    return Number((row as { n: number | string }).n);
  }

  private filtered(filter: {
    states?: DecisionState[];
    entityRef?: string;
    policy?: string;
  }) {
    let query = this.db<Row>('cyber_decisions');
    if (filter.states?.length) query = query.whereIn('state', filter.states);
    if (filter.entityRef) query = query.where('entity_ref', filter.entityRef);
    if (filter.policy) query = query.where('policy', filter.policy);
    return query;
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db('cyber_decisions')
      .select('state')
      .count({ n: '*' })
      .groupBy('state');
    return Object.fromEntries(
      rows.map((r: Record<string, unknown>) => [String(r.state), Number(r.n)]),
    );
  }

  /**
   * Moves a decision from one state to another with an audit entry; returns
   * false when it was no longer in `from` (someone else moved it).
   */
  async transition(
    id: string,
    from: DecisionState,
    to: DecisionState,
    actor: string,
    note: string,
    extra: Partial<
      Pick<Row, 'task_id' | 'pull_request_url' | 'executed_at' | 'paging'>
    > = {},
  ): Promise<boolean> {
    const at = new Date().toISOString();
    return this.db.transaction(async tx => {
      const updated = await tx<Row>('cyber_decisions')
        .where({ id, state: from })
        .update({
          state: to,
          updated_at: at,
          ...(OPEN_DECISION_STATES.includes(to)
            ? {}
            : { open_fingerprint: null }),
          ...extra,
        });
      if (updated === 0) return false;
      await tx('cyber_audit').insert({
        decision_id: id,
        at,
        actor,
        from_state: from,
        to_state: to,
        note,
      });
      return true;
    });
  }

  /**
   * Updates where a page stands (acknowledged, escalated) with an audit
   * entry; `change` answers undefined when there is nothing to do, and a
   * concurrent update (another replica, a person) wins. Returns whether it
   * changed.
   */
  async updatePaging(
    id: string,
    actor: string,
    note: string,
    change: (paging: Paging) => Paging | undefined,
  ): Promise<boolean> {
    const at = new Date().toISOString();
    return this.db.transaction(async tx => {
      const row = await tx<Row>('cyber_decisions')
        .where({ id, state: 'executed' })
        .first();
      if (!row?.paging) return false;
      const before = row.paging;
      const next = change(JSON.parse(before));
      if (!next) return false;
      const updated = await tx<Row>('cyber_decisions')
        .where({ id, state: 'executed', paging: before })
        .update({ paging: JSON.stringify(next), updated_at: at });
      if (updated === 0) return false;
      await tx('cyber_audit').insert({
        decision_id: id,
        at,
        actor,
        from_state: 'executed',
        to_state: 'executed',
        note,
      });
      return true;
    });
  }

  /** Notes when an executed change took effect (its pull request merged). */
  async setExecutedAt(id: string, at: string, note: string) {
    await this.db.transaction(async tx => {
      const updated = await tx<Row>('cyber_decisions')
        .where({ id, state: 'executed' })
        .whereNull('executed_at')
        .update({ executed_at: at, updated_at: new Date().toISOString() });
      if (updated > 0) {
        await tx('cyber_audit').insert({
          decision_id: id,
          at,
          actor: LOOP_ACTOR,
          from_state: 'executed',
          to_state: 'executed',
          note,
        });
      }
    });
  }

  async recordCycle(cycle: {
    instance: string;
    startedAt: string;
    durationMs: number;
    signals: number;
    findings: number;
    source: string;
    warnings: string[];
    counts: Record<string, number>;
  }) {
    await this.db('cyber_cycles').insert({
      instance: cycle.instance,
      started_at: cycle.startedAt,
      duration_ms: cycle.durationMs,
      signals: cycle.signals,
      findings: cycle.findings,
      source: cycle.source,
      details: JSON.stringify({
        warnings: cycle.warnings,
        counts: cycle.counts,
      }),
    });
  }

  async cycles(limit = 100) {
    const rows = await this.db('cyber_cycles')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map((r: Record<string, unknown>) => ({
      instance: r.instance as string,
      startedAt: r.started_at as string,
      durationMs: Number(r.duration_ms),
      signals: Number(r.signals),
      findings: Number(r.findings),
      source: r.source as string,
      ...(JSON.parse(r.details as string) as {
        warnings: string[];
        counts: Record<string, number>;
      }),
    }));
  }

  private async withAudit(rows: Row[]): Promise<StoredDecision[]> {
    if (rows.length === 0) return [];
    const audit = await this.db('cyber_audit')
      .whereIn(
        'decision_id',
        rows.map(r => r.id),
      )
      .orderBy('id', 'asc');
    const byDecision = new Map<string, AuditEntry[]>();
    for (const a of audit) {
      const list = byDecision.get(a.decision_id) ?? [];
      list.push({
        at: a.at,
        actor: a.actor,
        from: a.from_state,
        to: a.to_state,
        note: a.note,
      });
      byDecision.set(a.decision_id, list);
    }
    return rows.map(row => ({
      id: row.id,
      fingerprint: row.fingerprint,
      policy: row.policy,
      entityRef: row.entity_ref,
      state: row.state as DecisionState,
      autonomy: row.autonomy as Autonomy,
      title: row.title,
      diagnosis: row.diagnosis,
      evidence: JSON.parse(row.evidence),
      action: JSON.parse(row.action),
      risk: row.risk as Risk,
      rationale: row.rationale,
      advisory: row.advisory ? JSON.parse(row.advisory) : undefined,
      source: row.source as SignalSource,
      pullRequestUrl: row.pull_request_url ?? undefined,
      taskId: row.task_id ?? undefined,
      executedAt: row.executed_at ?? undefined,
      runbook: row.runbook ? JSON.parse(row.runbook) : undefined,
      paging: row.paging ? JSON.parse(row.paging) : undefined,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      audit: byDecision.get(row.id) ?? [],
    }));
  }
}
