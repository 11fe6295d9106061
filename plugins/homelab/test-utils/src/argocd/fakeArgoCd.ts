import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { IncomingMessage, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in for ArgoCD's API server (no ArgoCD runs here):
 * `GET /api/v1/applications` (the list, `items: null` when empty, as ArgoCD
 * answers), `GET /api/v1/applications/{name}` and
 * `GET /api/v1/applications/{name}/revisions/{revision}/metadata`, signed in with the token as ArgoCD takes
 * it, `Authorization: Bearer <token>` or the `argocd.token` cookie. Each
 * Application it serves is first checked against ArgoCD's own Application
 * schema (@kubernetes-models/argo-cd, generated from ArgoCD's CRDs), status
 * included. Errors have the shape of ArgoCD's gRPC-gateway errors.
 *
 * @public
 */
export class FakeArgoCd {
  readonly applications = new Map<string, any>();
  /** Commit metadata (author, date, message) by revision. */
  readonly revisions = new Map<
    string,
    { author: string; date: string; message: string }
  >();
  private server?: Server;

  constructor(readonly token = 'argocd-token') {}

  set(application: any) {
    new Application(application).validate();
    this.applications.set(application.metadata.name, application);
  }

  private signedIn(req: IncomingMessage): boolean {
    if (req.headers.authorization === `Bearer ${this.token}`) return true;
    return (req.headers.cookie ?? '')
      .split(';')
      .some(c => c.trim() === `argocd.token=${this.token}`);
  }

  /** Listens on 127.0.0.1 (on `port`, or any free one); returns its URL. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const json = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (!this.signedIn(req)) {
        json(401, {
          error: 'invalid session',
          code: 16,
          message: 'invalid session',
        });
        return;
      }
      if (
        req.method === 'GET' &&
        /^\/api\/v1\/applications\/?(?:\?|$)/.test(req.url ?? '')
      ) {
        const items = [...this.applications.values()];
        json(200, { metadata: {}, items: items.length > 0 ? items : null });
        return;
      }
      const m =
        /^\/api\/v1\/applications\/([^/?]+)(?:\/revisions\/([^/?]+)\/metadata)?(?:\?|$)/.exec(
          req.url ?? '',
        );
      const app = m && this.applications.get(decodeURIComponent(m[1]));
      const revision = m?.[2] && this.revisions.get(decodeURIComponent(m[2]));
      if (req.method === 'GET' && app && m[2] && revision) {
        json(200, revision);
        return;
      }
      if (req.method !== 'GET' || !app || m[2]) {
        json(404, {
          error: 'applications.argoproj.io not found',
          code: 5,
          message: 'applications.argoproj.io not found',
        });
        return;
      }
      json(200, app);
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
