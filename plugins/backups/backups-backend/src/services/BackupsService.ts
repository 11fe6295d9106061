import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_BACKUP_POLICY,
  ANNOTATION_VELERO_SCHEDULES,
  BackupPolicy,
  BackupRun,
  BackupsOverview,
  EntityBackups,
  compliance,
  resticSelector,
} from '@homelab-portal/plugin-backups-common';
import { ECOSYSTEM_ANNOTATIONS } from '@homelab-portal/plugin-homelab-common';
import { sendAt } from 'cron';
import { BackupFacts, BackupSource } from './sources';
import { VeleroBackup, VeleroSchedule, VeleroState } from './VeleroReader';

export type BackupsServiceOptions = {
  catalog: CatalogService;
  source: BackupSource;
  policies: BackupPolicy[];
  /** Policy by entity spec.type, where no annotation names one. */
  policyByType: Record<string, string>;
  clock?: () => Date;
};

/**
 * Per entity: which backups are its own (its Velero schedules, or the
 * backups that include its namespace; its restic snapshots), the policy that
 * applies, and the verdict: RPO, retention, failures, expiry, restore drill.
 */
export class BackupsService {
  private readonly clock: () => Date;

  private constructor(private readonly options: BackupsServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  static create(options: BackupsServiceOptions) {
    return new BackupsService(options);
  }

  async entity(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<EntityBackups> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const facts = await this.options.source.read();
    const { verdict, runs, restores, warnings } = this.judge(entity, facts);
    const latest = [...runs].sort((a, b) =>
      (b.completedAt ?? b.startedAt ?? '').localeCompare(
        a.completedAt ?? a.startedAt ?? '',
      ),
    );
    return {
      entityRef: stringifyEntityRef(entity),
      source: this.options.source.kind,
      ...verdict,
      runs: latest.slice(0, 200),
      restores,
      warnings: [...warnings, ...facts.warnings],
    };
  }

  async overview(credentials: BackstageCredentials): Promise<BackupsOverview> {
    const [facts, { items }] = await Promise.all([
      this.options.source.read(),
      this.options.catalog.getEntities(
        { filter: [{ kind: 'component' }, { kind: 'resource' }] },
        { credentials },
      ),
    ]);
    const byPolicy = new Map<
      string,
      BackupsOverview['policies'][number]['entities']
    >();
    const unprotected: BackupsOverview['unprotected'] = [];
    for (const entity of items) {
      const { verdict } = this.judge(entity, facts);
      const ref = stringifyEntityRef(entity);
      if (!verdict.policy) {
        if (entity.kind === 'Component' && entity.spec?.type === 'service') {
          unprotected.push({ entityRef: ref, title: entity.metadata.title });
        }
        continue;
      }
      const list = byPolicy.get(verdict.policy) ?? [];
      list.push({
        entityRef: ref,
        title: entity.metadata.title,
        rpo: verdict.rpo,
        retention: verdict.retention,
        lastGoodAt: verdict.lastGood?.completedAt ?? null,
      });
      byPolicy.set(verdict.policy, list);
    }
    return {
      source: this.options.source.kind,
      policies: this.options.policies.map(policy => ({
        policy,
        entities: byPolicy.get(policy.name) ?? [],
      })),
      unprotected,
      days: this.days(facts),
      warnings: facts.warnings,
    };
  }

  private judge(entity: Entity, facts: BackupFacts) {
    const warnings: string[] = [];
    const annotations = entity.metadata.annotations ?? {};
    const policyName =
      annotations[ANNOTATION_BACKUP_POLICY]?.trim() ||
      this.options.policyByType[String(entity.spec?.type ?? '')];
    let policy: BackupPolicy | null = null;
    if (policyName) {
      policy = this.options.policies.find(p => p.name === policyName) ?? null;
      if (!policy) warnings.push(`Unknown backup policy "${policyName}"`);
    }
    const scheduleNames = (annotations[ANNOTATION_VELERO_SCHEDULES] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const namespace = annotations[ECOSYSTEM_ANNOTATIONS.kubernetesNamespace];
    const entityLabels = labelsOf(
      annotations[ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector],
    );
    const covers = (included: string[], excluded: string[]) =>
      Boolean(namespace) &&
      (included.includes('*') || included.includes(namespace!)) &&
      !excluded.includes(namespace!);
    const mine = (schedule: VeleroSchedule) =>
      scheduleNames.length > 0
        ? scheduleNames.includes(schedule.name)
        : covers(schedule.includedNamespaces, schedule.excludedNamespaces);

    const runs: BackupRun[] = [];
    const schedules: VeleroSchedule[] = [];
    const restores = facts.velero.flatMap(v => v.restores);
    for (const state of facts.velero) {
      const index = indexOf(state);
      if (scheduleNames.length > 0) {
        for (const name of scheduleNames) {
          const schedule = index.schedules.get(name);
          if (schedule) schedules.push(schedule);
        }
      } else {
        schedules.push(...state.schedules.filter(mine));
      }
      if (scheduleNames.length > 0) {
        for (const name of scheduleNames)
          runs.push(...(index.bySchedule.get(name) ?? []));
      } else if (namespace) {
        runs.push(
          ...[
            ...(index.byNamespace.get(namespace) ?? []),
            ...index.everywhere,
          ].filter(
            backup =>
              covers(backup.includedNamespaces, backup.excludedNamespaces) &&
              selects(backup.matchLabels, entityLabels),
          ),
        );
      }
    }
    const restic = resticSelector(entity);
    if (restic) {
      const repo = facts.restic.find(r => r.repository === restic.repository);
      if (!repo)
        warnings.push(
          `Restic repository "${restic.repository}" is not configured or not readable`,
        );
      repo?.snapshots.forEach((snapshot, i) => {
        const tags = snapshot.tags ?? [];
        const picked =
          restic.tags.every(tag => tags.includes(tag)) &&
          (!restic.host || snapshot.hostname === restic.host) &&
          (!restic.path ||
            (snapshot.paths ?? []).some(
              p => p === restic.path || p.startsWith(`${restic.path}/`),
            ));
        if (picked) runs.push(repo.runs[i]);
      });
    }
    const nextRuns = schedules
      .filter(s => !s.paused && s.cron)
      .map(s => {
        try {
          return nextRun(s.cron!, this.clock());
        } catch {
          warnings.push(
            `Velero schedule ${s.name} has a cron that cannot be read: ${s.cron}`,
          );
          return Infinity;
        }
      });
    const next = Math.min(Infinity, ...nextRuns);
    // a policy names its tool: the nightly cluster backup does not hold a
    // media share, so only the policy's tool counts towards its RPO
    const verdict = compliance({
      policy,
      runs: policy ? runs.filter(run => run.tool === policy!.tool) : runs,
      restores,
      now: this.clock(),
      nextRunAt: Number.isFinite(next) ? new Date(next).toISOString() : null,
    });
    const ids = new Set(runs.map(r => r.id));
    return {
      verdict,
      runs,
      restores: restores.filter(r => ids.has(r.backupName)),
      warnings,
    };
  }

  private days(facts: BackupFacts): BackupsOverview['days'] {
    const since = this.clock().getTime() - 90 * 86400_000;
    const days = new Map<string, { succeeded: number; failed: number }>();
    const count = (at: number, date: string, outcome: BackupRun['outcome']) => {
      if (Number.isNaN(at) || at < since) return;
      const day = days.get(date) ?? { succeeded: 0, failed: 0 };
      if (outcome === 'succeeded') day.succeeded++;
      else if (outcome === 'failed' || outcome === 'partial') day.failed++;
      days.set(date, day);
    };
    for (const state of facts.velero) {
      for (const run of indexOf(state).dated) {
        count(run.at, run.date, run.outcome);
      }
    }
    for (const run of facts.restic.flatMap(r => r.runs)) {
      const at = Date.parse(run.completedAt ?? run.startedAt ?? '');
      count(at, Number.isNaN(at) ? '' : dateOf(at), run.outcome);
    }
    return [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, d]) => ({ date, ...d }));
  }
}

