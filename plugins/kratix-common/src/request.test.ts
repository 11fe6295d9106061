import fs from 'node:fs';
import path from 'node:path';
import { parsePromiseYaml } from './promise';
import { RequestValidationError, buildResourceRequest } from './request';

const marketplace = path.resolve(
  __dirname,
  '../../../../shared/fixtures/kratix/marketplace',
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

  it('enforces the Promise\'s "regex" as a pattern, and says it did', () => {
    const ok = buildResourceRequest(app, {
      name: 'todoer',
      parameters: { name: 'todo-app', image: 'x' },
    });
    expect(ok.notes.map(n => `${n.field}: ${n.message}`)).toEqual([
      'spec.name: uses "regex", which OpenAPI does not know; read as "pattern"',
      'spec.name: pattern quantifier "{,n}" is not ECMAScript; read as "{0,n}"',
    ]);
    expect(
      problemsOf(() =>
        buildResourceRequest(app, {
          name: 'todoer',
          parameters: { name: '-bad-', image: 'x' },
        }),
      ),
    ).toEqual([expect.stringMatching(/^spec\.name: must match pattern/)]);
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
});
