import {
  ActiveAlert,
  EntityAlerts,
} from '@homelab-portal/plugin-alerts-common';
import { AlertsApi } from '../api';

export function activeAlert(overrides: Partial<ActiveAlert> = {}): ActiveAlert {
  return {
    alertmanager: 'lab',
    fingerprint: 'abc123',
    alertname: 'DiskFull',
    severity: 'critical',
    labels: {
      alertname: 'DiskFull',
      severity: 'critical',
      node: 'nas',
      mountpoint: '/volume1',
    },
    annotations: { summary: '/volume1 on nas has less than 10% free' },
    startsAt: new Date(Date.now() - 95 * 60_000).toISOString(),
    state: 'active',
    silencedBy: [],
    inhibitedBy: [],
    entityRefs: [
      'resource:default/nas-1',
      'system:default/physical-infrastructure',
    ],
    ...overrides,
  };
}

export function entityAlerts(
  overrides: Partial<EntityAlerts> = {},
): EntityAlerts {
  return {
    entityRef: 'resource:default/nas-1',
    source: 'alertmanager',
    alerts: [activeAlert()],
    stats: {
      lastFiredAt: new Date(Date.now() - 95 * 60_000).toISOString(),
      firings30d: 4,
      mttrSeconds: 2700,
    },
    warnings: [],
    ...overrides,
  };
}

export function fakeAlertsApi(overrides: Partial<AlertsApi> = {}): AlertsApi {
  return {
    getEntityAlerts: jest.fn(async () => entityAlerts()),
    getHistory: jest.fn(async () => ({
      entityRef: 'resource:default/nas-1',
      source: 'alertmanager' as const,
      days: 30,
      events: [],
      total: 0,
      limit: 50,
      nextCursor: null,
      stats: { lastFiredAt: null, firings30d: 0, mttrSeconds: null },
      warnings: [],
    })),
    getOverview: jest.fn(async () => ({
      source: 'alertmanager' as const,
      alerts: [
        activeAlert(),
        activeAlert({
          fingerprint: 'def456',
          alertname: 'CertExpiring',
          severity: 'warning',
          labels: { alertname: 'CertExpiring', service: 'keycloak' },
          annotations: {
            summary:
              'Certificate keycloak/keycloak-tls expires in under 14 days',
          },
          entityRefs: ['component:default/keycloak'],
        }),
      ],
      bySeverity: { critical: 1, warning: 1 },
      unmapped: 0,
      warnings: [],
    })),
    getSilences: jest.fn(async () => ({
      silences: [
        {
          alertmanager: 'lab',
          id: '0b0b0b0b-0000-4000-8000-000000000000',
          matchers: [
            {
              name: 'alertname',
              value: 'HighCPU',
              isRegex: false,
              isEqual: true,
            },
          ],
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
          createdBy: 'user:default/operator',
          comment: 'load test',
          state: 'active' as const,
        },
      ],
      warnings: [],
    })),
    createSilence: jest.fn(async () => ({
      alertmanager: 'lab',
      id: 'new-silence',
    })),
    acknowledge: jest.fn(async () => ({
      alertmanager: 'lab',
      id: 'ack-silence',
    })),
    expireSilence: jest.fn(async () => undefined),
    ...overrides,
  };
}
