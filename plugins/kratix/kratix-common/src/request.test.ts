import '@homelab-portal/test-utils/fixtures';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { PromiseApi, PromiseError, parsePromiseYaml } from './promise';
import {
  COMPILED_SCHEMA_CACHE_SIZE,
  RequestValidationError,
  buildResourceRequest,
} from './request';

const marketplace = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/kratix/marketplace',
);
const load = (name: string) =>
  parsePromiseYaml(
    fs.readFileSync(path.join(marketplace, name, 'promise.yaml'), 'utf8'),
  );

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof RequestValidationError) {
      return error.problems.map(p => `${p.field}: ${p.message}`);
    }
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('buildResourceRequest', () => {
  const app = load('app-as-a-service');
  const postgres = load('postgresql');

  it('fills defaults, nested ones included', () => {
    const { request } = buildResourceRequest(app, {
      name: 'todoer',
      parameters: { name: 'todoer', image: 'syntasso/todo:1' },
    });
    expect(request).toEqual({
      apiVersion: 'marketplace.kratix.io/v1',
      kind: 'app',
      metadata: { name: 'todoer', namespace: 'default' },
      spec: {
        name: 'todoer',
        image: 'syntasso/todo:1',
        dbDriver: 'none',
        service: { port: 8080 },
      },
    });
  });

  it('names every bad field: required, enum, type, unknown', () => {
    expect(
      problemsOf(() =>
        buildResourceRequest(app, {
          name: 'todoer',
          parameters: {
            dbDriver: 'mysql',
            service: { port: 'http' },
            colour: 'red',
          },
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'spec.name: is required',
        'spec.image: is required',
        'spec.dbDriver: must be one of "postgresql", "none"',
        'spec.service.port: must be integer',
        "spec.colour: is not in the Promise's schema",
      ]),
    );
  });

  it('notes the marketplace\'s "regex" with lookarounds, which RE2 refuses, as not enforced', () => {
    const ok = buildResourceRequest(app, {
      name: 'todoer',
      parameters: { name: '-not-a-label-', image: 'x' },
    });
    expect(ok.notes.map(n => `${n.field}: ${n.message}`)).toEqual([
      'spec.name: uses "regex", which OpenAPI does not know; read as "pattern"',
      'spec.name: pattern quantifier "{,n}" is not ECMAScript; read as "{0,n}"',
      expect.stringMatching(
        /^spec\.name: pattern ".*" is not a valid regular expression \(RE2, the API server's engine, refuses it: .*`\(\?!`\); it is not enforced$/,
      ),
    ]);
  });

  it('refuses names that are not DNS labels, and a namespace override in the spec', () => {
    expect(
      problemsOf(() =>
        buildResourceRequest(postgres, {
          name: '../../etc/passwd',
          namespace: 'kube-system\n---',
          parameters: { metadata: { namespace: 'kube-system' } },
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^metadata\.name: must be a DNS label/),
      'metadata.namespace: must be a DNS label',
      "spec.metadata: is not in the Promise's schema",
    ]);
  });

  it('keeps YAML and template injection probes as plain values', () => {
    const { request } = buildResourceRequest(postgres, {
      name: 'db',
      parameters: {
        dbName: 'x\n---\nkind: ClusterRoleBinding',
        teamId: "${{ ''.constructor.constructor('return process')() }}",
      },
    });
    expect(request.spec.dbName).toBe('x\n---\nkind: ClusterRoleBinding');
    expect(request.spec.teamId).toBe(
      "${{ ''.constructor.constructor('return process')() }}",
    );
  });

  it('refuses prototype-pollution keys instead of merging them', () => {
    const parameters = JSON.parse(
      '{"__proto__": {"polluted": true}, "dbName": "x"}',
    );
    expect(
      problemsOf(() =>
        buildResourceRequest(postgres, { name: 'db', parameters }),
      ),
    ).toEqual(["spec.__proto__: is not in the Promise's schema"]);
    expect(({} as any).polluted).toBeUndefined();
  });

  describe('with patterns from the catalog', () => {
    const promiseOf = (
      specSchema: PromiseApi['specSchema'],
      promiseName = 'patterns',
    ): PromiseApi => ({
      promiseName,
      group: 'platform.lab.local',
      version: 'v1',
      kind: 'Patterned',
      plural: 'patterneds',
      namespaced: true,
      specSchema,
    });
    afterEach(() => jest.restoreAllMocks());

    it.each([['(.*.*)*!'], ['^((a+)+)+$'], ['^(a|a)*$']])(
      'matches the catastrophic %s in linear time and reports the mismatch',
      pattern => {
        const api = promiseOf(
          { type: 'object', properties: { name: { type: 'string', pattern } } },
          `catastrophic-${pattern}`,
        );
        expect(
          problemsOf(() =>
            buildResourceRequest(api, {
              name: 'x',
              parameters: { name: `${'a'.repeat(50_000)}?` },
            }),
          ),
        ).toEqual([`spec.name: must match pattern "${pattern}"`]);
      },
    );

    it('compiles a Promise version once, and again when its schema changes', () => {
      const compile = jest.spyOn(Ajv.prototype, 'compile');
      const schema = {
        type: 'object',
        properties: { size: { type: 'string', pattern: '^[0-9]+Gi$' } },
      };
      const api = promiseOf(schema, 'compiled-once');
      buildResourceRequest(api, { name: 'a', parameters: { size: '1Gi' } });
      expect(
        problemsOf(() =>
          buildResourceRequest(
            { ...api, specSchema: structuredClone(schema) },
            { name: 'b', parameters: { size: 'big' } },
          ),
        ),
      ).toEqual(['spec.size: must match pattern "^[0-9]+Gi$"']);
      expect(compile).toHaveBeenCalledTimes(1);

      const v2 = {
        ...api,
        version: 'v2',
        specSchema: {
          type: 'object',
          properties: { size: { type: 'string', pattern: '^[0-9]+Ti$' } },
        },
      };
      buildResourceRequest(v2, { name: 'c', parameters: { size: '1Ti' } });
      buildResourceRequest(v2, { name: 'd', parameters: { size: '2Ti' } });
      expect(compile).toHaveBeenCalledTimes(2);
    });

    it('enforces "regex" as a pattern, "{,n}" read as "{0,n}"', () => {
      const api = promiseOf(
        {
          type: 'object',
          properties: { name: { type: 'string', regex: '^[a-z]{,5}$' } },
        },
        'regex',
      );
      expect(
        buildResourceRequest(api, { name: 'x', parameters: { name: 'abc' } })
          .notes,
      ).toHaveLength(2);
      expect(
        problemsOf(() =>
          buildResourceRequest(api, {
            name: 'x',
            parameters: { name: 'abcdef' },
          }),
        ),
      ).toEqual(['spec.name: must match pattern "^[a-z]{0,5}$"']);
    });

    it('keeps a bounded number of compiled schemas, least recently used out first', () => {
      const compile = jest.spyOn(Ajv.prototype, 'compile');
      const api = (n: number) =>
        promiseOf(
          { type: 'object', properties: { n: { type: 'string' } } },
          `bounded-${n}`,
        );
      for (let n = 0; n <= COMPILED_SCHEMA_CACHE_SIZE; n++) {
        buildResourceRequest(api(n), { name: 'x', parameters: {} });
      }
      expect(compile).toHaveBeenCalledTimes(COMPILED_SCHEMA_CACHE_SIZE + 1);
      // the newest are kept, the oldest was let go
      buildResourceRequest(api(COMPILED_SCHEMA_CACHE_SIZE), {
        name: 'x',
        parameters: {},
      });
      expect(compile).toHaveBeenCalledTimes(COMPILED_SCHEMA_CACHE_SIZE + 1);
      buildResourceRequest(api(0), { name: 'x', parameters: {} });
      expect(compile).toHaveBeenCalledTimes(COMPILED_SCHEMA_CACHE_SIZE + 2);
    });

    it('enforces RE2 syntax that ECMAScript lacks, as the API server does', () => {
      const api = promiseOf(
        {
          type: 'object',
          properties: {
            word: { type: 'string', pattern: '^[[:alpha:]]+$' },
            shout: { type: 'string', pattern: '(?i)^hello$' },
          },
        },
        're2-syntax',
      );
      const ok = buildResourceRequest(api, {
        name: 'x',
        parameters: { word: 'abc', shout: 'HeLLo' },
      });
      expect(ok.notes).toEqual([]);
      expect(
        problemsOf(() =>
          buildResourceRequest(api, {
            name: 'x',
            parameters: { word: 'a1', shout: 'bye' },
          }),
        ),
      ).toEqual([
        'spec.word: must match pattern "^[[:alpha:]]+$"',
        'spec.shout: must match pattern "(?i)^hello$"',
      ]);
    });

    it('notes a lookahead, which RE2 and the API server refuse, as not enforced', () => {
      const api = promiseOf(
        {
          type: 'object',
          properties: {
            password: { type: 'string', pattern: '^(?=.*[0-9]).{8,}$' },
          },
        },
        'lookahead',
      );
      const { notes, request } = buildResourceRequest(api, {
        name: 'x',
        parameters: { password: 'no digits here' },
      });
      expect(request.spec.password).toBe('no digits here');
      expect(notes).toEqual([
        {
          field: 'spec.password',
          message: expect.stringMatching(
            /^pattern "\^\(\?=\.\*\[0-9\]\)\.\{8,\}\$" is not a valid regular expression \(RE2, the API server's engine, refuses it: .*\); it is not enforced$/,
          ),
        },
      ]);
    });

    it('refuses a schema that cannot be compiled with a PromiseError', () => {
      const api = promiseOf(
        { type: 'object', patternProperties: { '(?=x)': { type: 'string' } } },
        'uncompilable',
      );
      expect(() =>
        buildResourceRequest(api, { name: 'x', parameters: {} }),
      ).toThrow(PromiseError);
    });
  });
});
