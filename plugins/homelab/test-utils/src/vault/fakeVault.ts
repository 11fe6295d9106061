import Ajv, { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

type Route = {
  template: string;
  pattern: RegExp;
  /** The `data` schema of its 200 answer, when the spec gives one. */
  validate?: ValidateFunction;
};

type KvSecret = {
  customMetadata: Record<string, string>;
  /** created_time of each version, oldest first. */
  versions: string[];
};

/**
 * For tests: a Vault 1.15 stand-in that serves only what its OpenAPI
 * document (shared/fixtures/vault/openapi.json) defines. Every GET it
 * answers must match a path of the spec (templated segments; `{path}` may
 * span segments), and every answer's `data` is validated against that
 * operation's response schema before it is sent, in Vault's envelope
 * (request_id, lease_id, data, ...). It asks for X-Vault-Token, and keeps
 * every request so that a test can check what was read (never /data/).
 */
export class FakeVault {
  readonly requests: string[] = [];
  /** Requests for routes the spec does not define (should stay empty). */
  readonly unspecified: string[] = [];
  private readonly routes: Route[] = [];
  private readonly kv = new Map<string, Map<string, KvSecret>>();
  private server?: Server;

  constructor(specFile: string, readonly token = 'vault-token') {
    const spec = JSON.parse(readFileSync(specFile, 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const format of [
      'int64',
      'map',
      'duration',
      'seconds',
      'lowercase',
      'kvpairs',
      'commastringslice',
    ]) {
      ajv.addFormat(format, true);
    }
    ajv.addFormat(
      'date-time',
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
    );
    ajv.addSchema({ components: spec.components }, 'spec');
    for (const [template, item] of Object.entries<any>(spec.paths)) {
      if (!item.get) continue;
      const schema =
        item.get.responses?.['200']?.content?.['application/json']?.schema;
      const pattern = new RegExp(
        `^${template
          .split(/(\{[^}]+\})/)
          .map(part => {
            if (part === '{path}') return '(.+?)';
            if (part.startsWith('{')) return '([^/]+)';
            return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          })
          .join('')}$`,
      );
      this.routes.push({
        template,
        pattern,
        validate: schema?.$ref
          ? ajv.compile({ $ref: `spec${schema.$ref}` })
          : undefined,
      });
    }
  }

  /** Mounts a KV v2 engine (`sys/mounts` lists it). */
  mountKv(mount: string) {
    this.kv.set(mount, new Map());
  }

  /** Writes a secret's metadata: its versions' times and custom metadata (never a value). */
  putSecret(
    mount: string,
    path: string,
    secret: { customMetadata: Record<string, string>; versions: string[] },
  ) {
    const engine = this.kv.get(mount);
    if (!engine) throw new Error(`no KV mount ${mount}`);
    engine.set(path, secret);
  }

  private route(path: string, list: boolean): Route | undefined {
    // the most specific template first (fewest templated segments); a LIST
    // (?list=true) is the spec's route ending in '/', a read the other
    const rank = (r: Route) =>
      (r.template.match(/\{/g)?.length ?? 0) * 2 +
      (r.template.endsWith('/') === list ? 0 : 1);
    // a `{<engine>_mount_path}` segment names a mount of that engine: only
    // the KV v2 mounts it serves (so KV v1's catch-all `/{mount}/{path}`
    // does not make every path "in the spec")
    const mountOk = (r: Route) => {
      const engine = /^\/\{(\w+)_mount_path\}/.exec(r.template)?.[1];
      if (!engine) return true;
      return engine === 'kv_v2' && this.kv.has(path.split('/')[1]);
    };
    return this.routes
      .filter(r => r.pattern.test(path) && mountOk(r))
      .sort((a, b) => rank(a) - rank(b))[0];
  }

  private answer(path: string, query: URLSearchParams): [number, unknown] {
    if (path === '/sys/mounts') {
      const data: Record<string, unknown> = {
        'sys/': {
          type: 'system',
          options: null,
          description: 'system endpoints',
        },
      };
      for (const mount of this.kv.keys()) {
        data[`${mount}/`] = {
          type: 'kv',
          options: { version: '2' },
          description: 'key/value secret storage',
        };
      }
      return [200, data];
    }
    const m = /^\/([^/]+)\/metadata\/(.*)$/.exec(path);
    const engine = m && this.kv.get(m[1]);
    if (!m || !engine) return [404, undefined];
    const sub = decodeURIComponent(m[2]);
    if (query.get('list') === 'true') {
      const prefix = sub === '' || sub.endsWith('/') ? sub : `${sub}/`;
      const keys = new Set<string>();
      for (const key of engine.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        keys.add(rest.includes('/') ? `${rest.split('/')[0]}/` : rest);
      }
      return keys.size ? [200, { keys: [...keys].sort() }] : [404, undefined];
    }
    const secret = engine.get(sub);
    if (!secret) return [404, undefined];
    const versions = Object.fromEntries(
      secret.versions.map((created, i) => [
        String(i + 1),
        { created_time: created, deletion_time: '', destroyed: false },
      ]),
    );
    return [
      200,
      {
        cas_required: false,
        created_time: secret.versions[0],
        current_version: secret.versions.length,
        custom_metadata: secret.customMetadata,
        delete_version_after: '0s',
        max_versions: 0,
        oldest_version: 0,
        updated_time: secret.versions[secret.versions.length - 1],
        versions,
      },
    ];
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const send = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (req.headers['x-vault-token'] !== this.token) {
        send(403, { errors: ['permission denied'] });
        return;
      }
      const url = new URL(req.url ?? '/', 'http://vault');
      const path = url.pathname.replace(/^\/v1/, '');
      // the spec's list routes end in '/': ask for the one the request names
      const route =
        req.method === 'GET'
          ? this.route(path, url.searchParams.get('list') === 'true')
          : undefined;
      if (!route) {
        this.unspecified.push(`${req.method} ${path}`);
        send(405, { errors: [`unsupported path ${path}`] });
        return;
      }
      const [status, data] = this.answer(path, url.searchParams);
      if (status !== 200) {
        send(status, { errors: [] });
        return;
      }
      if (route.validate && !route.validate(data)) {
        send(500, {
          errors: [
            `fake answer invalid per ${route.template}: ${JSON.stringify(
              route.validate.errors,
            )}`,
          ],
        });
        return;
      }
      send(200, {
        request_id: 'fake-request',
        lease_id: '',
        renewable: false,
        lease_duration: 0,
        data,
        wrap_info: null,
        warnings: null,
        auth: null,
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
