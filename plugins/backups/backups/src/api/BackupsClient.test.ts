/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BackupsClient } from './BackupsClient';

// A stand-in backups backend on loopback: it records what the client asks
// for and answers; the backend's own schema/openapi.test.ts checks the real
// answers against the spec the client is typed from.
describe('BackupsClient', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Array<{ url: string; auth?: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url!, auth: req.headers.authorization });
      if (req.url!.startsWith('/api/backups/overview')) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'You may not read' },
            response: { statusCode: 403 },
          }),
        );
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ source: 'demo', url: req.url }));
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  const client = () =>
    new BackupsClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
      },
      fetchApi: {
        fetch: (input, init) => {
          const req = new Request(input as Request, init);
          req.headers.set('authorization', 'Bearer user-token');
          return fetch(req);
        },
      },
    });

  it('sends each call to its route with the user token', async () => {
    const backups = client();
    expect(await backups.getEntity('component:default/keycloak')).toEqual({
      source: 'demo',
      url: '/api/backups/entity?entityRef=component%3Adefault%2Fkeycloak',
    });
    await backups.getReadiness();
    await backups.getEntityRecovery('resource:default/nas-1');
    expect(seen).toEqual([
      {
        url: '/api/backups/entity?entityRef=component%3Adefault%2Fkeycloak',
        auth: 'Bearer user-token',
      },
      { url: '/api/backups/readiness', auth: 'Bearer user-token' },
      {
        url: '/api/backups/readiness/entity?entityRef=resource%3Adefault%2Fnas-1',
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
