import { mockServices } from '@backstage/backend-test-utils';
import { DefaultAlertsService } from '@homelab-portal/plugin-alerts-node';
import { DefaultBackupsService } from '@homelab-portal/plugin-backups-node';
import { DefaultEnergyService } from '@homelab-portal/plugin-energy-node';
import { SignalReader } from './SignalReader';

// The other plugins' answers, in the shapes their specs give; what is asked
// for is recorded. Only alerts answers here: the others are "not installed".
function reader(alerts: { status: number; body: unknown }) {
  const asked: Array<{ url: string; auth: string | null }> = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push({
      url,
      auth: new Headers(init?.headers).get('authorization'),
    });
    if (url.startsWith('http://backend/api/alerts/')) {
      return new Response(JSON.stringify(alerts.body), {
        status: alerts.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('', { status: 404 });
  }) as typeof fetch;
  // The other plugins are reached through their -node services, wired to
  // the same recording fetch.
  const transport = {
    discovery: {
      getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      getExternalBaseUrl: async (id: string) => `http://backend/api/${id}`,
    },
    auth: mockServices.auth(),
    timeoutMs: 1000,
    fetch: fetchFn,
  };
  const signals = new SignalReader({
    ...transport,
    alerts: DefaultAlertsService.create(transport),
    backups: DefaultBackupsService.create(transport),
    energy: DefaultEnergyService.create(transport),
  });
  return { signals, asked };
}

const alert = {
  alertmanager: 'lab',
  fingerprint: 'ab12',
  alertname: 'NodeDown',
  severity: 'critical',
  labels: { alertname: 'NodeDown', node: 'sff-3' },
  annotations: { summary: 'sff-3 is down' },
  startsAt: '2026-11-20T10:00:00Z',
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
  entityRefs: ['resource:default/sff-3', 'system:default/physical'],
  matchedEntityRefs: ['resource:default/sff-3'],
};

describe('SignalReader: alerts through the typed alerts client', () => {
  it('turns the overview into one signal per most specific entity', async () => {
    const { signals, asked } = reader({
      status: 200,
      body: {
        source: 'alertmanager',
        alerts: [alert],
        bySeverity: { critical: 1 },
        unmapped: 0,
        warnings: ['one Alertmanager is slow'],
      },
    });
    const sensed = await signals.read();
    expect(sensed.counts.alerts).toBe(1);
    expect(sensed.signals.filter(s => s.kind === 'alert')).toEqual([
      {
        kind: 'alert',
        source: 'live',
        entityRef: 'resource:default/sff-3',
        alertmanager: 'lab',
        alertname: 'NodeDown',
        severity: 'critical',
        fingerprint: 'ab12',
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.startsAt,
        suppressed: false,
      },
    ]);
    expect(sensed.warnings).toContain('alerts: one Alertmanager is slow');
    const overview = asked.find(a => a.url.includes('/api/alerts/'))!;
    expect(overview.url).toBe('http://backend/api/alerts/overview');
    expect(overview.auth).toMatch(/^Bearer /);
  });

  it('keeps the transport’s errors as warnings', async () => {
    const { signals } = reader({
      status: 503,
      body: { error: { name: 'ServiceUnavailableError', message: 'down' } },
    });
    const sensed = await signals.read();
    expect(sensed.counts.alerts).toBe(0);
    expect(sensed.warnings.join('\n')).toMatch(
      /alerts: the alerts plugin answered HTTP 503/,
    );
  });
});
