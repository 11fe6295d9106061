/* eslint-disable no-script-url */ // A script URL is one of this test's bad inputs.
import '@homelab-portal/test-utils/fixtures';
import { seedCatalog } from '@homelab-portal/test-utils';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import giteaPullRequestModule from '@homelab-portal/plugin-scaffolder-backend-module-gitea-pull-request';
import kratixModule from '@homelab-portal/plugin-scaffolder-backend-module-kratix';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Namespace } from 'kubernetes-models/v1';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import {
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { validateHomelabEntity } from '@homelab-portal/plugin-homelab-common';
import {
  buildResourceRequest,
  parsePromiseYaml,
  readPromiseDocuments,
} from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import { isChaosMesh, validateChaosMesh } from './__testUtils__/chaosMesh';

const repoRoot = path.resolve(__dirname, '../../..');

// Velero's own Schedule CRD, from the fixtures (never modified).
const veleroScheduleCrd = parse(
  fs.readFileSync(
    path.resolve(
      repoRoot,
      '../shared/fixtures/velero/crds/velero.io_schedules.yaml',
    ),
    'utf8',
  ),
);
const veleroAjv = new Ajv({ strict: false, allErrors: true });
addFormats(veleroAjv);
const validateVeleroSchedule = veleroAjv.compile(
  veleroScheduleCrd.spec.versions.find((v: any) => v.name === 'v1').schema
    .openAPIV3Schema,
);
// ... and its Restore CRD, for the restore drill.
const validateVeleroRestore = veleroAjv.compile(
  parse(
    fs.readFileSync(
      path.resolve(
        repoRoot,
        '../shared/fixtures/velero/crds/velero.io_restores.yaml',
      ),
      'utf8',
    ),
  ).spec.versions.find((v: any) => v.name === 'v1').schema.openAPIV3Schema,
);
const templatesDir = path.join(repoRoot, 'templates');

/**
 * Checks a rendered manifest against its schema where one is at hand: the
 * Kubernetes and ArgoCD schemas, the catalog's Component schema, and the
 * Promise's own schema for Kratix requests. Returns what it checked against.
 */
async function validateManifest(document: any): Promise<string> {
  if (document.apiVersion === 'v1' && document.kind === 'Namespace') {
    new Namespace(document).validate();
    return 'kubernetes';
  }
  if (
    document.apiVersion === 'argoproj.io/v1alpha1' &&
    document.kind === 'Application'
  ) {
    new Application(document).validate();
    return 'argocd';
  }
  if (document.kind === 'Resource') {
    await resourceEntityV1alpha1Validator.check(document);
    const problems = validateHomelabEntity(document);
    if (problems.length > 0) {
      throw new Error(
        `Not a valid homelab entity: ${JSON.stringify(problems)}`,
      );
    }
    return 'homelab';
  }
  if (document.kind === 'Component') {
    await componentEntityV1alpha1Validator.check(document);
    return 'catalog';
  }
  const promise = promiseEntities().find(entity => {
    const api = parsePromiseYaml(entity.spec!.definition as string);
    return (
      `${api.group}/${api.version}` === document.apiVersion &&
      api.kind === document.kind
    );
  });
  if (promise) {
    // Re-validate against the Promise: the spec must already be complete.
    const { request: rebuilt } = buildResourceRequest(
      parsePromiseYaml(promise.spec!.definition as string),
      {
        name: document.metadata.name,
        namespace: document.metadata.namespace,
        parameters: document.spec,
      },
    );
    expect(rebuilt).toEqual(document);
    return 'promise';
  }
  if (document.apiVersion === 'velero.io/v1' && document.kind === 'Schedule') {
    if (!validateVeleroSchedule(document)) {
      throw new Error(
        `Not a valid Velero Schedule: ${JSON.stringify(
          validateVeleroSchedule.errors,
        )}`,
      );
    }
    return 'velero';
  }
  if (document.apiVersion === 'velero.io/v1' && document.kind === 'Restore') {
    if (!validateVeleroRestore(document)) {
      throw new Error(
        `Not a valid Velero Restore: ${JSON.stringify(
          validateVeleroRestore.errors,
        )}`,
      );
    }
    return 'velero';
  }
  if (isChaosMesh(document)) {
    validateChaosMesh(document);
    expectSelectsCatalogWorkload(document);
    return 'chaos-mesh';
  }
  return 'none';
}

/**
 * A chaos experiment must select something real: its selector names the
 * namespace and the backstage.io/kubernetes-id label of a service in the
 * catalog (the labels the Kubernetes plugin finds its pods by).
 */
function expectSelectsCatalogWorkload(document: any) {
  const selector = document.spec.selector ?? {};
  const workloads = seedCatalog()
    .filter(entity => entity.kind === 'Component')
    .map(entity => ({
      namespace:
        entity.metadata.annotations?.['backstage.io/kubernetes-namespace'],
      id: entity.metadata.annotations?.['backstage.io/kubernetes-id'],
    }));
  expect(selector.namespaces).toHaveLength(1);
  expect(selector.labelSelectors).toEqual({
    'backstage.io/kubernetes-id': expect.any(String),
  });
  expect(workloads).toContainEqual({
    namespace: selector.namespaces[0],
    id: selector.labelSelectors['backstage.io/kubernetes-id'],
  });
}

/** The homelab's Promises as the catalog holds them: the Kratix provider's API entities. */
function promiseEntities(): Entity[] {
  const dir = path.join(repoRoot, 'promises');
  return fs
    .readdirSync(dir)
    .filter(name => fs.existsSync(path.join(dir, name, 'promise.yaml')))
    .map(name => {
      const file = path.join(dir, name, 'promise.yaml');
      return entitiesForPromise(
        readPromiseDocuments(fs.readFileSync(file, 'utf8'))[0],
        { location: `file:${file}` },
        {
          owner: 'group:default/admins',
          lifecycle: 'production',
          requestsPath: 'platform/requests',
          allowedHosts: [],
        },
      ).api as Entity;
    });
}

function directoryContents(
  dir: string,
  base = dir,
): Array<{ path: string; base64Content: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? directoryContents(full, base)
      : [
          {
            path: path.relative(base, full),
            base64Content: fs.readFileSync(full).toString('base64'),
          },
        ];
  });
}

