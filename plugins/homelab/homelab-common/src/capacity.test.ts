import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { computeCapacity } from './capacity';

const hardwareYaml = path.resolve(
  __dirname,
  '../../../../catalog/hardware.yaml',
);

describe('computeCapacity', () => {
  it("reproduces the seed's Scaling Model table from catalog/", () => {
    const entities = parseAllDocuments(
      fs.readFileSync(hardwareYaml, 'utf8'),
    ).map(doc => doc.toJS() as Entity);
    const { nodes, total } = computeCapacity(entities);
    expect(nodes.map(n => n.entityRef)).toEqual([
      'resource:default/sff-1',
      'resource:default/sff-2',
      'resource:default/sff-3',
    ]);
    // Seed: CPU 12 / 4 / 8 cores, memory 96 / 16 / 80 GB, storage 3 TB / 500 GB / 2.5 TB.
    expect(total).toEqual({
      cpuCores: { total: 12, reserved: 4, available: 8 },
      memoryGiB: { total: 96, reserved: 16, available: 80 },
      storageGB: { total: 3000, reserved: 500, available: 2500 },
    });
  });

  it('never reports negative availability', () => {
    const node: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'tiny' },
      spec: {
        type: 'compute-node',
        owner: 'admins',
        hardware: { model: 'x', cores: 2, memoryGiB: 4 },
        capacity: { reserved: { cores: 3 } },
      },
    };
    expect(computeCapacity([node]).total.cpuCores).toEqual({
      total: 2,
      reserved: 3,
      available: 0,
    });
  });
});
