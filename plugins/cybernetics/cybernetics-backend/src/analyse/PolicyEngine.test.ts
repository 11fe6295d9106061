import { Signal } from '@homelab-portal/plugin-cybernetics-common';
import { evaluatePolicies, fill } from './PolicyEngine';
import { DEFAULT_POLICIES } from './policies';

const alert = (
  alertname: string,
  entityRef: string,
  extra: Partial<Signal> = {},
): Signal =>
  ({
    kind: 'alert',
    source: 'live',
    entityRef,
    alertmanager: 'lab',
    alertname,
    severity: 'critical',
    fingerprint: `${alertname}-${entityRef}`,
    labels: { alertname, node: 'sff-1', mountpoint: '/' },
    annotations: { summary: 'Disk almost full' },
    startsAt: '2026-11-25T10:00:00Z',
    suppressed: false,
    ...extra,
  } as Signal);

const power = (
  entityRef: string,
  role: 'node' | 'service',
  values: Partial<Extract<Signal, { kind: 'power' }>>,
): Signal => ({
  kind: 'power',
  source: 'live',
  entityRef,
  role,
  recentW: 30,
  baselineMeanW: 30,
  baselineStdW: 2,
  baselineSamples: 167,
  recentSpread: 0.3,
  ...values,
});

describe('evaluatePolicies with the seed policies', () => {
  it("turns each of the seed's alerts into a finding of its policy, with evidence", () => {
    const findings = evaluatePolicies(
      ['NodeDown', 'DiskFull', 'HighCPU', 'HighMemory', 'CertExpiring'].map(
        name => alert(name, 'resource:default/sff-1'),
      ),
      DEFAULT_POLICIES,
    );
    expect(findings.map(f => f.policy)).toEqual([
      'node-down',
      'disk-full',
      'high-cpu',
      'high-memory',
      'cert-expiring',
    ]);
    const disk = findings[1];
    expect(disk.title).toBe('Less than 10% disk left on sff-1');
    expect(disk.diagnosis).toContain('(/)');
    expect(disk.evidence).toEqual(
      expect.arrayContaining([
        { label: 'Alert', value: 'DiskFull (critical)' },
        expect.objectContaining({
          label: 'Labels',
          query: 'GET /api/alerts/overview',
        }),
      ]),
    );
  });

  it('folds duplicates, and leaves silenced alerts and other alerts alone', () => {
    const findings = evaluatePolicies(
      [
        alert('DiskFull', 'resource:default/sff-1'),
        alert('DiskFull', 'resource:default/sff-1', {
          fingerprint: 'other-series',
        } as any),
        alert('DiskFull', 'resource:default/sff-2', {
          suppressed: true,
        } as any),
        alert('Watchdog', 'resource:default/sff-1'),
      ],
      DEFAULT_POLICIES,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].entityRef).toBe('resource:default/sff-1');
  });

  it('finds an RPO breach, not a late backup', () => {
    const findings = evaluatePolicies(
      [
        {
          kind: 'backup',
          source: 'demo',
          entityRef: 'component:default/keycloak',
          policy: 'databases',
          rpo: 'breached',
          lastGoodAt: null,
        },
        {
          kind: 'backup',
          source: 'demo',
          entityRef: 'component:default/vault',
          policy: 'databases',
          rpo: 'late',
          lastGoodAt: '2026-11-25T08:00:00Z',
        },
      ],
      DEFAULT_POLICIES,
    );
    expect(findings.map(f => [f.policy, f.entityRef, f.source])).toEqual([
      ['backup-rpo', 'component:default/keycloak', 'demo'],
    ]);
  });

  it('finds a node drawing far more than its own baseline, and not one within it', () => {
    const findings = evaluatePolicies(
      [
        power('resource:default/sff-1', 'node', { recentW: 60 }),
        power('resource:default/sff-2', 'node', { recentW: 35 }),
        power('resource:default/sff-3', 'node', {
          recentW: 90,
          baselineSamples: 3,
        }),
      ],
      DEFAULT_POLICIES,
    );
    expect(findings.map(f => [f.policy, f.entityRef])).toEqual([
      ['energy-anomaly', 'resource:default/sff-1'],
    ]);
    expect(findings[0].diagnosis).toContain('60.0 W');
  });

  it('finds an idle service that still draws power', () => {
    const findings = evaluatePolicies(
      [
        power('component:default/kiwix', 'service', {
          recentW: 6,
          recentSpread: 0.01,
        }),
        power('component:default/ollama', 'service', {
          recentW: 80,
          recentSpread: 0.9,
        }),
        power('component:default/tiny', 'service', {
          recentW: 0.5,
          recentSpread: 0,
        }),
      ],
      DEFAULT_POLICIES,
    );
    expect(findings.map(f => [f.policy, f.entityRef])).toEqual([
      ['idle-power', 'component:default/kiwix'],
    ]);
  });
});

describe('fill', () => {
  it("does not fill names from Object's prototype", () => {
    expect(fill('{{constructor}} {{toString}} {{__proto__}}', {})).toBe(
      '{{constructor}} {{toString}} {{__proto__}}',
    );
  });

  it('fills known names and leaves unknown ones visible', () => {
    expect(fill('{{entity.name}} on {{x}}', { 'entity.name': 'sff-1' })).toBe(
      'sff-1 on {{x}}',
    );
  });
});
