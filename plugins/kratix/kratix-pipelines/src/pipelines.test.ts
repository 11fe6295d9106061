import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, stringify, visit } from 'yaml';
import { validateObject } from './schemas';
import {
  cleanUp,
  goodRequests,
  ofKind,
  runOn,
  variant,
} from './__testUtils__/run';

// A first run reads and compiles the CRDs (CloudNativePG's is 470 kB): on a
// busy machine that alone can pass Jest's 5 s default.
jest.setTimeout(30_000);

afterEach(cleanUp);

describe.each(Object.keys(goodRequests))(
  'the %s pipeline on a good request',
  promise => {
    it('writes valid manifests and a status, and nothing secret', async () => {
      const run = await runOn(promise, goodRequests[promise]);
      expect(run.stderr).toEqual([]);
      expect(run.code).toBe(0);
      const objects = Object.values(run.outputs);
      expect(objects.length).toBeGreaterThan(1);
      // What was written is what the schemas accept, read back from disk.
      for (const object of objects) {
        expect(() => validateObject(object)).not.toThrow();
        expect(object.metadata.labels['homelab-portal.io/promise']).toBe(
          promise,
        );
      }
      expect(run.status.message).toEqual(expect.any(String));
      // Plain YAML: no anchors or aliases (shared label objects are written out).
      for (const file of fs.readdirSync(path.join(run.root, 'output'))) {
        const document = parseDocument(
          fs.readFileSync(path.join(run.root, 'output', file), 'utf8'),
        );
        let aliases = 0;
        visit(document, { Alias: () => void aliases++ });
        expect({ file, aliases }).toEqual({ file, aliases: 0 });
      }
      // No Secret is ever output: secrets come from Vault through ESO.
      expect(objects.filter(o => o.kind === 'Secret')).toEqual([]);
      expect(run.stdout).toHaveLength(objects.length + 1);
    });
  },
);

describe('postgresql', () => {
  it('is a CloudNativePG Cluster backed up hourly to the NAS, kept 3 days', async () => {
    const run = await runOn('postgresql', goodRequests.postgresql);
    const [cluster] = ofKind(run, 'Cluster');
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster.metadata).toMatchObject({
      name: 'gitea-db',
      namespace: 'gitea',
    });
    expect(cluster.spec).toMatchObject({
      imageName: 'registry.lab.local/cloudnative-pg/postgresql:17',
      storage: { size: '5Gi', storageClass: 'longhorn' },
      bootstrap: { initdb: { database: 'gitea', owner: 'gitea' } },
      backup: {
        retentionPolicy: '3d',
        barmanObjectStore: {
          destinationPath: 's3://cnpg-backups/gitea/gitea-db',
          endpointURL: 'https://minio.lab.local',
        },
      },
    });
    const [scheduled] = ofKind(run, 'ScheduledBackup');
    expect(scheduled.spec).toMatchObject({
      schedule: '0 0 * * * *',
      cluster: { name: 'gitea-db' },
      method: 'barmanObjectStore',
    });
    const [backupCreds] = ofKind(run, 'ExternalSecret');
    expect(backupCreds.metadata.name).toBe(
      cluster.spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name,
    );
    const [push] = ofKind(run, 'PushSecret');
    expect(push.spec.selector).toEqual({ secret: { name: 'gitea-db-app' } });
    expect(push.spec.data[1].match).toEqual({
      secretKey: 'password',
      remoteRef: {
        remoteKey: 'homelab-portal/postgresql/gitea/gitea-db',
        property: 'password',
      },
    });
  });

  it('follows a custom schedule, retention and version, or no backup at all', async () => {
    const custom = await runOn(
      'postgresql',
      variant('postgresql', r => {
        r.spec.version = '15';
        r.spec.backup = { schedule: '30 */6 * * 1-5', retentionDays: 14 };
      }),
    );
    expect(ofKind(custom, 'ScheduledBackup')[0].spec.schedule).toBe(
      '0 30 */6 * * 1-5',
    );
    expect(ofKind(custom, 'Cluster')[0].spec.backup.retentionPolicy).toBe(
      '14d',
    );
    expect(ofKind(custom, 'Cluster')[0].spec.imageName).toMatch(/:15$/);

    const none = await runOn(
      'postgresql',
      variant('postgresql', r => {
        r.spec.backup = { enabled: false };
      }),
    );
    expect(none.code).toBe(0);
    expect(ofKind(none, 'ScheduledBackup')).toEqual([]);
    expect(ofKind(none, 'Cluster')[0].spec.backup).toBeUndefined();
    expect(none.status.backup).toEqual({ enabled: false });
  });
});

