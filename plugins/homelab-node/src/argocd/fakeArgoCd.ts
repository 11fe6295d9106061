import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in for ArgoCD's API server: GET /api/v1/applications/{name} with a
 * bearer token. Each Application it serves is first checked against ArgoCD's
 * own Application schema (@kubernetes-models/argo-cd, generated from ArgoCD's
 * CRDs), status included.
 */
export class FakeArgoCd {
  readonly applications = new Map<string, any>();
  private server?: Server;

  constructor(readonly token = 'argocd-token') {}

  set(application: any) {
    new Application(application).validate();
    this.applications.set(application.metadata.name, application);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const json = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        json(401, {
          error: 'invalid session',
          code: 16,
          message: 'invalid session',
        });
        return;
      }
      const m = /^\/api\/v1\/applications\/([^/?]+)/.exec(req.url ?? '');
      const app = m && this.applications.get(decodeURIComponent(m[1]));
      if (!app) {
        json(404, {
          error: 'applications.argoproj.io not found',
          code: 5,
          message: 'applications.argoproj.io not found',
        });
        return;
      }
      json(200, app);
    });
    await new Promise<void>(r => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(r => this.server?.close(r) ?? r(undefined));
  }
}
