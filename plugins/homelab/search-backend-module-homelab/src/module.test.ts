import {
  createBackendModule,
  coreServices,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import catalogCollatorModule from '@backstage/plugin-search-backend-module-catalog';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { Readable } from 'node:stream';
import { seedEntities } from './__testUtils__/seedCatalog';
import { searchModuleHomelab } from './module';

// The search backend as the local start runs it (SQLite, so Lunr), with the
// catalog collator over the seed catalog and, like TechDocs with no sites, a
// document type whose collator finds nothing.
const noDocsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'test-no-docs',
  register(reg) {
    reg.registerInit({
      deps: {
        registry: searchIndexRegistryExtensionPoint,
        scheduler: coreServices.scheduler,
      },
      async init({ registry, scheduler }) {
        registry.addCollator({
          schedule: scheduler.createScheduledTaskRunner({
            frequency: { minutes: 10 },
            timeout: { minutes: 1 },
          }),
          factory: {
            type: 'techdocs',
            getCollator: async () => Readable.from([]),
          },
        });
      },
    });
  },
});

jest.setTimeout(60_000);

describe('searchModuleHomelab in the search backend', () => {
  // runs a collator when the test says so
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory<SchedulerService>;
    triggerTask(id: string): Promise<void>;
  };
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        searchPlugin,
        catalogCollatorModule,
        searchModuleHomelab,
        noDocsCollator,
        catalogServiceMock.factory({ entities: seedEntities() }),
        scheduler.factory(),
        mockServices.rootConfig.factory({
          data: {
            search: {
              collators: {
                catalog: {
                  schedule: {
                    frequency: { minutes: 10 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    base = `http://localhost:${backend.server.port()}/api/search`;
    stop = () => backend.stop();
    await scheduler.triggerTask('search_index_software_catalog');
    await scheduler.triggerTask('search_index_techdocs');
  });

  afterAll(async () => {
    await stop();
  });

  async function query(params: string) {
    const response = await fetch(`${base}/query?${params}`);
    return { status: response.status, body: await response.json() };
  }

  it('finds the node whose address an IP is first', async () => {
    const { status, body } = await query('term=10.0.20.11');
    expect(status).toBe(200);
    expect(
      body.results.map(
        (r: { document: { title: string } }) => r.document.title,
      ),
    ).toEqual(['SFF node 1', 'VLAN 20: Server/Lab']);
  });

  it('answers the Documentation filter with no results, not 500', async () => {
    await expect(query('term=&types%5B0%5D=techdocs')).resolves.toEqual({
      status: 200,
      body: expect.objectContaining({ results: [], numberOfResults: 0 }),
    });
  });
});
