/* eslint-disable jest/no-conditional-expect */ // Each Promise is checked by what it offers.
import '@homelab-portal/test-utils/fixtures';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  KRATIX_ANNOTATION_SCHEMA_NOTES,
  KRATIX_ANNOTATION_TEMPLATE,
  KRATIX_ANNOTATION_TEMPLATE_PROBLEM,
  readPromiseDocuments,
  parsePromiseYaml,
  buildResourceRequest,
} from '@homelab-portal/plugin-kratix-common';
import {
  TemplateError,
  entitiesForPromise,
  fieldTitleOf,
  formSchemaOf,
} from '.';

const repoRoot = path.resolve(__dirname, '../../../..');
const marketplace = path.resolve(
  repoRoot,
  '../shared/fixtures/kratix/marketplace',
);
const origin = { location: 'url:https://git.lab.local/x/promise.yaml' };
const defaults = {
  owner: 'group:default/admins',
  system: 'platform-services',
  lifecycle: 'production',
  requestsPath: 'platform/requests',
  allowedHosts: ['git.lab.local'],
};

const read = (dir: string) =>
  readPromiseDocuments(
    fs.readFileSync(path.join(dir, 'promise.yaml'), 'utf8'),
  )[0];

/** Values a person could type: the first enum value, else one per type. */
function sampleFor(schema: any): unknown {
  if (schema.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const name of schema.required ?? []) {
      out[name] = sampleFor(schema.properties[name]);
    }
    return out;
  }
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return 'abc';
  }
}

describe('entitiesForPromise over the Kratix marketplace', () => {
  const names = fs.readdirSync(marketplace).sort();

  it.each(names)(
    '%s becomes an API entity and a template, or says why not',
    name => {
      const promise = read(path.join(marketplace, name));
      const result = entitiesForPromise(promise, origin, defaults);
      expect(result.api.kind).toBe('API');
      expect(result.api.metadata.name).toBe(`${promise.metadata.name}-promise`);
      expect(parse(result.api.spec.definition)).toEqual(promise);
      if (!promise.spec.api) {
        expect(result.template).toBeUndefined();
        expect(
          result.api.metadata.annotations[KRATIX_ANNOTATION_TEMPLATE_PROBLEM],
        ).toMatch(/has no spec\.api/);
        expect(result.api.metadata.description).toMatch(/No request template/);
        return;
      }
      const template = result.template!;
      expect(template.kind).toBe('Template');
      const api = parsePromiseYaml(stringify(promise));
      const spec = template.spec.parameters[1].properties.spec;
      // Every field, default, enum, description and required list carries over.
      const walk = (crd: any, form: any, where: string) => {
        for (const key of ['default', 'enum', 'description', 'required']) {
          if (crd[key] !== undefined)
            expect([where, key, form[key]]).toEqual([where, key, crd[key]]);
        }
        for (const [child, schema] of Object.entries<any>(
          crd.properties ?? {},
        )) {
          expect(form.properties).toHaveProperty(child);
          walk(schema, form.properties[child], `${where}.${child}`);
        }
        if (crd.items) walk(crd.items, form.items, `${where}[]`);
      };
      walk({ ...api.specSchema, description: undefined }, spec, 'spec');
      // What the form submits for required fields is a request the CRD accepts.
      const { request } = buildResourceRequest(api, {
        name: 'sample',
        parameters: sampleFor(spec) as Record<string, unknown>,
      });
      expect(request.kind).toBe(api.kind);
    },
  );

  it('reports the regex-instead-of-pattern irregularity on the template', () => {
    const result = entitiesForPromise(
      read(path.join(marketplace, 'app-as-a-service')),
      origin,
      defaults,
    );
    const notes = JSON.parse(
      result.template!.metadata.annotations[KRATIX_ANNOTATION_SCHEMA_NOTES],
    );
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: expect.stringMatching(/regex/) }),
      ]),
    );
    // Its lookarounds are beyond RE2 (the API server's engine and ours):
    // noted as not enforced, and neither "regex" nor the pattern reaches the form.
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'spec.name',
          message: expect.stringMatching(/RE2.*refuses.*not enforced$/),
        }),
      ]),
    );
    const spec = result.template!.spec.parameters[1].properties.spec;
    expect(spec.properties.name.pattern).toBeUndefined();
    expect(JSON.stringify(spec)).not.toMatch(/"regex"/);
  });
});

