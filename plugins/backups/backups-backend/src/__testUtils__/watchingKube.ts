import {
  IncomingMessage,
  Server,
  ServerResponse,
  createServer,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeKube } from './fakeKube';

type Plural = 'backups' | 'schedules' | 'restores';
type Change = {
  revision: number;
  plural: Plural;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: any;
};
type Watcher = {
  plural: Plural;
  /** A namespace with no Velero: nothing to send. */
  empty: boolean;
  res: ServerResponse;
  timer: NodeJS.Timeout;
};

/**
 * The fake Kubernetes API (objects checked against Velero's CRDs by
 * FakeKube) with what an informer needs, as the API server does it (API
 * concepts: "Efficient detection of changes", "Resource versions"):
 *
 * - every object carries `metadata.resourceVersion`, a revision counter
 *   shared by all collections (as etcd's is);
 * - a list answers at the current revision (`metadata.resourceVersion`),
 *   and its pages come from the snapshot its first page was served from;
 * - `?watch=1&resourceVersion=N` streams, one JSON object per line, the
 *   events after N (`ADDED`, `MODIFIED`, `DELETED` with the object;
 *   `BOOKMARK` with only `metadata.resourceVersion`), ends after
 *   `timeoutSeconds`, and answers a revision older than the last
 *   compaction with an in-stream `ERROR` event holding a 410 Status.
 */
