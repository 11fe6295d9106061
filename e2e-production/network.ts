// The homelab's network on one machine: each Service (and each outside host
// the production config names) gets its own loopback address, its port kept;
// what listens there stands in for the pods behind it, as kube-proxy would
// forward. A config that names a port the Service does not have connects to
// nothing and fails the day.
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

export type Address = { host: string; port: number };

/** Host name (as the shipped files write it) -> loopback address; ports unchanged. */
export const HOSTS: Array<{ name: string; address: string; what: string }> = [
  {
    name: 'homelab-portal.homelab-portal.svc',
    address: '127.0.10.1',
    what: 'Service homelab-portal :80 -> both replicas :7007, round-robin',
  },
  {
    name: 'alertmanager.monitoring.svc',
    address: '127.0.10.2',
    what: 'Service alertmanager :9093 -> /usr/bin/prometheus-alertmanager',
  },
  {
    name: 'prometheus.monitoring.svc',
    address: '127.0.10.3',
    what: 'Service prometheus :9090 -> /usr/bin/prometheus',
  },
  {
    name: 'argocd-server.argocd.svc',
    address: '127.0.10.4',
    what: 'Service argocd-server :80 -> FakeArgoCd',
  },
  {
    name: 'kubernetes.default.svc',
    address: '127.0.10.5',
    what: 'Service kubernetes :443 (TLS, the run CA) -> FakeKubeApi',
  },
  {
    name: 'ollama.ollama.svc',
    address: '127.0.10.6',
    what: 'Service ollama :11434 -> a fixed-answer stand-in',
  },
  {
    name: 'homelab-portal-postgres',
    address: '127.0.10.7',
    what: "Service homelab-portal-postgres :5432 -> the machine's PostgreSQL",
  },
  {
    name: 'git.lab.local',
    address: '127.0.20.1',
    what: 'Gitea :443 (TLS, the run CA) -> FakeGitea with real git',
  },
  {
    name: 'nas.lab.local',
    address: '127.0.20.2',
    what: "restic's REST server :8000 -> a REST backend v2 on a local folder",
  },
  {
    name: 'argocd.lab.local',
    address: '127.0.20.3',
    what: "ArgoCD's UI (browser links only; nothing listens)",
  },
];

export const addressOf = (name: string) => {
  const host = HOSTS.find(h => h.name === name);
  if (!host) throw new Error(`no loopback address for ${name}`);
  return host.address;
};

/**
 * Rewrites host names to their loopback addresses, and nothing else: each
 * name must be found as a whole host (after `//`, `@`, or alone as a YAML
 * value), so a rename in the shipped file fails here instead of passing.
 */
export function rewriteHosts(
  text: string,
  names: string[],
): { text: string; applied: string[] } {
  let out = text;
  const applied: string[] = [];
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(
      `(?<=//|@|: |\\s-\\s|\\$\\{GITEA_HOST:-)${escaped}(?=[/:'"\\s?}]|$)`,
      'gm',
    );
    const count = out.match(pattern)?.length ?? 0;
    if (count === 0) continue;
    out = out.replace(pattern, addressOf(name));
    applied.push(`${name} -> ${addressOf(name)} (${count}x)`);
  }
  return { text: out, applied };
}

/**
 * A Service: listens on address:port and forwards each connection to the
 * next backend in turn; a backend that refuses (a replica restarting) is
 * skipped, as a Service drops a pod that is not ready.
 */
export async function startService(
  listen: Address,
  backends: () => Address[],
  options: { tls?: { key: string; cert: string } } = {},
) {
  let next = 0;
  const sockets = new Set<net.Socket>();
  // hold(): nothing passes until release(): new connections wait, and
  // connections already open stop forwarding what the client sends (a
  // request in flight when the backend "hangs").
  let held = false;
  const queued: Array<() => void> = [];
  const pairs = new Map<net.Socket, net.Socket>();
  const handle = (client: net.Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    if (held) {
      queued.push(() => handle2(client));
      return;
    }
    handle2(client);
  };
  const handle2 = (client: net.Socket) => {
    if (client.destroyed) return;
    const targets = backends();
    const tryBackend = (attempt: number) => {
      if (attempt >= targets.length) {
        client.destroy();
        return;
      }
      const target = targets[next++ % targets.length];
      const upstream = net.connect(target.port, target.host);
      upstream.once('error', () => {
        upstream.destroy();
        tryBackend(attempt + 1);
      });
      upstream.once('connect', () => {
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => {
          upstream.destroy();
          pairs.delete(client);
        });
        pairs.set(client, upstream);
        upstream.pipe(client);
        if (held) return; // release() starts it
        client.pipe(upstream);
        client.resume();
      });
    };
    tryBackend(0);
  };
  const server = options.tls
    ? tls.createServer(options.tls, handle)
    : net.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, resolve);
  });
  return {
    hold() {
      held = true;
      for (const client of pairs.keys()) {
        client.unpipe();
        client.pause();
      }
    },
    /** Connections waiting, or holding bytes their backend has not seen. */
    waiting() {
      return (
        queued.length +
        [...pairs.keys()].filter(c => !c.destroyed && c.readableLength > 0)
          .length
      );
    },
    release() {
      held = false;
      for (const [client, upstream] of pairs) {
        if (client.destroyed) continue;
        client.pipe(upstream);
        client.resume();
      }
      for (const start of queued.splice(0)) start();
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise(r => server.close(r));
    },
  };
}

/** A CA-signed-by-itself certificate for the given IPs and names (openssl CLI). */
export function makeCertificate(
  dir: string,
  ips: string[],
  names: string[],
  run: (cmd: string, args: string[]) => void,
) {
  const key = `${dir}/tls.key`;
  const cert = `${dir}/tls.crt`;
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=homelab rehearsal CA',
    '-keyout',
    key,
    '-out',
    cert,
    '-addext',
    `subjectAltName=${[
      ...ips.map(ip => `IP:${ip}`),
      ...names.map(n => `DNS:${n}`),
    ].join(',')}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
  ]);
  return {
    keyFile: key,
    certFile: cert,
    key: fs.readFileSync(key, 'utf8'),
    cert: fs.readFileSync(cert, 'utf8'),
  };
}
