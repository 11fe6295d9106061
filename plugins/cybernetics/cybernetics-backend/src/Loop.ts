import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ForgeClient } from '@homelab-portal/plugin-homelab-node';
import {
  DECISION_STATES,
  Decision,
  LoopStatus,
  OPEN_DECISION_STATES,
} from '@homelab-portal/plugin-cybernetics-common';
import { randomUUID } from 'node:crypto';
import { Pager } from './act/Pager';
import { LOOP_ACTOR } from './loopActor';
import { PolicyFinding, evaluatePolicies } from './analyse/PolicyEngine';
import { Policy } from './analyse/policies';
import { Executor } from './act/Executor';
import { DecisionStore, StoredDecision } from './database/DecisionStore';
import { ActionPlanner } from './decide/ActionPlanner';
import { Advisor } from './decide/Advisor';
import { SignalReader } from './sense/SignalReader';

export { LOOP_ACTOR } from './loopActor';

export type LoopOptions = {
  store: DecisionStore;
  reader: SignalReader;
  planner: ActionPlanner;
  executor: Executor;
  advisor?: Advisor;
  forge: ForgeClient;
  catalog: CatalogService;
  notifications: NotificationService;
  auth: AuthService;
  logger: LoggerService;
  policies: Policy[];
  /** Action types a policy with autonomy `act` may carry out unasked (low risk only). */
  autoActAllow: string[];
  /** After a merge, how long to give ArgoCD before checking the signal again. */
  verifyDelaySeconds: number;
  /** After a merge, how long until a finding still present makes the decision ineffective. */
  verifyTimeoutSeconds: number;
};

/**
 * One cycle of the loop: sense, analyse, decide, follow what was approved,
 * verify what was merged. Runs once per period across all replicas (the
 * scheduler's global scope); every transition is audited.
 */
export class Loop {
  private readonly instance = randomUUID();
  private readonly pager: Pager;

  constructor(private readonly o: LoopOptions) {
    this.pager = new Pager(o);
  }

  async cycle(): Promise<void> {
    const started = Date.now();
    const { store, logger } = this.o;
    const sensed = await this.o.reader.read();
    for (const warning of sensed.warnings)
      logger.warn(`Cybernetics sense: ${warning}`);
    const findings = evaluatePolicies(sensed.signals, this.o.policies);
    const present = new Set(findings.map(f => f.fingerprint));

    // One read of the open decisions per cycle: a finding whose fingerprint
    // is among them folds into it.
    const openFingerprints = new Set(
      (await store.list({ states: OPEN_DECISION_STATES, limit: 10_000 })).map(
        d => d.fingerprint,
      ),
    );
    for (const finding of findings) {
      if (openFingerprints.has(finding.fingerprint)) continue;
      try {
        await this.decide(finding);
      } catch (error) {
        logger.warn(
          `Cybernetics: policy ${finding.policy} on ${finding.entityRef}: ${
            (error as Error).message
          }`,
        );
      }
    }

    const serviceCredentials = await this.o.auth.getOwnServiceCredentials();
    for (const decision of await store.list({
      states: OPEN_DECISION_STATES,
      limit: 10_000,
    })) {
      try {
        await this.follow(decision, present, serviceCredentials);
      } catch (error) {
        logger.warn(
          `Cybernetics: decision ${decision.id}: ${(error as Error).message}`,
        );
      }
    }

    const durationMs = Date.now() - started;
    await store.recordCycle({
      instance: this.instance,
      startedAt: new Date(started).toISOString(),
      durationMs,
      signals: sensed.signals.length,
      findings: findings.length,
      source: sensed.source,
      warnings: sensed.warnings,
      counts: sensed.counts,
    });
  }
  /** A person acknowledges a page: it stops escalating. */
  async acknowledge(
    decision: StoredDecision,
    actor: string,
    note?: string,
  ): Promise<StoredDecision> {
    return this.pager.acknowledge(decision, actor, note);
  }

  private async decide(finding: PolicyFinding) {
    const policy = finding.policyDef;
    const plan = await this.o.planner.planWithEvidence(finding);
    const action = plan.action;
    let advisory;
    if (this.o.advisor) {
      advisory = await this.o.advisor
        .advise({ finding, action })
        .catch(error => {
          this.o.logger.warn(
            `Cybernetics advisor: ${(error as Error).message}`,
          );
          return undefined;
        });
    }
    const observeOnly =
      policy.autonomy === 'observe' ||
      action.type === 'none' ||
      action.type === 'investigation';
    const { decision, created } = await this.o.store.open({
      fingerprint: finding.fingerprint,
      policy: policy.id,
      entityRef: finding.entityRef,
      state: observeOnly ? 'observed' : 'proposed',
      autonomy: policy.autonomy,
      title: finding.title,
      diagnosis: finding.diagnosis,
      evidence: [...finding.evidence, ...plan.evidence],
      action,
      risk: policy.risk,
      rationale: policy.rationale,
      advisory,
      source: finding.source,
      runbook: finding.runbook,
    });
    if (!created) return;
    if (action.type === 'page' && !observeOnly) {
      await this.pager.page(decision);
      return;
    }
    if (action.type === 'investigation') {
      await this.pager.notify(
        decision,
        `Investigation opened: ${decision.title}`,
      );
    } else if (!observeOnly) {
      await this.pager.notify(
        decision,
        `Decision to review: ${decision.title}`,
      );
    }
    if (
      policy.autonomy === 'act' &&
      policy.risk === 'low' &&
      this.o.autoActAllow.includes(action.type)
    ) {
      await this.approve(
        decision,
        LOOP_ACTOR,
        await this.o.auth.getOwnServiceCredentials(),
        'Auto-approved: low risk and allow-listed',
      );
    }
  }

