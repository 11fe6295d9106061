import Ajv from 'ajv';
import {
  DaemonSet,
  Deployment,
  ReplicaSet,
  StatefulSet,
} from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ResourceQuota,
  Service,
} from 'kubernetes-models/v1';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

type Crd = {
  spec: {
    group: string;
    scope?: string;
    names: { kind: string; plural: string };
    versions: Array<{ name: string; schema?: { openAPIV3Schema?: object } }>;
  };
};

type Kind = {
  /** '' for the core API (`/api/v1`) */
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** the reason the object is invalid, or undefined */
  validate: (object: unknown) => string | undefined;
};

type Model = {
  new (data: any): { validate(): void };
  apiVersion: string;
  kind: string;
};

/**
 * The built-in kinds it serves too (those the Kubernetes plugin reads,
 * Nodes and Namespaces, and the disruption budgets and volumes that decide
 * whether a workload survives losing a node), each checked with kubernetes-models, which is
 * generated from Kubernetes' own OpenAPI schemas.
 */
const BUILT_IN_KINDS: Kind[] = (
  [
    [Node, 'nodes', false],
    [Namespace, 'namespaces', false],
    [Pod, 'pods', true],
    [Service, 'services', true],
    [ConfigMap, 'configmaps', true],
    [LimitRange, 'limitranges', true],
    [ResourceQuota, 'resourcequotas', true],
    [Deployment, 'deployments', true],
    [ReplicaSet, 'replicasets', true],
    [StatefulSet, 'statefulsets', true],
    [DaemonSet, 'daemonsets', true],
    [HorizontalPodAutoscaler, 'horizontalpodautoscalers', true],
    [Job, 'jobs', true],
    [CronJob, 'cronjobs', true],
    [Ingress, 'ingresses', true],
    [PodDisruptionBudget, 'poddisruptionbudgets', true],
    [PersistentVolumeClaim, 'persistentvolumeclaims', true],
    [PersistentVolume, 'persistentvolumes', false],
  ] as Array<[Model, string, boolean]>
).map(([ModelClass, plural, namespaced]) => {
  const [group, version] = ModelClass.apiVersion.includes('/')
    ? ModelClass.apiVersion.split('/')
    : ['', ModelClass.apiVersion];
  return {
    group,
    version,
    kind: ModelClass.kind,
    plural,
    namespaced,
    validate: (object: unknown) => {
      try {
        new ModelClass(object).validate();
        return undefined;
      } catch (error) {
        return String(error);
      }
    },
  };
});

// metrics.k8s.io/v1beta1 (metrics-server), which no fixture holds: its
// PodMetrics and NodeMetrics as k8s.io/metrics pkg/apis/metrics/v1beta1
// types.go defines them (timestamp, window and usage required; usage a
// ResourceList of quantities, in the quantity format kubernetes-models checks
// for every other kind). metrics-server serves them read-only, as here.
const QUANTITY_PATTERN =
  '^[+-]?(?:\\d+|\\d+\\.\\d+|\\d+\\.|\\.\\d+)(?:[KMGTPE]i|(?:[YZEPTGMkhdcmunpfazy]|da)|[eE][+-]?(?:\\d+|\\d+\\.\\d+|\\d+\\.|\\.\\d+))?$';
// metav1.Time: RFC 3339, to the second, in UTC as the API server writes it
const RFC3339 =
  '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$';
const resourceList = {
  type: 'object',
  additionalProperties: { type: 'string', pattern: QUANTITY_PATTERN },
};
const metricsMeta = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    creationTimestamp: { type: 'string', pattern: RFC3339 },
  },
};
const metricsCommon = {
  apiVersion: { const: 'metrics.k8s.io/v1beta1' },
  metadata: metricsMeta,
  timestamp: { type: 'string', pattern: RFC3339 },
  // a Go duration as metav1.Duration marshals it
  window: { type: 'string', pattern: '^(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+$' },
};
const METRICS_SCHEMAS: Array<[string, string, boolean, object]> = [
  [
    'PodMetrics',
    'pods',
    true,
    {
      type: 'object',
      additionalProperties: false,
      required: [
        'apiVersion',
        'kind',
        'metadata',
        'timestamp',
        'window',
        'containers',
      ],
      properties: {
        ...metricsCommon,
        kind: { const: 'PodMetrics' },
        containers: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'usage'],
            properties: { name: { type: 'string' }, usage: resourceList },
          },
        },
      },
    },
  ],
  [
    'NodeMetrics',
    'nodes',
    false,
    {
      type: 'object',
      additionalProperties: false,
      required: [
        'apiVersion',
        'kind',
        'metadata',
        'timestamp',
        'window',
        'usage',
      ],
      properties: {
        ...metricsCommon,
        kind: { const: 'NodeMetrics' },
        usage: resourceList,
      },
    },
  ],
];
const METRICS_KINDS: Kind[] = METRICS_SCHEMAS.map(
  ([kind, plural, namespaced, schema]) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    return {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      kind,
      plural,
      namespaced,
      validate: (object: unknown) =>
        validate(object) ? undefined : JSON.stringify(validate.errors),
    };
  },
);

