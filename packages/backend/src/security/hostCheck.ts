import { isIP } from 'node:net';
import { Config } from '@backstage/config';
import { NextFunction, Request, Response } from 'express';

/**
 * The host names the backend answers to: those of `backend.baseUrl` and
 * `app.baseUrl`, `localhost`, and `homelab.security.allowedHosts` (e.g. the
 * in-cluster Service name that Alertmanager posts to). IP literals are always
 * accepted: DNS rebinding needs a name.
 */
export function readAllowedHosts(config: Config): Set<string> {
  const hosts = new Set<string>(['localhost']);
  for (const key of ['backend.baseUrl', 'app.baseUrl']) {
    const url = config.getOptionalString(key);
    if (url) hosts.add(new URL(url).hostname.toLocaleLowerCase('en-US'));
  }
  for (const host of config.getOptionalStringArray(
    'homelab.security.allowedHosts',
  ) ?? []) {
    hosts.add(host.toLocaleLowerCase('en-US'));
  }
  return hosts;
}

/** The host name of a Host header, without its port; undefined if malformed. */
export function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${header}`);
  } catch {
    return undefined;
  }
  // "evil.example@localhost" or a path smuggled into the header
  if (url.username || url.password || url.pathname !== '/' || url.search) {
    return undefined;
  }
  return url.hostname.toLocaleLowerCase('en-US');
}

function isIpLiteral(hostname: string): boolean {
  return isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}

/**
 * Refuses requests whose Host header names a host the portal is not, so that a
 * web page on another site cannot reach the backend through DNS rebinding
 * (a name of the attacker's that resolves to this machine). This is the check
 * that webpack's dev server and Vite make (`allowedHosts`).
 */
export function createHostCheck(config: Config) {
  const allowed = readAllowedHosts(config);
  return (req: Request, res: Response, next: NextFunction) => {
    const hostname = hostnameOf(req.headers.host);
    if (hostname && (allowed.has(hostname) || isIpLiteral(hostname))) {
      next();
      return;
    }
    res.status(421).json({
      error: {
        name: 'MisdirectedRequest',
        message:
          'This host name is not one the portal answers to; add it to homelab.security.allowedHosts if it should be',
      },
    });
  };
}