  /** Approves and starts carrying out a decision, as `actor` with `credentials`. */
  async approve(
    decision: Decision,
    actor: string,
    credentials: BackstageCredentials,
    note: string,
  ): Promise<StoredDecision> {
    const { store } = this.o;
    if (
      !(await store.transition(
        decision.id,
        'proposed',
        'approved',
        actor,
        note,
      ))
    ) {
      throw new Error('only a proposed decision can be approved');
    }
    let started;
    try {
      started = await this.o.executor.start(decision, credentials);
    } catch (error) {
      await store.transition(
        decision.id,
        'approved',
        'failed',
        LOOP_ACTOR,
        `Could not carry it out: ${(error as Error).message}`,
      );
      return (await store.get(decision.id))!;
    }
    await store.transition(
      decision.id,
      'approved',
      started.done ? 'executed' : 'executing',
      LOOP_ACTOR,
      started.note,
      started.done
        ? { executed_at: new Date().toISOString() }
        : { task_id: started.taskId ?? null },
    );
    return (await store.get(decision.id))!;
  }

  private async follow(
    decision: StoredDecision,
    present: Set<string>,
    credentials: BackstageCredentials,
  ) {
    const { store } = this.o;
    const stillThere = present.has(decision.fingerprint);
    if (
      (decision.state === 'observed' || decision.state === 'proposed') &&
      !stillThere
    ) {
      await store.transition(
        decision.id,
        decision.state,
        'resolved',
        LOOP_ACTOR,
        'The signal recovered before any action',
      );
      return;
    }
    if (decision.state === 'executing' && decision.taskId) {
      const task = await this.o.executor.taskState(
        decision.taskId,
        credentials,
      );
      if (task.state === 'failed') {
        await store.transition(
          decision.id,
          'executing',
          'failed',
          LOOP_ACTOR,
          task.reason,
        );
        await this.pager.notify(
          decision,
          `Decision could not be carried out: ${decision.title}`,
          'high',
        );
      } else if (task.state === 'completed') {
        await store.transition(
          decision.id,
          'executing',
          'executed',
          LOOP_ACTOR,
          task.pullRequestUrl
            ? `Pull request opened: ${task.pullRequestUrl}`
            : 'Carried out',
          { pull_request_url: task.pullRequestUrl ?? null },
        );
      }
      return;
    }
    if (decision.state !== 'executed') return;
    if (stillThere) await this.pager.escalate(decision);

    // Verify: once merged (or at once for a silence), give the change time
    // to sync, then read the signal again.
    let since = decision.executedAt;
    if (decision.pullRequestUrl && !since) {
      const pull = await this.o.forge.pullRequest(decision.pullRequestUrl);
      if (pull.state === 'closed') {
        await store.transition(
          decision.id,
          'executed',
          'rejected',
          LOOP_ACTOR,
          'The pull request was closed without merging',
        );
        return;
      }
      if (pull.state !== 'merged') return;
      since = pull.at;
      await store.setExecutedAt(
        decision.id,
        pull.at,
        `Pull request merged${pull.sha ? ` as ${pull.sha.slice(0, 12)}` : ''}`,
      );
    }
    const age =
      (Date.now() - new Date(since ?? decision.updatedAt).getTime()) / 1000;
    if (age < this.o.verifyDelaySeconds) return;
    if (!stillThere) {
      await store.transition(
        decision.id,
        'executed',
        'verified',
        LOOP_ACTOR,
        decision.action.type === 'page'
          ? 'The alert stopped after the page'
          : 'The signal recovered after the change: effective',
      );
      await this.pager.notify(decision, `Decision verified: ${decision.title}`);
    } else if (
      age > this.o.verifyTimeoutSeconds &&
      // a page stays open while its alert fires: nothing was changed
      decision.action.type !== 'page'
    ) {
      await store.transition(
        decision.id,
        'executed',
        'ineffective',
        LOOP_ACTOR,
        `The signal is still there ${Math.round(
          age / 60,
        )} minutes after the change: ineffective`,
      );
      await this.pager.notify(
        decision,
        `Decision ineffective: ${decision.title}`,
        'high',
      );
    }
  }

  async status(): Promise<LoopStatus> {
    const [cycle] = await this.o.store.cycles(1);
    const counts = await this.o.store.countByState();
    const decide = Object.fromEntries(
      DECISION_STATES.map(s => [s, counts[s] ?? 0]),
    ) as LoopStatus['decide'];
    return {
      lastCycle: cycle
        ? {
            at: cycle.startedAt,
            durationMs: cycle.durationMs,
            signals: cycle.signals,
            findings: cycle.findings,
          }
        : null,
      sense: cycle?.counts ?? {},
      analyse: {
        policies: this.o.policies.length,
        findings: cycle?.findings ?? 0,
      },
      decide,
      source: (cycle?.source as 'live' | 'demo') ?? 'demo',
      warnings: cycle?.warnings ?? [],
    };
  }
}
