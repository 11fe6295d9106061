import {
  IncomingMessage,
  Server,
  ServerResponse,
  createServer,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { AlertmanagerClient, AlertmanagerError } from './AlertmanagerClient';
import { AlertmanagerSource } from './sources';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('AlertmanagerClient against misbehaving upstreams', () => {
  let server: Server;
  let handler: Handler;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  const client = (name = 'lab', baseUrl = url) =>
    new AlertmanagerClient({
      name,
      baseUrl,
      timeoutMs: 500,
      token: 'am-secret',
    });

  it.each([
    [
      'an HTML 502 from an ingress',
      (_q: any, r: ServerResponse) =>
        r
          .writeHead(502, { 'content-type': 'text/html' })
          .end('<html>Bad Gateway</html>'),
      /answered HTTP 502: an HTML page/,
    ],
    [
      'truncated JSON',
      (_q: any, r: ServerResponse) =>
        r
          .writeHead(200, { 'content-type': 'application/json' })
          .end('[{"fingerprint":"a'),
      /unreadable body/,
    ],
    [
      'a non-list answer',
      (_q: any, r: ServerResponse) => r.writeHead(200).end('{"status":"ok"}'),
      /not a list/,
    ],
    [
      'a server that never answers',
      () => undefined,
      /did not answer within 0.5 s/,
    ],
    [
      'a 500 with a reason',
      (_q: any, r: ServerResponse) =>
        r.writeHead(500).end('silences: storage full'),
      /HTTP 500: silences: storage full/,
    ],
  ])('turns %s into a clear error', async (_name, h, message) => {
    handler = h as Handler;
    await expect(client().getAlerts()).rejects.toThrow(message);
  });

  it('keeps the status, so that the router maps a 400 to bad input', async () => {
    handler = (_q, r) => r.writeHead(400).end('bad matcher');
    const error = await client()
      .postSilence({
        matchers: [],
        startsAt: '',
        endsAt: '',
        createdBy: '',
        comment: '',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(AlertmanagerError);
    expect(error.upstreamStatus).toBe(400);
  });

  it('reports a refused connection and never puts the token in a message', async () => {
    const closed = createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise(r => closed.close(r));
    const error = await client('lab', `http://127.0.0.1:${port}`)
      .getAlerts()
      .catch(e => e);
    expect(error.message).toMatch(/cannot be reached \(ECONNREFUSED\)/);
    expect(error.message).not.toContain('am-secret');
  });

  it('sends the token only in the Authorization header', async () => {
    let seen: IncomingMessage | undefined;
    handler = (q, r) => {
      seen = q;
      r.writeHead(200).end('[]');
    };
    await client().getAlerts();
    expect(seen?.headers.authorization).toBe('Bearer am-secret');
    expect(seen?.url).toBe('/api/v2/alerts');
  });

  it('serves the alerts of the Alertmanagers that answer, with a warning for one that does not', async () => {
    handler = (_q, r) =>
      r.writeHead(200).end(
        JSON.stringify([
          {
            fingerprint: 'abc',
            labels: { alertname: 'NodeDown' },
            annotations: {},
            startsAt: '2026-11-25T10:00:00Z',
            endsAt: '2026-11-25T11:00:00Z',
            updatedAt: '2026-11-25T10:00:00Z',
            receivers: [{ name: 'portal' }],
            status: { state: 'active', silencedBy: [], inhibitedBy: [] },
          },
        ]),
      );
    const source = new AlertmanagerSource([
      client('up'),
      client('down', 'http://127.0.0.1:9'),
    ]);
    const { alerts, warnings } = await source.alerts();
    expect(alerts.map(a => [a.alertmanager, a.fingerprint])).toEqual([
      ['up', 'abc'],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Alertmanager down /);
    const allDown = new AlertmanagerSource([
      client('down', 'http://127.0.0.1:9'),
    ]);
    await expect(allDown.alerts()).rejects.toThrow(/Alertmanager down/);
  });
});
