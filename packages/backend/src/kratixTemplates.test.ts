/* eslint-disable jest/no-conditional-expect */ // Each Promise is checked by what it offers.
import '@homelab-portal/test-utils/fixtures';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import giteaPullRequestModule from '@homelab-portal/plugin-scaffolder-backend-module-gitea-pull-request';
import kratixModule from '@homelab-portal/plugin-scaffolder-backend-module-kratix';
import { readPromiseDocuments } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

jest.setTimeout(120_000);

const repoRoot = path.resolve(__dirname, '../../..');
const marketplace = path.resolve(
  repoRoot,
  '../shared/fixtures/kratix/marketplace',
);
const defaults = {
  owner: 'group:default/admins',
  lifecycle: 'production',
  requestsPath: 'platform/requests',
  allowedHosts: ['git.lab.local'],
};

// What a person would type for our Promises' required fields.
const homelabExamples: Record<string, object> = {
  postgresql: { databaseName: 'photos', ownerRole: 'photos' },
  redis: { mode: 'persistent' },
  bucket: { bucketName: 'photos-archive' },
  'exposed-service': {
    hostname: 'jellyfin.lab.local',
    serviceName: 'jellyfin',
    servicePort: 8096,
  },
  'keycloak-client': {
    clientId: 'grafana',
    redirectUris: ['https://grafana.lab.local/login/generic_oauth'],
  },
};

// Every Promise the catalog provider would see: the marketplace and ours.
const sources = [
  ...fs.readdirSync(marketplace).map(dir => ({
    dir: path.join(marketplace, dir),
    example: parse(
      fs.readFileSync(
        path.join(marketplace, dir, 'resource-request.yaml'),
        'utf8',
      ),
    ),
    homelab: false,
  })),
  ...fs.readdirSync(path.join(repoRoot, 'promises')).map(dir => ({
    dir: path.join(repoRoot, 'promises', dir),
    example: { spec: homelabExamples[dir] },
    homelab: true,
  })),
];
const generated = sources.map(({ dir, example, homelab }) => {
  const promise = readPromiseDocuments(
    fs.readFileSync(path.join(dir, 'promise.yaml'), 'utf8'),
  )[0];
  return {
    promise,
    example,
    homelab: Boolean(homelab),
    ...entitiesForPromise(promise, { location: `file:${dir}` }, defaults),
  };
});

/** Values a person could type for the required fields: defaults, first enum value, else a word. */
function sampleFor(schema: any): unknown {
  if (schema.type === 'object') {
    return Object.fromEntries(
      (schema.required ?? []).map((name: string) => [
        name,
        sampleFor(schema.properties[name]),
      ]),
    );
  }
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'array') return [];
  if (schema.type === 'integer' || schema.type === 'number') {
    return schema.minimum ?? 1;
  }
  if (schema.type === 'boolean') return true;
  return 'sample';
}

// The marketplace's postgresql and redis share names with ours, so each set
// gets a catalog of its own (the provider keeps the first of a name).
describe.each([
  ['the Kratix marketplace', generated.filter(g => !g.homelab)],
  ["the homelab's promises/", generated.filter(g => g.homelab)],
])('the templates generated from %s', (_set, group) => {
  let server: any;
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        kratixModule,
        giteaPullRequestModule,
        githubModule,
        gitlabModule,
        catalogServiceMock.factory({
          entities: group.map(g => g.api as any),
        }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [{ host: 'git.lab.local', password: 'dry-run-token' }],
            },
          },
        }),
      ],
    }));
  });

  it('cover every Promise: a template, or a clear reason on its API entity', () => {
    for (const g of group) {
      expect([
        g.promiseName,
        Boolean(g.template) ||
          Boolean(g.problem) ||
          Boolean(g.handWrittenTemplate),
      ]).toEqual([g.promiseName, true]);
    }
    expect(
      group
        .filter(g => !g.template && !g.handWrittenTemplate)
        .map(g => [g.promiseName, g.problem]),
    ).toEqual(
      group[0].homelab
        ? []
        : [
            ['cert-manager', expect.stringMatching(/has no spec\.api/)],
            ['nginx-ingress', expect.stringMatching(/has no spec\.api/)],
          ],
    );
  });

  // The homelab's Promises name their hand-written request forms
  // (templates/request-*, expose-service), which templates.test.ts dry-runs
  // against each Promise's CRD; none is generated.
  const handWritten = group.filter(g => g.handWrittenTemplate);
  if (handWritten.length) {
    it.each(handWritten.map(g => [g.promiseName, g]))(
      '%s: its hand-written template is in templates/ and requests this Promise',
      (name, g: any) => {
        expect(g.template).toBeUndefined();
        const templateName = /^template:default\/([a-z0-9-]+)$/.exec(
          g.handWrittenTemplate,
        )?.[1];
        expect(templateName).toBeDefined();
        const template = parse(
          fs.readFileSync(
            path.join(repoRoot, 'templates', templateName!, 'template.yaml'),
            'utf8',
          ),
        );
        expect(
          template.metadata.annotations?.['homelab-portal.io/kratix-promise'],
        ).toBe(name);
      },
    );
  }

  const withTemplate = group.filter(g => g.template);
  if (withTemplate.length)
    it.each(withTemplate.map(g => [g.promiseName, g]))(
      "%s: a dry run renders a request valid against the Promise's CRD",
      async (name, g: any) => {
        const crd = g.promise.spec.api;
        const version =
          crd.spec.versions.find((v: any) => v.storage) ?? crd.spec.versions[0];
        const specSchema = g.template.spec.parameters[1].properties.spec;
        const spec = g.example?.spec ?? sampleFor(specSchema);
        const namespaced = (crd.spec.scope ?? 'Namespaced') === 'Namespaced';
        const res = await request(server)
          .post('/api/scaffolder/v2/dry-run')
          .set('Authorization', mockCredentials.user.header())
          .send({
            template: g.template,
            values: {
              name: 'sample',
              ...(namespaced ? { namespace: 'team-a' } : {}),
              owner: 'group:default/admins',
              spec,
              forge: 'gitea',
              repoUrl: 'git.lab.local?owner=homelab&repo=gitops',
            },
            secrets: {},
            directoryContents: [],
          });
        expect(res.status).toBe(200);
        expect(
          res.body.steps.filter((s: any) => s.status === 'failed'),
        ).toEqual([]);
        const files = Object.fromEntries(
          res.body.directoryContents.map((f: any) => [
            f.path,
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ]),
        );
        const file = `out/${
          namespaced ? 'team-a' : 'default'
        }/${name}-sample.yaml`;
        expect(Object.keys(files)).toEqual([file]);
        const manifest = parse(files[file]);
        expect(manifest).toMatchObject({
          apiVersion: `${crd.spec.group}/${version.name}`,
          kind: crd.spec.names.kind,
          metadata: { name: 'sample' },
        });
        // Valid against the CRD itself, as the API server would check it.
        const validate = new Ajv({ strict: false, allErrors: true }).compile({
          ...version.schema.openAPIV3Schema,
          // the CRD's "regex" quirk is not enforced by the API server either
        });
        expect([name, validate(manifest), validate.errors ?? null]).toEqual([
          name,
          true,
          null,
        ]);
        // Every field of the example request made it through the form.
        if (g.example?.spec)
          expect(manifest.spec).toMatchObject(g.example.spec);
        expect(res.body.output.links[0].url).toBe(
          'https://git.lab.local/homelab/gitops/pulls',
        );
      },
    );
});