describe('formSchemaOf', () => {
  const ajv = new Ajv({ strict: false });

  it('keeps nested objects and arrays, drops Kubernetes extensions, maps example', () => {
    const { schema, notes } = formSchemaOf({
      type: 'object',
      required: ['db'],
      properties: {
        db: {
          type: 'object',
          properties: {
            users: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string', example: 'alice' },
                  port: { 'x-kubernetes-int-or-string': true },
                },
              },
            },
            extra: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
        },
      },
    });
    const user = schema.properties.db.properties.users.items;
    expect(user.properties.name['ui:placeholder']).toBe('alice');
    expect(user.properties.port.type).toBe('string');
    expect(schema.properties.db.properties.extra.additionalProperties).toEqual({
      type: 'string',
    });
    expect(JSON.stringify(schema)).not.toMatch(/x-kubernetes/);
    expect(notes.map(n => n.field)).toEqual([
      'spec.db.users[].port',
      'spec.db.extra',
    ]);
    expect(
      ajv.validate(schema, { db: { users: [{ name: 'a', port: '80' }] } }),
    ).toBe(true);
    expect(ajv.validate(schema, { db: { users: [{ port: '80' }] } })).toBe(
      false,
    );
  });

  it.each([
    [
      { type: 'object', properties: { a: { $ref: '#/x' } } },
      /spec\.a: "\$ref"/,
    ],
    [{ type: 'object', properties: { a: {} } }, /spec\.a: has no type/],
    [
      { type: 'object', properties: { a: { type: 'date' } } },
      /not a JSON schema type/,
    ],
    [
      {
        type: 'object',
        required: ['b'],
        properties: { a: { type: 'string' } },
      },
      /requires "b"/,
    ],
    [
      {
        type: 'object',
        properties: { a: { type: 'array', items: [{ type: 'string' }] } },
      },
      /tuple/,
    ],
  ])('refuses %j with a reason', (schema, reason) => {
    expect(() => formSchemaOf(schema)).toThrow(TemplateError);
    expect(() => formSchemaOf(schema)).toThrow(reason);
  });

  it('turns an unformable schema into an API entity with the problem', () => {
    const promise = read(path.join(marketplace, 'redis'));
    promise.spec.api.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size =
      {
        $ref: '#/definitions/size',
      };
    const result = entitiesForPromise(promise, origin, defaults);
    expect(result.template).toBeUndefined();
    expect(result.problem).toMatch(/spec\.size: "\$ref"/);
    expect(
      result.api.metadata.annotations[KRATIX_ANNOTATION_TEMPLATE_PROBLEM],
    ).toBe(result.problem);
  });

  it('refuses a Promise without a usable name', () => {
    expect(() =>
      entitiesForPromise(
        { kind: 'Promise', metadata: { name: '../x' } },
        origin,
        defaults,
      ),
    ).toThrow(/metadata\.name/);
  });

  it("shows a Promise's pattern as help, out of the scaffolder's backtracking validators", () => {
    const { schema } = formSchemaOf({
      type: 'object',
      properties: {
        name: { type: 'string', pattern: '^(a|a)*$' },
        size: { 'x-kubernetes-int-or-string': true },
      },
    });
    expect(schema.properties.name.pattern).toBeUndefined();
    expect(schema.properties.name['ui:help']).toBe(
      'Must match the regular expression ^(a|a)*$',
    );
    // the portal's own int-or-string pattern (linear) stays
    expect(schema.properties.size.pattern).toBe('^-?[0-9]+$|^[^0-9].*$');
  });
});

describe('generated forms in plain words', () => {
  it.each([
    ['memoryMi', 'Memory (MiB)'],
    ['storageGi', 'Storage (GiB)'],
    ['retentionDays', 'Retention (days)'],
    ['timeoutSeconds', 'Timeout (seconds)'],
    ['ownerRole', 'Owner role'],
    ['serviceName', 'Service name'],
    ['apiURL', 'API URL'],
    ['clientId', 'Client ID'],
    ['redirect_uris', 'Redirect uris'],
    ['size', 'Size'],
    ['Mi', 'Mi'],
  ])('titles %s as "%s"', (name, title) => {
    expect(fieldTitleOf(name)).toBe(title);
  });

  it('titles every field and array item of a generated template, keeping titles a Promise gives', () => {
    const promise = read(path.join(marketplace, 'redis'));
    const specSchema =
      promise.spec.api.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    specSchema.properties.memoryMi = { type: 'integer', default: 256 };
    specSchema.properties.ports = {
      type: 'array',
      items: { type: 'integer' },
    };
    specSchema.properties.size.title = 'How big';
    const { template } = entitiesForPromise(promise, origin, defaults);
    const spec = template!.spec.parameters[1].properties.spec;
    expect(spec.properties.memoryMi.title).toBe('Memory (MiB)');
    expect(spec.properties.ports.title).toBe('Ports');
    expect(spec.properties.ports.items.title).toBe('Port');
    expect(spec.properties.size.title).toBe('How big');
    const untitled: string[] = [];
    const walk = (node: any, where: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
        if (!child.title) untitled.push(`${where}.${name}`);
        walk(child, `${where}.${name}`);
      }
      if (node.items) {
        if (!node.items.title) untitled.push(`${where}[]`);
        walk(node.items, `${where}[]`);
      }
    };
    for (const step of template!.spec.parameters) walk(step, step.title);
    expect(untitled).toEqual([]);
    expect(template!.metadata.title).toBe('Redis');
  });
});

describe('one template per Promise', () => {
  it('generates none for a Promise whose form is written by hand, and points its API entity there', () => {
    const promise = read(path.join(marketplace, 'redis'));
    promise.metadata.annotations = {
      ...promise.metadata.annotations,
      [KRATIX_ANNOTATION_TEMPLATE]: 'template:default/request-redis',
    };
    const result = entitiesForPromise(promise, origin, defaults);
    expect(result.template).toBeUndefined();
    expect(result.problem).toBeUndefined();
    expect(result.handWrittenTemplate).toBe('template:default/request-redis');
    expect(result.api.metadata.annotations[KRATIX_ANNOTATION_TEMPLATE]).toBe(
      'template:default/request-redis',
    );
  });

  it('points the API entity at the generated template otherwise', () => {
    const result = entitiesForPromise(
      read(path.join(marketplace, 'redis')),
      origin,
      defaults,
    );
    expect(result.template!.metadata.name).toBe('kratix-redis');
    expect(result.api.metadata.annotations[KRATIX_ANNOTATION_TEMPLATE]).toBe(
      'template:default/kratix-redis',
    );
  });

  it.each([
    'request-redis',
    'component:default/x',
    'template:default/../x',
    '',
  ])(
    'refuses a hand-written template annotation that is not a template ref (%j)',
    value => {
      const promise = read(path.join(marketplace, 'redis'));
      promise.metadata.annotations = { [KRATIX_ANNOTATION_TEMPLATE]: value };
      expect(() => entitiesForPromise(promise, origin, defaults)).toThrow(
        /must be a template ref/,
      );
    },
  );
});
