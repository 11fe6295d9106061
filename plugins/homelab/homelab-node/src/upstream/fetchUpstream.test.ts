import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  UpstreamError,
  fetchUpstream,
  getJson,
  upstreamReason,
} from './fetchUpstream';

class NamedError extends UpstreamError {}

describe('fetchUpstream', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      if (req.url === '/teapot') {
        res
          .writeHead(418, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { name: 'Teapot', message: 'short' } }));
        return;
      }
      if (req.url === '/missing') {
        res.writeHead(404).end('');
        return;
      }
      if (req.url === '/garbled') {
        res.writeHead(200).end('{not json');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          method: req.method,
          auth: req.headers.authorization,
        }),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('returns any answer with its text, sending what it is given', async () => {
    const { response, text } = await fetchUpstream('Test', `${base}/ok`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      timeoutMs: 1000,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ method: 'POST', auth: 'Bearer t' });
  });

  it('says when the upstream does not answer in time, in the class asked for', async () => {
    const error = await fetchUpstream('Test', `${base}/slow`, {
      timeoutMs: 200,
      errorClass: NamedError,
      asked: '/slow',
    }).catch(e => e);
    expect(error).toBeInstanceOf(NamedError);
    expect(error.name).toBe('NamedError');
    expect(error.unreachable).toBe(true);
    expect(error.message).toBe('Test did not answer /slow within 0.2 s');
  });

  it('says when the upstream cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise(r => closed.close(r));
    const error = await fetchUpstream('Test', `http://127.0.0.1:${port}/`, {
      timeoutMs: 1000,
    }).catch(e => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.unreachable).toBe(true);
    expect(error.message).toBe('Test cannot be reached (ECONNREFUSED)');
  });

  it('getJson returns a 404, and names the upstream and its reason otherwise', async () => {
    await expect(getJson('Test', `${base}/missing`, {}, 1000)).resolves.toEqual(
      {
        status: 404,
        body: undefined,
      },
    );
    const failed = await getJson('Test', `${base}/teapot`, {}, 1000).catch(
      e => e,
    );
    expect(failed).toBeInstanceOf(UpstreamError);
    expect(failed.message).toBe('Test answered HTTP 418: short');
    expect(failed.status).toBe(418);
    expect(failed.unreachable).toBe(false);
    await expect(getJson('Test', `${base}/garbled`, {}, 1000)).rejects.toThrow(
      'Test answered with an unreadable body',
    );
  });

  it('words failed answers shortly', () => {
    expect(upstreamReason('<html><body>502</body></html>')).toBe(
      'an HTML page',
    );
    expect(upstreamReason('{"message":"Bad credentials"}')).toBe(
      'Bad credentials',
    );
    expect(upstreamReason('{"errors":["permission denied","again"]}')).toBe(
      'permission denied; again',
    );
    expect(upstreamReason('  plain words  ')).toBe('plain words');
    expect(upstreamReason('')).toBe('no reason');
  });
});
