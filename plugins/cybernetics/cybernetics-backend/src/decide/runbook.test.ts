import { Signal } from '@homelab-portal/plugin-cybernetics-common';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { evaluatePolicies } from '../analyse/PolicyEngine';
import { DEFAULT_POLICIES } from '../analyse/policies';
import {
  Change,
  Consumer,
  EvidenceSource,
  Workload,
} from '../sense/EvidenceReader';
import { ActionPlanner } from './ActionPlanner';

// Velero's own Schedule CRD, from the shared fixtures (never modified).
const FIXTURES = resolve(__dirname, '../../../../../../shared/fixtures');
const scheduleCrd = parse(
  readFileSync(`${FIXTURES}/velero/crds/velero.io_schedules.yaml`, 'utf8'),
);
const veleroSchema = scheduleCrd.spec.versions.find((v: any) => v.name === 'v1')
  .schema.openAPIV3Schema;
const validSchedule = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
}).compile(veleroSchema);

const workloads: Workload[] = [
  {
    entityRef: 'component:default/loki',
    name: 'loki',
    namespace: 'monitoring',
    kubernetesId: 'loki',
    argocdApp: 'loki',
  },
  {
    entityRef: 'component:default/prometheus',
    name: 'prometheus',
    namespace: 'monitoring',
    kubernetesId: 'prometheus',
    argocdApp: 'prometheus',
  },
  {
    entityRef: 'component:default/jellyfin',
    name: 'jellyfin',
    namespace: 'jellyfin',
    kubernetesId: 'jellyfin',
    argocdApp: 'jellyfin',
  },
  {
    entityRef: 'component:default/ollama',
    name: 'ollama',
    namespace: 'ollama',
    kubernetesId: 'ollama',
    argocdApp: 'ollama',
  },
];
const service = (name: string) => workloads.find(w => w.name === name);

/** Evidence as the test sets it; it records what it was asked. */
class Evidence implements EvidenceSource {
  consumers: Consumer[] = [];
  changes: Change[] = [];
  asked: Array<{ resource: string; node: string; device?: string }> = [];
  askedApps: string[][] = [];
  async topConsumers(resource: any, where: { node: string; device?: string }) {
    this.asked.push({ resource, ...where });
    return this.consumers;
  }
  async recentChanges(apps: string[]) {
    this.askedApps.push(apps);
    return this.changes;
  }
  async workloads() {
    return workloads;
  }
}

const GiB = 1024 ** 3;
const pod = (namespace: string, name: string, gib: number): Consumer => ({
  kind: 'pod',
  namespace,
  name,
  value: gib * GiB,
  service: workloads.find(
    w => w.namespace === namespace && name.startsWith(w.kubernetesId!),
  ),
  query: 'topk(5, ...)',
});

const alert = (
  alertname: string,
  entityRef: string,
  labels: Record<string, string>,
): Signal => ({
  kind: 'alert',
  source: 'live',
  entityRef,
  alertmanager: 'lab',
  alertname,
  severity: 'critical',
  fingerprint: 'f',
  labels: { alertname, ...labels },
  annotations: {},
  startsAt: '2026-12-01T10:00:00Z',
  suppressed: false,
});

const findingFor = (signal: Signal, policyId: string) =>
  evaluatePolicies(
    [signal],
    [DEFAULT_POLICIES.find(p => p.id === policyId)!],
  )[0];

const diskFull = findingFor(
  alert('DiskFull', 'resource:default/sff-1', {
    node: 'sff-1',
    mountpoint: '/',
    device: '/dev/nvme0n1p2',
  }),
  'disk-full',
);

function setup(files: Record<string, string> = {}) {
  const evidence = new Evidence();
  const planner = new ActionPlanner({
    readRepoFile: async file => files[file] ?? null,
    promiseDefinition: async () => undefined,
    evidence,
    escalateAfterMinutes: 10,
    pagingTargets: async entityRef =>
      entityRef === 'resource:default/sff-2'
        ? {
            recipients: ['group:default/admins'],
            escalateTo: ['group:default/homelab'],
          }
        : { recipients: [], escalateTo: [] },
  });
  return { evidence, planner };
}

