import { join } from 'node:path';
import { secretStatuses } from '@homelab-portal/plugin-homelab-common';
import { FakeVault } from '@homelab-portal/test-utils';
import { FIXTURES_DIR } from '@homelab-portal/test-utils/fixtures';
import { VaultError, VaultMetadataReader } from './VaultMetadataReader';

const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('secrets inventory from Vault metadata, against Vault 1.15’s OpenAPI document', () => {
  const vault = new FakeVault(join(FIXTURES_DIR, 'vault/openapi.json'));
  let reader: VaultMetadataReader;

  beforeAll(async () => {
    vault.mountKv('secret');
    const put = (
      path: string,
      type: string,
      service: string,
      times: string[],
      extra = {},
    ) =>
      vault.putSecret('secret', path, {
        customMetadata: { type, service, ...extra },
        versions: times,
      });
    put('homelab/gitea/api-token', 'api-key', 'gitea', [
      ago(400 * DAY),
      ago(30 * DAY),
    ]);
    // planted: a manual key whose metadata asks for 90 d, rotated 120 d ago
    put(
      'homelab/grafana/admin-api-key',
      'api-key',
      'grafana',
      [ago(120 * DAY)],
      {
        'rotation-period': '90d',
      },
    );
    put('homelab/keycloak/db-password', 'db-password', 'keycloak', [
      ago(20 * 60_000),
    ]);
    // planted: a database password not rotated for 3 h (policy: 1 h)
    put('homelab/gitea/db-password', 'db-password', 'gitea', [ago(3 * HOUR)]);
    // planted: a certificate older than 90 d
    put('homelab/portal/tls', 'tls-cert', 'homelab-portal', [ago(97 * DAY)]);
    put('homelab/minio/tls', 'tls-cert', 'minio', [ago(10 * DAY)]);
    // planted: a stored SSH key (the policy is signed certificates per session)
    put('homelab/restic/ssh-key', 'ssh-key', 'restic', [ago(2 * DAY)]);
    reader = new VaultMetadataReader({
      baseUrl: await vault.start(),
      token: vault.token,
    });
  });
  afterAll(() => vault.stop());

  it('lists each service’s secrets with mount, path, version and last rotation, and flags the overdue ones', async () => {
    const statuses = secretStatuses(await reader.inventory(), NOW);
    expect(
      statuses.map(s => [s.path, s.service, s.version, s.rotation, s.overdue]),
    ).toEqual([
      ['secret/homelab/gitea/api-token', 'gitea', 2, 'Manual', false],
      ['secret/homelab/gitea/db-password', 'gitea', 1, 'Automatic (1 h)', true],
      ['secret/homelab/grafana/admin-api-key', 'grafana', 1, 'Manual', true],
      [
        'secret/homelab/keycloak/db-password',
        'keycloak',
        1,
        'Automatic (1 h)',
        false,
      ],
      ['secret/homelab/minio/tls', 'minio', 1, 'Automatic (90 d)', false],
      [
        'secret/homelab/portal/tls',
        'homelab-portal',
        1,
        'Automatic (90 d)',
        true,
      ],
      ['secret/homelab/restic/ssh-key', 'restic', 1, 'Per session', true],
    ]);
    const gitea = statuses.find(
      s => s.path === 'secret/homelab/gitea/api-token',
    )!;
    // the current version's time, not the first one's
    expect(gitea.lastRotated).toBe(ago(30 * DAY));
    expect(statuses.find(s => s.path.endsWith('portal/tls'))!.reason).toBe(
      'Last rotated 97 d ago; the policy is automatic (90 d)',
    );
    expect(
      statuses.find(s => s.path.endsWith('gitea/db-password'))!.reason,
    ).toBe('Last rotated 3 h ago; the policy is automatic (1 h)');
    expect(
      statuses.find(s => s.path.endsWith('grafana/admin-api-key'))!.reason,
    ).toBe(
      'Last rotated 120 d ago; the policy is every 90 d, as its metadata asks (manual rotation)',
    );
  });

  it('reads metadata only, through routes the spec defines, with answers valid per its schemas', async () => {
    vault.requests.length = 0;
    await reader.inventory();
    expect(vault.requests.length).toBeGreaterThan(5);
    expect(vault.requests.filter(r => /\/data\//.test(r))).toEqual([]);
    expect(vault.unspecified).toEqual([]);
    // the fake refuses what the spec does not define
    const res = await fetch(
      `${(reader as any).options.baseUrl}/v1/secret/nonsense/route/x`,
      {
        headers: { 'X-Vault-Token': vault.token },
      },
    );
    expect(res.status).toBe(405);
    expect(vault.unspecified).toEqual(['GET /secret/nonsense/route/x']);
    vault.unspecified.length = 0;
  });

  it('fails clearly on a bad token, without the token in the message', async () => {
    const bad = new VaultMetadataReader({
      baseUrl: (reader as any).options.baseUrl,
      token: 's.secret-token-value',
    });
    const error = await bad.inventory().catch(e => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error.message).toBe(
      'Vault answered 403 for sys/mounts: permission denied',
    );
    expect(error.message).not.toContain('secret-token-value');
  });
});
