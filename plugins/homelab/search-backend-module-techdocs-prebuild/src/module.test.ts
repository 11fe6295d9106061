import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import techdocsCollatorModule from '@backstage/plugin-search-backend-module-techdocs';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { searchModuleTechdocsPrebuild } from './module';

// The real TechDocs backend builds the repository's runbooks with the
// machine's mkdocs (Debian's mkdocs and mkdocs-material,
// scripts/system-packages.sh), and the real search backend (Lunr) indexes
// what it published: the path the local start takes, minus the catalog's
// own processing.
const repoRoot = path.resolve(__dirname, '../../../..');

function siteEntity(folder: string, name?: string): Entity {
  const file = path.join(repoRoot, folder, 'catalog-info.yaml');
  const entity = parse(fs.readFileSync(file, 'utf8')) as Entity;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      name: name ?? entity.metadata.name,
      // TechDocs builds only entities the catalog has stored (with a uid)
      uid: 'uid-runbooks',
      annotations: {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
        'backstage.io/managed-by-origin-location': `file:${file}`,
      },
    },
  };
}

jest.setTimeout(120_000);

describe('searchModuleTechdocsPrebuild', () => {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory<SchedulerService>;
    triggerTask(id: string): Promise<void>;
  };
  const published = createMockDirectory();
  const broken = createMockDirectory({
    content: {
      'catalog-info.yaml': 'kind: Component\n',
      'mkdocs.yml': 'site_name: Broken\ndocs_dir: no-such-folder\n',
    },
  });
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const logger = mockServices.rootLogger.factory({ level: 'warn' });
    const backend = await startTestBackend({
      features: [
        techdocsPlugin,
        searchPlugin,
        techdocsCollatorModule,
        searchModuleTechdocsPrebuild,
        scheduler.factory(),
        logger,
        catalogServiceMock.factory({
          entities: [
            siteEntity('docs/runbooks'),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'broken-docs',
                uid: 'uid-broken-docs',
                annotations: {
                  'backstage.io/techdocs-ref': 'dir:.',
                  'backstage.io/managed-by-location': `file:${broken.resolve(
                    'catalog-info.yaml',
                  )}`,
                },
              },
              spec: { type: 'documentation', owner: 'admins', lifecycle: 'x' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            techdocs: {
              builder: 'local',
              generator: {
                runIn: 'local',
                mkdocs: {
                  omitTechdocsCorePlugin: true,
                  disableExternalFonts: true,
                },
              },
              publisher: {
                type: 'local',
                local: { publishDirectory: published.path },
              },
            },
            search: {
              collators: {
                techdocs: {
                  schedule: {
                    frequency: { trigger: 'manual' },
                    timeout: { minutes: 5 },
                  },
                  // with an initialDelay the test scheduler runs it only
                  // when the test triggers it, once the backend is up
                  prebuild: {
                    schedule: {
                      initialDelay: { seconds: 1 },
                      frequency: { minutes: 10 },
                      timeout: { minutes: 5 },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    base = `http://localhost:${backend.server.port()}/api`;
    stop = () => backend.stop();
    await scheduler.triggerTask('techdocs-prebuild');
  });

  afterAll(async () => {
    await stop();
  });

  async function search(term: string) {
    const res = await fetch(
      `${base}/search/query?term=${encodeURIComponent(
        term,
      )}&types%5B0%5D=techdocs`,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as {
      results: { document: { title: string; location: string } }[];
    };
  }

  it('builds the runbooks at start and the docs search finds their text', async () => {
    // published by the TechDocs backend with mkdocs' search index
    expect(
      fs.existsSync(
        path.join(
          published.path,
          'default/component/runbooks/search/search_index.json',
        ),
      ),
    ).toBe(true);
    const { results } = await search('velero restore');
    expect(results.map(r => r.document.location)).toContain(
      '/docs/default/component/runbooks/recovery/cluster-failure/',
    );
    const cleanup = await search('immediate cleanup');
    expect(cleanup.results[0].document.location).toMatch(
      /^\/docs\/default\/component\/runbooks\//,
    );
  });

  it('leaves a site that does not build out, and indexes the others', async () => {
    expect(
      fs.existsSync(path.join(published.path, 'default/component/broken-docs')),
    ).toBe(false);
    const { results } = await search('Broken');
    expect(
      results.filter(r => r.document.location.includes('broken-docs')),
    ).toEqual([]);
  });
});
