import '@homelab-portal/test-utils/fixtures';
import fs from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// Velero's own CRDs, from the fixtures (never modified).
const crdDir = path.resolve(
  __dirname,
  '../../../../../../shared/fixtures/velero/crds',
);

const validators = new Map(
  ['backups', 'schedules', 'restores'].map(plural => {
    const crd = parse(
      fs.readFileSync(path.join(crdDir, `velero.io_${plural}.yaml`), 'utf8'),
    );
    const schema = crd.spec.versions.find((v: any) => v.name === 'v1').schema
      .openAPIV3Schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    return [
      plural,
      { kind: crd.spec.names.kind as string, validate: ajv.compile(schema) },
    ];
  }),
);

/**
 * A stand-in for the Kubernetes API serving Velero objects, which it checks
 * against Velero's real CRD schemas before serving. It pages with continue
 * tokens, and can expire a token (410) or ask callers to slow down (429).
 */
export class FakeKube {
  readonly objects = new Map<string, any[]>([
    ['backups', []],
    ['schedules', []],
    ['restores', []],
  ]);
  readonly requests: string[] = [];
  /** Answer 410 to the next request that carries a continue token. */
  expireNextContinue = false;
  /** Answer 429 (Retry-After: 1) this many times first. */
  throttle = 0;
  token = 'kube-token';
  private server?: Server;

  add(plural: 'backups' | 'schedules' | 'restores', object: any) {
    const { kind, validate } = validators.get(plural)!;
    const full = { apiVersion: 'velero.io/v1', kind, ...object };
    if (!validate(full)) {
      throw new Error(
        `Not a valid ${kind} per Velero's CRD: ${JSON.stringify(
          validate.errors,
        )}`,
      );
    }
    this.objects.get(plural)!.push(full);
  }

  /**
   * An object this CRD version rejects but a newer Velero writes (a phase
   * added later): served as is, to prove readers do not trust the enum.
   */
  addFromNewerVelero(
    plural: 'backups' | 'schedules' | 'restores',
    object: any,
  ) {
    const { kind } = validators.get(plural)!;
    this.objects
      .get(plural)!
      .push({ apiVersion: 'velero.io/v1', kind, ...object });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const json = (
        status: number,
        body: unknown,
        headers: Record<string, string> = {},
      ) =>
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
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
      if (this.throttle > 0) {
        this.throttle--;
        json(
          429,
          { kind: 'Status', message: 'Too many requests', code: 429 },
          { 'retry-after': '1' },
        );
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
      const items = match[1] === 'velero' ? this.objects.get(match[2])! : [];
      const limit =
        Number(url.searchParams.get('limit') ?? items.length) || items.length;
      const token = url.searchParams.get('continue');
      if (token && this.expireNextContinue) {
        this.expireNextContinue = false;
        json(410, {
          kind: 'Status',
          reason: 'Expired',
          message: 'The provided continue parameter is too old',
          code: 410,
        });
        return;
      }
      const start = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
      const page = items.slice(start, start + limit);
      const next =
        start + limit < items.length
          ? Buffer.from(String(start + limit)).toString('base64')
          : '';
      json(200, {
        apiVersion: 'velero.io/v1',
        kind: `${validators.get(match[2])!.kind}List`,
        metadata: { resourceVersion: '1', ...(next ? { continue: next } : {}) },
        items: page,
      });
    });
    await new Promise<void>(r => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(r => this.server?.close(r));
  }
}

/** A Velero Backup with the given phase and times, as Velero writes them. */
export function backup(
  name: string,
  options: {
    phase?: string;
    namespaces?: string[];
    schedule?: string;
    completed?: string | null;
    started?: string | null;
    expiration?: string | null;
    ttl?: string;
    failureReason?: string;
  },
) {
  const status: Record<string, unknown> = {};
  if (options.phase !== undefined) status.phase = options.phase;
  if (options.started) status.startTimestamp = options.started;
  if (options.completed) status.completionTimestamp = options.completed;
  if (options.expiration) status.expiration = options.expiration;
  if (options.failureReason) status.failureReason = options.failureReason;
  return {
    metadata: {
      name,
      namespace: 'velero',
      ...(options.schedule
        ? { labels: { 'velero.io/schedule-name': options.schedule } }
        : {}),
    },
    spec: {
      ...(options.namespaces ? { includedNamespaces: options.namespaces } : {}),
      ...(options.ttl ? { ttl: options.ttl } : {}),
      storageLocation: 'nas',
    },
    status,
  };
}