const common = {
  owner: 'group:default/admins',
  system: 'system:default/applications',
  forge: 'gitea',
  repoUrl: 'git.lab.local?owner=homelab&repo=gitops',
};

// Example values for each template, and the manifest it must produce.
const cases: Array<
  [string, Record<string, unknown>, string, Record<string, unknown>]
> = [
  [
    'request-postgresql',
    {
      name: 'photos-db',
      namespace: 'jellyfin',
      databaseName: 'photos',
      ownerRole: 'photos',
      ...common,
    },
    'out/jellyfin/postgresql-photos-db.yaml',
    {
      kind: 'PostgreSQL',
      spec: {
        databaseName: 'photos',
        ownerRole: 'photos',
        version: '17',
        storageGi: 5,
        backup: { enabled: true, schedule: '0 * * * *', retentionDays: 3 },
      },
    },
  ],
  [
    'request-redis',
    { name: 'cache', ...common, mode: 'persistent' },
    'out/default/redis-cache.yaml',
    { kind: 'Redis', spec: { mode: 'persistent', memoryMi: 256, replicas: 1 } },
  ],
  [
    'request-bucket',
    { name: 'photos', bucketName: 'photos-archive', ...common },
    'out/default/bucket-photos.yaml',
    {
      kind: 'Bucket',
      spec: {
        bucketName: 'photos-archive',
        quotaGi: 50,
        versioning: false,
        retentionDays: 0,
      },
    },
  ],
  [
    'expose-service',
    {
      name: 'jellyfin',
      hostname: 'jellyfin.lab.local',
      serviceName: 'jellyfin',
      servicePort: 8096,
      ...common,
    },
    'out/default/exposedservice-jellyfin.yaml',
    {
      kind: 'ExposedService',
      spec: {
        hostname: 'jellyfin.lab.local',
        servicePort: 8096,
        tls: true,
        allowedVlans: [30],
      },
    },
  ],
  [
    'request-keycloak-client',
    {
      name: 'grafana',
      clientId: 'grafana',
      redirectUris: ['https://grafana.lab.local/login/generic_oauth'],
      ...common,
    },
    'out/default/keycloakclient-grafana.yaml',
    { kind: 'KeycloakClient', spec: { clientId: 'grafana', public: false } },
  ],
  [
    'onboard-application',
    {
      name: 'photoprism',
      description: 'Photo library',
      cluster: 'resource:default/homelab-cluster',
      sourceRepoUrl: 'https://git.lab.local/homelab/photoprism.git',
      sourcePath: 'deploy',
      targetRevision: 'main',
      ...common,
    },
    'out/photoprism/argocd-application.yaml',
    { kind: 'Application', spec: { destination: { namespace: 'photoprism' } } },
  ],
  [
    'chaos-experiment',
    {
      name: 'kill-jellyfin',
      target: 'component:default/jellyfin',
      chaosKind: 'PodChaos',
      podAction: 'pod-kill',
      duration: '60s',
      forge: 'gitea',
      repoUrl: common.repoUrl,
    },
    'out/experiment.yaml',
    {
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'PodChaos',
      metadata: { name: 'kill-jellyfin', namespace: 'jellyfin' },
      spec: {
        action: 'pod-kill',
        mode: 'one',
        duration: '60s',
        selector: {
          namespaces: ['jellyfin'],
          labelSelectors: { 'backstage.io/kubernetes-id': 'jellyfin' },
        },
      },
    },
  ],
  [
    'backup-schedule',
    {
      entity: 'component:default/keycloak',
      namespace: 'keycloak',
      policy: 'databases',
      forge: 'gitea',
      repoUrl: common.repoUrl,
    },
    'out/keycloak.yaml',
    {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'keycloak-databases', namespace: 'velero' },
      spec: {
        schedule: '0 * * * *',
        template: { includedNamespaces: ['keycloak'], ttl: '72h0m0s' },
      },
    },
  ],
  [
    'restore-drill',
    {
      entity: 'component:default/keycloak',
      tool: 'velero',
      drillName: 'drill-keycloak-20261201',
      namespace: 'keycloak',
      backupName: 'keycloak-databases-20261201020000',
      forge: 'gitea',
      repoUrl: common.repoUrl,
    },
    'out/drill-keycloak-20261201.yaml',
    {
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: {
        name: 'drill-keycloak-20261201',
        namespace: 'velero',
        labels: { 'homelab-portal.io/restore-drill': 'true' },
        annotations: {
          'homelab-portal.io/entity': 'component:default/keycloak',
        },
      },
      spec: {
        backupName: 'keycloak-databases-20261201020000',
        includedNamespaces: ['keycloak'],
        namespaceMapping: { keycloak: 'drill-keycloak-20261201' },
      },
    },
  ],
  [
    'add-vlan',
    {
      name: 'vlan-60-cameras',
      vlanId: 60,
      vlanName: 'Cameras',
      purpose: 'IP cameras, isolated',
      subnet: '10.0.60.0/24',
      gateway: '10.0.60.1',
      routable: false,
      owner: 'group:default/admins',
      system: 'system:default/physical-infrastructure',
      firewall: [
        {
          action: 'allow',
          to: 'resource:default/vlan-50-storage',
          protocol: 'tcp',
          ports: [2049],
        },
        { action: 'deny', to: 'internet' },
        { action: 'deny', to: 'any' },
      ],
      forge: 'gitea',
      repoUrl: common.repoUrl,
    },
    'out/vlan-60-cameras.yaml',
    {
      kind: 'Resource',
      metadata: { name: 'vlan-60-cameras', title: 'VLAN 60: Cameras' },
      spec: {
        type: 'vlan',
        vlan: {
          id: 60,
          subnet: '10.0.60.0/24',
          routable: false,
          firewall: [
            {
              action: 'allow',
              to: 'resource:default/vlan-50-storage',
              protocol: 'tcp',
              ports: [2049],
            },
            { action: 'deny', to: 'internet' },
            { action: 'deny', to: 'any' },
          ],
        },
      },
    },
  ],
  [
    'add-hardware-node',
    {
      name: 'sff-4',
      title: 'SFF node 4',
      hardwareType: 'compute-node',
      model: 'Lenovo ThinkCentre M720q',
      cpu: 'Intel Core i5-8500T',
      cores: 6,
      memoryGiB: 32,
      location: 'Rack 1, shelf 4',
      owner: 'group:default/admins',
      system: 'system:default/physical-infrastructure',
      interfaces: [
        {
          name: 'eno1',
          mac: '6c:4b:90:1a:2b:04',
          vlan: 'resource:default/vlan-20-server-lab',
          address: '10.0.20.14',
        },
      ],
      forge: 'gitea',
      repoUrl: common.repoUrl,
    },
    'out/sff-4.yaml',
    {
      kind: 'Resource',
      spec: {
        type: 'compute-node',
        hardware: {
          cores: 6,
          memoryGiB: 32,
          interfaces: [
            {
              name: 'eno1',
              mac: '6c:4b:90:1a:2b:04',
              vlan: 'resource:default/vlan-20-server-lab',
            },
          ],
        },
      },
    },
  ],
];

