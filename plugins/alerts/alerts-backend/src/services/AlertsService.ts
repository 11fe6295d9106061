import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertEvent,
  AlertsOverview,
  EntityAlertHistory,
  EntityAlerts,
  Matcher,
  MatcherSyntaxError,
  Silence,
  exactMatchers,
  matchesAll,
  parseMatchers,
} from '@homelab-portal/plugin-alerts-common';
import { HistoryStore } from '../database/HistoryStore';
import { pollEvent, toActive } from './alertShapes';
import {
  indexEntities,
  matchesAny,
  matcherSetsFor,
  ownersOf,
} from './entityMatching';
import { AlertSource } from './sources';

const DAY = 86_400_000;
/**
 * The most alert series (distinct label sets) that an entity's matchers are
 * run against per request, most recently fired first.
 */
const MAX_SERIES = 5000;
/** The most open firings one poll checks. */
const MAX_OPEN = 10_000;

/** Alertmanager's webhook payload (version 4), as validated by the router. */
export type WebhookPayload = {
  status: string;
  alerts: Array<{
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    startsAt: string;
    endsAt?: string;
    fingerprint: string;
  }>;
};

export type AlertsServiceOptions = {
  catalog: CatalogService;
  logger: LoggerService;
  source: AlertSource;
  history: HistoryStore;
  /** How long an acknowledgement silences an alert. */
  ackMinutes: number;
  clock?: () => Date;
};

/**
 * Alerts for catalog entities: maps Alertmanager's alerts to entities by the
 * matchers they declare (a System or Domain gets its parts' alerts), keeps
 * the history Alertmanager does not, and makes silences on the caller's
 * behalf. Entities are read with the caller's credentials.
 */
export class AlertsService {
  private readonly clock: () => Date;