/**
 * The field selectors the API server supports for the kinds read here
 * (metadata.name and metadata.namespace everywhere; spec.nodeName and
 * status.phase on Pods), with = , == and !=; any other field is refused, as
 * the API server refuses it (400).
 */
function fieldSelectorFilter(
  kind: Kind,
  selector: string | null,
): ((object: any) => boolean) | string {
  const fields: Record<string, (o: any) => string | undefined> = {
    'metadata.name': o => o.metadata?.name,
    'metadata.namespace': o => o.metadata?.namespace,
    ...(kind.kind === 'Pod' && !kind.group
      ? {
          'spec.nodeName': o => o.spec?.nodeName ?? '',
          'status.phase': o => o.status?.phase ?? '',
        }
      : {}),
  };
  const terms: Array<(object: any) => boolean> = [];
  for (const term of (selector ?? '').split(',').filter(Boolean)) {
    const m = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(term);
    const read = m && fields[m[1]];
    if (!m || !read) {
      return `field label not supported: ${m?.[1] ?? term}`;
    }
    const [, , op, value] = m;
    terms.push(o => (op === '!=' ? read(o) !== value : read(o) === value));
  }
  return object => terms.every(t => t(object));
}

/** Whether labels match a label selector's equality, inequality and existence terms. */
function matchesSelector(
  labels: Record<string, string> = {},
  selector: string | null,
): boolean {
  return (selector ?? '')
    .split(',')
    .filter(Boolean)
    .every(term => {
      const m = /^\s*(!?)([^!=\s]+)\s*(?:(!=|==|=)\s*(.*?))?\s*$/.exec(term);
      if (!m) return false;
      const [, not, key, op, value] = m;
      if (!op) return not ? !(key in labels) : key in labels;
      return op === '!=' ? labels[key] !== value : labels[key] === value;
    });
}

/**
 * For tests: a stand-in for the Kubernetes API server built from real CRDs
 * (and the built-in kinds above). Every object put into it is checked against
 * its CRD's openAPIV3Schema (or Kubernetes' own schema) first, as the API
 * server would, and it answers GETs of lists (with `limit`, `continue` and
 * `labelSelector`, across namespaces or in one) and of single objects with
 * the API server's shapes, including `Status` objects for 401 and 404, and
 * API discovery (`/api`, `/apis`: the groups it serves). It asks for a bearer
 * token.
 */
export class FakeKubeApi {
  readonly requests: string[] = [];
  /** Answer every request with this status until cleared (an outage). */
  outage?: number;
  private readonly kinds: Kind[] = [...BUILT_IN_KINDS, ...METRICS_KINDS];
  private readonly objects = new Map<string, any>();
  private server?: Server;

  /** The bearer token it accepts; set it to rotate the token. */
  constructor(crds: Crd[], public token = 'kube-token') {
    for (const crd of crds) {
      for (const version of crd.spec.versions) {
        const ajv = new Ajv({
          strict: false,
          allErrors: true,
          validateFormats: false,
        });
        const validate = ajv.compile(version.schema?.openAPIV3Schema ?? {});
        this.kinds.push({
          group: crd.spec.group,
          version: version.name,
          kind: crd.spec.names.kind,
          plural: crd.spec.names.plural,
          namespaced: (crd.spec.scope ?? 'Namespaced') === 'Namespaced',
          validate: object =>
            validate(object) ? undefined : JSON.stringify(validate.errors),
        });
      }
    }
  }

  private kindOf(apiVersion: string, kind: string): Kind {
    const found = this.kinds.find(
      k =>
        (k.group ? `${k.group}/${k.version}` : k.version) === apiVersion &&
        k.kind === kind,
    );
    if (!found) throw new Error(`no CRD for ${kind} in ${apiVersion}`);
    return found;
  }

  private key(k: Kind, namespace: string | undefined, name: string) {
    return `${k.group}/${k.version}/${k.plural}/${
      k.namespaced ? namespace ?? 'default' : ''
    }/${name}`;
  }

