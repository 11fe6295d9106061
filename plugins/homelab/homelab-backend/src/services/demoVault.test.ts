import { join } from 'node:path';
import { FIXTURES_DIR } from '@homelab-portal/test-utils/fixtures';
import { FakeVault } from '@homelab-portal/test-utils';
import { VaultMetadataReader } from '@homelab-portal/plugin-homelab-node';
import { DEMO_SECRETS, demoVaultFetch } from './demoVault';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('the demo Vault (the local start’s secrets)', () => {
  it('answers as the fake Vault checked against Vault 1.15’s OpenAPI document does, so both read alike', async () => {
    const vault = new FakeVault(join(FIXTURES_DIR, 'vault/openapi.json'));
    vault.mountKv('secret');
    for (const secret of DEMO_SECRETS) {
      vault.putSecret('secret', secret.path, {
        customMetadata: {
          service: secret.service,
          type: secret.type,
          ...(secret.rotationPeriod
            ? { 'rotation-period': secret.rotationPeriod }
            : {}),
        },
        versions: secret.versionAges.map(age =>
          new Date(NOW - age).toISOString(),
        ),
      });
    }
    const url = await vault.start();
    try {
      const fromSpecChecked = await new VaultMetadataReader({
        baseUrl: url,
        token: vault.token,
      }).inventory();
      const fromDemo = await new VaultMetadataReader({
        baseUrl: 'http://vault.demo',
        token: 'demo',
        fetch: demoVaultFetch(DEMO_SECRETS, () => NOW),
      }).inventory();
      expect(vault.unspecified).toEqual([]);
      expect(fromDemo).toEqual(fromSpecChecked);
      expect(fromDemo).toHaveLength(DEMO_SECRETS.length);
    } finally {
      await vault.stop();
    }
  });
});
