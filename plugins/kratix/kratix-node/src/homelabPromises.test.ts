import '@homelab-portal/test-utils/fixtures';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  KRATIX_ANNOTATION_TEMPLATE,
  readPromiseDocuments,
  parsePromiseYaml,
  normalizeSpecSchema,
} from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '.';

const repoRoot = path.resolve(__dirname, '../../../..');
const promisesDir = path.join(repoRoot, 'promises');
const names = fs
  .readdirSync(promisesDir)
  .filter(name => fs.existsSync(path.join(promisesDir, name, 'promise.yaml')));

// Kratix's own Promise CRD, from the fixtures (never modified).
const promiseCrd = parse(
  fs.readFileSync(
    path.resolve(
      repoRoot,
      '../shared/fixtures/kratix/crds/platform.kratix.io_promises.yaml',
    ),
    'utf8',
  ),
);
const validatePromise = new Ajv({
  strict: false,
  allErrors: true,
  // The CRD's formats (int32, ...) describe Go types; shapes are what we check.
  validateFormats: false,
}).compile(promiseCrd.spec.versions[0].schema.openAPIV3Schema);

describe("the homelab's own Promises (promises/)", () => {
  it('are the five the templates request', () => {
    expect(names.sort()).toEqual([
      'bucket',
      'exposed-service',
      'keycloak-client',
      'postgresql',
      'redis',
    ]);
  });

  it.each(names)("%s is valid against Kratix's Promise CRD", name => {
    const promise = parse(
      fs.readFileSync(path.join(promisesDir, name, 'promise.yaml'), 'utf8'),
    );
    expect(validatePromise(promise) ? [] : validatePromise.errors).toEqual([]);
  });

  it.each(names)(
    '%s offers an API whose schema has no irregularities',
    name => {
      const api = parsePromiseYaml(
        fs.readFileSync(path.join(promisesDir, name, 'promise.yaml'), 'utf8'),
      );
      expect(api.group).toBe('platform.lab.local');
      expect(normalizeSpecSchema(api.specSchema).notes).toEqual([]);
    },
  );

  it.each(names)(
    '%s becomes an API entity whose template is the hand-written one (none is generated)',
    name => {
      const text = fs.readFileSync(
        path.join(promisesDir, name, 'promise.yaml'),
        'utf8',
      );
      const result = entitiesForPromise(
        readPromiseDocuments(text)[0],
        { location: `file:${name}` },
        {
          owner: 'group:default/admins',
          lifecycle: 'production',
          requestsPath: 'platform/requests',
          allowedHosts: [],
        },
      );
      expect(result.api.metadata.name).toBe(`${name}-promise`);
      expect(parse(result.api.spec.definition)).toEqual(parse(text));
      expect(result.problem).toBeUndefined();
      expect(result.template).toBeUndefined();
      const handWritten =
        result.api.metadata.annotations[KRATIX_ANNOTATION_TEMPLATE];
      expect(handWritten).toMatch(/^template:default\//);
      expect(result.handWrittenTemplate).toBe(handWritten);
      expect(
        fs.existsSync(
          path.join(
            repoRoot,
            'templates',
            handWritten.split('/')[1],
            'template.yaml',
          ),
        ),
      ).toBe(true);
    },
  );
});