type BackupIndex = {
  bySchedule: Map<string, VeleroBackup[]>;
  byNamespace: Map<string, VeleroBackup[]>;
  everywhere: VeleroBackup[];
  schedules: Map<string, VeleroSchedule>;
  /** Each backup's time (completion, else start) and UTC date, for the calendar. */
  dated: Array<{ at: number; date: string; outcome: BackupRun['outcome'] }>;
};
const indexes = new WeakMap<VeleroState, BackupIndex>();

/** When a run happened, as compliance() reads it: completion, else start. */
function timeOf(run: BackupRun): number {
  const completed = run.completedAt ? Date.parse(run.completedAt) : NaN;
  if (!Number.isNaN(completed)) return completed;
  const started = run.startedAt ? Date.parse(run.startedAt) : NaN;
  return Number.isNaN(started) ? -Infinity : started;
}

type Times = { at: number; calendar: number };
/**
 * Parsed times per backup object. The informer keeps a backup's object until
 * the backup changes, so each is parsed once, not on every rebuild.
 */
const parsed = new WeakMap<VeleroBackup, Times>();
function timesOf(backup: VeleroBackup): Times {
  let times = parsed.get(backup);
  if (!times) {
    times = {
      at: timeOf(backup),
      calendar: Date.parse(backup.completedAt ?? backup.startedAt ?? ''),
    };
    parsed.set(backup, times);
  }
  return times;
}

