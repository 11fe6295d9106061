/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRefused"] }] */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { MAX_INPUT_BYTES } from './contract';
import {
  cleanUp,
  goodRequests,
  Run,
  runOn,
  variant,
} from './__testUtils__/run';

// A first run reads and compiles the CRDs (CloudNativePG's is 470 kB): on a
// busy machine that alone can pass Jest's 5 s default.
jest.setTimeout(30_000);

afterEach(cleanUp);

const INJECTION = 'x\n---\nkind: ClusterRoleBinding';

/** A refused request: exit 1, a clear message, and nothing written. */
function expectRefused(run: Run, message: RegExp) {
  expect(run.code).toBe(1);
  expect(run.stdout).toEqual([]);
  expect(run.stderr).toHaveLength(1);
  expect(run.stderr[0]).toMatch(/pipeline failed, nothing written: /);
  expect(run.stderr[0]).toMatch(message);
  expect(fs.readdirSync(path.join(run.root, 'output'))).toEqual([]);
  expect(fs.readdirSync(path.join(run.root, 'metadata'))).toEqual([]);
}

/** For each Promise: a field that is required, and every string field. */
const fields: Record<string, { required: string; strings: string[] }> = {
  postgresql: {
    required: 'databaseName',
    strings: ['databaseName', 'ownerRole'],
  },
  redis: { required: '', strings: ['mode'] },
  bucket: { required: 'bucketName', strings: ['bucketName'] },
  'exposed-service': {
    required: 'servicePort',
    strings: ['hostname', 'serviceName'],
  },
  'keycloak-client': { required: 'redirectUris', strings: ['clientId'] },
};

describe.each(Object.keys(goodRequests))('the %s pipeline refuses', promise => {
  it('a missing request file', async () => {
    const run = await runOn(promise, goodRequests[promise], dirs =>
      fs.rmSync(path.join(dirs.root, 'input', 'object.yaml')),
    );
    expectRefused(run, /cannot read the request/);
  });

  it('a request that is not a plain file (a device never ends)', async () => {
    const run = await runOn(promise, goodRequests[promise], dirs => {
      const file = path.join(dirs.root, 'input', 'object.yaml');
      fs.rmSync(file);
      fs.symlinkSync('/dev/zero', file);
    });
    expectRefused(run, /object\.yaml is not a plain file/);
  });

  it('a request of another kind', async () => {
    const other = promise === 'redis' ? 'bucket' : 'redis';
    const run = await runOn(promise, goodRequests[other]);
    expectRefused(run, /this pipeline takes platform\.lab\.local\/v1alpha1\//);
  });

  it.each([
    ['has ..', 'a..b'],
    ['has a slash', 'a/b'],
    ['is upper case', 'Gitea'],
    ['is 41 characters', 'a'.repeat(41)],
    ['carries a second document', INJECTION],
    ['is missing', undefined],
  ])('a name that %s', async (_, name) => {
    const run = await runOn(
      promise,
      variant(promise, r => {
        r.metadata.name = name;
      }),
    );
    expectRefused(run, /metadata\.name .* must be an RFC 1123 label/);
  });

  it.each([['kube-system'], ['..'], [INJECTION], [undefined]])(
    'the namespace %j',
    async namespace => {
      const run = await runOn(
        promise,
        variant(promise, r => {
          r.metadata.namespace = namespace;
        }),
      );
      expectRefused(run, /namespace/);
    },
  );

  it('a field the Promise does not have', async () => {
    const run = await runOn(
      promise,
      variant(promise, r => {
        r.spec.namespace = 'kube-system';
      }),
    );
    expectRefused(
      run,
      /does not match the Promise: spec must NOT have additional properties \(namespace\)/,
    );
  });

  it('a required field left out', async () => {
    const { required } = fields[promise];
    if (!required) {
      // Every field of the redis Promise has a default; a wrong type instead.
      const run = await runOn(
        promise,
        variant(promise, r => {
          r.spec.replicas = 2;
        }),
      );
      expectRefused(
        run,
        /spec\/replicas must be equal to one of the allowed values/,
      );
      return;
    }
    const run = await runOn(
      promise,
      variant(promise, r => {
        delete r.spec[required];
      }),
    );
    expectRefused(run, new RegExp(`must have required property '${required}'`));
  });

  it.each(fields[promise].strings.map(field => [field]))(
    'YAML injection in %s',
    async field => {
      const run = await runOn(
        promise,
        variant(promise, r => {
          r.spec[field] = INJECTION;
        }),
      );
      expectRefused(
        run,
        new RegExp(`spec/${field} must (match pattern|be equal to one of)`),
      );
    },
  );

  it('an oversized request', async () => {
    const run = await runOn(
      promise,
      variant(promise, r => {
        r.metadata.annotations = { big: 'x'.repeat(MAX_INPUT_BYTES) };
      }),
    );
    expectRefused(run, /bytes; at most 262144 are read/);
  });

  it('two documents, or none, or not a mapping', async () => {
    const two = `${stringify(goodRequests[promise])}---\n${stringify({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
    })}`;
    expectRefused(await runOn(promise, two), /exactly one YAML document/);
    expectRefused(await runOn(promise, ''), /exactly one YAML document/);
    expectRefused(await runOn(promise, '- a\n- b\n'), /not a YAML mapping/);
    expectRefused(await runOn(promise, 'a: [\n'), /not valid YAML/);
  });

  it('prototype keys', async () => {
    const text = stringify(goodRequests[promise]).replace(
      'spec:\n',
      'spec:\n  __proto__:\n    polluted: true\n',
    );
    expectRefused(
      await runOn(promise, text),
      /forbidden key object\.spec\.__proto__/,
    );
    expect(({} as any).polluted).toBeUndefined();
  });

  it('an alias bomb', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    }
    const run = await runOn(promise, `${lines.join('\n')}\n`);
    expectRefused(run, /not valid YAML|alias/i);
  });

  it('to write through a symlink already in the output', async () => {
    const good = await runOn(promise, goodRequests[promise]);
    const first = path.basename(good.stdout[0].replace(/^wrote /, ''));
    let target = '';
    const again = await runOn(promise, goodRequests[promise], dirs => {
      target = path.join(dirs.root, 'elsewhere');
      fs.writeFileSync(target, 'untouched');
      fs.symlinkSync(target, path.join(dirs.root, 'output', first));
    });
    expect(again.code).toBe(1);
    expect(again.stderr[0]).toMatch(/EEXIST/);
    expect(fs.readFileSync(target, 'utf8')).toBe('untouched');
    // Only the symlink that was there is left.
    expect(fs.readdirSync(path.join(again.root, 'output'))).toEqual([first]);
    expect(fs.readdirSync(path.join(again.root, 'metadata'))).toEqual([]);
  });
});

