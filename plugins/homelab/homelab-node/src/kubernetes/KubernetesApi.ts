import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Config } from '@backstage/config';
import {
  UpstreamError,
  fetchUpstream,
  upstreamFailure,
} from '../upstream/fetchUpstream';

/** The Kubernetes API could not answer as asked. */
export class KubernetesError extends UpstreamError {}

/** A cluster as the Kubernetes plugin configures it (`kubernetes.clusterLocatorMethods`). */
export type Cluster = {
  name: string;
  url: string;
  /** Never logged. */
  serviceAccountToken?: string;
  /**
   * A file holding the token, read again for every request: the kubelet
   * rotates projected service-account tokens (hourly by default), so a token
   * read once at start stops working. Used when no serviceAccountToken is set.
   */
  serviceAccountTokenFile?: string;
  caData?: string;
  skipTLSVerify?: boolean;
};

const SERVICE_ACCOUNT_TOKEN =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The clusters of the Kubernetes plugin's configuration
 * (`kubernetes.clusterLocatorMethods`, type `config`), with their
 * service-account token and CA read as that plugin reads them, so that the
 * homelab's plugins use the clusters the Kubernetes plugin shows.
 */
export function readKubernetesClusters(
  root: Config,
  options: { serviceAccountTokenFile?: string } = {},
): Cluster[] {
  const tokenFile = options.serviceAccountTokenFile ?? SERVICE_ACCOUNT_TOKEN;
  const clusters: Cluster[] = [];
  for (const method of root.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    if (method.getString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const token = cluster.getOptionalString('serviceAccountToken');
      // The pod's own token, read at each request (see serviceAccountTokenFile).
      const serviceAccountTokenFile =
        !token && cluster.getOptionalString('authProvider') === 'serviceAccount'
          ? tokenFile
          : undefined;
      let caData = cluster.getOptionalString('caData');
      const caFile = cluster.getOptionalString('caFile');
      if (!caData && caFile) {
        try {
          caData = readFileSync(caFile).toString('base64');
        } catch {
          caData = undefined;
        }
      }
      clusters.push({
        name: cluster.getString('name'),
        url: cluster.getString('url'),
        serviceAccountToken: token,
        serviceAccountTokenFile,
        caData,
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
      });
    }
  }
  return clusters;
}

/** The cluster's token now: the configured one, or the file's current one. */
async function currentToken(cluster: Cluster): Promise<string | undefined> {
  if (cluster.serviceAccountToken) return cluster.serviceAccountToken;
  if (!cluster.serviceAccountTokenFile) return undefined;
  try {
    return (await readFile(cluster.serviceAccountTokenFile, 'utf8')).trim();
  } catch (error) {
    throw new KubernetesError(
      `Kubernetes (${
        cluster.name
      }): the service-account token cannot be read (${
        (error as NodeJS.ErrnoException).code ?? 'unreadable'
      })`,
    );
  }
}

async function tlsOptions(cluster: Cluster): Promise<object> {
  if (!cluster.caData && !cluster.skipTLSVerify) return {};
  const { Agent } = await import('undici');
  return {
    dispatcher: new Agent({
      connect: {
        ca: cluster.caData
          ? Buffer.from(cluster.caData, 'base64').toString()
          : undefined,
        rejectUnauthorized: !cluster.skipTLSVerify,
      },
    }),
  };
}

/**
 * GETs from a cluster's API server: bearer token, CA, a timeout, and too
 * many requests (429) waited out as Retry-After says (up to 10 s, three
 * times). Failures are KubernetesErrors that name the cluster and the reason,
 * never the token.
 */
export class KubernetesApi {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly options: {
      timeoutMs: number;
      fetch?: typeof fetch;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {
    this.fetch = options.fetch ?? fetch;
  }

  /**
   * GETs `path` (e.g. `/apis/velero.io/v1/...`). Statuses listed in
   * `pass` are returned to the caller instead of thrown (e.g. 404, 410).
   */
  async get(
    cluster: Cluster,
    path: string,
    pass: number[] = [],
    // any: Kubernetes objects of any kind; callers read them with optional chaining
  ): Promise<{ status: number; body?: any }> {
    const url = `${cluster.url.replace(/\/+$/, '')}${path}`;
    const sleep =
      this.options.sleep ?? (ms => new Promise(r => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: 'application/json' };
      const token = await currentToken(cluster);
      if (token) headers.authorization = `Bearer ${token}`;
      const what = `Kubernetes (${cluster.name})`;
      const { response, text } = await fetchUpstream(what, url, {
        headers,
        timeoutMs: this.options.timeoutMs,
        fetch: this.fetch,
        errorClass: KubernetesError,
        ...(await tlsOptions(cluster)),
      });
      if (pass.includes(response.status)) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        return { status: response.status, body };
      }
      if (response.status === 429 && attempt < 3) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await sleep(
          Math.min(
            10,
            Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1,
          ) * 1000,
        );
        continue;
      }
      if (!response.ok) {
        throw upstreamFailure(what, response, text, KubernetesError);
      }
      try {
        return { status: response.status, body: JSON.parse(text) };
      } catch {
        throw new KubernetesError(`${what} answered with an unreadable body`);
      }
    }
  }
}