describe('redis', () => {
  it('runs a primary and read replicas with a password from Vault', async () => {
    const run = await runOn('redis', goodRequests.redis);
    const [sts] = ofKind(run, 'StatefulSet');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({
      storageClassName: 'longhorn',
      resources: { requests: { storage: '1Gi' } },
    });
    const container = sts.spec.template.spec.containers[0];
    expect(container.resources.limits.memory).toBe('512Mi');
    const env = Object.fromEntries(
      container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]),
    );
    expect(env).toMatchObject({
      REDIS_MAXMEMORY: '409mb',
      REDIS_MAXMEMORY_POLICY: 'noeviction',
      REDIS_APPENDONLY: 'yes',
      REDIS_PRIMARY: 'sessions-0.sessions-headless.nextcloud.svc',
      REDIS_PASSWORD: {
        secretKeyRef: { name: 'sessions-auth', key: 'password' },
      },
    });
    const services = Object.fromEntries(
      ofKind(run, 'Service').map(s => [s.metadata.name, s.spec]),
    );
    expect(Object.keys(services).sort()).toEqual([
      'sessions',
      'sessions-headless',
      'sessions-read',
    ]);
    expect(
      services.sessions.selector['statefulset.kubernetes.io/pod-name'],
    ).toBe('sessions-0');
    expect(ofKind(run, 'Password')).toHaveLength(1);
    expect(ofKind(run, 'PushSecret')[0].spec.updatePolicy).toBe('IfNotExists');
    expect(ofKind(run, 'NetworkPolicy')[0].spec.ingress[0].from).toEqual([
      { podSelector: {} },
    ]);
  });

  it('keeps a cache off disk by default', async () => {
    const run = await runOn(
      'redis',
      variant('redis', r => {
        r.spec = {};
      }),
    );
    const [sts] = ofKind(run, 'StatefulSet');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.template.spec.volumes).toEqual([
      { name: 'data', emptyDir: {} },
    ]);
    expect(ofKind(run, 'Service').map(s => s.metadata.name)).not.toContain(
      'sessions-read',
    );
  });
});

describe('bucket', () => {
  it('makes the bucket with a Job in the platform namespace and hands over credentials from Vault', async () => {
    const run = await runOn('bucket', goodRequests.bucket);
    const [job] = ofKind(run, 'Job');
    expect(job.metadata.namespace).toBe('minio-provisioning');
    const container = job.spec.template.spec.containers[0];
    const env = Object.fromEntries(
      container.env.map((e: any) => [e.name, e.value]),
    );
    expect(env).toMatchObject({
      BUCKET: 'immich-photos',
      OWNER: 'immich.photos',
      QUOTA_GI: '200',
      VERSIONING: 'true',
      RETENTION_DAYS: '30',
    });
    const [policyMap] = ofKind(run, 'ConfigMap');
    expect(
      JSON.parse(policyMap.data['policy.json']).Statement[0].Resource,
    ).toEqual(['arn:aws:s3:::immich-photos', 'arn:aws:s3:::immich-photos/*']);
    const appSecret = ofKind(run, 'ExternalSecret').find(
      e => e.metadata.namespace === 'immich',
    );
    expect(appSecret.metadata.name).toBe('photos-s3');
    expect(appSecret.spec.target.template.data).toMatchObject({
      AWS_ACCESS_KEY_ID: env.ACCESS_KEY,
      AWS_ENDPOINT_URL: 'https://minio.lab.local',
      BUCKET_NAME: 'immich-photos',
    });
    // MinIO's admin credentials stay in the platform namespace.
    const keysIn = (namespace: string) =>
      ofKind(run, 'ExternalSecret')
        .filter(e => e.metadata.namespace === namespace)
        .flatMap(e => e.spec.data.map((d: any) => d.remoteRef.key));
    expect(keysIn('immich')).toEqual(['homelab-portal/bucket/immich/photos']);
    expect(keysIn('minio-provisioning')).toContain('homelab/minio/admin');
  });

  it('gives a changed request a new Job (a Job template cannot change)', async () => {
    const a = await runOn('bucket', goodRequests.bucket);
    const b = await runOn(
      'bucket',
      variant('bucket', r => {
        r.spec.quotaGi = 300;
      }),
    );
    const name = (run: any) => ofKind(run, 'Job')[0].metadata.name;
    expect(name(a)).not.toBe(name(b));
    expect(name(a)).toMatch(/^bucket-photos-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });
});

describe('exposed-service', () => {
  it('is an Ingress, a Vault PKI Certificate and a GoZones record', async () => {
    const run = await runOn('exposed-service', goodRequests['exposed-service']);
    const [ingress] = ofKind(run, 'Ingress');
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/whitelist-source-range':
        '10.0.20.0/24,10.0.30.0/24',
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
    });
    expect(ingress.spec.tls).toEqual([
      { hosts: ['jellyfin.lab.local'], secretName: 'jellyfin-tls' },
    ]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
      name: 'jellyfin',
      port: { number: 8096 },
    });
    const [certificate] = ofKind(run, 'Certificate');
    expect(certificate.spec).toMatchObject({
      secretName: 'jellyfin-tls',
      dnsNames: ['jellyfin.lab.local'],
      issuerRef: { name: 'vault-pki', kind: 'ClusterIssuer' },
      duration: '2160h',
      renewBefore: '360h',
    });
    const [record] = ofKind(run, 'ConfigMap');
    expect(record.metadata).toMatchObject({
      name: 'record-jellyfin',
      namespace: 'gozones',
      labels: { 'gozones.lab.local/record': 'lab.local' },
    });
    expect(record.data['record.yaml']).toBe(
      stringify({
        zone: 'lab.local',
        records: { CNAME: [{ name: 'jellyfin', value: 'ingress.lab.local.' }] },
      }),
    );
    expect(run.status.url).toBe('https://jellyfin.lab.local/');
  });

  it('without tls has no Certificate and no TLS section', async () => {
    const run = await runOn(
      'exposed-service',
      variant('exposed-service', r => {
        r.spec.tls = false;
        delete r.spec.allowedVlans;
      }),
    );
    expect(ofKind(run, 'Certificate')).toEqual([]);
    const [ingress] = ofKind(run, 'Ingress');
    expect(ingress.spec.tls).toBeUndefined();
    // The Promise's default: VLAN 30 only.
    expect(
      ingress.metadata.annotations[
        'nginx.ingress.kubernetes.io/whitelist-source-range'
      ],
    ).toBe('10.0.30.0/24');
  });
});