export class WatchingKube extends FakeKube {
  revision = 0;
  /** Revisions below this are compacted: a watch from there is told 410. */
  compactedBefore = 0;
  /** Answer watches with this status (e.g. 403 when RBAC lacks `watch`). */
  refuseWatch?: number;
  readonly watchRequests: string[] = [];
  private readonly changes: Change[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly snapshots = new Map<string, any[]>();
  private httpServer?: Server;

  add(plural: Plural, object: any) {
    super.add(plural, object);
    const stored = this.objects.get(plural)!.at(-1);
    this.record(plural, 'ADDED', stored);
  }

  /** Replaces the object of that name (checked against the CRD as `add` does). */
  update(plural: Plural, object: any) {
    const list = this.objects.get(plural)!;
    const at = list.findIndex(o => o.metadata.name === object.metadata.name);
    if (at < 0) throw new Error(`no ${plural} ${object.metadata.name}`);
    super.add(plural, object); // validates and appends
    const stored = list.pop();
    list[at] = stored;
    this.record(plural, 'MODIFIED', stored);
  }

  remove(plural: Plural, name: string) {
    const list = this.objects.get(plural)!;
    const at = list.findIndex(o => o.metadata.name === name);
    if (at < 0) throw new Error(`no ${plural} ${name}`);
    const [removed] = list.splice(at, 1);
    this.record(plural, 'DELETED', removed);
  }

  /** Forgets history up to now, as etcd compaction does. */
  compact() {
    this.compactedBefore = this.revision + 1;
    this.changes.length = 0;
  }

  /** Sends every open watch a BOOKMARK at the current revision. */
  bookmark() {
    for (const watcher of this.watchers) {
      const kind = `${watcher.plural[0].toUpperCase()}${watcher.plural.slice(
        1,
        -1,
      )}`;
      this.send(watcher.res, {
        type: 'BOOKMARK',
        object: {
          apiVersion: 'velero.io/v1',
          kind,
          metadata: { resourceVersion: String(this.revision) },
        },
      });
    }
  }

  /** Ends every open watch normally, as the API server does at timeoutSeconds. */
  endWatches() {
    for (const watcher of this.watchers) {
      clearTimeout(watcher.timer);
      watcher.res.end();
    }
    this.watchers.clear();
  }

  get openWatches() {
    return this.watchers.size;
  }

  async start(): Promise<string> {
    this.httpServer = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(r => this.httpServer!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${
      (this.httpServer.address() as AddressInfo).port
    }`;
  }

  async stop() {
    this.endWatches();
    this.httpServer?.closeAllConnections();
    await new Promise(r => this.httpServer?.close(r));
  }

  private record(plural: Plural, type: Change['type'], object: any) {
    this.revision++;
    object.metadata.resourceVersion = String(this.revision);
    const change = { revision: this.revision, plural, type, object };
    this.changes.push(change);
    for (const watcher of this.watchers) {
      if (watcher.plural === plural && !watcher.empty) {
        this.send(watcher.res, { type, object });
      }
    }
  }

  private send(res: ServerResponse, event: unknown) {
    res.write(`${JSON.stringify(event)}\n`);
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    this.requests.push(req.url ?? '');
    const json = (status: number, body: unknown) =>
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      json(401, {
        kind: 'Status',
        status: 'Failure',
        message: 'Unauthorized',
        code: 401,
      });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://kube');
    const match = url.pathname.match(
      /^\/apis\/velero\.io\/v1\/namespaces\/([^/]+)\/(backups|schedules|restores)$/,
    );
    if (!match) {
      json(404, {
        kind: 'Status',
        message: 'the server could not find the requested resource',
        code: 404,
      });
      return;
    }
    const plural = match[2] as Plural;
    const inNamespace = match[1] === 'velero';
    if (url.searchParams.get('watch') === '1') {
      this.watchRequests.push(req.url ?? '');
      this.watch(plural, inNamespace, url, res);
      return;
    }
    const token = url.searchParams.get('continue');
    let snapshotId: string;
    let start = 0;
    let items: any[];
    if (token) {
      const [id, offset] = Buffer.from(token, 'base64').toString().split(':');
      const snapshot = this.snapshots.get(id);
      if (!snapshot) {
        json(410, {
          kind: 'Status',
          reason: 'Expired',
          message: 'The provided continue parameter is too old',
          code: 410,
        });
        return;
      }
      snapshotId = id;
      start = Number(offset);
      items = snapshot;
    } else {
      snapshotId = String(this.revision);
      items = inNamespace ? [...this.objects.get(plural)!] : [];
    }
    const limit =
      Number(url.searchParams.get('limit') ?? items.length) || items.length;
    const page = items.slice(start, start + limit);
    const more = start + limit < items.length;
    const key = `${plural}@${snapshotId}`;
    if (more) this.snapshots.set(key, items);
    else this.snapshots.delete(key);
    json(200, {
      apiVersion: 'velero.io/v1',
      kind: `${plural[0].toUpperCase()}${plural.slice(1, -1)}List`,
      metadata: {
        resourceVersion: snapshotId,
        ...(more
          ? {
              continue: Buffer.from(`${key}:${start + limit}`).toString(
                'base64',
              ),
            }
          : {}),
      },
      items: page,
    });
  }

  private watch(
    plural: Plural,
    inNamespace: boolean,
    url: URL,
    res: ServerResponse,
  ) {
    if (this.refuseWatch) {
      res
        .writeHead(this.refuseWatch, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({
            kind: 'Status',
            status: 'Failure',
            message: `${plural}.velero.io is forbidden: User "system:serviceaccount:backstage:backstage" cannot watch resource "${plural}" in API group "velero.io" in the namespace "velero"`,
            reason: 'Forbidden',
            code: this.refuseWatch,
          }),
        );
      return;
    }
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    res.writeHead(200, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    if (from < this.compactedBefore - 1) {
      this.send(res, {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${from} (${this.compactedBefore})`,
          reason: 'Expired',
          code: 410,
        },
      });
      res.end();
      return;
    }
    for (const change of this.changes) {
      if (inNamespace && change.plural === plural && change.revision > from) {
        this.send(res, { type: change.type, object: change.object });
      }
    }
    const seconds = Number(url.searchParams.get('timeoutSeconds') ?? '1800');
    const watcher: Watcher = {
      plural,
      empty: !inNamespace,
      res,
      timer: setTimeout(() => {
        this.watchers.delete(watcher);
        res.end();
      }, seconds * 1000),
    };
    this.watchers.add(watcher);
    res.on('close', () => {
      clearTimeout(watcher.timer);
      this.watchers.delete(watcher);
    });
  }
}
