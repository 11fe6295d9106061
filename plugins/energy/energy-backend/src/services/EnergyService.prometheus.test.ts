import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ENERGY_WINDOWS } from '@homelab-portal/plugin-energy-common';
import {
  DAY,
  HOUR,
  Scenario,
  SeriesSpec,
  seedScenario,
} from '../__testUtils__/keplerScenario';
import { describeWithPrometheus } from '../__testUtils__/describeWithPrometheus';
import {
  GeneratedSeries,
  RunningPrometheus,
  Sample,
  startPrometheus,
} from '../__testUtils__/prometheus';
import { seedCatalog } from '@homelab-portal/test-utils';
import { DEFAULT_ZONES } from '../config';
import { EnergyService } from './EnergyService';
import { KeplerQueries } from './keplerQueries';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusEnergySource } from './PrometheusEnergySource';

// A whole hour, an hour ago: every series ends here, and "now" is here.
const END = Math.floor(Date.now() / 1000 / HOUR) * HOUR - HOUR;
const tariff = {
  currency: 'EUR',
  pricePerKWh: 0.32,
  gridIntensityGramsPerKWh: 380,
};
const credentials = mockCredentials.user();
const J_PER_KWH = 3.6e6;

jest.setTimeout(60_000);

let prometheus: RunningPrometheus | undefined;
let scenario: Scenario;

function service(cacheTtlSeconds = 0, extraEntities: Entity[] = []) {
  const queries = new KeplerQueries({
    zones: DEFAULT_ZONES,
    legacyNodeLabel: 'instance',
    scrapeIntervalSeconds: 30,
    powerMetrics: ['smartplug_power_watts'],
  });
  return EnergyService.create({
    catalog: catalogServiceMock({
      entities: [...seedCatalog(), ...extraEntities],
    }),
    cache: mockServices.cache.mock(),
    logger: mockServices.logger.mock(),
    source: new PrometheusEnergySource(
      new PrometheusClient({ baseUrl: prometheus!.url, timeoutMs: 20_000 }),
      queries,
    ),
    tariff,
    isAllowedPowerMetric: metric => queries.isAllowedPowerMetric(metric),
    scrapeIntervalSeconds: 30,
    cacheTtlSeconds,
    clock: () => new Date(END * 1000),
  });
}

const VOLUME_SIZE = 23_003_000_000_000;
const VOLUME_FREE = 1_978_258_000_000;

/** The NAS's node_exporter: its volume (also bind-mounted), and a tmpfs. */
function filesystemSeries(): GeneratedSeries[] {
  const samples = (value: number): Sample[] =>
    Array.from({ length: 11 }, (_, i) => [END - 600 + i * 60, value]);
  const base = { instance: 'nas.lab.local:9100', node: 'nas' };
  const volume = {
    ...base,
    device: '/dev/mapper/cachedev_0',
    fstype: 'btrfs',
  };
  const tmp = { ...base, device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/tmp' };
  return [
    [
      'node_filesystem_size_bytes',
      { ...volume, mountpoint: '/volume1' },
      VOLUME_SIZE,
    ],
    [
      'node_filesystem_avail_bytes',
      { ...volume, mountpoint: '/volume1' },
      VOLUME_FREE,
    ],
    [
      'node_filesystem_size_bytes',
      { ...volume, mountpoint: '/volume1/@docker' },
      VOLUME_SIZE,
    ],
    [
      'node_filesystem_avail_bytes',
      { ...volume, mountpoint: '/volume1/@docker' },
      VOLUME_FREE,
    ],
    ['node_filesystem_size_bytes', tmp, 4e9],
    ['node_filesystem_avail_bytes', tmp, 3e9],
    // another device's volume, which the NAS's labels must not pick
    [
      'node_filesystem_size_bytes',
      { ...volume, node: 'sff-1', mountpoint: '/' },
      1e12,
    ],
    [
      'node_filesystem_avail_bytes',
      { ...volume, node: 'sff-1', mountpoint: '/' },
      5e11,
    ],
  ].map(([family, labels, value]) => ({
    family: family as string,
    type: 'gauge' as const,
    labels: labels as Record<string, string>,
    samples: samples(value as number),
  }));
}

/** Series by labels; `family` matches the metric family. */
const labels =
  (wanted: Record<string, string | string[]>) => (spec: SeriesSpec) =>
    Object.entries(wanted).every(([k, v]) => {
      const actual = k === 'family' ? spec.family : spec.labels[k];
      return Array.isArray(v) ? v.includes(actual) : actual === v;
    });
const either =
  (...matchers: Array<(spec: SeriesSpec) => boolean>) =>
  (spec: SeriesSpec) =>
    matchers.some(m => m(spec));

/** Expected kWh over each window, from the generator's own record. */
function expectedKWh(match: (spec: SeriesSpec) => boolean) {
  return Object.fromEntries(
    Object.entries(ENERGY_WINDOWS).map(([window, seconds]) => [
      window,
      scenario.energy(match, END - seconds, END) / J_PER_KWH,
    ]),
  );
}

function expectClose(
  actual: number | null | undefined,
  expected: number,
  tolerance = 0.005,
) {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    Math.abs(expected) * tolerance + 1e-9,
  );
}

