import { stringify } from 'yaml';
import { serialize } from './contract';
import { bucketPipeline, postgresqlPipeline } from './pipelines';
import { KubeObject, strictSchema, validateObject } from './schemas';

// A first run reads and compiles the CRDs (CloudNativePG's is 470 kB): on a
// busy machine that alone can pass Jest's 5 s default.
jest.setTimeout(30_000);

const request = (spec: any) => ({ name: 'db', namespace: 'apps', spec });
const pgSpec = {
  databaseName: 'app',
  ownerRole: 'app',
  version: '17',
  storageGi: 5,
  backup: { enabled: true, schedule: '0 * * * *', retentionDays: 3 },
};
const built = (): KubeObject[] =>
  structuredClone(postgresqlPipeline.build(request(pgSpec)).objects);
const ofKind = (objects: KubeObject[], kind: string): any =>
  objects.find(o => o.kind === kind);

describe('validateObject', () => {
  it("accepts what the pipelines build, against CloudNativePG's and External Secrets' CRDs", () => {
    for (const object of built()) {
      expect(() => validateObject(object)).not.toThrow();
    }
  });

  it('refuses a misspelt field, as kubectl --validate=strict would', () => {
    const cluster = ofKind(built(), 'Cluster');
    cluster.spec.storage.storgeClass = 'longhorn';
    expect(() => validateObject(cluster)).toThrow(
      /Cluster db is not a valid postgresql\.cnpg\.io\/v1\/Cluster: \/spec\/storage must NOT have additional properties \(storgeClass\)/,
    );
  });

  it("refuses what CloudNativePG's schema refuses", () => {
    const cluster = ofKind(built(), 'Cluster');
    cluster.spec.backup.retentionPolicy = '3 days';
    expect(() => validateObject(cluster)).toThrow(
      /\/spec\/backup\/retentionPolicy must match pattern/,
    );
    const scheduled = ofKind(built(), 'ScheduledBackup');
    delete scheduled.spec.schedule;
    expect(() => validateObject(scheduled)).toThrow(
      /must have required property 'schedule'/,
    );
    const push = ofKind(built(), 'PushSecret');
    push.spec.updatePolicy = 'Sometimes';
    expect(() => validateObject(push)).toThrow(
      /updatePolicy must be equal to one of/,
    );
  });

  it("checks Kubernetes' own kinds with kubernetes-models", () => {
    const objects = structuredClone(
      bucketPipeline.build({
        name: 'b',
        namespace: 'apps',
        spec: {
          bucketName: 'b-1',
          quotaGi: 1,
          versioning: false,
          retentionDays: 0,
        },
      }).objects,
    );
    const job = ofKind(objects, 'Job');
    job.spec.template.spec.containers[0].env[0].value = 42;
    expect(() => validateObject(job)).toThrow(
      /Job .* is not a valid batch\/v1\/Job: .*must be string/,
    );
    const config = ofKind(objects, 'ConfigMap');
    config.data = { 'policy.json': { not: 'a string' } };
    expect(() => validateObject(config)).toThrow(/not a valid v1\/ConfigMap/);
  });

  it('checks names, namespaces and labels on every kind', () => {
    const cluster = ofKind(built(), 'Cluster');
    expect(() =>
      validateObject({
        ...cluster,
        metadata: { ...cluster.metadata, name: 'a..b' },
      }),
    ).toThrow(/metadata\.name "a\.\.b" is not an RFC 1123 label/);
    expect(() =>
      validateObject({ ...cluster, metadata: { name: 'db' } }),
    ).toThrow(/metadata\.namespace is missing/);
    expect(() =>
      validateObject({
        ...cluster,
        metadata: { ...cluster.metadata, labels: { a: 'x\n---' } },
      }),
    ).toThrow(/label a=x/);
  });

  it('refuses a kind it has no schema for', () => {
    expect(() =>
      validateObject({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'x', namespace: 'apps' },
      }),
    ).toThrow(
      /no schema is known for rbac\.authorization\.k8s\.io\/v1\/ClusterRoleBinding/,
    );
  });
});

describe('strictSchema', () => {
  it('closes objects that list properties, unless they preserve unknown fields', () => {
    expect(
      strictSchema({
        type: 'object',
        properties: {
          a: { type: 'object', properties: { b: { type: 'string' } } },
          m: { type: 'object', additionalProperties: { type: 'string' } },
          p: {
            type: 'object',
            properties: { c: { type: 'string' } },
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      }),
    ).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        a: {
          type: 'object',
          additionalProperties: false,
          properties: { b: { type: 'string' } },
        },
        m: { type: 'object', additionalProperties: { type: 'string' } },
        p: {
          type: 'object',
          properties: { c: { type: 'string' } },
          'x-kubernetes-preserve-unknown-fields': true,
        },
      },
    });
  });
});

describe('serialize', () => {
  it('keeps a hostile value inside its field', () => {
    const text = serialize([
      { data: { v: 'x\n---\nkind: ClusterRoleBinding' } },
    ]);
    expect(text).toBe(
      stringify(
        { data: { v: 'x\n---\nkind: ClusterRoleBinding' } },
        { lineWidth: 0 },
      ),
    );
    expect(text.split('\n').some(line => line === '---')).toBe(false);
  });
});
