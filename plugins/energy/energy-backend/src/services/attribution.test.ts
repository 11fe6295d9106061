import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_HAS_PART,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ENERGY_WINDOW_NAMES,
  EnergyOverview,
} from '@homelab-portal/plugin-energy-common';
import { seedCatalog } from '@homelab-portal/test-utils';
import { DemoEnergySource } from './DemoEnergySource';
import { EnergyService } from './EnergyService';
import { attributeToSystems } from './attribution';

const credentials = mockCredentials.user();
const AT = new Date('2026-11-20T12:00:00Z');

function service(entities: Entity[]) {
  return EnergyService.create({
    catalog: catalogServiceMock({ entities }),
    cache: mockServices.cache.mock(),
    logger: mockServices.logger.mock(),
    source: new DemoEnergySource(),
    tariff: {
      currency: 'EUR',
      pricePerKWh: 0.3,
      gridIntensityGramsPerKWh: 350,
    },
    isAllowedPowerMetric: metric => metric === 'smartplug_power_watts',
    scrapeIntervalSeconds: 30,
    cacheTtlSeconds: 0,
    clock: () => AT,
  });
}

/** The rows and "not attributed" against the total, for each figure. */
function expectPartsAddUp(overview: EnergyOverview) {
  for (const key of ['powerW', 'energyKWh', 'cost', 'co2Kg'] as const) {
    const whole =
      key === 'powerW' ? overview.powerW : overview.total[key as 'energyKWh'];
    expect(whole).not.toBeNull();
    const parts =
      overview.systems.reduce((sum, row) => sum + (row[key] ?? 0), 0) +
      (overview.unattributed[key] ?? 0);
    expect(parts).toBeCloseTo(whole!, 9);
  }
}

/** sff-1 and the NAS also in a second System, by hasPart, as a processor might add. */
function withSecondSystem(): Entity[] {
  const entities = seedCatalog();
  const lab = entities.find(e => e.metadata.name === 'applications')!;
  for (const name of ['sff-1', 'nas-1', 'grafana']) {
    const part = entities.find(e => e.metadata.name === name)!;
    lab.relations!.push({
      type: RELATION_HAS_PART,
      targetRef: `${
        part.kind === 'Component' ? 'component' : 'resource'
      }:default/${name}`,
    });
    part.relations!.push({
      type: RELATION_PART_OF,
      targetRef: 'system:default/applications',
    });
  }
  return entities;
}

