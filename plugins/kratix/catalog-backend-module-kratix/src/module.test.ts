import '@homelab-portal/test-utils/fixtures';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { AddressInfo, createServer } from 'node:net';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { catalogModuleKratix } from './module';

const marketplace = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/kratix/marketplace',
);

describe('the Kratix catalog module in a catalog backend', () => {
  it('puts every marketplace Promise in the catalog, reports unformable ones there, and a second run changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promises-'));
    for (const name of fs.readdirSync(marketplace)) {
      fs.mkdirSync(path.join(dir, name));
      fs.copyFileSync(
        path.join(marketplace, name, 'promise.yaml'),
        path.join(dir, name, 'promise.yaml'),
      );
    }
    // runs tasks at startup and when triggered (its type hides that)
    // a port nothing listens on
    const probe = createServer();
    await new Promise<void>(r => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise(r => probe.close(r));
    const scheduler: any = mockServices.scheduler();
    const { server } = await startTestBackend({
      features: [
        scheduler.factory(),
        catalogPlugin,
        scaffolderEntityModel,
        catalogModuleKratix,
        mockServices.rootConfig.factory({
          data: {
            catalog: { rules: [{ allow: ['API', 'Template', 'Location'] }] },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    { name: 'down', url: `http://127.0.0.1:${closedPort}` },
                  ],
                },
              ],
            },
            kratix: {
              promises: {
                // a cluster that is down must not keep the folder's Promises out
                sources: [
                  { type: 'file', path: dir },
                  { type: 'cluster', cluster: 'down' },
                ],
                timeoutSeconds: 2,
                schedule: {
                  frequency: { minutes: 5 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
        }),
      ],
    });
    const get = async () => {
      const res = await request(server)
        .get(
          '/api/catalog/entities?filter=metadata.annotations.homelab-portal.io/kratix-promise',
        )
        .set('Authorization', mockCredentials.user.header());
      return res.body as Entity[];
    };
    // Promise names (app-as-a-service's Promise is called "app").
    const names = fs.readdirSync(marketplace).map(
      dirName =>
        parseAllDocuments(
          fs.readFileSync(
            path.join(marketplace, dirName, 'promise.yaml'),
            'utf8',
          ),
        )
          .map(d => d.toJS())
          .find(d => d?.kind === 'Promise').metadata.name as string,
    );
    expect(names).toContain('app');
    let entities: Entity[] = [];
    for (let attempt = 0; attempt < 60; attempt++) {
      entities = await get();
      if (entities.length >= names.length * 2 - 2) break;
      await new Promise(r => setTimeout(r, 500));
    }
    const byName = new Map(
      entities.map(e => [`${e.kind}:${e.metadata.name}`, e]),
    );
    for (const name of names) {
      expect(byName.has(`API:${name}-promise`)).toBe(true);
    }
    // the two that install software but offer nothing to request
    for (const name of ['cert-manager', 'nginx-ingress']) {
      expect(byName.has(`Template:kratix-${name}`)).toBe(false);
      expect(
        byName.get(`API:${name}-promise`)!.metadata.annotations![
          'homelab-portal.io/kratix-template-problem'
        ],
      ).toMatch(/has no spec\.api/);
    }
    expect(byName.has('Template:kratix-postgresql')).toBe(true);
    // The generated template relates to the Promise's owner like any template.
    const template = byName.get('Template:kratix-postgresql')!;
    expect(template.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/admins' },
      ]),
    );

    // Run the provider again: nothing is rewritten.
    const etags = entities.map(e => e.metadata.etag).sort();
    await scheduler.triggerTask('kratix-promises-0:refresh');
    await new Promise(r => setTimeout(r, 2000));
    expect((await get()).map(e => e.metadata.etag).sort()).toEqual(etags);

    // A changed Promise is rewritten and its template regenerated.
    const redis = path.join(dir, 'redis', 'promise.yaml');
    fs.writeFileSync(
      redis,
      fs
        .readFileSync(redis, 'utf8')
        .replace(/default: small/, 'default: large'),
    );
    await scheduler.triggerTask('kratix-promises-0:refresh');
    let size: string | undefined;
    for (let attempt = 0; attempt < 40 && size !== 'large'; attempt++) {
      await new Promise(r => setTimeout(r, 500));
      const redisTemplate = (await get()).find(
        e => e.metadata.name === 'kratix-redis',
      ) as any;
      size =
        redisTemplate?.spec.parameters[1].properties.spec.properties.size
          .default;
    }
    expect(size).toBe('large');
  }, 90_000);
});
