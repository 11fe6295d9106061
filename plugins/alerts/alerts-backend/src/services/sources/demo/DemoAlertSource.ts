import { randomUUID } from 'node:crypto';
import { matchesAll } from '@homelab-portal/plugin-alerts-common';
import {
  AlertmanagerError,
  GettableSilence,
  PostableSilence,
} from '../../AlertmanagerClient';
import { AlertSource, SourcedAlert } from '../AlertSource';

const DEMO = 'demo';
const MINUTE = 60_000;

type DemoAlert = {
  labels: Record<string, string>;
  summary: string;
  /** How long before "now" it started. */
  ageMinutes: number;
};

/** The seed's alerts as the demo shows them (see deploy/prometheus/rules). */
const DEMO_ALERTS: DemoAlert[] = [
  {
    labels: {
      alertname: 'DiskFull',
      severity: 'critical',
      instance: 'nas.lab.local:9100',
      node: 'nas',
      mountpoint: '/volume1',
      homelab_rule: 'disk',
    },
    summary: 'Less than 10% free on /volume1',
    ageMinutes: 95,
  },
  {
    labels: {
      alertname: 'HighCPU',
      severity: 'warning',
      instance: 'sff-2.lab.local:9100',
      node: 'sff-2',
      homelab_rule: 'cpu',
    },
    summary: 'CPU above 85% for 5 minutes',
    ageMinutes: 12,
  },
  {
    labels: {
      alertname: 'CertExpiring',
      severity: 'warning',
      namespace: 'keycloak',
      name: 'keycloak-tls',
      service: 'keycloak',
      homelab_rule: 'certificate',
    },
    summary: 'Certificate keycloak-tls expires in 9 days',
    ageMinutes: 60 * 26,
  },
  {
    labels: {
      alertname: 'HighMemory',
      severity: 'warning',
      instance: 'sff-1.lab.local:9100',
      node: 'sff-1',
      homelab_rule: 'memory',
    },
    summary: 'Memory above 85% for 5 minutes',
    ageMinutes: 7,
  },
];

function fingerprint(labels: Record<string, string>): string {
  // stable per label set, like Alertmanager's (not the same function)
  let hash = 0xcbf29ce4;
  for (const [k, v] of Object.entries(labels).sort()) {
    for (const c of `${k}\u0000${v}\u0001`) {
      hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
    }
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * A simulation of the seed homelab's alerts, served when no Alertmanager is
 * configured. Silences are kept in memory and honoured as Alertmanager does.
 * The API marks every answer from it as demo data.
 */
export class DemoAlertSource implements AlertSource {
  readonly kind = 'demo' as const;
  private readonly silenceStore: GettableSilence[] = [];
  private readonly startedAt: number;

  constructor(private readonly clock: () => Date = () => new Date()) {
    this.startedAt = Math.floor(clock().getTime() / MINUTE) * MINUTE;
  }

  names() {
    return [DEMO];
  }

  async alerts() {
    const now = this.clock();
    const active = this.silenceStore.filter(
      s => this.state(s, now) === 'active',
    );
    const alerts = DEMO_ALERTS.map((demo): SourcedAlert => {
      const silencedBy = active
        .filter(s => matchesAll(demo.labels, s.matchers))
        .map(s => s.id);
      const startsAt = new Date(
        this.startedAt - demo.ageMinutes * MINUTE,
      ).toISOString();
      return {
        alertmanager: DEMO,
        fingerprint: fingerprint(demo.labels),
        labels: demo.labels,
        annotations: { summary: demo.summary },
        startsAt,
        updatedAt: now.toISOString(),
        endsAt: new Date(now.getTime() + 4 * MINUTE).toISOString(),
        receivers: [{ name: 'portal' }],
        status: {
          state: silencedBy.length > 0 ? 'suppressed' : 'active',
          silencedBy,
          inhibitedBy: [],
        },
      };
    });
    return { alerts, warnings: [], unreachable: [] };
  }

  async silences() {
    const now = this.clock();
    return {
      silences: this.silenceStore.map(s => ({
        ...s,
        alertmanager: DEMO,
        status: { state: this.state(s, now) },
      })),
      warnings: [],
    };
  }

  async createSilence(alertmanager: string, silence: PostableSilence) {
    if (alertmanager !== DEMO) {
      throw new AlertmanagerError(
        `No Alertmanager named "${alertmanager}" is configured`,
        { status: 404 },
      );
    }
    const id = randomUUID();
    this.silenceStore.push({
      ...silence,
      id,
      updatedAt: this.clock().toISOString(),
      status: { state: 'active' },
    });
    return id;
  }

  async expireSilence(alertmanager: string, id: string) {
    const silence = this.silenceStore.find(s => s.id === id);
    if (alertmanager !== DEMO || !silence) {
      throw new AlertmanagerError(
        `Alertmanager ${alertmanager} has no silence ${id}`,
        { status: 404 },
      );
    }
    silence.endsAt = this.clock().toISOString();
  }

  private state(
    silence: GettableSilence,
    now: Date,
  ): GettableSilence['status']['state'] {
    if (new Date(silence.endsAt) <= now) return 'expired';
    return new Date(silence.startsAt) > now ? 'pending' : 'active';
  }
}
