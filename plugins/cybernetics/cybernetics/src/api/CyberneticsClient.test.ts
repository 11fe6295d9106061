/**
 * @jest-environment node
 */
import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CyberneticsClient } from './CyberneticsClient';

// A stand-in cybernetics backend on loopback that records what the client
// sends; the backend's own tests check its answers.
type Seen = { method: string; url: string; auth?: string; body?: unknown };

describe('CyberneticsClient', () => {
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
      if (req.url!.endsWith('/reject')) {
        json(400, {
          error: { name: 'InputError', message: 'Only an open decision' },
          response: { statusCode: 400 },
        });
      } else if (req.url!.startsWith('/api/cybernetics/decisions?')) {
        json(200, { items: [{ id: 'd1' }], total: 1 });
      } else {
        json(200, { id: 'd1' });
      }
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  const discoveryApi = {
    getBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
  };
  // the app's own FetchApi and middleware: each builds a new Request from
  // what it is given, and a POST's body must survive both
  const client = new CyberneticsClient({
    discoveryApi,
    fetchApi: createFetchApi({
      middleware: [
        FetchMiddlewares.resolvePluginProtocol({ discoveryApi }),
        FetchMiddlewares.injectIdentityAuth({
          identityApi: {
            getCredentials: async () => ({ token: 'user-token' }),
          } as any,
          allowUrl: () => true,
        }),
      ],
    }),
  });

  it('sends each call to its route with the user token and the comment', async () => {
    expect(
      await client.listDecisions({
        states: ['proposed', 'approved'],
        entityRef: 'component:default/jellyfin',
      }),
    ).toEqual([{ id: 'd1' }]);
    await client.getDecision('a/b');
    expect(await client.approve('d1', 'go')).toEqual({ id: 'd1' });
    await client.acknowledge('d1');
    await client.loopStatus();
    const auth = 'Bearer user-token';
    expect(seen).toEqual([
      {
        method: 'GET',
        url: '/api/cybernetics/decisions?state=proposed%2Capproved&entityRef=component%3Adefault%2Fjellyfin',
        auth,
      },
      { method: 'GET', url: '/api/cybernetics/decisions/a%2Fb', auth },
      {
        method: 'POST',
        url: '/api/cybernetics/decisions/d1/approve',
        auth,
        body: { comment: 'go' },
      },
      {
        method: 'POST',
        url: '/api/cybernetics/decisions/d1/acknowledge',
        auth,
        body: {},
      },
      { method: 'GET', url: '/api/cybernetics/loop', auth },
    ]);
  });

  it('throws the backend’s error with its message', async () => {
    await expect(client.reject('d1')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: { error: { message: 'Only an open decision' } },
    });
  });
});
