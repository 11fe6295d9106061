import Ajv from 'ajv';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { BUILT_IN_KINDS, Crd, Kind, METRICS_KINDS } from './kinds';
import { fieldSelectorFilter, matchesSelector } from './selectors';

/**
 * For tests: a stand-in for the Kubernetes API server built from real CRDs
 * (and the built-in kinds of kinds.ts). Every object put into it is checked against
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
