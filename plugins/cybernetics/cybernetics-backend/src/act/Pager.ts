import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import { DecisionStore, StoredDecision } from '../database/DecisionStore';
import { LOOP_ACTOR } from '../loopActor';

export type PagerOptions = {
  store: DecisionStore;
  catalog: CatalogService;
  notifications: NotificationService;
  auth: AuthService;
  logger: LoggerService;
};

/**
 * The loop's messages to people: notifications to a decision's owners, and
 * pages (critical notifications) with their escalation and acknowledgement,
 * each recorded on the decision.
 */
export class Pager {
  constructor(private readonly o: PagerOptions) {}

  private async owners(entityRef: string): Promise<string[]> {
    const entity = await this.o.catalog
      .getEntityByRef(entityRef, {
        credentials: await this.o.auth.getOwnServiceCredentials(),
      })
      .catch(() => undefined);
    const owner = entity?.spec?.owner;
    return typeof owner === 'string' ? [owner] : [];
  }

  async notify(
    decision: Decision,
    title: string,
    severity: 'normal' | 'high' = 'normal',
  ) {
    const owners = await this.owners(decision.entityRef);
    if (owners.length === 0) return;
    await this.o.notifications
      .send({
        recipients: { type: 'entity', entityRef: owners },
        payload: {
          title,
          description: decision.title,
          link: `/cybernetics/decisions/${decision.id}`,
          severity,
          topic: 'cybernetics-decision',
        },
      })
      .catch(error =>
        this.o.logger.warn(`Cybernetics: could not notify ${owners}: ${error}`),
      );
  }

  /**
   * Pages `recipients` about a decision: a critical notification, one per
   * decision (its scope), linking to the decision where it is acknowledged.
   */
  private async sendPage(
    decision: Decision,
    recipients: string[],
    description: string,
  ) {
    await this.o.notifications.send({
      recipients: { type: 'entity', entityRef: recipients },
      payload: {
        title: `Page: ${decision.title}`,
        description,
        link: `/cybernetics/decisions/${decision.id}`,
        severity: 'critical',
        topic: 'cybernetics-page',
        scope: `cybernetics-page-${decision.id}`,
      },
    });
  }

  /** Carries out a page at once (the runbook's action): no approval waits. */
  async page(decision: StoredDecision) {
    const action = decision.action;
    if (action.type !== 'page') return;
    const now = new Date();
    const escalateAt = new Date(
      now.getTime() + action.escalateAfterMinutes * 60_000,
    );
    const next = action.escalateTo.length
      ? `; unless someone acknowledges it within ${
          action.escalateAfterMinutes
        } minutes, ${action.escalateTo.join(', ')} will be paged`
      : '';
    try {
      await this.sendPage(
        decision,
        action.recipients,
        `${decision.diagnosis} Acknowledge it in the portal${next}.`,
      );
    } catch (error) {
      await this.o.store.transition(
        decision.id,
        'proposed',
        'failed',
        LOOP_ACTOR,
        `Could not page ${action.recipients.join(', ')}: ${
          (error as Error).message
        }`,
      );
      return;
    }
    await this.o.store.transition(
      decision.id,
      'proposed',
      'executed',
      LOOP_ACTOR,
      `Paged ${action.recipients.join(', ')} (critical)${next}`,
      {
        executed_at: now.toISOString(),
        paging: JSON.stringify({
          pagedAt: now.toISOString(),
          recipients: action.recipients,
          escalateAt: escalateAt.toISOString(),
          escalateTo: action.escalateTo,
        }),
      },
    );
  }

  /** Escalates a page nobody acknowledged in time, once. */
  async escalate(decision: StoredDecision) {
    const paging = decision.paging;
    if (
      decision.action.type !== 'page' ||
      !paging ||
      paging.acknowledgedAt ||
      paging.escalatedAt ||
      Date.now() < Date.parse(paging.escalateAt)
    ) {
      return;
    }
    const minutes = decision.action.escalateAfterMinutes;
    if (paging.escalateTo.length > 0) {
      await this.sendPage(
        decision,
        paging.escalateTo,
        `Escalated: ${paging.recipients.join(
          ', ',
        )} did not acknowledge within ${minutes} minutes. ${
          decision.diagnosis
        }`,
      );
    }
    await this.o.store.updatePaging(
      decision.id,
      LOOP_ACTOR,
      paging.escalateTo.length > 0
        ? `Not acknowledged within ${minutes} minutes: escalated to ${paging.escalateTo.join(
            ', ',
          )} (critical)`
        : `Not acknowledged within ${minutes} minutes, and there is nobody to escalate to`,
      current =>
        current.acknowledgedAt || current.escalatedAt
          ? undefined
          : { ...current, escalatedAt: new Date().toISOString() },
    );
  }

  /** A person acknowledges a page: it stops escalating. */
  async acknowledge(
    decision: StoredDecision,
    actor: string,
    note?: string,
  ): Promise<StoredDecision> {
    if (decision.action.type !== 'page' || !decision.paging) {
      throw new Error('only a page can be acknowledged');
    }
    const changed = await this.o.store.updatePaging(
      decision.id,
      actor,
      `Acknowledged${note ? `: ${note}` : ''}`,
      current =>
        current.acknowledgedAt
          ? undefined
          : {
              ...current,
              acknowledgedAt: new Date().toISOString(),
              acknowledgedBy: actor,
            },
    );
    if (!changed) {
      throw new Error('this page is acknowledged already, or closed');
    }
    return (await this.o.store.get(decision.id))!;
  }
}
