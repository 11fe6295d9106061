import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleHomelab from '@homelab-portal/plugin-catalog-backend-module-homelab';
import catalogModuleKratix from '@homelab-portal/plugin-catalog-backend-module-kratix';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { Entity } from '@backstage/catalog-model';
import path from 'node:path';
import request from 'supertest';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

const repoRoot = path.resolve(__dirname, '../../..');

function seedEntityNames(): string[] {
  const files = fs
    .readdirSync(repoRoot, { recursive: true, encoding: 'utf8' })
    .filter(
      f =>
        /^(catalog|templates)\/.*\.ya?ml$/.test(f) ||
        // the TechDocs sites' entities, beside their mkdocs.yml (catalog/all.yaml)
        /^docs\/.*\/catalog-info\.yaml$/.test(f),
    )
    .filter(f => !f.includes('/skeleton/'));
  // promises/: the Kratix provider makes an API entity of each, and a
  // template of each that does not name its hand-written one
  // (homelab-portal.io/kratix-template, a template in templates/).
  const promises = fs
    .readdirSync(path.join(repoRoot, 'promises'))
    .flatMap(name =>
      fs
        .readFileSync(
          path.join(repoRoot, 'promises', name, 'promise.yaml'),
          'utf8',
        )
        .includes('homelab-portal.io/kratix-template:')
        ? [`api:${name}-promise`]
        : [`api:${name}-promise`, `template:kratix-${name}`],
    );
  return promises.concat(
    files.flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(repoRoot, file), 'utf8'))
        .map(doc => doc.toJS() as Entity)
        .filter(entity => entity?.kind)
        .map(e => `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.name}`),
    ),
  );
}

// The seed catalog and the templates, loaded by the real catalog backend on
// every database engine the portal supports.
describe('catalog/ and templates/ in the catalog', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'load without errors on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleHomelab,
          catalogModuleKratix,
          scaffolderEntityModel,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              kratix: {
                promises: {
                  sources: [
                    { type: 'file', path: path.join(repoRoot, 'promises') },
                  ],
                  system: 'platform-services',
                  // no initialDelay: the test scheduler runs it at startup
                  schedule: {
                    frequency: { minutes: 5 },
                    timeout: { minutes: 1 },
                  },
                },
              },
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Location',
                      'Domain',
                      'Group',
                      'User',
                      'Template',
                    ],
                  },
                ],
                locations: [
                  {
                    type: 'file',
                    target: path.join(repoRoot, 'catalog/all.yaml'),
                  },
                  {
                    type: 'file',
                    target: path.join(repoRoot, 'templates/all.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      });

      const get = (url: string) =>
        request(server)
          .get(url)
          .set('Authorization', mockCredentials.user.header());

      // Processing is asynchronous: wait until every seed document is an
      // entity (a rejected one would never appear), then look at relations.
      const expected = seedEntityNames().sort();
      let names: string[] = [];
      for (let attempt = 0; attempt < 120; attempt++) {
        const all = await get(
          '/api/catalog/entities?fields=kind,metadata.name',
        );
        names = (all.body as Entity[])
          .filter(e => !e.metadata.name.startsWith('generated-'))
          .map(e => `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.name}`)
          .sort();
        if (names.length >= expected.length) break;
        await new Promise(resolve => setTimeout(resolve, 500));
      }
      expect(names).toEqual(expected);
      expect(names).toEqual(
        expect.arrayContaining([
          'group:admins',
          'user:guest',
          'resource:sff-1',
        ]),
      );

      const jellyfin = await get(
        '/api/catalog/entities/by-name/component/default/jellyfin',
      );
      expect(jellyfin.body.relations).toEqual(
        expect.arrayContaining([
          { type: 'partOf', targetRef: 'system:default/applications' },
          { type: 'ownedBy', targetRef: 'group:default/admins' },
          { type: 'dependsOn', targetRef: 'resource:default/homelab-cluster' },
          { type: 'runsOn', targetRef: 'resource:default/homelab-cluster' },
          { type: 'storedOn', targetRef: 'resource:default/tier-2-nas' },
        ]),
      );

      // The homelab model's relations resolve in both directions.
      const relationsOf = async (ref: string) =>
        (await get(`/api/catalog/entities/by-name/${ref}`)).body.relations;
      expect(await relationsOf('resource/default/homelab-cluster')).toEqual(
        expect.arrayContaining([
          { type: 'hosts', targetRef: 'component:default/jellyfin' },
          { type: 'dependsOn', targetRef: 'resource:default/sff-1' },
        ]),
      );
      expect(await relationsOf('resource/default/sff-1')).toEqual(
        expect.arrayContaining([
          {
            type: 'attachedTo',
            targetRef: 'resource:default/vlan-20-server-lab',
          },
          { type: 'storedOn', targetRef: 'resource:default/tier-0-local-nvme' },
        ]),
      );
      expect(await relationsOf('resource/default/vlan-20-server-lab')).toEqual(
        expect.arrayContaining([
          { type: 'hasAttached', targetRef: 'resource:default/sff-1' },
          { type: 'canReach', targetRef: 'resource:default/vlan-50-storage' },
          {
            type: 'reachableFrom',
            targetRef: 'resource:default/vlan-30-user-trusted',
          },
        ]),
      );
    },
    90_000,
  );
});
