import { createMockDirectory } from '@backstage/backend-test-utils';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { validateCatalogFiles } from './validateCatalogFiles';

const repoRoot = path.resolve(__dirname, '../../../..');
const bin = path.resolve(__dirname, '../bin/validate-catalog');

const org = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: admins }
spec: { type: team, children: [] }
`;
const vlan = (name: string, id: unknown, subnet: string) => `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: ${name} }
spec:
  type: vlan
  owner: group:default/admins
  vlan: { id: ${id}, name: ${name}, purpose: test, subnet: "${subnet}", firewall: [] }
`;
const node = (name: string, mac: string, vlanRef: string) => `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: ${name} }
spec:
  type: compute-node
  owner: group:default/admins
  hardware:
    model: M700
    cores: 4
    memoryGiB: 32
    interfaces: [{ name: eno1, mac: "${mac}", vlan: ${vlanRef} }]
`;

function run(...args: string[]) {
  return spawnSync(bin, args, { cwd: repoRoot, encoding: 'utf8' });
}

describe('validateCatalogFiles', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('finds no problem in catalog/ and templates/', async () => {
    const report = await validateCatalogFiles([
      path.join(repoRoot, 'catalog'),
      path.join(repoRoot, 'templates'),
    ]);
    expect(report.problems).toEqual([]);
    expect(report.entities).toBeGreaterThan(50);
  });

  it.each([
    [
      'an unknown VLAN',
      [
        org,
        vlan('vlan-20', 20, '10.0.20.0/24'),
        node('sff-1', '00:00:00:00:00:01', 'vlan-99'),
      ],
      'resource:default/sff-1',
      'spec.hardware.interfaces[0].vlan',
      /resource:default\/vlan-99, which does not exist/,
    ],
    [
      'a duplicate VLAN id',
      [
        org,
        vlan('vlan-20', 20, '10.0.20.0/24'),
        vlan('vlan-21', 20, '10.0.21.0/24'),
      ],
      'resource:default/vlan-21',
      'spec.vlan.id',
      /VLAN id 20 is already used/,
    ],
    [
      'overlapping subnets',
      [
        org,
        vlan('vlan-20', 20, '10.0.0.0/16'),
        vlan('vlan-21', 21, '10.0.21.0/24'),
      ],
      'resource:default/vlan-21',
      'spec.vlan.subnet',
      /overlaps 10\.0\.0\.0\/16/,
    ],
    [
      'a bad CIDR',
      [org, vlan('vlan-20', 20, '10.0.20.0/40')],
      'resource:default/vlan-20',
      'spec.vlan.subnet',
      /prefix length over 32/,
    ],
    [
      'a bad MAC',
      [
        org,
        vlan('vlan-20', 20, '10.0.20.0/24'),
        node('sff-1', '00:00:00:00:00', 'vlan-20'),
      ],
      'resource:default/sff-1',
      'spec.hardware.interfaces[0].mac',
      /MAC address/,
    ],
    [
      'a VLAN id out of range',
      [org, vlan('vlan-0', 0, '10.0.20.0/24')],
      'resource:default/vlan-0',
      'spec.vlan.id',
      /must be >= 1/,
    ],
    [
      'a VLAN id that is not a number',
      [org, vlan('vlan-x', '"ten"', '10.0.20.0/24')],
      'resource:default/vlan-x',
      'spec.vlan.id',
      /must be integer/,
    ],
    [
      'a dangerous URL',
      [
        org,
        `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: jellyfin
  links: [{ url: "jAvAsCrIpT:alert(1)" }]
spec: { type: service, lifecycle: production, owner: group:default/admins }
`,
      ],
      'component:default/jellyfin',
      'metadata.links[0].url',
      /"javascript:" scheme/,
    ],
    [
      'a dangling reference',
      [
        org,
        `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: jellyfin }
spec: { type: service, lifecycle: production, owner: group:default/admins, system: media }
`,
      ],
      'component:default/jellyfin',
      'spec.system',
      /system:default\/media, which does not exist/,
    ],
    [
      'a missing required field',
      [
        org,
        `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: nas-1 }
