import Ajv, { ValidateFunction } from 'ajv';
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
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  validate: ValidateFunction;
};

/**
 * For tests: a stand-in for the Kubernetes API server built from real CRDs.
 * Every object put into it is checked against its CRD's openAPIV3Schema first
 * (as the API server would), and it answers GETs of lists (with `limit` and
 * `continue`) and of single objects with the API server's shapes, including
 * `Status` objects for 401 and 404. It asks for a bearer token.
 */
export class FakeKubeApi {
  readonly requests: string[] = [];
  /** Answer every request with this status until cleared (an outage). */
  outage?: number;
  private readonly kinds: Kind[] = [];
  private readonly objects = new Map<string, any>();
  private server?: Server;

  constructor(crds: Crd[], readonly token = 'kube-token') {
    for (const crd of crds) {
      for (const version of crd.spec.versions) {
        const ajv = new Ajv({
          strict: false,
          allErrors: true,
          validateFormats: false,
        });
        this.kinds.push({
          group: crd.spec.group,
          version: version.name,
          kind: crd.spec.names.kind,
          plural: crd.spec.names.plural,
          namespaced: (crd.spec.scope ?? 'Namespaced') === 'Namespaced',
          validate: ajv.compile(version.schema?.openAPIV3Schema ?? {}),
        });
      }
    }
  }

  private kindOf(apiVersion: string, kind: string): Kind {
    const found = this.kinds.find(
      k => `${k.group}/${k.version}` === apiVersion && k.kind === kind,
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
    const valid = (k.validate as (data: unknown) => boolean)(object);
    if (!valid) {
      throw new Error(
        `not a valid ${k.kind} per its CRD: ${JSON.stringify(
          k.validate.errors,
        )}`,
      );
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
        uid: previous?.metadata?.uid ?? `uid-${this.objects.size + 1}`,
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

  async start(): Promise<string> {
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
      const match = url.pathname.match(
        /^\/apis\/([^/]+)\/([^/]+)\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?$/,
      );
      const k =
        match &&
        this.kinds.find(
          c =>
            c.group === match[1] &&
            c.version === match[2] &&
            c.plural === match[4],
        );
      if (!match || !k || (k.namespaced !== Boolean(match[3]) && match[5])) {
        failure(
          404,
          'NotFound',
          'the server could not find the requested resource',
        );
        return;
      }
      const [, , , namespace, , name] = match;
      if (name) {
        const object = this.objects.get(
          this.key(k, namespace, decodeURIComponent(name)),
        );
        if (!object) {
          failure(
            404,
            'NotFound',
            `${k.plural}.${k.group} "${decodeURIComponent(name)}" not found`,
          );
          return;
        }
        json(200, object);
        return;
      }
      const prefix = `${k.group}/${k.version}/${k.plural}/${namespace ?? ''}`;
      const items = [...this.objects.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .map(([, object]) => object);
      const limit = Number(url.searchParams.get('limit')) || items.length || 1;
      const start = Number(url.searchParams.get('continue') ?? 0) || 0;
      const next = start + limit < items.length ? String(start + limit) : '';
      json(200, {
        apiVersion: `${k.group}/${k.version}`,
        kind: `${k.kind}List`,
        metadata: { resourceVersion: '1', ...(next ? { continue: next } : {}) },
        items: items.slice(start, start + limit),
      });
    });
    await new Promise<void>(r => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(r => this.server?.close(r) ?? r(undefined));
  }
}
