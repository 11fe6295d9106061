import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { homelab } from './homelab';
import { KubeObject } from './schemas';
import { ResourceRequest } from './runner';

/** Labels on every output, so the portal and kubectl find what a request made. */
export function labelsFor(
  promise: string,
  request: ResourceRequest<unknown>,
  component?: string,
): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'kratix',
    'app.kubernetes.io/instance': request.name,
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'homelab-portal.io/promise': promise,
    'homelab-portal.io/request-namespace': request.namespace,
  };
}

/** A short, stable digest of what a Job does: a changed request gets a new Job. */
export function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value))
    .digest('hex')
    .slice(0, 8);
}

/** The Vault key (KV v2, under the ESO store's mount) of a request's secret. */
export function vaultKey(
  promise: string,
  request: ResourceRequest<unknown>,
): string {
  return `${homelab.vault.prefix}/${promise}/${request.namespace}/${request.name}`;
}

const storeRef = () => ({ ...homelab.vault.store });

/**
 * A secret generated in the cluster and kept in Vault: External Secrets'
 * Password generator makes it, a PushSecret writes it to Vault once
 * (IfNotExists: a later run never replaces it). No value is ever in Git.
 */
export function generatedInVault(options: {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  vaultKey: string;
  property: string;
  length?: number;
}): KubeObject[] {
  const generator: KubeObject = {
    apiVersion: 'generators.external-secrets.io/v1alpha1',
    kind: 'Password',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
    },
    spec: {
      length: options.length ?? 32,
      digits: 6,
      // Letters and digits only: safe in URLs, env and config files.
      symbols: 0,
      noUpper: false,
      allowRepeat: true,
    },
  };
  const push: KubeObject = {
    apiVersion: 'external-secrets.io/v1alpha1',
    kind: 'PushSecret',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
    },
    spec: {
      refreshInterval: '1h',
      updatePolicy: 'IfNotExists',
      deletionPolicy: 'None',
      secretStoreRefs: [storeRef()],
      selector: {
        generatorRef: {
          apiVersion: 'generators.external-secrets.io/v1alpha1',
          kind: 'Password',
          name: options.name,
        },
      },
      data: [
        {
          match: {
            secretKey: 'password',
            remoteRef: {
              remoteKey: options.vaultKey,
              property: options.property,
            },
          },
        },
      ],
    },
  };
  return [generator, push];
}

/** A Kubernetes Secret that External Secrets fills from Vault keys. */
export function secretFromVault(options: {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** Secret key -> Vault key and property */
  data: Record<string, { key: string; property: string }>;
  /** plain, non-secret values to put beside them (no template syntax) */
  literals?: Record<string, string>;
}): KubeObject {
  const literals = options.literals ?? {};
  for (const [key, value] of Object.entries(literals)) {
    // External Secrets renders templates: a literal must stay literal.
    if (!/^[A-Za-z0-9._:/@-]*$/.test(value)) {
      throw new InputError(
        `${key} ${JSON.stringify(value)} is not a plain value`,
      );
    }
  }
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
    },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: storeRef(),
      target: {
        name: options.name,
        creationPolicy: 'Owner',
        ...(Object.keys(literals).length > 0
          ? {
              template: {
                engineVersion: 'v2',
                mergePolicy: 'Merge',
                data: literals,
              },
            }
          : {}),
      },
      data: Object.entries(options.data).map(([secretKey, ref]) => ({
        secretKey,
        remoteRef: { key: ref.key, property: ref.property },
      })),
    },
  };
}
