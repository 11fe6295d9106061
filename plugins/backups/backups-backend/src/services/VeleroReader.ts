import {
  KubeObject,
  VeleroState,
  toBackup,
  toRestore,
  toSchedule,
} from './veleroObjects';
import {
  Cluster,
  KubernetesApi,
  KubernetesError,
} from '@homelab-portal/plugin-homelab-node';
import { readFile } from 'node:fs/promises';

/** What fetch (undici) rejects with when it cannot connect: the system error in `cause`. */
type FetchFailure = {
  cause?: {
    code?: string;
    message?: string;
    errors?: Array<{ code?: string }>;
  };
};

export { KubernetesError };
export type { Cluster };
export {
  parseGoDuration,
  toBackup,
  toRestore,
  toSchedule,
} from './veleroObjects';
export type {
  KubeObject,
  VeleroBackup,
  VeleroSchedule,
  VeleroState,
} from './veleroObjects';

const MAX_PAGES = 1000;
const PAGE = 500;
/** The longest line a watch may send: one object, however large, is far less. */
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

/** One change to a watched collection, as the API server streams it. */
export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject }
  | { type: 'BOOKMARK'; resourceVersion: string };

/**
 * Lists Velero's Backups, Schedules and Restores through the Kubernetes API,
 * page by page. An expired continue token (410) restarts the list once; too
 * many requests (429) waits as long as Retry-After says (up to 10 s, three
 * times). Objects with missing fields are read, never dropped.
 */
export class VeleroReader {
  private readonly api: KubernetesApi;

