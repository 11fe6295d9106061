import { Config } from '@backstage/config';
import { NextFunction, Request, Response } from 'express';

/** One proxy endpoint's allowed requests (`homelab.security.proxy`). */
export type ProxyRule = {
  endpoint: string;
  methods: string[];
  paths: RegExp[];
  query: Set<string>;
};

// One path segment: what an ArgoCD application name or a Git revision can be.
const SEGMENT = '[A-Za-z0-9][A-Za-z0-9._-]{0,252}';

/**
 * `/applications/{name}/revisions/{revision}/metadata` becomes an anchored
 * expression in which each `{x}` is exactly one safe segment (no `/`, no
 * `..`, no encoded characters).
 */
export function compilePathTemplate(template: string): RegExp {
  if (!template.startsWith('/')) {
    throw new Error(
      `homelab.security.proxy: path "${template}" must start with "/"`,
    );
  }
  const parts = template
    .split(/(\{[A-Za-z]+\})/)
    .map(part =>
      /^\{[A-Za-z]+\}$/.test(part)
        ? SEGMENT
        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  return new RegExp(`^${parts.join('')}$`);
}

export function readProxyRules(config: Config): ProxyRule[] {
  return (config.getOptionalConfigArray('homelab.security.proxy') ?? []).map(
    rule => ({
      endpoint: rule.getString('endpoint').replace(/\/+$/, ''),
      methods: (rule.getOptionalStringArray('methods') ?? ['GET']).map(m =>
        m.toUpperCase(),
      ),
      paths: rule.getStringArray('paths').map(compilePathTemplate),
      query: new Set(rule.getOptionalStringArray('query') ?? []),
    }),
  );
}

function refuse(res: Response, status: number, message: string) {
  res.status(status).json({ error: { name: 'NotAllowedError', message } });
}

/**
 * Mounted at `/api/proxy`, ahead of the proxy plugin. Default deny: a request
 * passes only if it names an endpoint of `homelab.security.proxy`, with one of
 * its methods, a path matching one of its templates exactly (case and all)
 * and only its query parameters. Anything else is refused here, before the
 * proxy adds the upstream's credentials.
 */
export function createProxyAllowList(config: Config) {
  const rules = readProxyRules(config);
  return (req: Request, res: Response, next: NextFunction) => {
    // CORS preflights carry no credentials; Backstage's CORS middleware
    // answers them itself, and they never reach the proxy.
    if (req.method === 'OPTIONS') {
      next();
      return;
    }
    // req.url is the raw, still-encoded path below /api/proxy.
    const raw = req.url;
    const queryAt = raw.indexOf('?');
    const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
    const search = new URLSearchParams(
      queryAt === -1 ? '' : raw.slice(queryAt + 1),
    );
    const rule = rules.find(r => path.startsWith(`${r.endpoint}/`));
    if (!rule) {
      refuse(res, 403, 'This proxy path is not allowed');
      return;
    }
    if (!rule.methods.includes(req.method.toUpperCase())) {
      refuse(res, 405, `${req.method} is not allowed on this proxy endpoint`);
      return;
    }
    const rest = path.slice(rule.endpoint.length);
    if (!rule.paths.some(p => p.test(rest))) {
      refuse(res, 403, 'This proxy path is not allowed');
      return;
    }
    for (const key of search.keys()) {
      if (!rule.query.has(key)) {
        refuse(res, 403, `Query parameter "${key}" is not allowed here`);
        return;
      }
    }
    next();
  };
}