describe('keycloak-client', () => {
  it('imports a confidential client whose secret lives in Vault', async () => {
    const run = await runOn('keycloak-client', goodRequests['keycloak-client']);
    const [config] = ofKind(run, 'ConfigMap');
    const realm = JSON.parse(config.data['client.json']);
    expect(realm.realm).toBe('homelab');
    expect(realm.clients[0]).toMatchObject({
      clientId: 'kiwix',
      publicClient: false,
      redirectUris: ['https://wiki.lab.local/oauth2/callback'],
      webOrigins: ['https://wiki.lab.local'],
      secret: '$(env:CLIENT_SECRET)',
      protocolMappers: [expect.objectContaining({ name: 'groups' })],
    });
    const [job] = ofKind(run, 'Job');
    expect(job.metadata.namespace).toBe('keycloak');
    const env = Object.fromEntries(
      job.spec.template.spec.containers[0].env.map((e: any) => [
        e.name,
        e.value,
      ]),
    );
    expect(env.IMPORT_MANAGED_CLIENT).toBe('no-delete');
    const oidc = ofKind(run, 'ExternalSecret').find(
      e => e.metadata.name === 'wiki-oidc',
    );
    expect(oidc.metadata.namespace).toBe('kiwix');
    expect(oidc.spec.data).toEqual([
      {
        secretKey: 'OIDC_CLIENT_SECRET',
        remoteRef: {
          key: 'homelab-portal/keycloak-client/kiwix/wiki',
          property: 'clientSecret',
        },
      },
    ]);
    expect(oidc.spec.target.template.data).toEqual({
      OIDC_CLIENT_ID: 'kiwix',
      OIDC_ISSUER_URL: 'https://keycloak.lab.local/realms/homelab',
    });
    expect(ofKind(run, 'PushSecret')[0].spec.data[0].match.remoteRef).toEqual({
      remoteKey: 'homelab-portal/keycloak-client/kiwix/wiki',
      property: 'clientSecret',
    });
  });

  it('a public client has no secret anywhere', async () => {
    const run = await runOn(
      'keycloak-client',
      variant('keycloak-client', r => {
        r.spec.public = true;
        r.spec.groupsClaim = false;
      }),
    );
    expect(run.code).toBe(0);
    expect(ofKind(run, 'Password')).toEqual([]);
    expect(ofKind(run, 'PushSecret')).toEqual([]);
    const realm = JSON.parse(
      ofKind(run, 'ConfigMap').find(c => c.data['client.json']).data[
        'client.json'
      ],
    );
    expect(realm.clients[0].secret).toBeUndefined();
    expect(realm.clients[0].protocolMappers).toBeUndefined();
    const oidc = ofKind(run, 'ConfigMap').find(
      c => c.metadata.name === 'wiki-oidc',
    );
    expect(oidc.data.OIDC_CLIENT_ID).toBe('kiwix');
  });
});
