import '@homelab-portal/test-utils/fixtures';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { Entity } from '@backstage/catalog-model';
import {
  FakeGitea,
  FakeKubeApi,
  startFakeGitea,
} from '@homelab-portal/test-utils';
// The kratix backend plugin runs beside the catalog here: the provider reads it.
import { kratixPlugin } from '../plugin';
import * as kratixTestUtils from '@homelab-portal/test-utils';
import { readPromiseDocuments } from '@homelab-portal/plugin-kratix-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import catalogModuleKratix from '@homelab-portal/plugin-catalog-backend-module-kratix';

jest.setTimeout(180_000);

const promiseFile = path.resolve(
  __dirname,
  '../../../../../../shared/fixtures/kratix/marketplace/postgresql/promise.yaml',
);
const promise = readPromiseDocuments(fs.readFileSync(promiseFile, 'utf8'))[0];
const API_VERSION = 'marketplace.kratix.io/v1alpha2';

describe('requests in flight in the catalog', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let gitea: FakeGitea;
  let kube: FakeKubeApi;
  let kubeUrl: string;
  let promises: string;

  beforeEach(async () => {
    gitea = await startFakeGitea({
      owner: 'homelab',
      repo: 'gitops',
      token: 'gitea-token',
      labels: [],
    });
    kube = new FakeKubeApi([
      kratixTestUtils.asKratixInstallsIt(promise.spec.api),
    ]);
    kubeUrl = await kube.start();
    promises = fs.mkdtempSync(path.join(os.tmpdir(), 'promises-'));
    fs.mkdirSync(path.join(promises, 'postgresql'));
    fs.copyFileSync(
      promiseFile,
      path.join(promises, 'postgresql', 'promise.yaml'),
    );
  });
  afterEach(async () => {
    await gitea.close();
    await kube.stop();
  });

  it.each(databases.eachSupportedId())(
    'on %p: a request shows from its merge until Kratix reconciles it',
    async databaseId => {
      let database: object = {};
      if (databaseId === 'POSTGRES_15') {
        // each plugin in its own schema of a database made for this test
        const knex = await databases.init(databaseId);
        database = {
          database: {
            client: 'pg',
            connection: (knex.client as any).config.connection,
            pluginDivisionMode: 'schema',
          },
        };
      }
      const scheduler: any = mockServices.scheduler();
      const { server } = await startTestBackend({
        features: [
          scheduler.factory(),
          catalogPlugin,
          catalogModuleKratix,
          kratixPlugin,
          mockServices.rootConfig.factory({
            data: {
              backend: database,
              app: { baseUrl: 'https://portal.lab.local' },
              catalog: {
                rules: [{ allow: ['API', 'Template', 'Location', 'Resource'] }],
              },
              integrations: {
                gitea: [
                  {
                    host: new URL(gitea.baseUrl).host,
                    baseUrl: gitea.baseUrl,
                    username: 'portal',
                    password: 'gitea-token',
                  },
                ],
              },
              kubernetes: {
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: 'platform',
                        url: kubeUrl,
                        serviceAccountToken: 'kube-token',
                        authProvider: 'serviceAccount',
                      },
                    ],
                  },
                ],
              },
              kratix: {
                promises: {
                  sources: [{ type: 'file', path: promises }],
                  schedule: {
                    frequency: { minutes: 5 },
                    timeout: { seconds: 30 },
                  },
                },
                tracking: {
                  cluster: 'platform',
                  approval: {
                    urlTemplate:
                      'https://approvals.lab.local/{namespace}/{plural}/{name}?pipeline={pipeline}',
                  },
                },
              },
            },
          }),
        ],
      });
      const user = mockCredentials.user.header('user:default/alice');
      const entityPath = (name: string) =>
        `/api/catalog/entities/by-name/resource/default/${name}`;
      const getEntity = async (name: string) => {
        const res = await request(server)
          .get(entityPath(name))
          .set('Authorization', user);
        return res.status === 200 ? (res.body as Entity) : undefined;
      };
      const eventually = async <T>(
        what: string,
        check: () => Promise<T | undefined>,
        refresh: () => Promise<void>,
      ): Promise<T> => {
        for (let attempt = 0; attempt < 60; attempt++) {
          await refresh();
          const value = await check();
          if (value !== undefined) return value;
          await new Promise(r => setTimeout(r, 500));
        }
        throw new Error(`never: ${what}`);
      };
      const track = () => scheduler.triggerTask('kratix-requests-track');
      const refresh = async () => {
        await track();
        await scheduler.triggerTask('kratix-requests:refresh');
      };

      // the Promise's API entity is in the catalog (the request refers to it)
      await eventually(
        'the Promise API entity',
        async () =>
          (
            await request(server)
              .get(
                '/api/catalog/entities/by-name/api/default/postgresql-promise',
              )
              .set('Authorization', user)
          ).status === 200
            ? true
            : undefined,
        async () => {},
      );

      const manifest = {
        apiVersion: API_VERSION,
        kind: 'postgresql',
        metadata: { name: 'photos', namespace: 'default' },
        spec: {
          env: 'dev',
          teamId: 'media',
          dbName: 'photos',
          backupEnabled: true,
          namespace: 'default',
        },
      };
      gitea.commit(
        'request/photos',
        { 'platform/requests/photos.yaml': stringify(manifest) },
        'Request photos',
      );
      const pull = await (
        await fetch(`${gitea.baseUrl}/api/v1/repos/homelab/gitops/pulls`, {
          method: 'POST',
          headers: {
            authorization: 'token gitea-token',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            head: 'request/photos',
            base: 'main',
            title: 'Request photos',
          }),
        })
      ).json();
      const registered = await request(server)
        .post('/api/kratix/requests')
        .set('Authorization', user)
        .send({
          promiseEntityRef: 'api:default/postgresql-promise',
          manifest,
          forge: 'gitea',
          pullRequestUrl: pull.html_url,
        });
      expect(registered.status).toBe(201);
      const id = registered.body.id as string;
      const name = `kratix-request-${id}`;

      // an open pull request is not in flight yet
      await refresh();
      await new Promise(r => setTimeout(r, 1000));
      expect(await getEntity(name)).toBeUndefined();

      // merged: in the catalog, owned by the requester, depending on its Promise
      gitea.merge(pull.number);
      const merged = await eventually(
        'the merged request in the catalog',
        () => getEntity(name),
        refresh,
      );
      expect(merged.spec).toEqual({
        type: 'kratix-request',
        owner: 'user:default/alice',
        dependsOn: ['api:default/postgresql-promise'],
      });
      expect(
        merged.metadata.labels!['homelab-portal.io/kratix-request-state'],
      ).toBe('merged');
      expect(merged.metadata.links).toEqual([
        { url: pull.html_url, title: 'Pull request' },
        {
          url: `https://portal.lab.local/kratix/requests/${id}`,
          title: 'Request timeline',
        },
      ]);
      await eventually(
        'its relations',
        async () => {
          const relations = (await getEntity(name))?.relations ?? [];
          return relations.some(
            r =>
              r.type === 'dependsOn' &&
              r.targetRef === 'api:default/postgresql-promise',
          ) &&
            relations.some(
              r => r.type === 'ownedBy' && r.targetRef === 'user:default/alice',
            )
            ? true
            : undefined;
        },
        async () => {},
      );

      // in the cluster, a pipeline asks for approval: the entity says so and links it
      kube.put(manifest);
      kube.setStatus(
        API_VERSION,
        'postgresql',
        'default',
        'photos',
        kratixTestUtils.kratixStatus.suspended(
          '2026-11-25T10:08:00Z',
          'approve-size',
          'A large database needs an admin to approve it',
        ),
      );
      const gated = await eventually(
        'the request needing approval',
        async () => {
          const entity = await getEntity(name);
          return entity?.metadata.labels?.[
            'homelab-portal.io/kratix-request-state'
          ] === 'needs-approval'
            ? entity
            : undefined;
        },
        refresh,
      );
      expect(gated.metadata.links).toContainEqual({
        url: 'https://approvals.lab.local/default/postgresqls/photos?pipeline=approve-size',
        title: 'Approve the workflow',
      });
      expect(
        gated.metadata.annotations!['homelab-portal.io/kratix-request-reason'],
      ).toBe(
        'Kratix: needs approval (pipeline approve-size): A large database needs an admin to approve it',
      );

      // Reconciled: gone from the catalog
      kube.setStatus(
        API_VERSION,
        'postgresql',
        'default',
        'photos',
        kratixTestUtils.kratixStatus.reconciled('2026-11-25T10:09:30Z'),
      );
      await eventually(
        'the reconciled request gone',
        async () => ((await getEntity(name)) ? undefined : true),
        refresh,
      );
      const done = await request(server)
        .get(`/api/kratix/requests/${id}`)
        .set('Authorization', user);
      expect(done.body.state).toBe('ready');
    },
  );
});