async function expectEntity(
  ref: string,
  match: (spec: SeriesSpec) => boolean,
  tolerance = 0.005,
) {
  const summary = await service().summary(ref, credentials);
  const expected = expectedKWh(match);
  for (const window of Object.keys(ENERGY_WINDOWS) as Array<
    keyof typeof ENERGY_WINDOWS
  >) {
    expectClose(summary.windows[window].energyKWh, expected[window], tolerance);
    expectClose(
      summary.windows[window].cost,
      expected[window] * tariff.pricePerKWh,
      tolerance,
    );
    expectClose(
      summary.windows[window].co2Kg,
      (expected[window] * tariff.gridIntensityGramsPerKWh) / 1000,
      tolerance,
    );
  }
  expectClose(summary.powerW, scenario.powerNow(match), tolerance);
  return summary;
}

describeWithPrometheus(
  'EnergyService on a real Prometheus with generated Kepler series',
  () => {
    beforeAll(async () => {
      scenario = seedScenario(END);
      prometheus = await startPrometheus([
        ...scenario.series(),
        ...filesystemSeries(),
      ]);
    }, 180_000);

    afterAll(async () => {
      await prometheus?.stop();
    });

    it('reads a 0.10 node: package plus dram (never core, which package holds) plus GPU', async () => {
      const summary = await expectEntity(
        'resource:default/sff-1',
        either(
          labels({
            family: 'kepler_node_cpu_joules',
            node_name: 'sff-1',
            zone: ['package', 'dram'],
          }),
          labels({ node_name: 'sff-1', gpu: '0' }),
        ),
      );
      expect(summary.measuredBy).toBe('kepler-node');
      expect(summary.source).toBe('prometheus');
    });

    it('reads a 0.7.x node: platform joules, dynamic plus idle', async () => {
      await expectEntity(
        'resource:default/sff-2',
        labels({ instance: 'sff-2' }),
      );
    });

    it('counts a node mid-upgrade once: the new generation where it exists, the old one before', async () => {
      const summary = await service().summary(
        'resource:default/sff-3',
        credentials,
      );
      const upgrade = END - 5 * DAY;
      const legacy = labels({ instance: 'sff-3' });
      const psys = labels({ node_name: 'sff-3', zone: 'psys' });
      for (const [window, seconds] of Object.entries(ENERGY_WINDOWS)) {
        const start = END - seconds;
        const expected =
          (scenario.energy(legacy, start, Math.max(start, upgrade)) +
            scenario.energy(psys, Math.max(start, upgrade), END)) /
          J_PER_KWH;
        expectClose(summary.windows[window as '24h'].energyKWh, expected);
      }
      expectClose(summary.powerW, scenario.powerNow(psys));
    });

    it('survives a counter reset in a service', async () => {
      await expectEntity(
        'component:default/jellyfin',
        labels({ pod_namespace: 'jellyfin', zone: 'package' }),
      );
    });

    it('skips NaN and +Inf samples instead of losing or inflating energy (0.7.x containers)', async () => {
      await expectEntity(
        'component:default/ollama',
        labels({ container_namespace: 'ollama' }),
      );
    });

    it('keeps a vanished pod in past energy and out of power now', async () => {
      const summary = await expectEntity(
        'component:default/kiwix',
        labels({ pod_namespace: 'kiwix' }),
      );
      expectClose(summary.powerW, 1.25);
      expect(summary.windows['24h'].energyKWh!).toBeLessThan(
        summary.windows['7d'].energyKWh! / 3,
      );
    });

    it('tells apart two services in one namespace by their pods', async () => {
      await expectEntity(
        'component:default/grafana',
        labels({ pod_name: 'grafana-5c8d7f-xyzab' }),
      );
      await expectEntity(
        'component:default/prometheus',
        labels({ pod_name: 'prometheus-0' }),
      );
    });

    it('reads the NAS from its smart plug, skipping a NaN reading', async () => {
      const summary = await expectEntity(
        'resource:default/nas-1',
        labels({ plug: 'nas-1' }),
        0.01,
      );
      expect(summary.measuredBy).toBe('meter');
    });

    it('says "no data", not 0, for hardware whose meter has no series', async () => {
      const summary = await service().summary(
        'resource:default/switch-1',
        credentials,
      );
      expect(summary.powerW).toBeNull();
      expect(summary.windows['24h']).toEqual({
        energyKWh: null,
        cost: null,
        co2Kg: null,
      });
      const unmeasured = await service().summary(
        'resource:default/vlan-10-management',
        credentials,
      );
      expect(unmeasured.powerW).toBeNull();
      expect(unmeasured.warnings).toContain(
        'Nothing measures resource:default/vlan-10-management',
      );
    });

    it('sums a System over its services, and a Domain over its hardware only', async () => {
      await expectEntity(
        'system:default/applications',
        either(
          labels({ pod_namespace: ['jellyfin', 'kiwix'], zone: 'package' }),
          labels({ container_namespace: 'ollama' }),
        ),
      );
      const nodes = either(
        labels({
          family: 'kepler_node_cpu_joules',
          node_name: 'sff-1',
          zone: ['package', 'dram'],
        }),
        labels({ node_name: 'sff-1', gpu: '0' }),
        labels({ instance: 'sff-2' }),
        labels({ plug: 'nas-1' }),
      );
      const domain = await service().summary(
        'domain:default/homelab',
        credentials,
      );
      const sff3 = (
        await service().summary('resource:default/sff-3', credentials)
      ).windows['24h'].energyKWh!;
      expectClose(
        domain.windows['24h'].energyKWh,
        scenario.energy(nodes, END - DAY, END) / J_PER_KWH + sff3,
        0.01,
      );
      expect(domain.measuredBy).toBe('parts');
      expect(domain.parts?.map(p => p.entityRef)).toEqual(
        expect.arrayContaining([
          'resource:default/sff-1',
          'resource:default/nas-1',
        ]),
      );
      expect(domain.parts?.map(p => p.entityRef)).not.toContain(
        'component:default/jellyfin',
      );
    });

    it('charts average power per step, with gaps as no data', async () => {
      const series = await service().series(
        'component:default/kiwix',
        '7d',
        3600,
        credentials,
      );
      expect(series.stepSeconds).toBe(3600);
      expect(series.points).toHaveLength(7 * 24);
      const last = series.points[series.points.length - 1];
      expect(last.t).toBe(END * 1000);
      expectClose(last.w, 1.25);
      const old = series.points.find(p => p.t === (END - 4 * DAY) * 1000);
      expectClose(old?.w, 2);
      const empty = await service().series(
        'resource:default/switch-1',
        '24h',
        undefined,
        credentials,
      );
      expect(empty.points.every(p => p.w === null)).toBe(true);
    });

    it('clamps a 1 s step over 30 days below Prometheus’s 11,000-point limit', async () => {
      const series = await service().series(
        'resource:default/sff-1',
        '30d',
        1,
        credentials,
      );
      expect(series.points.length).toBeLessThanOrEqual(11000);
      expect(series.stepSeconds).toBeGreaterThanOrEqual(
        Math.ceil((30 * DAY) / 11000),
      );
      expect(series.warnings.join(' ')).toMatch(/step was adjusted from 1 s/);
    });

    it('ranks top consumers across both generations and maps pods to services', async () => {
      const top = await service().top('24h', 5, credentials);
      const expected = [
        ['ollama', labels({ container_namespace: 'ollama' })],
        ['jellyfin', labels({ pod_namespace: 'jellyfin', zone: 'package' })],
        ['prometheus', labels({ pod_name: 'prometheus-0' })],
        ['kiwix', labels({ pod_name: 'kiwix-6f5b7c9d8-bbbbb' })],
        ['grafana', labels({ pod_name: 'grafana-5c8d7f-xyzab' })],
      ] as const;
      const want = expected
        .map(([name, match]) => ({
          name,
          kWh: scenario.energy(match, END - DAY, END) / J_PER_KWH,
        }))
        .sort((a, b) => b.kWh - a.kWh);
      expect(top.items.map(i => i.entityRef)).toEqual(
        want.map(w => `component:default/${w.name}`),
      );
      top.items.forEach((item, i) => expectClose(item.energyKWh, want[i].kWh));
    });

    it('gives the homelab overview: total, nodes, systems and this month', async () => {
      const overview = await service().overview(credentials);
      const node = (ref: string) =>
        overview.nodes.find(n => n.entityRef === ref);
      const sff1 = await service().summary(
        'resource:default/sff-1',
        credentials,
      );
      expectClose(
        node('resource:default/sff-1')?.energyKWh24h,
        sff1.windows['24h'].energyKWh!,
      );
      expect(node('resource:default/switch-1')?.energyKWh24h).toBeNull();
      const total = overview.nodes.reduce(
        (sum, n) => sum + (n.energyKWh24h ?? 0),
        0,
      );
      expectClose(overview.windows['24h'].energyKWh, total);
      const apps = overview.systems.find(
        s => s.entityRef === 'system:default/applications',
      );
      const appsSummary = await service().summary(
        'system:default/applications',
        credentials,
      );
      expectClose(apps?.energyKWh24h, appsSummary.windows['24h'].energyKWh!);
      expect(overview.monthToDate.energyKWh).not.toBeNull();
      expect(overview.top[0].entityRef).toBe('component:default/ollama');
    });

    it('reads the NAS’s used and total capacity from node_filesystem_*, once per device, without pseudo filesystems', async () => {
      const usage = await service().storage(
        'resource:default/nas-1',
        credentials,
      );
      expect(usage).toEqual({
        entityRef: 'resource:default/nas-1',
        source: 'prometheus',
        at: new Date(END * 1000).toISOString(),
        labels: { node: 'nas' },
        filesystems: [
          {
            mountpoint: '/volume1',
            device: '/dev/mapper/cachedev_0',
            fstype: 'btrfs',
            sizeBytes: VOLUME_SIZE,
            availBytes: VOLUME_FREE,
            usedBytes: VOLUME_SIZE - VOLUME_FREE,
          },
        ],
        warnings: [],
      });
      // a device with no such annotation has nothing configured
      const sff1 = await service().storage(
        'resource:default/sff-1',
        credentials,
      );
      expect(sff1.labels).toBeUndefined();
      expect(sff1.filesystems).toEqual([]);
    });

    it.each(['24h', '7d'] as const)(
      'splits the lab between its systems so that the rows add up to the total, over %s',
      async window => {
        const overview = await service().overview(credentials, window);
        expect(overview.window).toBe(window);
        const hardware = overview.nodes.reduce(
          (sum, n) => sum + (n.energyKWh ?? 0),
          0,
        );
        expectClose(overview.total.energyKWh, hardware);
        const systems = overview.systems.reduce(
          (sum, row) => sum + (row.energyKWh ?? 0),
          0,
        );
        expect(overview.unattributed.energyKWh).toBeGreaterThanOrEqual(0);
        expectClose(
          systems + overview.unattributed.energyKWh!,
          overview.total.energyKWh!,
          1e-9,
        );
        const power = overview.systems.reduce(
          (sum, row) => sum + (row.powerW ?? 0),
          0,
        );
        expectClose(
          power + overview.unattributed.powerW!,
          overview.powerW!,
          1e-9,
        );
        // the lab-wide chart: one point per step over the window, in watts
        expect(overview.series.points.length).toBe(
          ENERGY_WINDOWS[window] / overview.series.stepSeconds,
        );
        expect(overview.series.points.some(p => p.w !== null)).toBe(true);
        expect(overview.warnings.join(' ')).not.toMatch(
          /more than their nodes/,
        );
      },
    );

    it('maps a service by its Kubernetes label selector, through kube_pod_labels', async () => {
      const entity = (name: string, selectorText: string): Entity => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          annotations: {
            'backstage.io/kubernetes-namespace': 'monitoring',
            'backstage.io/kubernetes-label-selector': selectorText,
          },
        },
        spec: { type: 'service' },
      });
      const energy = service(0, [
        entity('dashboards', 'app.kubernetes.io/name=grafana'),
        entity('observability-tier', 'tier=observability'),
        entity('set-based', 'app in (grafana)'),
      ]);
      const grafana = await energy.summary(
        'component:default/dashboards',
        credentials,
      );
      const expected = expectedKWh(
        labels({ pod_name: 'grafana-5c8d7f-xyzab' }),
      );
      expectClose(grafana.windows['24h'].energyKWh, expected['24h']);
      expectClose(grafana.windows['30d'].energyKWh, expected['30d']);
      const tier = await energy.summary(
        'component:default/observability-tier',
        credentials,
      );
      expectClose(
        tier.windows['7d'].energyKWh,
        expectedKWh(
          labels({ pod_name: ['grafana-5c8d7f-xyzab', 'prometheus-0'] }),
        )['7d'],
      );
      const setBased = await energy.summary(
        'component:default/set-based',
        credentials,
      );
      expect(setBased.powerW).toBeNull();
      expect(setBased.warnings.join(' ')).toMatch(
        /set-based selectors are not supported/,
      );
    });

    it('escapes what entities say, so that no annotation can inject PromQL', async () => {
      const hostile = 'x"} or vector(1) or {__name__=~".+';
      const entity = (
        kind: string,
        name: string,
        spec: object,
        annotations: object,
      ): Entity => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: {
          name,
          namespace: 'default',
          annotations: annotations as Record<string, string>,
        },
        spec,
      });
      const entities = [
        entity(
          'Component',
          'evil-namespace',
          { type: 'service' },
          {
            'backstage.io/kubernetes-namespace': hostile,
          },
        ),
        entity(
          'Component',
          'evil-id',
          { type: 'service' },
          {
            'backstage.io/kubernetes-namespace': 'monitoring',
            'backstage.io/kubernetes-id': '.*',
          },
        ),
        entity(
          'Resource',
          'evil-node',
          { type: 'compute-node' },
          {
            'homelab-portal.io/kepler-node': hostile,
          },
        ),
        entity(
          'Resource',
          'evil-plug',
          { type: 'nas' },
          {
            'homelab-portal.io/power-metric': 'smartplug_power_watts',
            'homelab-portal.io/power-labels': `plug=${hostile}`,
          },
        ),
        entity(
          'Resource',
          'evil-metric',
          { type: 'nas' },
          {
            'homelab-portal.io/power-metric': 'up',
            'homelab-portal.io/power-labels': 'job=x',
          },
        ),
      ];
      const energy = service(0, entities);
      for (const ref of entities.map(e => stringifyEntityRef(e))) {
        const summary = await energy.summary(ref, credentials);
        expect({
          ref,
          powerW: summary.powerW,
          kWh: summary.windows['24h'].energyKWh,
        }).toEqual({
          ref,
          powerW: null,
          kWh: null,
        });
      }
      const refused = await energy.summary(
        'resource:default/evil-metric',
        credentials,
      );
      expect(refused.warnings).toContain(
        'resource:default/evil-metric: power metric "up" is not in energy.powerMetrics, so it is not read',
      );
    });
  },
);
