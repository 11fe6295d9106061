import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Signal } from '@homelab-portal/plugin-cybernetics-common';
import { DEFAULT_POLICIES, Policy } from './analyse/policies';
import { DecisionStore } from './database/DecisionStore';
import { ActionPlanner } from './decide/ActionPlanner';
import { Loop } from './Loop';

const certAlert: Signal = {
  kind: 'alert',
  source: 'live',
  entityRef: 'component:default/grafana',
  alertmanager: 'lab',
  alertname: 'CertExpiring',
  severity: 'warning',
  fingerprint: 'c1',
  labels: { alertname: 'CertExpiring', certificate: 'grafana-tls' },
  annotations: {},
  startsAt: '2026-11-25T10:00:00Z',
  suppressed: false,
};
const diskAlert: Signal = {
  ...certAlert,
  alertname: 'DiskFull',
  entityRef: 'resource:default/sff-1',
  labels: { alertname: 'DiskFull', node: 'sff-1' },
} as Signal;

describe('Loop autonomy', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('carries out only low-risk, allow-listed actions on its own; the rest waits for a person', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DecisionStore.create({
      getClient: async () => knex,
    } as any);
    const started: string[] = [];
    const act = (id: string): Policy => ({
      ...DEFAULT_POLICIES.find(p => p.id === id)!,
      autonomy: 'act',
    });
    let signals: Signal[] = [certAlert, diskAlert];
    const loop = new Loop({
      store,
      reader: {
        read: async () => ({
          signals,
          counts: { alerts: signals.length },
          source: 'live',
          warnings: [],
        }),
      } as any,
      planner: new ActionPlanner({
        readRepoFile: async () => null,
        promiseDefinition: async () => undefined,
      }),
      executor: {
        start: async (decision: any) => {
          started.push(decision.action.type);
          return { done: true, note: 'Silence s-1 created' };
        },
        taskState: async () => ({ state: 'running' }),
      } as any,
      forge: {} as any,
      catalog: catalogServiceMock(),
      notifications: { send: async () => {} },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      policies: [act('cert-expiring'), act('disk-full')],
      autoActAllow: ['silence'],
      verifyDelaySeconds: 0,
      verifyTimeoutSeconds: 600,
    });
    await loop.cycle();
    const [cert] = await store.list({ policy: 'cert-expiring' });
    expect(cert.state).toBe('executed');
    expect(cert.audit.map(a => [a.actor, a.to])).toEqual([
      ['cybernetics', 'proposed'],
      ['cybernetics', 'approved'],
      ['cybernetics', 'executed'],
    ]);
    expect(cert.audit[1].note).toMatch(/Auto-approved/);
    // a GitOps change is not on the allow-list: it waits, even with autonomy act
    const [disk] = await store.list({ policy: 'disk-full' });
    expect(disk.state).toBe('proposed');
    expect(started).toEqual(['silence']);

    // The alert goes away: the silence is verified, the other resolves itself.
    signals = [];
    await loop.cycle();
    expect((await store.get(cert.id))!.state).toBe('verified');
    expect((await store.get(disk.id))!.state).toBe('resolved');
    expect((await store.get(disk.id))!.audit.at(-1)!.note).toMatch(
      /recovered before any action/,
    );
    const status = await loop.status();
    expect(status.decide).toMatchObject({ verified: 1, resolved: 1 });
    expect(status.sense).toEqual({ alerts: 0 });
  });
});
