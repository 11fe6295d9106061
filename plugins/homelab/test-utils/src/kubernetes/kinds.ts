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

/*
 * The kinds the fake Kubernetes API server serves besides those of the CRDs it
 * is given, each with how an object of it is validated.
 */

export type Crd = {
  spec: {
    group: string;
    scope?: string;
    names: { kind: string; plural: string };
    versions: Array<{ name: string; schema?: { openAPIV3Schema?: object } }>;
  };
};

export type Kind = {
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
export const BUILT_IN_KINDS: Kind[] = (
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
export const METRICS_KINDS: Kind[] = METRICS_SCHEMAS.map(
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