spec: { type: nas, owner: group:default/admins, hardware: { cores: 4 } }
`,
      ],
      'resource:default/nas-1',
      'spec.hardware.model',
      /is required/,
    ],
  ])(
    'reports %s with file, entity, field and reason',
    async (_case, docs, entityRef, field, reason) => {
      dir.setContent({ 'homelab.yaml': (docs as string[]).join('---\n') });
      const report = await validateCatalogFiles([dir.path]);
      expect(report.problems).toContainEqual({
        file: dir.resolve('homelab.yaml'),
        entityRef,
        field,
        message: expect.stringMatching(reason as RegExp),
      });
    },
  );

  it('reports YAML that does not parse, and entities the catalog would refuse', async () => {
    dir.setContent({
      'broken.yaml': 'kind: [unclosed\n',
      'bad-name.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: "../../etc/passwd" }
spec: { type: service, lifecycle: production, owner: admins }
`,
    });
    const report = await validateCatalogFiles([dir.path]);
    const byFile = (name: string) =>
      report.problems.filter(p => p.file === dir.resolve(name));
    expect(byFile('broken.yaml')[0].message).toMatch(/^YAML: /);
    expect(byFile('bad-name.yaml')[0]).toMatchObject({
      entityRef: 'Component:../../etc/passwd',
      message: expect.stringMatching(/metadata\.name/),
    });
  });

  it('reads a "__proto__" key as a field, never as a prototype', async () => {
    // Were "__proto__" taken as the prototype, metadata would inherit a name
    // and pass the catalog's checks without one.
    dir.setContent({
      'proto.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  __proto__: { name: jellyfin }
spec: { type: service, lifecycle: production, owner: group:default/admins }
`,
    });
    const report = await validateCatalogFiles([dir.path]);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: dir.resolve('proto.yaml'),
        message: expect.stringMatching(/name/),
      }),
    ]);
    expect(({} as any).name).toBeUndefined();
  });

  it('keeps the injected YAML document a separate entity, checked on its own', async () => {
    // A value carrying "\n---\nkind: ..." in a quoted string stays one value.
    dir.setContent({
      'homelab.yaml': `${org}---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: jellyfin
  description: "media\\n---\\nkind: ClusterRoleBinding"
spec: { type: service, lifecycle: production, owner: group:default/admins }
`,
    });
    const report = await validateCatalogFiles([dir.path]);
    expect(report.problems).toEqual([]);
    expect(report.entities).toBe(2);
  });

  it('does not follow symlinks out of the folder, and refuses a billion-laughs file', async () => {
    dir.setContent({
      'laughs.yaml': [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...Array.from({ length: 9 }, (_, i) => {
          const prev = String.fromCharCode(97 + i);
          const next = String.fromCharCode(98 + i);
          return `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
        }),
      ].join('\n'),
    });
    fs.symlinkSync('/etc', dir.resolve('etc-link'));
    const report = await validateCatalogFiles([dir.path]);
    expect(report.files).toEqual([dir.resolve('laughs.yaml')]);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].message).toMatch(/alias/i);
  });
});

describe('yarn validate-catalog', () => {
  const dir = createMockDirectory();

  it('exits 0 on catalog/', () => {
    const result = run('catalog');
    expect(result.stdout).toMatch(/ 0 problems\n$/);
    expect(result.status).toBe(0);
  });

  it('exits 1 on invalid files, printing file, entity, field and reason', () => {
    dir.setContent({
      'vlans.yaml': [
        org,
        vlan('vlan-20', 20, '10.0.20.0/24'),
        vlan('vlan-21', 20, '10.0.20.0/25'),
      ].join('---\n'),
    });
    const result = run(dir.path);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `vlans.yaml: resource:default/vlan-21: spec.vlan.id: VLAN id 20 is already used by resource:default/vlan-20`,
    );
    expect(result.stdout).toContain(
      `vlans.yaml: resource:default/vlan-20: spec.vlan.id: VLAN id 20 is already used by resource:default/vlan-21`,
    );
    // the id and the subnet, on both sides
    expect(result.stdout).toMatch(/4 problems\n$/);
  });

  it('exits 2 with a clear message on a path that does not exist', () => {
    const result = run('no/such/folder');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^validate-catalog: ENOENT/);
  });
});
