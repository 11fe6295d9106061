// restic's REST backend (protocol v2, as rest-server serves it) on a local
// folder: what `rest:http://nas.lab.local:8000/media` reaches on the NAS.
// Only what restic itself calls: create, config, list, and HEAD/GET (with
// Range)/POST/DELETE of one file. rest-server is not packaged here.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = new Set(['data', 'keys', 'locks', 'snapshots', 'index']);
const V2 = 'application/vnd.x.restic.rest.v2';

export async function startResticRestServer(options: {
  host: string;
  port: number;
  root: string;
}) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://nas');
    requests.push(`${req.method} ${url.pathname}`);
    const parts = url.pathname.split('/').filter(Boolean);
    const fail = (status: number) => res.writeHead(status).end();
    if (parts.length < 1 || parts.some(p => !/^[A-Za-z0-9_-]+$/.test(p))) {
      fail(400);
      return;
    }
    const [repo, type, name] = parts;
    const repoDir = path.join(options.root, repo);
    const body = () =>
      new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on('data', c => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
      });
    if (!type) {
      if (req.method === 'POST' && url.searchParams.get('create') === 'true') {
        for (const t of TYPES)
          fs.mkdirSync(path.join(repoDir, t), { recursive: true });
        res.writeHead(200).end();
        return;
      }
      fail(405);
      return;
    }
    const file =
      type === 'config'
        ? path.join(repoDir, 'config')
        : TYPES.has(type) && name
        ? path.join(repoDir, type, name)
        : undefined;
    if (TYPES.has(type) && !name && req.method === 'GET') {
      const dir = path.join(repoDir, type);
      if (!fs.existsSync(dir)) {
        fail(404);
        return;
      }
      const entries = fs.readdirSync(dir).map(n => ({
        name: n,
        size: fs.statSync(path.join(dir, n)).size,
      }));
      const v2 = (req.headers.accept ?? '').includes(V2);
      res
        .writeHead(200, { 'content-type': v2 ? V2 : 'application/json' })
        .end(JSON.stringify(v2 ? entries : entries.map(e => e.name)));
      return;
    }
    if (!file) {
      fail(404);
      return;
    }
    if (req.method === 'POST') {
      body().then(data => {
        if (fs.existsSync(file) && type !== 'config') {
          fail(403); // restic never overwrites a blob
          return;
        }
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, data);
        res.writeHead(200).end();
      });
      return;
    }
    if (!fs.existsSync(file)) {
      fail(404);
      return;
    }
    if (req.method === 'DELETE') {
      fs.rmSync(file);
      res.writeHead(200).end();
      return;
    }
    const data = fs.readFileSync(file);
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-length': data.length }).end();
      return;
    }
    if (req.method !== 'GET') {
      fail(405);
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Number(range[2]) : data.length - 1;
      if (start >= data.length) {
        fail(416);
        return;
      }
      const slice = data.subarray(start, Math.min(end, data.length - 1) + 1);
      res
        .writeHead(206, {
          'content-length': slice.length,
          'content-range': `bytes ${start}-${start + slice.length - 1}/${
            data.length
          }`,
        })
        .end(slice);
      return;
    }
    res.writeHead(200, { 'content-length': data.length }).end(data);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    },
  };
}
