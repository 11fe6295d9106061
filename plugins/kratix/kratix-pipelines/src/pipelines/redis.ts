import {
  generatedInVault,
  labelsFor,
  secretFromVault,
  vaultKey,
} from '../common';
import { homelab } from '../homelab';
import { Pipeline } from '../runner';
import { KubeObject } from '../schemas';

export interface RedisSpec {
  mode: 'cache' | 'persistent';
  memoryMi: number;
  replicas: 1 | 3;
}

/**
 * The container's start script. It is a constant: every value of the
 * request reaches it through environment variables, quoted, never by
 * splicing text into the script.
 */
export const REDIS_START = [
  'set -eu',
  'set -- --port 6379 --dir /data --requirepass "$REDIS_PASSWORD" --masterauth "$REDIS_PASSWORD"',
  'set -- "$@" --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy "$REDIS_MAXMEMORY_POLICY"',
  'set -- "$@" --appendonly "$REDIS_APPENDONLY" --save "$REDIS_SAVE"',
  'if [ "${HOSTNAME##*-}" != "0" ]; then set -- "$@" --replicaof "$REDIS_PRIMARY" 6379; fi',
  'exec redis-server "$@"',
].join('\n');

/**
 * A Redis StatefulSet: pod 0 is the primary, any others replicate it (read
 * replicas; there is no Sentinel, so no automatic failover). `cache` keeps
 * nothing on disk and evicts least-recently-used keys at the memory limit;
 * `persistent` writes an append-only file to a Longhorn volume and refuses
 * writes at the limit instead of losing data. Its password is generated in
 * the cluster and kept in Vault; a NetworkPolicy lets only pods of the
 * request's namespace connect.
 */
export const redisPipeline: Pipeline<RedisSpec> = {
  promise: 'redis',
  build(request) {
    const { name, namespace, spec } = request;
    const labels = labelsFor('redis', request, 'cache');
    const selector = {
      'app.kubernetes.io/name': 'redis',
      'app.kubernetes.io/instance': name,
    };
    const podLabels = { ...labels, ...selector };
    const persistent = spec.mode === 'persistent';
    // Leave a fifth of the container's memory for Redis' own overhead.
    const maxMemoryMb = Math.floor(spec.memoryMi * 0.8);
    const volumeGi = Math.max(1, Math.ceil((spec.memoryMi * 2) / 1024));
    const key = vaultKey('redis', request);
    const authSecret = `${name}-auth`;
    const headless = `${name}-headless`;

    const statefulSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, namespace, labels },
      spec: {
        serviceName: headless,
        replicas: spec.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: podLabels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 999,
              runAsGroup: 999,
              fsGroup: 999,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'redis',
                image: homelab.images.redis,
                command: ['/bin/sh', '-c', REDIS_START],
                env: [
                  {
                    name: 'REDIS_PASSWORD',
                    valueFrom: {
                      secretKeyRef: { name: authSecret, key: 'password' },
                    },
                  },
                  { name: 'REDIS_MAXMEMORY', value: `${maxMemoryMb}mb` },
                  {
                    name: 'REDIS_MAXMEMORY_POLICY',
                    value: persistent ? 'noeviction' : 'allkeys-lru',
                  },
                  {
                    name: 'REDIS_APPENDONLY',
                    value: persistent ? 'yes' : 'no',
                  },
                  { name: 'REDIS_SAVE', value: persistent ? '3600 1' : '' },
                  {
                    name: 'REDIS_PRIMARY',
                    value: `${name}-0.${headless}.${namespace}.svc`,
                  },
                ],
                ports: [{ name: 'redis', containerPort: 6379 }],
                readinessProbe: {
                  tcpSocket: { port: 'redis' },
                  periodSeconds: 5,
                },
                livenessProbe: {
                  tcpSocket: { port: 'redis' },
                  initialDelaySeconds: 10,
                  periodSeconds: 10,
                },
                resources: {
                  requests: { cpu: '50m', memory: `${spec.memoryMi}Mi` },
                  limits: { memory: `${spec.memoryMi}Mi` },
                },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              },
            ],
            ...(persistent
              ? {}
              : { volumes: [{ name: 'data', emptyDir: {} }] }),
          },
        },
        ...(persistent
          ? {
              volumeClaimTemplates: [
                {
                  metadata: { name: 'data', labels },
                  spec: {
                    accessModes: ['ReadWriteOnce'],
                    storageClassName: homelab.storageClass,
                    resources: { requests: { storage: `${volumeGi}Gi` } },
                  },
                },
              ],
            }
          : {}),
      },
    };

    const service = (
      serviceName: string,
      podSelector: Record<string, string>,
      headlessService = false,
    ): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: serviceName, namespace, labels },
      spec: {
        ...(headlessService
          ? { clusterIP: 'None', publishNotReadyAddresses: true }
          : {}),
        selector: podSelector,
        ports: [{ name: 'redis', port: 6379, targetPort: 'redis' }],
      },
    });

    const objects: KubeObject[] = [
      ...generatedInVault({
        name: `${name}-password`,
        namespace,
        labels,
        vaultKey: key,
        property: 'password',
      }),
      secretFromVault({
        name: authSecret,
        namespace,
        labels,
        data: { password: { key, property: 'password' } },
      }),
      statefulSet,
      service(headless, selector, true),
      // Writes go to the primary only.
      service(name, {
        ...selector,
        'statefulset.kubernetes.io/pod-name': `${name}-0`,
      }),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name, namespace, labels },
        spec: {
          podSelector: { matchLabels: selector },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ podSelector: {} }],
              ports: [{ protocol: 'TCP', port: 6379 }],
            },
          ],
        },
      },
    ];
    if (spec.replicas > 1) {
      objects.push(service(`${name}-read`, selector));
    }

    return {
      objects,
      status: {
        message: `Redis (${spec.mode}, ${spec.memoryMi} MiB, ${spec.replicas} replica(s)) at ${name}.${namespace}.svc:6379`,
        host: `${name}.${namespace}.svc`,
        port: 6379,
        ...(spec.replicas > 1
          ? { readHost: `${name}-read.${namespace}.svc` }
          : {}),
        vaultKey: key,
      },
    };
  },
};
