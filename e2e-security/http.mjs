// Plain HTTP for the probes: raw paths are sent as written (no normalising
// of `..`), every answer is timed, and a small cookie jar follows the
// sign-in redirects across the portal and the OpenID provider.
import http from 'node:http';
import net from 'node:net';

/**
 * One request. `path` may be a full URL or a path on `base`. Returns
 * { status, headers, text, ms } or { error, ms } (ECONNREFUSED, timeout...).
 */
export function request(
  url,
  { method = 'GET', headers = {}, body, timeoutMs = 20_000, host } = {},
) {
  const target = new URL(url);
  // The path exactly as given, after the origin: URL() would resolve `..`.
  const rawPath = url.slice(target.origin.length) || '/';
  const started = performance.now();
  return new Promise(resolve => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: rawPath,
        headers: { ...(host ? { host } : {}), ...headers },
        timeout: timeoutMs,
      },
      res => {
        const chunks = [];
        let size = 0;
        res.on('data', chunk => {
          size += chunk.length;
          if (size < 2_000_000) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', error =>
          resolve({
            error: error.code ?? error.message,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
    );
    req.on('error', error =>
      resolve({
        error: error.code ?? error.message,
        ms: performance.now() - started,
      }),
    );
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Opens a TCP connection; resolves 'CONNECTED' or the error code. */
export function connect(host, port, timeoutMs = 3000) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    socket.on('connect', () => {
      socket.destroy();
      resolve('CONNECTED');
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve('TIMEOUT');
    });
    socket.on('error', error => resolve(error.code ?? error.message));
  });
}

/** Cookies by host:port; paths are ignored (sending more is harmless here). */
export class CookieJar {
  #byHost = new Map();

  store(url, setCookie) {
    const host = new URL(url).host;
    const jar = this.#byHost.get(host) ?? new Map();
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '')
        jar.delete(name);
      else jar.set(name, value);
    }
    this.#byHost.set(host, jar);
  }

  header(url) {
    const jar = this.#byHost.get(new URL(url).host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
}

/** GET with cookies, following redirects; returns the last answer and its URL. */
export async function browse(
  jar,
  url,
  { method = 'GET', body, headers = {}, maxHops = 10 } = {},
) {
  let current = url;
  let options = { method, body, headers };
  for (let hop = 0; hop < maxHops; hop++) {
    const cookie = jar.header(current);
    const res = await request(current, {
      ...options,
      headers: { ...options.headers, ...(cookie ? { cookie } : {}) },
    });
    if (res.error) return { ...res, url: current };
    jar.store(current, res.headers['set-cookie']);
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      current = new URL(res.headers.location, current).toString();
      options = { method: 'GET', headers: {} };
      continue;
    }
    return { ...res, url: current };
  }
  throw new Error(`too many redirects from ${url}`);
}
