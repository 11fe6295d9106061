import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import Ajv from 'ajv';
import { parse } from 'yaml';
import {
  FakeKubeApi,
  PASSWORD,
  ResticLab,
  deployment,
  veleroCrds,
} from '../__testUtils__/recoveryLab';
import { ClusterReader } from '../readiness/ClusterReader';
import { DrillFollower } from './DrillFollower';
import { DrillStore } from './DrillStore';
import { ResticDrill } from './ResticDrill';

jest.setTimeout(120_000);

const TEMPLATE = resolve(__dirname, '../../../../../templates/restore-drill');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The skeleton's one file with the values put in, as fetch:template would. */
function render(tool: 'velero' | 'restic', values: Record<string, string>) {
  const dir = join(TEMPLATE, 'skeleton', tool);
  const [file] = readdirSync(dir);
  const text = readFileSync(join(dir, file), 'utf8').replace(
    /\$\{\{\s*values\.(\w+)\s*\}\}/g,
    (_, key) => values[key],
  );
  return parse(text);
}

/** The template's first page of parameters, as the scaffolder checks them. */
function parameters() {
  const template = parse(readFileSync(join(TEMPLATE, 'template.yaml'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(template.spec.parameters[0]);
}

describe('The restore-drill template starts drills the portal follows', () => {
  const kube = new FakeKubeApi(veleroCrds(), 'kube-token');
  const restic = new ResticLab();
  let store: DrillStore;
  let follower: DrillFollower;

  beforeAll(async () => {
    await restic.create();
    const url = await kube.start();
    const knex = await databases.init('SQLITE_3');
    store = await DrillStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    follower = new DrillFollower({
      clusters: [{ name: 'homelab', url, serviceAccountToken: 'kube-token' }],
      veleroNamespace: 'velero',
      reader: new ClusterReader({
        veleroNamespace: 'velero',
        timeoutMs: 10_000,
      }),
      store,
      restic: new ResticDrill({
        scratchRoot: join(restic.dir, 'scratch'),
        timeoutMs: 60_000,
      }),
      repositories: [
        { name: 'nas-media', repository: restic.media, password: PASSWORD },
      ],
      drillTimeoutSeconds: 1800,
      logger: mockServices.logger.mock(),
    });
  });

  afterAll(async () => {
    await kube.stop();
    await restic.remove();
  });

  it('renders a Velero Restore into a scratch namespace, valid against the Restore CRD, which the portal follows to verified', async () => {
    const values = {
      entity: 'component:default/keycloak',
      tool: 'velero',
      drillName: 'drill-keycloak-20261201',
      namespace: 'keycloak',
      backupName: 'keycloak-databases-20261201020000',
    };
    expect(parameters()(values)).toBe(true);
    const manifest = render('velero', values);
    expect(manifest.spec.namespaceMapping).toEqual({
      keycloak: 'drill-keycloak-20261201',
    });
    // the fake API server checks it against Velero's Restore CRD
    kube.put({
      ...manifest,
      status: {
        phase: 'Completed',
        startTimestamp: new Date(Date.now() - 300_000).toISOString(),
      },
    });
    kube.put(
      deployment('drill-keycloak-20261201', 'keycloak', {
        availableAt: new Date(Date.now() - 60_000).toISOString(),
      }),
    );
    await follower.poll();
    const drill = await store.get('velero:homelab/drill-keycloak-20261201');
    expect(drill).toMatchObject({
      status: 'verified',
      entityRef: 'component:default/keycloak',
      scratch: 'drill-keycloak-20261201',
    });
    expect(drill!.durationSeconds).toBeCloseTo(240, -1);
  });

  it('renders a restic drill request, valid as a ConfigMap, which the portal runs with real restic', async () => {
    const values = {
      entity: 'component:default/jellyfin',
      tool: 'restic',
      drillName: 'drill-jellyfin-20261201',
      repository: 'nas-media',
      snapshot: 'latest',
    };
    expect(parameters()(values)).toBe(true);
    kube.put(render('restic', values));
    await follower.poll();
    const drill = await store.get('restic:homelab/drill-jellyfin-20261201');
    expect(drill).toMatchObject({
      status: 'verified',
      entityRef: 'component:default/jellyfin',
      source: 'nas-media',
    });
    expect(drill!.target).toBe(await restic.snapshotId(restic.media));
    expect(drill!.checks).toContain('restic check: no errors found');
  });

  it('refuses values that would inject YAML or restore over the live namespace', () => {
    const valid = parameters();
    const base = {
      entity: 'component:default/keycloak',
      tool: 'velero',
      drillName: 'drill-keycloak-1',
      namespace: 'keycloak',
      backupName: 'b',
    };
    for (const bad of [
      { namespace: 'keycloak\n---\nkind: ClusterRoleBinding' },
      { drillName: 'keycloak' }, // not a drill-* scratch namespace
      { drillName: 'drill-x: y' },
      { entity: "component:default/x'\n  evil: 'y" },
      { backupName: 'a b' },
    ]) {
      expect(valid({ ...base, ...bad })).toBe(false);
    }
    expect(
      valid({
        entity: 'component:default/jellyfin',
        tool: 'restic',
        drillName: 'drill-j-1',
        repository: 'nas-media',
        snapshot: '--password-file=/etc/shadow',
      }),
    ).toBe(false);
  });
});
