/**
 * @jest-environment node
 */
import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AlertsClient } from './AlertsClient';

// A stand-in alerts backend on loopback: it records what the client sends
// and answers in the backend's shapes (the backend's own tests check those
// shapes against the spec the client is typed from).
type Seen = { method: string; url: string; auth?: string; body?: unknown };

describe('AlertsClient', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>(resolve => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => resolve(text));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const text = await read(req);
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      });
      const json = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (req.url!.startsWith('/api/alerts/overview')) {
        json(403, {
          error: { name: 'NotAllowedError', message: 'You may not read' },
          response: { statusCode: 403 },
        });
      } else if (req.method === 'DELETE') {
        res.writeHead(204).end();
      } else if (req.method === 'POST') {
        json(201, { alertmanager: 'demo', id: 'abc' });
      } else {
        json(200, { entityRef: 'component:default/jellyfin', alerts: [] });
      }
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
  });

  const client = () =>
    new AlertsClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
      },
      // the app's own FetchApi, with the middleware the app installs: each
      // builds a new Request from what it is given (a request body must
      // survive both)
      fetchApi: createFetchApi({
        middleware: [
          FetchMiddlewares.resolvePluginProtocol({
            discoveryApi: {
              getBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
            },
          }),
          FetchMiddlewares.injectIdentityAuth({
            identityApi: {
              getCredentials: async () => ({ token: 'user-token' }),
            } as any,
            allowUrl: () => true,
          }),
        ],
      }),
    });

  it('sends each call to its route with the user token', async () => {
    const alerts = client();
    expect(await alerts.getEntityAlerts('component:default/jellyfin')).toEqual({
      entityRef: 'component:default/jellyfin',
      alerts: [],
    });
    await alerts.getHistory('component:default/jellyfin', 7, 'next-page');
    await alerts.getSilences();
    expect(
      await alerts.createSilence({
        alertmanager: 'demo',
        matchers: 'alertname="HighCPU"',
        durationMinutes: 30,
        comment: 'maintenance',
      }),
    ).toEqual({ alertmanager: 'demo', id: 'abc' });
    await alerts.acknowledge({ alertmanager: 'demo', fingerprint: 'ab12' });
    await expect(alerts.expireSilence('demo', 'a/b')).resolves.toBeUndefined();
    expect(seen).toEqual([
      {
        method: 'GET',
        url: '/api/alerts/entity?entityRef=component%3Adefault%2Fjellyfin',
        auth: 'Bearer user-token',
      },
      {
        method: 'GET',
        url: '/api/alerts/history?entityRef=component%3Adefault%2Fjellyfin&days=7&cursor=next-page',
        auth: 'Bearer user-token',
      },
      { method: 'GET', url: '/api/alerts/silences', auth: 'Bearer user-token' },
      {
        method: 'POST',
        url: '/api/alerts/silences',
        auth: 'Bearer user-token',
        body: {
          alertmanager: 'demo',
          matchers: 'alertname="HighCPU"',
          durationMinutes: 30,
          comment: 'maintenance',
        },
      },
      {
        method: 'POST',
        url: '/api/alerts/acknowledge',
        auth: 'Bearer user-token',
        body: { alertmanager: 'demo', fingerprint: 'ab12' },
      },
      {
        method: 'DELETE',
        url: '/api/alerts/silences/demo/a%2Fb',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it("throws the backend's error as a ResponseError", async () => {
    const error = await client()
      .getOverview()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error).toEqual({
      name: 'NotAllowedError',
      message: 'You may not read',
    });
  });
});