const dates = new Map<number, string>();
/** The UTC date of a time, worked out once per day. */
function dateOf(time: number): string {
  const day = Math.floor(time / 86400_000);
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * 86400_000).toISOString().slice(0, 10);
    if (dates.size > 10_000) dates.clear();
    dates.set(day, date);
  }
  return date;
}

/** Newest first; stable, so equal times keep the list's order. */
function newestFirst(list: VeleroBackup[]) {
  if (list.length < 2) return;
  list.sort((a, b) => parsed.get(b)!.at - parsed.get(a)!.at || 0);
}

/**
 * Backups by schedule and by namespace, newest first (so that compliance()
 * sorts runs that are already in order), built once per VeleroState (the
 * informer hands out the same state until something changes), not per
 * entity or per read.
 */
function indexOf(state: VeleroState): BackupIndex {
  let index = indexes.get(state);
  if (index) return index;
  index = {
    bySchedule: new Map(),
    byNamespace: new Map(),
    everywhere: [],
    schedules: new Map(),
    dated: [],
  };
  for (const schedule of state.schedules) {
    if (!index.schedules.has(schedule.name)) {
      index.schedules.set(schedule.name, schedule);
    }
  }
  for (const backup of state.backups) {
    const { calendar } = timesOf(backup);
    if (!Number.isNaN(calendar)) {
      index.dated.push({
        at: calendar,
        date: dateOf(calendar),
        outcome: backup.outcome,
      });
    }
    if (backup.schedule) {
      const list = index.bySchedule.get(backup.schedule);
      if (list) list.push(backup);
      else index.bySchedule.set(backup.schedule, [backup]);
    }
    for (const ns of backup.includedNamespaces) {
      if (ns === '*') continue;
      const list = index.byNamespace.get(ns);
      if (list) list.push(backup);
      else index.byNamespace.set(ns, [backup]);
    }
    if (backup.includedNamespaces.includes('*')) {
      index.everywhere.push(backup);
    }
  }
  index.bySchedule.forEach(newestFirst);
  index.byNamespace.forEach(newestFirst);
  newestFirst(index.everywhere);
  indexes.set(state, index);
  return index;
}

const nextRuns = new Map<string, number>();

/** The next time a cron fires; the same cron in the same minute is worked out once. */
function nextRun(cron: string, now: Date): number {
  const key = `${cron}|${Math.floor(now.getTime() / 60_000)}`;
  let next = nextRuns.get(key);
  if (next === undefined) {
    next = sendAt(cron).toJSDate().getTime();
    if (nextRuns.size > 1000) nextRuns.clear();
    nextRuns.set(key, next);
  }
  return next;
}

/** `app=jellyfin,tier=web` as labels; set-based selectors give none. */
function labelsOf(
  selector: string | undefined,
): Record<string, string> | undefined {
  if (!selector) return undefined;
  const labels: Record<string, string> = {};
  for (const part of selector.split(',')) {
    const match = part.trim().match(/^([^=!\s]+)\s*==?\s*(\S*)$/);
    if (!match) return undefined;
    labels[match[1]] = match[2];
  }
  return labels;
}

/**
 * Whether a backup restricted to some labels holds the entity's workload: an
 * unrestricted backup holds everything in its namespaces; a restricted one
 * holds the entity if the entity's selector asks for all of its labels.
 */
function selects(
  matchLabels: Record<string, string> | undefined,
  entityLabels: Record<string, string> | undefined,
): boolean {
  if (!matchLabels || Object.keys(matchLabels).length === 0) return true;
  if (!entityLabels) return false;
  return Object.entries(matchLabels).every(
    ([key, value]) => entityLabels[key] === value,
  );
}