describe('the templates in templates/', () => {
  let server: any;
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        kratixModule,
        giteaPullRequestModule,
        githubModule,
        gitlabModule,
        catalogServiceMock.factory({
          entities: [...promiseEntities(), ...seedCatalog()],
        }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [{ host: 'git.lab.local', password: 'dry-run-token' }],
            },
          },
        }),
      ],
    }));
  });

  it('are all registered in templates/all.yaml and all tested here', () => {
    const location = parse(
      fs.readFileSync(path.join(templatesDir, 'all.yaml'), 'utf8'),
    );
    // cybernetics-change runs for approved decisions only; the cybernetics
    // end-to-end test runs it for real (cybernetics.e2e.test.ts).
    expect(
      location.spec.targets.map((t: string) => t.split('/')[1]).sort(),
    ).toEqual([...cases.map(([name]) => name), 'cybernetics-change'].sort());
  });

  it.each(cases)(
    '%s passes a dry run with example values',
    async (name, values, manifestPath, expected) => {
      const dir = path.join(templatesDir, name);
      const template = parse(
        fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
      );
      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send({
          template,
          values,
          secrets: {},
          directoryContents: directoryContents(dir),
        });
      expect(res.status).toBe(200);
      expect(res.body.steps.filter((s: any) => s.status === 'failed')).toEqual(
        [],
      );

      const files = Object.fromEntries(
        res.body.directoryContents.map((f: any) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ]),
      );
      expect(Object.keys(files)).toContain(manifestPath);
      const documents = parseAllDocuments(files[manifestPath]);
      expect(documents).toHaveLength(1);
      expect(documents[0].toJS()).toMatchObject(expected);

      // Every manifest it renders parses, and is valid where a schema is at hand.
      const checkedAgainst = await Promise.all(
        Object.entries(files)
          .filter(([file]) => file.endsWith('.yaml'))
          .map(([, text]) => validateManifest(parse(text as string))),
      );
      const expectedChecks: Record<string, string[]> = {
        'onboard-application': ['argocd', 'catalog', 'kubernetes'],
        'chaos-experiment': ['chaos-mesh'],
        'backup-schedule': ['velero'],
        'restore-drill': ['velero'],
        'add-vlan': ['homelab'],
        'add-hardware-node': ['homelab'],
      };
      expect(checkedAgainst.sort()).toEqual(
        expectedChecks[name] ?? ['promise'],
      );

      // It ends with links to the pull request and to an entity.
      const links = res.body.output.links;
      expect(links[0].url).toBe('https://git.lab.local/homelab/gitops/pulls');
      expect(links[1].entityRef).toMatch(/^(system|component):default\//);
    },
  );

  it.each<[Record<string, string>]>([
    [{ chaosKind: 'PodChaos', podAction: 'pod-kill' }],
    [{ chaosKind: 'PodChaos', podAction: 'pod-failure' }],
    [{ chaosKind: 'PodChaos', podAction: 'container-kill' }],
    [{ chaosKind: 'NetworkChaos', latency: '200ms' }],
  ])(
    'chaos-experiment renders a valid Chaos Mesh %j for a service',
    async choice => {
      const dir = path.join(templatesDir, 'chaos-experiment');
      const template = parse(
        fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
      );
      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send({
          template,
          values: {
            name: 'break-grafana',
            target: 'component:default/grafana',
            duration: '5m',
            forge: 'gitea',
            repoUrl: common.repoUrl,
            ...choice,
          },
          secrets: {},
          directoryContents: directoryContents(dir),
        });
      expect(res.status).toBe(200);
      const file = res.body.directoryContents.find(
        (f: any) => f.path === 'out/experiment.yaml',
      );
      const experiment = parse(
        Buffer.from(file.base64Content, 'base64').toString('utf8'),
      );
      await expect(validateManifest(experiment)).resolves.toBe('chaos-mesh');
      expect(experiment).toMatchObject({
        kind: choice.chaosKind,
        metadata: { name: 'break-grafana', namespace: 'monitoring' },
        spec: {
          duration: '5m',
          selector: {
            namespaces: ['monitoring'],
            labelSelectors: { 'backstage.io/kubernetes-id': 'grafana' },
          },
          ...(choice.chaosKind === 'PodChaos'
            ? { action: choice.podAction }
            : { action: 'delay', delay: { latency: '200ms' } }),
        },
      });
    },
  );

  it('refuses values the template does not allow', async () => {
    const dir = path.join(templatesDir, 'request-postgresql');
    const template = parse(
      fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
    );
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: {
          ...common,
          name: '../../etc',
          databaseName: 'x',
          owner: 'me',
        },
        secrets: {},
        directoryContents: directoryContents(dir),
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(/name/);
  });

  it('refuses malformed VLANs and keeps YAML in its field', async () => {
    const dir = path.join(templatesDir, 'add-vlan');
    const template = parse(
      fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
    );
    const valid = cases.find(([name]) => name === 'add-vlan')![1];
    const dryRun = (values: object) =>
      request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send({
          template,
          values: { ...valid, ...values },
          secrets: {},
          directoryContents: directoryContents(dir),
        });
    for (const bad of [
      { vlanId: 0 },
      { vlanId: 4095 },
      { vlanId: 'ten' },
      { subnet: '10.0.60.0/33' },
      { subnet: '10.0.300.0/24' },
      { name: '../vlan' },
      { firewall: [{ action: 'allow', to: 'javascript:alert(1)' }] },
    ]) {
      const res = await dryRun(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    const injected =
      'Cameras\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding';
    const res = await dryRun({ purpose: injected });
    expect(res.status).toBe(200);
    const file = res.body.directoryContents.find(
      (f: any) => f.path === 'out/vlan-60-cameras.yaml',
    );
    const documents = parseAllDocuments(
      Buffer.from(file.base64Content, 'base64').toString('utf8'),
    );
    expect(documents).toHaveLength(1);
    expect(documents[0].toJS().spec.vlan.purpose).toBe(injected);
  });

  it('refuses a dry run without credentials', async () => {
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.none.header())
      .send({ template: {}, values: {}, directoryContents: [] });
    expect(res.status).toBe(401);
  });
});