  /** Creates or replaces an object, after checking it against its CRD. */
  put(object: any): void {
    const k = this.kindOf(object.apiVersion, object.kind);
    const invalid = k.validate(object);
    if (invalid) {
      throw new Error(`not a valid ${k.kind} per its schema: ${invalid}`);
    }
    const key = this.key(k, object.metadata?.namespace, object.metadata.name);
    const previous = this.objects.get(key);
    this.objects.set(key, {
      ...object,
      metadata: {
        ...object.metadata,
        ...(k.namespaced
          ? { namespace: object.metadata.namespace ?? 'default' }
          : {}),
        // the API server assigns it; a test may give one, to refer to it
        // in another object's ownerReferences
        uid:
          previous?.metadata?.uid ??
          object.metadata.uid ??
          `uid-${this.objects.size + 1}`,
        resourceVersion: String(Date.now()),
      },
    });
  }

  /** Merges a status into an existing object (as a controller's status update). */
  setStatus(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
    status: object,
  ) {
    const k = this.kindOf(apiVersion, kind);
    const object = this.objects.get(this.key(k, namespace, name));
    if (!object) throw new Error(`no ${kind} ${name}`);
    this.put({ ...object, status });
  }

  delete(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ) {
    this.objects.delete(
      this.key(this.kindOf(apiVersion, kind), namespace, name),
    );
  }

  /** `/apis`: the groups it serves (built-in and CRDs), as API discovery lists them. */
  private apiGroups() {
    const groups = new Map<string, string[]>();
    for (const k of this.kinds.filter(c => c.group)) {
      const versions = groups.get(k.group) ?? [];
      if (!versions.includes(k.version)) versions.push(k.version);
      groups.set(k.group, versions);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => ({
        name,
        versions: versions.map(version => ({
          groupVersion: `${name}/${version}`,
          version,
        })),
        preferredVersion: {
          groupVersion: `${name}/${versions[0]}`,
          version: versions[0],
        },
      })),
    };
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const json = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      const failure = (code: number, reason: string, message: string) =>
        json(code, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message,
          reason,
          code,
        });
      if (this.outage) {
        failure(
          this.outage,
          'ServiceUnavailable',
          'the server is currently unable to handle the request',
        );
        return;
      }
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        failure(401, 'Unauthorized', 'Unauthorized');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://kube');
      if (url.pathname === '/api') {
        json(200, { kind: 'APIVersions', versions: ['v1'] });
        return;
      }
      if (url.pathname === '/apis') {
        json(200, this.apiGroups());
        return;
      }
      const match = url.pathname.match(
        /^\/(?:api\/()|apis\/([^/]+)\/)([^/]+)\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?$/,
      );
      const [, core, apiGroup, version, namespace, plural, name] = match ?? [];
      const group = core === undefined ? apiGroup : '';
      const k =
        match &&
        this.kinds.find(
          c =>
            c.group === group && c.version === version && c.plural === plural,
        );
      if (!match || !k || (k.namespaced !== Boolean(namespace) && name)) {
        failure(
          404,
          'NotFound',
          'the server could not find the requested resource',
        );
        return;
      }
      if (name) {
        const object = this.objects.get(
          this.key(k, namespace, decodeURIComponent(name)),
        );
        if (!object) {
          failure(
            404,
            'NotFound',
            `${
              k.group ? `${k.plural}.${k.group}` : k.plural
            } "${decodeURIComponent(name)}" not found`,
          );
          return;
        }
        json(200, object);
        return;
      }
      const prefix = `${k.group}/${k.version}/${k.plural}/${namespace ?? ''}`;
      const selector = url.searchParams.get('labelSelector');
      const byField = fieldSelectorFilter(
        k,
        url.searchParams.get('fieldSelector'),
      );
      if (typeof byField === 'string') {
        failure(400, 'BadRequest', byField);
        return;
      }
      const items = [...this.objects.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .map(([, object]) => object)
        .filter(object => matchesSelector(object.metadata.labels, selector))
        .filter(byField);
      const limit = Number(url.searchParams.get('limit')) || items.length || 1;
      const start = Number(url.searchParams.get('continue') ?? 0) || 0;
      const next = start + limit < items.length ? String(start + limit) : '';
      json(200, {
        apiVersion: k.group ? `${k.group}/${k.version}` : k.version,
        kind: `${k.kind}List`,
        metadata: { resourceVersion: '1', ...(next ? { continue: next } : {}) },
        items: items.slice(start, start + limit),
      });
    });
    // Idle connections outlive fetch's own 4 s, so fetch never reuses one
    // this server is closing (ECONNRESET on a busy machine).
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>(r => this.server!.listen(port, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(r => this.server?.close(r) ?? r(undefined));
  }
}
