import { ActiveAlert, AlertEvent } from '@homelab-portal/plugin-alerts-common';
import { SourcedAlert } from './sources';

/** An alert read from Alertmanager as a history event, recorded by a poll. */
export function pollEvent(
  alert: SourcedAlert,
  status: 'firing' | 'resolved',
  endsAt: string | null,
  now: Date,
): AlertEvent {
  return {
    alertmanager: alert.alertmanager,
    fingerprint: alert.fingerprint,
    alertname: alert.labels.alertname ?? '',
    severity: alert.labels.severity ?? 'none',
    labels: alert.labels,
    status,
    startsAt: alert.startsAt,
    endsAt,
    receivedAt: now.toISOString(),
    via: 'poll',
  };
}

export function toActive(
  alert: SourcedAlert,
  entityRefs: string[],
): ActiveAlert {
  return {
    alertmanager: alert.alertmanager,
    fingerprint: alert.fingerprint,
    alertname: alert.labels.alertname ?? '',
    severity: alert.labels.severity ?? 'none',
    labels: alert.labels,
    annotations: alert.annotations ?? {},
    startsAt: alert.startsAt,
    state: alert.status?.state ?? 'unprocessed',
    silencedBy: alert.status?.silencedBy ?? [],
    inhibitedBy: alert.status?.inhibitedBy ?? [],
    entityRefs,
  };
}