describe('the seed’s runbook actions', () => {
  it('NodeDown pages the node’s owner, with escalation', async () => {
    const { planner } = setup();
    const nodeDown = findingFor(
      alert('NodeDown', 'resource:default/sff-2', { node: 'sff-2' }),
      'node-down',
    );
    expect(nodeDown.runbook?.url).toBe(
      '/docs/default/component/runbooks/alerts/node-down/',
    );
    expect(await planner.plan(nodeDown)).toEqual({
      type: 'page',
      title: 'Page the owner of sff-2',
      recipients: ['group:default/admins'],
      escalateTo: ['group:default/homelab'],
      escalateAfterMinutes: 10,
    });
    // with nobody to page, there is no page
    const orphan = findingFor(
      alert('NodeDown', 'resource:default/sff-9', { node: 'sff-9' }),
      'node-down',
    );
    await expect(planner.plan(orphan)).rejects.toThrow(/no owner/);
  });

  describe('DiskFull cleans up what fills that volume', () => {
    const lokiValues = 'loki:\n  limits_config:\n    retention_period: 168h\n';

    it('asks Prometheus about that node and device', async () => {
      const { planner, evidence } = setup();
      await planner.plan(diskFull);
      expect(evidence.asked).toEqual([
        { resource: 'disk', node: 'sff-1', device: '/dev/nvme0n1p2' },
      ]);
    });

    it('shortens Loki’s retention when Loki is the biggest consumer', async () => {
      const { planner, evidence } = setup({
        'platform/loki/values.yaml': lokiValues,
      });
      evidence.consumers = [
        pod('monitoring', 'loki-0', 410),
        pod('jellyfin', 'jellyfin-7d9f-abcde', 95),
      ];
      const { action, evidence: shown } = await planner.planWithEvidence(
        diskFull,
      );
      if (action.type !== 'gitops-change') throw new Error('expected a change');
      expect(action.file).toBe('platform/loki/values.yaml');
      expect(action.after).toContain('retention_period: 72h');
      expect(action.title).toBe(
        'Shorten Loki retention to 72h (monitoring/loki-0 (loki) uses 410.0 GiB)',
      );
      expect(shown).toEqual([
        {
          label: 'Top disk consumers on sff-1 (/dev/nvme0n1p2)',
          value:
            'monitoring/loki-0 (loki): 410.0 GiB; jellyfin/jellyfin-7d9f-abcde (jellyfin): 95.0 GiB',
          query: 'topk(5, ...)',
        },
      ]);
    });

    it('caps the ephemeral storage of another biggest consumer, never a fixed service', async () => {
      const { planner, evidence } = setup({
        'platform/loki/values.yaml': lokiValues,
      });
      evidence.consumers = [
        pod('jellyfin', 'jellyfin-7d9f-abcde', 37.2),
        pod('monitoring', 'loki-0', 4),
      ];
      const action = await planner.plan(diskFull);
      if (action.type !== 'gitops-change') throw new Error('expected a change');
      expect(action.file).toBe('apps/jellyfin/values.yaml');
      expect(parse(action.after)).toEqual({
        resources: { limits: { 'ephemeral-storage': '19Gi' } },
      });
      expect(action.title).toMatch(
        /^Cap jellyfin's ephemeral storage at 19Gi: the kubelet evicts jellyfin\/jellyfin-7d9f-abcde and frees its 37.2 GiB/,
      );
    });

    it('proposes no change when the biggest consumer has no known cleanup, or there is no evidence', async () => {
      const { planner, evidence } = setup();
      evidence.consumers = [
        {
          kind: 'volume',
          namespace: 'ollama',
          name: 'models',
          value: 300 * GiB,
          service: service('ollama'),
          query: 'q',
        },
      ];
      expect(await planner.plan(diskFull)).toEqual({
        type: 'none',
        title:
          'Free space on / of sff-1 by hand: the biggest consumer, volume ollama/models (ollama) (300.0 GiB), has no known cleanup',
      });
      evidence.consumers = [];
      const none = await planner.planWithEvidence(diskFull);
      expect(none.action.type).toBe('none');
      expect(none.evidence[0].value).toMatch(/^no data/);
    });
  });

  it.each([
    ['HighCPU', 'high-cpu', 'cpu', 'CPU'],
    ['HighMemory', 'high-memory', 'memory', 'memory'],
  ])(
    '%s opens an investigation with the top consumers and recent changes',
    async (alertname, policyId, resource, what) => {
      const { planner, evidence } = setup();
      evidence.consumers = [
        {
          ...pod('ollama', 'ollama-5c6b-x2x9z', 20),
          value: resource === 'cpu' ? 3.4 : 20 * GiB,
        },
        {
          ...pod('jellyfin', 'jellyfin-7d9f-abcde', 2),
          value: resource === 'cpu' ? 0.4 : 2 * GiB,
        },
      ];
      evidence.changes = [
        {
          app: 'ollama',
          deployedAt: '2026-12-01T09:40:00Z',
          revision: '4f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
          author: 'operator <operator@lab.local>',
          message: 'ollama: load llama3.1:70b',
        },
      ];
      const finding = findingFor(
        alert(alertname, 'resource:default/sff-3', { node: 'sff-3' }),
        policyId,
      );
      const { action, evidence: shown } = await planner.planWithEvidence(
        finding,
      );
      expect(action.type).toBe('investigation');
      if (action.type !== 'investigation') return;
      expect(evidence.asked).toEqual([{ resource, node: 'sff-3' }]);
      expect(evidence.askedApps).toEqual([['ollama', 'jellyfin']]);
      expect(shown.map(e => e.label)).toEqual([
        `Top ${resource} consumers on sff-3`,
        'Recent ArgoCD deployments of ollama, jellyfin',
      ]);
      expect(shown[0].value).toMatch(
        resource === 'cpu'
          ? /^ollama\/ollama-5c6b-x2x9z \(ollama\): 3.40 cores; /
          : /^ollama\/ollama-5c6b-x2x9z \(ollama\): 20.0 GiB; /,
      );
      expect(shown[1].value).toBe(
        'ollama 4f1c2a9d8e7b at 2026-12-01T09:40:00Z by operator <operator@lab.local>: ollama: load llama3.1:70b',
      );
      expect(action.questions[0]).toContain(
        `expected to use this much ${what} on sff-3`,
      );
      expect(action.questions[1]).toContain('ollama at 2026-12-01T09:40:00Z');
    },
  );

  describe('CertExpiring renews through cert-manager', () => {
    const certExpiring = findingFor(
      alert('CertExpiring', 'component:default/grafana', {
        namespace: 'monitoring',
        name: 'grafana-tls',
        service: 'grafana',
      }),
      'cert-expiring',
    );
    const file = 'platform/certificates/monitoring/grafana-tls.yaml';
    const certificate = (spec: object) =>
      [
        '# Grafana, behind the ingress',
        'apiVersion: cert-manager.io/v1',
        'kind: Certificate',
        'metadata:',
        '  name: grafana-tls',
        '  namespace: monitoring',
        stringify({ spec }).trimEnd(),
        '',
      ].join('\n');
    const base = {
      secretName: 'grafana-tls',
      issuerRef: { name: 'vault-pki', kind: 'ClusterIssuer' },
      dnsNames: ['grafana.lab.local'],
    };

    it('shortens spec.duration by an hour, so that cert-manager re-issues at once', async () => {
      const { planner } = setup({
        [file]: certificate({ ...base, duration: '2160h' }),
      });
      const { action, evidence } = await planner.planWithEvidence(certExpiring);
      if (action.type !== 'gitops-change') throw new Error('expected a change');
      expect(action.title).toBe(
        'Renew monitoring/grafana-tls with cert-manager',
      );
      expect(action.diff).toContain('-  duration: 2160h');
      expect(action.diff).toContain('+  duration: 2159h');
      expect(action.after).toContain('# Grafana, behind the ingress');
      expect(parse(action.after).spec.duration).toBe('2159h');
      expect(evidence.at(-1)!.value).toMatch(
        /no longer matches its latest CertificateRequest/,
      );
    });

    it.each([
      ['the Certificate is not in Git', {}, /is not in platform\/certificates/],
      [
        'it sets no spec.duration',
        { [file]: certificate(base) },
        /sets no spec.duration/,
      ],
    ])('proposes renewing by hand when %s', async (_what, files, title) => {
      const { planner } = setup(files);
      const action = await planner.plan(certExpiring);
      expect(action.type).toBe('none');
      expect(action.title).toMatch(title);
      expect(action.title).toContain(
        'cert-manager renew -n monitoring grafana-tls',
      );
    });

    it.each([
      [
        'not valid against cert-manager’s schema',
        certificate({ duration: '2160h', secretName: 'x' }),
        /not a valid cert-manager Certificate: .*issuerRef/,
      ],
      [
        'another certificate',
        certificate({ ...base, duration: '2160h' }).replace(
          'name: grafana-tls',
          'name: keycloak-tls',
        ),
        /holds Certificate monitoring\/keycloak-tls/,
      ],
      [
        'not a Certificate',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: grafana-tls\n',
        /not a cert-manager Certificate/,
      ],
      [
        'a duration with renewBefore as long',
        certificate({ ...base, duration: '720h', renewBefore: '719h30m' }),
        /renewBefore would not be shorter/,
      ],
    ])(
      'proposes nothing for a file that is %s',
      async (_what, content, error) => {
        const { planner } = setup({ [file]: content });
        await expect(planner.plan(certExpiring)).rejects.toThrow(error);
      },
    );
  });

  describe('an RPO breach runs the Velero Schedule hourly', () => {
    const breach = evaluatePolicies(
      [
        {
          kind: 'backup',
          source: 'live',
          entityRef: 'component:default/jellyfin',
          policy: 'media',
          rpo: 'breached',
          lastGoodAt: null,
        },
      ],
      [DEFAULT_POLICIES.find(p => p.id === 'backup-rpo')!],
    )[0];
    const file = 'platform/velero/schedules/jellyfin.yaml';

    it('the shipped schema is Velero’s own Schedule CRD, unchanged', () => {
      const shipped = JSON.parse(
        readFileSync(
          resolve(__dirname, '../../schemas/velero.io_schedules.v1.json'),
          'utf8',
        ),
      );
      expect(shipped.openAPIV3Schema).toEqual(veleroSchema);
    });

    it('creates a complete, valid Schedule when the file is missing', async () => {
      const { planner } = setup();
      const action = await planner.plan(breach);
      if (action.type !== 'gitops-change') throw new Error('expected a change');
      expect(action.before).toBeNull();
      const schedule = parse(action.after);
      expect(validSchedule(schedule)).toBe(true);
      expect(schedule).toEqual({
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: {
          name: 'jellyfin-media',
          namespace: 'velero',
          labels: { 'app.kubernetes.io/managed-by': 'homelab-portal' },
        },
        spec: {
          schedule: '0 * * * *',
          useOwnerReferencesInBackup: false,
          template: {
            includedNamespaces: ['jellyfin'],
            storageLocation: 'nas',
            ttl: '72h0m0s',
          },
        },
      });
    });

    it('edits an existing Schedule, and it stays valid', async () => {
      const existing = [
        'apiVersion: velero.io/v1',
        'kind: Schedule',
        'metadata:',
        '  name: jellyfin-media',
        '  namespace: velero',
        'spec:',
        "  schedule: '0 2 * * *' # nightly",
        '  template:',
        '    includedNamespaces: [jellyfin]',
        '',
      ].join('\n');
      const { planner } = setup({ [file]: existing });
      const action = await planner.plan(breach);
      if (action.type !== 'gitops-change') throw new Error('expected a change');
      expect(validSchedule(parse(action.after))).toBe(true);
      expect(parse(action.after).spec.schedule).toBe('0 * * * *');
    });

    it.each([
      [
        'a values file, not a Schedule',
        'replicaCount: 1\n',
        /not a Velero Schedule/,
      ],
      [
        'a Schedule without its template',
        'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: x\nspec:\n  schedule: "0 2 * * *"\n',
        /not a valid Velero Schedule: .*template/,
      ],
      [
        'a Schedule with a wrong type',
        'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: x\nspec:\n  schedule: "0 2 * * *"\n  template:\n    includedNamespaces: jellyfin\n',
        /not a valid Velero Schedule/,
      ],
    ])('proposes nothing over %s', async (_what, content, error) => {
      const { planner } = setup({ [file]: content });
      await expect(planner.plan(breach)).rejects.toThrow(error);
    });

    it('proposes no change for a service without a namespace in the catalog', async () => {
      const { planner } = setup();
      const unknown = { ...breach, entityRef: 'component:default/nas-share' };
      const action = await planner.plan(unknown);
      expect(action.type).toBe('none');
      expect(action.title).toMatch(/backup-schedule template/);
    });
  });
});