describe('the status', () => {
  it("keeps an earlier container's keys, ours win", async () => {
    const run = await runOn('redis', goodRequests.redis, dirs =>
      fs.writeFileSync(
        path.join(dirs.root, 'metadata', 'status.yaml'),
        stringify({ earlier: 'kept', host: 'replaced' }),
      ),
    );
    expect(run.code).toBe(0);
    expect(run.status).toMatchObject({
      earlier: 'kept',
      host: 'sessions.nextcloud.svc',
    });
    expect(run.status.kratix).toBeUndefined();
  });

  it('is never written through a symlink, and then nothing is written', async () => {
    let target = '';
    const run = await runOn('redis', goodRequests.redis, dirs => {
      target = path.join(dirs.root, 'elsewhere');
      fs.writeFileSync(target, 'untouched');
      fs.symlinkSync(target, path.join(dirs.root, 'metadata', 'status.yaml'));
    });
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(
      /refusing to update .*status\.yaml: not a plain, small file/,
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('untouched');
    expect(fs.readdirSync(path.join(run.root, 'output'))).toEqual([]);
  });
});

describe('what each Promise refuses beyond its schema', () => {
  const cases: Array<[string, (r: any) => unknown, RegExp]> = [
    [
      'postgresql',
      (r: any) => (r.spec.ownerRole = 'postgres'),
      /ownerRole postgres is reserved/,
    ],
    [
      'postgresql',
      (r: any) => (r.spec.databaseName = 'template1'),
      /databaseName template1 is reserved/,
    ],
    [
      'postgresql',
      (r: any) => (r.spec.backup = { schedule: '@reboot' }),
      /not a five-field cron/,
    ],
    [
      'postgresql',
      (r: any) => (r.spec.backup = { schedule: `0 * * * *\n${INJECTION}` }),
      /not a five-field cron/,
    ],
    [
      'postgresql',
      (r: any) => (r.spec.storageGi = 201),
      /storageGi must be <= 200/,
    ],
    ['postgresql', (r: any) => (r.spec.version = '9.6'), /allowed values/],
    [
      'redis',
      (r: any) => (r.spec.memoryMi = 'ten'),
      /memoryMi must be integer/,
    ],
    [
      'bucket',
      (r: any) => (r.spec.bucketName = 'a..b'),
      /not a valid S3 bucket name/,
    ],
    [
      'bucket',
      (r: any) => (r.spec.bucketName = '192.168.1.10'),
      /not a valid S3 bucket name/,
    ],
    [
      'bucket',
      (r: any) => (r.spec.bucketName = 'cnpg-backups'),
      /reserved for the homelab/,
    ],
    ['bucket', (r: any) => (r.spec.quotaGi = 0), /quotaGi must be >= 1/],
    [
      'exposed-service',
      (r: any) => (r.spec.hostname = 'keycloak.lab.local'),
      /belongs to the homelab's own services/,
    ],
    [
      'exposed-service',
      (r: any) => (r.spec.hostname = 'a.evil.com'),
      /hostname must match pattern/,
    ],
    [
      'exposed-service',
      (r: any) => (r.spec.allowedVlans = [4095]),
      /must be <= 4094/,
    ],
    [
      'exposed-service',
      (r: any) => (r.spec.allowedVlans = [0]),
      /must be >= 1/,
    ],
    [
      'exposed-service',
      (r: any) => (r.spec.allowedVlans = ['ten']),
      /must be integer/,
    ],
    [
      'exposed-service',
      (r: any) => (r.spec.allowedVlans = [99]),
      /VLAN 99 is not one of the homelab's \(10, 20, 30, 40, 50\)/,
    ],
    [
      'exposed-service',
      (r: any) => (r.spec.allowedVlans = []),
      /at least one VLAN/,
    ],
    [
      'exposed-service',
      (r: any) => (r.spec.servicePort = 70000),
      /servicePort must be <= 65535/,
    ],
    [
      'keycloak-client',
      (r: any) => (r.spec.clientId = 'homelab-portal'),
      /belongs to the homelab's own realm/,
    ],
    [
      'keycloak-client',
      (r: any) => (r.spec.redirectUris = ['https://a..lab.local/cb']),
      /must be https under lab.local/,
    ],
    [
      'keycloak-client',
      (r: any) =>
        (r.spec.redirectUris = [
          'https://wiki.lab.local/$(env:KEYCLOAK_PASSWORD)',
        ]),
      /characters a redirect URI may not have/,
    ],
    [
      'keycloak-client',
      (r: any) =>
        (r.spec.redirectUris = ['https://wiki.lab.local/../../admin']),
      /characters a redirect URI may not have/,
    ],
    [
      'keycloak-client',
      (r: any) => (r.spec.redirectUris = ['https://wiki.lab.local/cb#frag']),
      /without credentials or fragment/,
    ],
    [
      'keycloak-client',
      (r: any) =>
        (r.spec.redirectUris = [
          'https://wiki.lab.local/cb\n---\nkind: ClusterRoleBinding',
        ]),
      /characters a redirect URI may not have/,
    ],
    [
      'keycloak-client',
      (r: any) =>
        (r.spec.redirectUris = [`${'javascript'}:alert(1)//x.lab.local/`]),
      /must match pattern/,
    ],
    [
      'keycloak-client',
      (r: any) => (r.spec.redirectUris = []),
      /must NOT have fewer than 1 items/,
    ],
    [
      'keycloak-client',
      (r: any) =>
        (r.spec.redirectUris = [`https://wiki.lab.local/${'a'.repeat(2100)}`]),
      /must NOT have more than 2048 characters/,
    ],
  ];
  // The title shows the change: `spec.ownerRole = 'postgres'`.
  const titled = cases.map(([promise, change, message]) => {
    const text = String(change).replace(/^.*?=>\s*\(?r\.|\)$/gs, '');
    return [
      promise,
      text.replace(/\s+/g, ' ').slice(0, 80),
      change,
      message,
    ] as const;
  });
  it.each(titled)('%s: %s', async (promise, _, change, message) => {
    const run = await runOn(promise, variant(promise, change));
    expectRefused(run, message);
  });
});
