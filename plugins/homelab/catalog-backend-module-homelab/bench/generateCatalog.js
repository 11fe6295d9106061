// Generates a homelab catalog of a given size: VLANs, compute nodes with two
// interfaces and disks, storage tiers, and services that run on nodes and
// keep data on tiers. Deterministic, so runs compare like with like.
const YAML = require('yaml');

function generateCatalog(total) {
  const docs = [];
  const res = (name, spec) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name },
    spec: { owner: 'group:default/admins', ...spec },
  });
  docs.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'admins' },
    spec: { type: 'team', children: [] },
  });
  for (let t = 0; t < 3; t++) {
    docs.push(
      res(`tier-${t}`, {
        type: 'storage-tier',
        storageTier: {
          tier: t,
          technology: ['local-nvme', 'longhorn', 'nas'][t],
          useCase: 'bench',
          performance: 'bench',
        },
      }),
    );
  }
  const vlans = 200;
  for (let v = 1; v <= vlans; v++) {
    docs.push(
      res(`vlan-${v}`, {
        type: 'vlan',
        vlan: {
          id: v,
          name: `VLAN ${v}`,
          purpose: 'bench',
          subnet: `10.${Math.floor(v / 256)}.${v % 256}.0/24`,
          gateway: `10.${Math.floor(v / 256)}.${v % 256}.1`,
          firewall: [
            {
              action: 'allow',
              to: `vlan-${(v % vlans) + 1}`,
              protocol: 'tcp',
              ports: [443],
            },
            { action: 'allow', to: 'internet' },
            { action: 'deny', to: 'any' },
          ],
        },
      }),
    );
  }
  const remaining = total - docs.length;
  const nodes = Math.floor(remaining * 0.3);
  for (let n = 0; n < nodes; n++) {
    const v = (n % vlans) + 1;
    const mac = i =>
      [0x02, (n >> 16) & 255, (n >> 8) & 255, n & 255, i, 1]
        .map(b => b.toString(16).padStart(2, '0'))
        .join(':');
    docs.push(
      res(`node-${n}`, {
        type: 'compute-node',
        hardware: {
          model: 'SFF',
          cores: 4,
          memoryGiB: 32,
          storage: [{ name: 'nvme0n1', sizeGB: 1000, tier: 'tier-0' }],
          interfaces: [
            { name: 'eno1', mac: mac(1), vlan: `vlan-${v}` },
            { name: 'eno2', mac: mac(2), vlan: `vlan-${(v % vlans) + 1}` },
          ],
        },
        capacity: { reserved: { cores: 1, memoryGiB: 4 } },
      }),
    );
  }
  for (let s = 0; docs.length < total; s++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `service-${s}`,
        annotations: {
          'backstage.io/kubernetes-id': `service-${s}`,
          'homelab-portal.io/runs-on': `resource:node-${s % nodes}`,
          'homelab-portal.io/storage-tier': `resource:tier-${s % 3}`,
        },
        links: [{ url: `https://service-${s}.lab.local`, title: 'UI' }],
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/admins',
        dependsOn: [`resource:node-${s % nodes}`],
      },
    });
  }
  return docs.map(doc => YAML.stringify(doc)).join('---\n');
}

module.exports = { generateCatalog };
