import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DrillResult } from '@homelab-portal/plugin-backups-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@homelab-portal/plugin-backups-backend',
  'migrations',
);

const TABLE = 'restore_drills';

type Row = {
  id: string;
  entity_ref: string | null;
  tool: string;
  target: string;
  source: string;
  scratch: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  duration_seconds: number | null;
  checks: string;
};

function iso(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`"${value}" is not a time`);
  }
  return date.toISOString();
}

function toDrill(row: Row): DrillResult {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    tool: row.tool as DrillResult['tool'],
    target: row.target,
    source: row.source,
    scratch: row.scratch,
    status: row.status as DrillResult['status'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationSeconds:
      row.duration_seconds === null ? null : Number(row.duration_seconds),
    checks: JSON.parse(row.checks),
  };
}

/**
 * Restore drills in the plugin's database: one row per drill, written when
 * the portal first sees it and updated until it is verified or failed. A
 * finished drill is never rewritten, so a result survives its Restore being
 * deleted from the cluster.
 */
export class DrillStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<DrillStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DrillStore(client);
  }

  /** Records a drill's state; a finished drill keeps its result. */
  async save(drill: DrillResult): Promise<void> {
    const row: Row = {
      id: drill.id.slice(0, 300),
      entity_ref: drill.entityRef?.slice(0, 512) ?? null,
      tool: drill.tool,
      target: drill.target.slice(0, 255),
      source: drill.source.slice(0, 255),
      scratch: drill.scratch.slice(0, 1024),
      status: drill.status,
      started_at: iso(drill.startedAt),
      finished_at: drill.finishedAt ? iso(drill.finishedAt) : null,
      duration_seconds: drill.durationSeconds,
      checks: JSON.stringify(
        drill.checks.slice(0, 50).map(c => c.slice(0, 2000)),
      ),
    };
    await this.db.transaction(async tx => {
      const existing = (await tx(TABLE).where({ id: row.id }).first()) as
        | Row
        | undefined;
      if (!existing) {
        await tx(TABLE).insert(row);
      } else if (existing.status === 'running') {
        await tx(TABLE).where({ id: row.id }).update(row);
      }
    });
  }

  async get(id: string): Promise<DrillResult | undefined> {
    const row = (await this.db(TABLE).where({ id }).first()) as Row | undefined;
    return row ? toDrill(row) : undefined;
  }

  /** The newest drills, at most `limit`, for one entity or for all. */
  async list(
    options: { entityRef?: string; limit?: number } = {},
  ): Promise<DrillResult[]> {
    let query = this.db(TABLE)
      .select()
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(Math.min(Math.max(1, options.limit ?? 100), 500));
    if (options.entityRef) {
      query = query.where({ entity_ref: options.entityRef });
    }
    return ((await query) as Row[]).map(toDrill);
  }

  /** Drills still running (to be followed on). */
  async running(): Promise<DrillResult[]> {
    return ((await this.db(TABLE).where({ status: 'running' })) as Row[]).map(
      toDrill,
    );
  }
}