describe('the overview splits the lab between its Systems', () => {
  it.each(ENERGY_WINDOW_NAMES)(
    'on the seed catalog, over %s, the systems and "not attributed" add up to the total',
    async window => {
      const overview = await service(seedCatalog()).overview(
        credentials,
        window,
      );
      expect(overview.window).toBe(window);
      expect(overview.total.energyKWh).toBeGreaterThan(0);
      expectPartsAddUp(overview);
      // the total is the hardware, nodes and meters
      const hardware = overview.nodes.reduce(
        (sum, row) => sum + (row.energyKWh ?? 0),
        0,
      );
      expect(overview.total.energyKWh).toBeCloseTo(hardware, 9);
      // the nodes' idle draw is not a System's
      expect(overview.unattributed.energyKWh).toBeGreaterThan(0);
      expect(overview.unattributed.notes.join(' ')).toMatch(/idle draw/);
    },
  );

  it('counts the metered hardware under its System and the services under theirs', async () => {
    const overview = await service(seedCatalog()).overview(credentials, '7d');
    const row = (name: string) =>
      overview.systems.find(s => s.entityRef === `system:default/${name}`)!;
    const nas = overview.nodes.find(
      n => n.entityRef === 'resource:default/nas-1',
    )!;
    const switch1 = overview.nodes.find(
      n => n.entityRef === 'resource:default/switch-1',
    )!;
    expect(row('physical-infrastructure').energyKWh).toBeCloseTo(
      nas.energyKWh! + switch1.energyKWh!,
      9,
    );
    expect(row('physical-infrastructure').notes).toContain(
      'SFF node 1, SFF node 2, SFF node 3: their energy counts under the services that run on them',
    );
    const apps = await service(seedCatalog()).summary(
      'system:default/applications',
      credentials,
    );
    expect(row('applications').energyKWh).toBeCloseTo(
      apps.windows['7d'].energyKWh!,
      9,
    );
    // the lab-wide chart covers the window, in steps
    expect(overview.series.points.length).toBe(
      (7 * 86400) / overview.series.stepSeconds,
    );
    expect(overview.series.points.every(p => p.w! > 0)).toBe(true);
  });

  it('counts a part held by two Systems once, and says where', async () => {
    const overview = await service(withSecondSystem()).overview(
      credentials,
      '24h',
    );
    expectPartsAddUp(overview);
    const seed = await service(seedCatalog()).overview(credentials, '24h');
    expect(overview.total).toEqual(seed.total);
    const row = (o: EnergyOverview, name: string) =>
      o.systems.find(s => s.entityRef === `system:default/${name}`)!;
    // the NAS and grafana count under "applications" (first by ref) only
    const nas = seed.nodes.find(n => n.entityRef === 'resource:default/nas-1')!;
    const grafana = await service(seedCatalog()).summary(
      'component:default/grafana',
      credentials,
    );
    expect(grafana.windows['24h'].energyKWh).toBeGreaterThan(0);
    expect(row(overview, 'applications').energyKWh).toBeCloseTo(
      row(seed, 'applications').energyKWh! +
        nas.energyKWh! +
        grafana.windows['24h'].energyKWh!,
      9,
    );
    expect(row(overview, 'observability').energyKWh).toBeCloseTo(
      row(seed, 'observability').energyKWh! - grafana.windows['24h'].energyKWh!,
      9,
    );
    expect(row(overview, 'physical-infrastructure').energyKWh).toBeCloseTo(
      row(seed, 'physical-infrastructure').energyKWh! - nas.energyKWh!,
      9,
    );
    expect(row(overview, 'physical-infrastructure').notes).toContain(
      'Synology NAS is also part of this system; counted once, under Layer 4: Applications',
    );
    // grafana is in observability by spec.system and applications by
    // hasPart: counted under applications, noted under observability
    expect(row(overview, 'observability').notes?.join(' ')).toMatch(
      /grafana is also part of this system; counted once, under Layer 4: Applications/i,
    );
    // a node in two systems counts under neither: its services count
    expect(row(overview, 'applications').notes).toContain(
      'SFF node 1: its energy counts under the services that run on it',
    );
    // the largest share first
    const energies = overview.systems.map(s => s.energyKWh ?? -1);
    expect(energies).toEqual([...energies].sort((a, b) => b - a));
  });
});

describe('attributeToSystems', () => {
  const system = (name: string, parts: string[] = []): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    relations: parts.map(targetRef => ({
      type: RELATION_HAS_PART,
      targetRef,
    })),
  });
  const leaf = (
    name: string,
    target: Parameters<typeof attributeToSystems>[0][number]['target'],
    systemName?: string,
  ) => ({
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: target.type === 'workload' ? 'Component' : 'Resource',
      metadata: { name, namespace: 'default' },
      spec: systemName ? { system: systemName } : {},
    } as Entity,
    target,
  });

  it('puts what services do not use, and what is in no System, under "not attributed"', () => {
    const result = attributeToSystems(
      [
        leaf('node-a', { type: 'node', node: 'node-a' }, 'infra'),
        leaf('plug', { type: 'meter', metric: 'm', labels: { p: 'x' } }),
        leaf('app', { type: 'workload', namespace: 'app' }, 'apps'),
      ],
      [{ w: 100 }, { w: 20 }, { w: 30 }],
      [system('apps'), system('infra')],
      ['w'] as const,
      () => undefined,
    );
    expect(result.total.w).toBe(120);
    expect(result.systems.map(s => s.amounts.w)).toEqual([30, null]);
    expect(result.unattributed.amounts.w).toBe(90);
    expect(result.unattributed.notes).toContain('In no System: plug');
  });

  it('never shows a negative remainder: it warns when services measure more than their nodes', () => {
    const result = attributeToSystems(
      [
        leaf('node-a', { type: 'node', node: 'node-a' }),
        leaf('app', { type: 'workload', namespace: 'app' }, 'apps'),
      ],
      [{ w: 10 }, { w: 12 }],
      [system('apps')],
      ['w'] as const,
      (_, excess) => `over by ${excess}`,
    );
    expect(result.unattributed.amounts.w).toBe(0);
    expect(result.warnings).toEqual(['over by 2']);
  });

  it('says no data, not 0, when the hardware has none', () => {
    const result = attributeToSystems(
      [leaf('node-a', { type: 'node', node: 'node-a' })],
      [{ w: null }],
      [],
      ['w'] as const,
      () => undefined,
    );
    expect(result.total.w).toBeNull();
    expect(result.unattributed.amounts.w).toBeNull();
  });
});