  constructor(
    private readonly options: {
      namespace: string;
      timeoutMs: number;
      fetch?: typeof fetch;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {
    this.api = new KubernetesApi(options);
  }

  async read(cluster: Cluster): Promise<VeleroState> {
    const [backups, schedules, restores] = await Promise.all([
      this.list(cluster, 'backups'),
      this.list(cluster, 'schedules'),
      this.list(cluster, 'restores'),
    ]);
    return {
      cluster: cluster.name,
      backups: backups.map(toBackup),
      schedules: schedules.map(toSchedule),
      restores: restores.map(toRestore),
    };
  }

  async list(cluster: Cluster, plural: string): Promise<KubeObject[]> {
    return (await this.listWithVersion(cluster, plural)).items;
  }

  /**
   * The whole collection and the resourceVersion the list was served at: a
   * watch from there sees every change after the list.
   */
  async listWithVersion(
    cluster: Cluster,
    plural: string,
  ): Promise<{ items: KubeObject[]; resourceVersion?: string }> {
    const base = this.path(plural);
    let restarted = false;
    for (;;) {
      const items: KubeObject[] = [];
      let token: string | undefined;
      let expired = false;
      let resourceVersion: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (token) query.set('continue', token);
        const response = await this.api.get(cluster, `${base}?${query}`, [410]);
        if (response.status === 410) {
          expired = true;
          break;
        }
        const body = response.body;
        if (!Array.isArray(body?.items)) {
          throw new KubernetesError(
            `Kubernetes (${cluster.name}) answered ${plural} without items`,
          );
        }
        for (const item of body.items) items.push(item);
        if (page === 0) resourceVersion = body.metadata?.resourceVersion;
        token = body.metadata?.continue || undefined;
        if (!token) {
          return {
            items,
            resourceVersion:
              typeof resourceVersion === 'string' && resourceVersion
                ? resourceVersion
                : undefined,
          };
        }
      }
      if (!expired) {
        throw new KubernetesError(
          `Kubernetes (${cluster.name}) kept paging ${plural} past ${MAX_PAGES} pages`,
        );
      }
      if (restarted) {
        throw new KubernetesError(
          `Kubernetes (${cluster.name}): the ${plural} list expired twice (410)`,
          { status: 410 },
        );
      }
      restarted = true;
    }
  }

  /**
   * Watches a collection from `resourceVersion` until the API server ends
   * the watch (after `timeoutSeconds`): each change goes to `onEvent`, in
   * order. Resolves "ended" then, or "expired" when the API server no
   * longer has history that old (410: list again). Throws a
   * KubernetesError when the watch cannot be opened or breaks, and when
   * nothing at all arrives for `silenceMs` (a connection gone quiet).
   */
  async watch(
    cluster: Cluster,
    plural: string,
    options: {
      resourceVersion: string;
      timeoutSeconds: number;
      silenceMs: number;
      signal: AbortSignal;
      onEvent: (event: WatchEvent) => void;
    },
  ): Promise<'ended' | 'expired'> {
    const query = new URLSearchParams({
      watch: '1',
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(options.timeoutSeconds),
    });
    const url = `${cluster.url.replace(/\/+$/, '')}${this.path(
      plural,
    )}?${query}`;
    const quiet = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(timer);
      timer = setTimeout(() => quiet.abort(), options.silenceMs);
      timer.unref?.();
    };
    const what = `Kubernetes (${cluster.name}): the watch of ${plural}`;
    heard();
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      const token = await clusterToken(cluster);
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await (this.options.fetch ?? fetch)(url, {
        headers,
        signal: AbortSignal.any([options.signal, quiet.signal]),
        ...(await tlsOptions(cluster)),
      } as RequestInit);
      if (response.status === 410) {
        await response.body?.cancel();
        return 'expired';
      }
      if (!response.ok || !response.body) {
        const text = await response.text().catch(() => '');
        let reason = text.slice(0, 200);
        try {
          reason = JSON.parse(text).message ?? reason;
        } catch {
          // not a Status object
        }
        throw new KubernetesError(
          `${what} was refused: HTTP ${response.status}: ${reason}`,
          { status: response.status },
        );
      }
      const decoder = new TextDecoder();
      let buffered = '';
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        heard();
        buffered += decoder.decode(value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
          if (!line) continue;
          if (readEvent(line, what, options.onEvent) === 'expired') {
            await reader.cancel();
            return 'expired';
          }
        }
        if (buffered.length > MAX_EVENT_BYTES) {
          throw new KubernetesError(`${what} sent a line too long to read`);
        }
      }
      const rest = (buffered + decoder.decode()).trim();
      if (rest && readEvent(rest, what, options.onEvent) === 'expired') {
        return 'expired';
      }
      return 'ended';
    } catch (error) {
      if (error instanceof KubernetesError) throw error;
      if (quiet.signal.aborted) {
        throw new KubernetesError(
          `${what} went quiet for ${Math.round(options.silenceMs / 1000)} s`,
        );
      }
      if (options.signal.aborted) throw error;
      const cause = (error as FetchFailure | undefined)?.cause;
      throw new KubernetesError(
        `${what} broke (${
          cause?.code ?? cause?.message ?? (error as Error).message
        })`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private path(plural: string) {
    return `/apis/velero.io/v1/namespaces/${encodeURIComponent(
      this.options.namespace,
    )}/${plural}`;
  }
}

/** One line of a watch: a change, a bookmark, or an error (410: history gone). */
function readEvent(
  line: string,
  what: string,
  onEvent: (event: WatchEvent) => void,
): 'expired' | undefined {
  // any: a watch event line as parsed JSON, checked field by field below
  let event: any;
  try {
    event = JSON.parse(line);
  } catch {
    throw new KubernetesError(`${what} sent a line that is not JSON`);
  }
  const type = event?.type;
  const object = event?.object;
  if (type === 'ERROR') {
    if (object?.code === 410) return 'expired';
    throw new KubernetesError(
      `${what} failed: ${String(object?.message ?? 'no reason given').slice(
        0,
        200,
      )}`,
      typeof object?.code === 'number' ? object.code : undefined,
    );
  }
  const resourceVersion = object?.metadata?.resourceVersion;
  if (type === 'BOOKMARK' && typeof resourceVersion === 'string') {
    onEvent({ type, resourceVersion });
    return undefined;
  }
  if (
    (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') &&
    typeof object?.metadata?.name === 'string' &&
    typeof resourceVersion === 'string'
  ) {
    onEvent({ type, object });
    return undefined;
  }
  throw new KubernetesError(`${what} sent something that is not a watch event`);
}

/** The cluster's token now: the configured one, or the file's current one. */
async function clusterToken(cluster: Cluster): Promise<string | undefined> {
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

const dispatchers = new Map<string, unknown>();

/** A connection pool per CA, so that watches reuse TLS connections. */
async function tlsOptions(cluster: Cluster): Promise<object> {
  if (!cluster.caData && !cluster.skipTLSVerify) return {};
  const key = `${cluster.caData ?? ''}|${Boolean(cluster.skipTLSVerify)}`;
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    const { Agent } = await import('undici');
    dispatcher = new Agent({
      connect: {
        ca: cluster.caData
          ? Buffer.from(cluster.caData, 'base64').toString()
          : undefined,
        rejectUnauthorized: !cluster.skipTLSVerify,
      },
    });
    dispatchers.set(key, dispatcher);
  }
  return { dispatcher };
}
