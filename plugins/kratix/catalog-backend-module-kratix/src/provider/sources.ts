import {
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import {
  Cluster,
  KubernetesApi,
  KubernetesError,
} from '@homelab-portal/plugin-homelab-node';
import {
  JsonSchema,
  readPromiseDocuments,
} from '@homelab-portal/plugin-kratix-common';
import { PromiseOrigin } from '@homelab-portal/plugin-kratix-node';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A Promise document and where it came from. */
export interface SourcedPromise {
  promise: JsonSchema;
  origin: PromiseOrigin;
}

/** Something that holds Promises. */
export interface PromiseSource {
  /** For logs and errors: never holds credentials. */
  describe(): string;
  /**
   * Every Promise it holds. Throws when the source cannot be read at all (the
   * provider then keeps what it had). A single unreadable file is reported
   * through `problems` and skipped.
   */
  read(): Promise<{ promises: SourcedPromise[]; problems: string[] }>;
}

// A Promise with a pipeline and a CRD is tens of KB; refuse files far larger.
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const FILE_NAME = 'promise.yaml';

function parseFile(
  text: string,
  where: string,
  origin: (promise: JsonSchema) => PromiseOrigin,
  out: { promises: SourcedPromise[]; problems: string[] },
) {
  try {
    for (const promise of readPromiseDocuments(text)) {
      out.promises.push({ promise, origin: origin(promise) });
    }
  } catch (error) {
    out.problems.push(`${where}: ${(error as Error).message}`);
  }
}

/** Every promise.yaml under a folder on this machine (the local start reads this repository's promises/). */
export class DirectoryPromiseSource implements PromiseSource {
  constructor(private readonly dir: string) {}

  describe() {
    return `folder ${this.dir}`;
  }

  async read() {
    const out = { promises: [] as SourcedPromise[], problems: [] as string[] };
    const root = path.resolve(this.dir);
    const entries = await fs.readdir(root, {
      recursive: true,
      withFileTypes: true,
    });
    const files = entries
      .filter(e => e.isFile() && e.name === FILE_NAME)
      .map(e => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files) {
      const stat = await fs.stat(file);
      if (stat.size > MAX_FILE_BYTES) {
        out.problems.push(`${file}: larger than ${MAX_FILE_BYTES} bytes`);
        continue;
      }
      parseFile(
        await fs.readFile(file, 'utf8'),
        file,
        () => ({ location: `file:${file}` }),
        out,
      );
    }
    return out;
  }
}

/**
 * Every promise.yaml under a Git tree, read through the URL reader (one
 * archive download; nothing when the commit has not changed).
 */
export class UrlPromiseSource implements PromiseSource {
  private etag?: string;
  private last?: { promises: SourcedPromise[]; problems: string[] };

  constructor(
    private readonly target: string,
    private readonly reader: UrlReaderService,
  ) {}

  describe() {
    return `Git tree ${this.target}`;
  }

  async read() {
    let tree: UrlReaderServiceReadTreeResponse;
    try {
      tree = await this.reader.readTree(this.target, {
        etag: this.last ? this.etag : undefined,
        filter: (file, info) =>
          path.posix.basename(file) === FILE_NAME &&
          (info?.size ?? 0) <= MAX_FILE_BYTES,
      });
    } catch (error) {
      if (error instanceof NotModifiedError && this.last) return this.last;
      throw error;
    }
    const out = { promises: [] as SourcedPromise[], problems: [] as string[] };
    const base = this.target.replace(/\/+$/, '');
    const files = (await tree.files()).sort((a, b) =>
      a.path.localeCompare(b.path),
    );
    for (const file of files) {
      const content = await file.content();
      if (content.length > MAX_FILE_BYTES) {
        out.problems.push(`${file.path}: larger than ${MAX_FILE_BYTES} bytes`);
        continue;
      }
      const url = `${base}/${file.path}`;
      parseFile(
        content.toString('utf8'),
        url,
        () => ({ location: `url:${url}`, viewUrl: url }),
        out,
      );
    }
    this.etag = tree.etag;
    this.last = out;
    return out;
  }
}

/** The Promises installed in a Kratix platform cluster. */
export class ClusterPromiseSource implements PromiseSource {
  constructor(
    private readonly cluster: Cluster,
    private readonly api: KubernetesApi,
  ) {}

  describe() {
    return `cluster ${this.cluster.name}`;
  }

  async read() {
    const out = { promises: [] as SourcedPromise[], problems: [] as string[] };
    const base = '/apis/platform.kratix.io/v1alpha1/promises';
    let token: string | undefined;
    for (let page = 0; page < 100; page++) {
      const query = new URLSearchParams({ limit: '100' });
      if (token) query.set('continue', token);
      const { body } = await this.api.get(this.cluster, `${base}?${query}`);
      if (!Array.isArray(body?.items)) {
        throw new KubernetesError(
          `Kubernetes (${this.cluster.name}) answered Promises without items`,
        );
      }
      for (const item of body.items) {
        const promise = {
          apiVersion: 'platform.kratix.io/v1alpha1',
          kind: 'Promise',
          ...item,
          // What the cluster adds is not the Promise's definition.
          metadata: {
            name: item.metadata?.name,
            ...(item.metadata?.labels ? { labels: item.metadata.labels } : {}),
            ...(item.metadata?.annotations
              ? {
                  annotations: Object.fromEntries(
                    Object.entries(item.metadata.annotations).filter(
                      ([key]) =>
                        key !==
                        'kubectl.kubernetes.io/last-applied-configuration',
                    ),
                  ),
                }
              : {}),
          },
          status: undefined,
        };
        delete promise.status;
        const url = `${this.cluster.url.replace(
          /\/+$/,
          '',
        )}${base}/${encodeURIComponent(String(item.metadata?.name))}`;
        out.promises.push({ promise, origin: { location: `url:${url}` } });
      }
      token = body.metadata?.continue || undefined;
      if (!token) return out;
    }
    throw new KubernetesError(
      `Kubernetes (${this.cluster.name}) kept paging Promises past 100 pages`,
    );
  }
}
