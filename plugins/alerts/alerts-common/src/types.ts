import { Matcher } from './matchers';

/** Where alerts come from: live Alertmanagers, or the labelled demo. @public */
export type AlertsSourceKind = 'alertmanager' | 'demo';

/** @public */
export type AlertState = 'active' | 'suppressed' | 'unprocessed';

/** An active alert, as one Alertmanager reports it. @public */
export type ActiveAlert = {
  alertmanager: string;
  fingerprint: string;
  alertname: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  state: AlertState;
  silencedBy: string[];
  inhibitedBy: string[];
  /** The catalog entities whose matchers pick this alert, and what they are part of. */
  entityRefs: string[];
  /** Of those, the entities whose own matchers pick it (the most specific). */
  matchedEntityRefs?: string[];
};

/** @public */
export type Silence = {
  alertmanager: string;
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  state: 'active' | 'pending' | 'expired';
};

/** What history says about an entity's alerts. @public */
export type AlertStats = {
  /** When one of its alerts last started firing, or null if never. */
  lastFiredAt: string | null;
  /** Distinct firings in the last 30 days. */
  firings30d: number;
  /** Mean time from firing to resolution, over resolved firings in 30 days. */
  mttrSeconds: number | null;
};

/** One firing or resolution, as stored. @public */
export type AlertEvent = {
  alertmanager: string;
  fingerprint: string;
  alertname: string;
  severity: string;
  labels: Record<string, string>;
  status: 'firing' | 'resolved';
  startsAt: string;
  endsAt: string | null;
  receivedAt: string;
  via: 'webhook' | 'poll';
};

/** @public */
export type EntityAlerts = {
  entityRef: string;
  source: AlertsSourceKind;
  alerts: ActiveAlert[];
  stats: AlertStats;
  warnings: string[];
};

/**
 * One page of an entity's alert history, newest first. The server bounds a
 * page (`limit`, at most 200); `nextCursor` asks for the next one.
 *
 * @public
 */
export type EntityAlertHistory = {
  entityRef: string;
  source: AlertsSourceKind;
  /** The window, in days: events whose firing started within it. */
  days: number;
  events: AlertEvent[];
  /** Events in the window in all, over every page. */
  total: number;
  /** The most events a page holds. */
  limit: number;
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  stats: AlertStats;
  warnings: string[];
};

/** @public */
export type AlertsOverview = {
  source: AlertsSourceKind;
  alerts: ActiveAlert[];
  bySeverity: Record<string, number>;
  /** Active alerts no catalog entity claims. */
  unmapped: number;
  warnings: string[];
};