  private constructor(private readonly options: AlertsServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  static create(options: AlertsServiceOptions) {
    return new AlertsService(options);
  }

  get sourceKind() {
    return this.options.source.kind;
  }

  async entityAlerts(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<EntityAlerts> {
    const { sets, warnings } = await matcherSetsFor(
      this.options.catalog,
      ref,
      credentials,
    );
    const since = new Date(this.clock().getTime() - 30 * DAY);
    const [{ alerts, warnings: upstream }, matched] = await Promise.all([
      this.options.source.alerts(),
      this.matchedSeries(sets, since),
    ]);
    return {
      entityRef: ref,
      source: this.options.source.kind,
      alerts: alerts
        .filter(alert => matchesAny(alert.labels, sets))
        .map(alert => toActive(alert, [ref])),
      stats: await this.options.history.stats(
        matched.fingerprints,
        since,
        since,
      ),
      warnings: [...warnings, ...upstream, ...matched.warnings],
    };
  }

  /** One page of an entity's history, newest first, with its figures. */
  async history(
    ref: string,
    page: { days: number; limit: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<EntityAlertHistory> {
    const { sets, warnings } = await matcherSetsFor(
      this.options.catalog,
      ref,
      credentials,
    );
    const now = this.clock().getTime();
    const shown = new Date(now - page.days * DAY);
    const month = new Date(now - 30 * DAY);
    const lastSince = page.days > 30 ? shown : month;
    const matched = await this.matchedSeries(sets, lastSince);
    // a 30-day page is the stats' own window: one statement counts both
    const sameWindow = shown.getTime() === month.getTime();
    const [events, figures] = await Promise.all([
      this.options.history.page({
        fingerprints: matched.fingerprints,
        since: shown,
        limit: page.limit,
        cursor: page.cursor,
        count: !sameWindow,
      }),
      this.options.history.figures(matched.fingerprints, month, lastSince),
    ]);
    return {
      entityRef: ref,
      source: this.options.source.kind,
      days: page.days,
      events: events.events,
      total: events.total ?? figures.events,
      limit: page.limit,
      nextCursor: events.nextCursor,
      stats: figures.stats,
      warnings: [...warnings, ...matched.warnings],
    };
  }

  /** The alert series in history since `since` that the matcher sets pick. */
  private async matchedSeries(sets: Matcher[][], since: Date) {
    const warnings: string[] = [];
    if (sets.length === 0) return { fingerprints: [], warnings };
    const { series, truncated } = await this.options.history.series(
      since,
      MAX_SERIES,
    );
    if (truncated) {
      warnings.push(
        `History has more than ${MAX_SERIES} alert series in this window; figures cover the ${MAX_SERIES} that fired most recently`,
      );
    }
    return {
      fingerprints: series
        .filter(s => matchesAny(s.labels, sets))
        .map(s => s.fingerprint),
      warnings,
    };
  }

  async overview(credentials: BackstageCredentials): Promise<AlertsOverview> {
    const [{ alerts, warnings }, index] = await Promise.all([
      this.options.source.alerts(),
      indexEntities(this.options.catalog, credentials),
    ]);
    const active = alerts.map(alert => {
      const { all, matched } = ownersOf(alert.labels, index);
      return { ...toActive(alert, all), matchedEntityRefs: matched };
    });
    const bySeverity: Record<string, number> = {};
    for (const alert of active) {
      bySeverity[alert.severity] = (bySeverity[alert.severity] ?? 0) + 1;
    }
    return {
      source: this.options.source.kind,
      alerts: active,
      bySeverity,
      unmapped: active.filter(a => a.entityRefs.length === 0).length,
      warnings: [...warnings, ...index.warnings],
    };
  }

  async silences(): Promise<{ silences: Silence[]; warnings: string[] }> {
    const { silences, warnings } = await this.options.source.silences();
    return {
      silences: silences.map(s => ({
        alertmanager: s.alertmanager,
        id: s.id,
        matchers: s.matchers,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        createdBy: s.createdBy,
        comment: s.comment,
        state: s.status.state,
      })),
      warnings,
    };
  }

  async createSilence(input: {
    alertmanager: string;
    matchers: string;
    durationMinutes: number;
    comment: string;
    createdBy: string;
  }): Promise<{ alertmanager: string; id: string }> {
    let matchers: Matcher[];
    try {
      matchers = parseMatchers(input.matchers);
    } catch (error) {
      throw new InputError((error as MatcherSyntaxError).message);
    }
    if (matchers.length === 0) {
      throw new InputError('A silence needs at least one matcher');
    }
    if (matchers.every(m => matchesAll({}, [m]))) {
      throw new InputError(
        'A silence needs a matcher that does not match the empty string, or it would silence everything',
      );
    }
    const now = this.clock();
    const id = await this.options.source.createSilence(input.alertmanager, {
      matchers,
      startsAt: now.toISOString(),
      endsAt: new Date(
        now.getTime() + input.durationMinutes * 60_000,
      ).toISOString(),
      createdBy: input.createdBy,
      comment: input.comment,
    });
    this.options.logger.info(
      `Silence ${id} on ${input.alertmanager} created by ${input.createdBy}`,
    );
    return { alertmanager: input.alertmanager, id };
  }

  /** Karma's acknowledgement: a short silence on exactly this alert's labels. */
  async acknowledge(input: {
    alertmanager: string;
    fingerprint: string;
    createdBy: string;
    comment?: string;
  }): Promise<{ alertmanager: string; id: string }> {
    const { alerts } = await this.options.source.alerts();
    const alert = alerts.find(
      a =>
        a.alertmanager === input.alertmanager &&
        a.fingerprint === input.fingerprint,
    );
    if (!alert) {
      throw new NotFoundError(
        `No active alert ${input.fingerprint} on ${input.alertmanager}`,
      );
    }
    const now = this.clock();
    const id = await this.options.source.createSilence(input.alertmanager, {
      matchers: exactMatchers(alert.labels),
      startsAt: now.toISOString(),
      endsAt: new Date(
        now.getTime() + this.options.ackMinutes * 60_000,
      ).toISOString(),
      createdBy: input.createdBy,
      comment: `ACK! ${input.comment?.trim() || 'Acknowledged in the portal'}`,
    });
    this.options.logger.info(
      `Alert ${input.fingerprint} acknowledged by ${input.createdBy} (silence ${id})`,
    );
    return { alertmanager: input.alertmanager, id };
  }

  async expireSilence(
    alertmanager: string,
    id: string,
    by: string,
  ): Promise<void> {
    await this.options.source.expireSilence(alertmanager, id);
    this.options.logger.info(
      `Silence ${id} on ${alertmanager} expired by ${by}`,
    );
  }

  /** Stores a webhook delivery; returns how many transitions were new. */
  async receive(
    alertmanager: string,
    payload: WebhookPayload,
  ): Promise<number> {
    if (!this.options.source.names().includes(alertmanager)) {
      throw new NotFoundError(
        `No Alertmanager named "${alertmanager}" is configured`,
      );
    }
    const receivedAt = this.clock().toISOString();
    return this.options.history.record(
      payload.alerts.map(alert => ({
        alertmanager,
        fingerprint: alert.fingerprint,
        alertname: alert.labels.alertname ?? '',
        severity: alert.labels.severity ?? 'none',
        labels: alert.labels,
        status: alert.status,
        startsAt: alert.startsAt,
        endsAt: alert.status === 'resolved' ? alert.endsAt ?? receivedAt : null,
        receivedAt,
        via: 'webhook' as const,
      })),
    );
  }

  /**
   * Fills the gaps a lost webhook leaves: records what is firing now, and
   * resolves what history thinks is firing but Alertmanager no longer has.
   */
  async poll(): Promise<{ fired: number; resolved: number }> {
    const now = this.clock();
    const { alerts, warnings, unreachable } =
      await this.options.source.alerts();
    for (const warning of warnings) {
      this.options.logger.warn(`Alert poll: ${warning}`);
    }
    // an Alertmanager that did not answer resolves nothing
    const reachable = new Set(
      this.options.source.names().filter(name => !unreachable.includes(name)),
    );
    const fired = await this.options.history.record(
      alerts.map(alert => pollEvent(alert, 'firing', null, now)),
    );
    const active = new Set(
      alerts.map(
        a =>
          `${a.alertmanager}|${a.fingerprint}|${new Date(
            a.startsAt,
          ).toISOString()}`,
      ),
    );
    const open = new Map<string, AlertEvent>();
    for (const event of await this.options.history.openFirings(
      new Date(now.getTime() - 30 * DAY),
      MAX_OPEN,
    )) {
      open.set(
        `${event.alertmanager}|${event.fingerprint}|${event.startsAt}`,
        event,
      );
    }
    const gone = [...open.entries()]
      .filter(
        ([key, event]) => !active.has(key) && reachable.has(event.alertmanager),
      )
      .map(([, event]) => ({
        ...event,
        status: 'resolved' as const,
        endsAt: now.toISOString(),
        receivedAt: now.toISOString(),
        via: 'poll' as const,
      }));
    const resolved = await this.options.history.record(gone);
    return { fired, resolved };
  }
}
