import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ForgeClient } from '@homelab-portal/plugin-homelab-node';
import fs from 'node:fs';
import path from 'node:path';
import {
  CREATE_PULL_FIELDS,
  FAKE_GITEA_ROUTES,
  FakeGitea,
  startFakeGitea,
} from '@homelab-portal/test-utils';
import { GiteaClient } from './GiteaClient';

/*
 * The fake Gitea, the action's GiteaClient and the tracker's ForgeClient
 * against the published API specifications of Gitea 1.27.1 and Forgejo 11.0.3
 * (/work/shared/fixtures/{gitea,forgejo}/swagger.v1.json, swagger 2.0):
 * every route the fake serves exists in both, every request body the clients
 * send is valid against the operation's body schema, and every JSON answer
 * of the fake is valid against the operation's 200/201 schema, with the
 * fields our code reads present.
 */

const FIXTURES = resolvePackagePath(
  '@homelab-portal/plugin-scaffolder-backend-module-gitea-pull-request',
  '../../../../shared/fixtures',
);

/** A spec file, or one line saying which file is missing. */
function readSpec(file: string): Swagger {
  if (!fs.existsSync(file)) {
    const error = new Error(
      `fixtures missing: ${file} (the tests need /work/shared/fixtures, see README)`,
    );
    error.stack = error.message;
    throw error;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

interface Swagger {
  basePath: string;
  paths: Record<string, Record<string, any>>;
  definitions: Record<string, any>;
  responses: Record<string, { schema?: any }>;
}

const SPECS = {
  'Gitea 1.27.1': readSpec(path.join(FIXTURES, 'gitea', 'swagger.v1.json')),
  'Forgejo 11.0.3': readSpec(path.join(FIXTURES, 'forgejo', 'swagger.v1.json')),
};

/**
 * Fields that Gitea's Go types make pointers (`*string`), answered as null
 * until they have a value, though the spec types them as plain strings.
 * Times (`format: date-time`) and nested objects (`$ref`) are pointers too.
 */
const NULLABLE = new Set(['PullRequest.merge_commit_sha']);

/**
 * The definitions, made strict: an object may hold only the properties the
 * spec defines (so the fake invents nothing), and only pointers may be null.
 */
function strictDefinitions(definitions: Record<string, any>) {
  const out: Record<string, any> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.type !== 'object' || !definition.properties) {
      out[name] = definition;
      continue;
    }
    const properties: Record<string, any> = {};
    for (const [key, property] of Object.entries<any>(definition.properties)) {
      const nullable =
        property.format === 'date-time' ||
        property.$ref ||
        NULLABLE.has(`${name}.${key}`);
      if (!nullable) properties[key] = property;
      else if (property.$ref)
        properties[key] = { anyOf: [property, { type: 'null' }] };
      else properties[key] = { ...property, type: [property.type, 'null'] };
    }
    out[name] = { ...definition, properties, additionalProperties: false };
  }
  return out;
}

function validators(specName: string, spec: Swagger) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = specName.replace(/\W/g, '');
  ajv.addSchema({ $id: id, definitions: strictDefinitions(spec.definitions) });
  const cache = new Map<string, ValidateFunction>();
  return (schema: unknown): ValidateFunction => {
    const text = JSON.stringify(schema).replace(
      /"#\/definitions\//g,
      `"${id}#/definitions/`,
    );
    if (!cache.has(text)) cache.set(text, ajv.compile(JSON.parse(text)));
    return cache.get(text)!;
  };
}

/**
 * The path template a concrete path matches; where several do
 * (`/pulls/{index}/requested_reviewers` and `/pulls/{base}/{head}`), the one
 * with the most literal segments, as a router does.
 */
function templateOf(pathname: string, templates: string[]) {
  const literals = (template: string) =>
    template.split('/').filter(segment => !segment.startsWith('{')).length;
  return templates
    .filter(template =>
      new RegExp(
        `^${template.replace(/\{(\w+)\}/g, (_, name) =>
          name === 'filepath' ? '.+' : '[^/]+',
        )}$`,
      ).test(pathname),
    )
    .sort((a, b) => literals(b) - literals(a))[0];
}

/** The fields our code reads in each answer (item of a list, for lists). */
const READS: Record<string, string[]> = {
  'GET /repos/{owner}/{repo}': ['default_branch'],
  'GET /repos/{owner}/{repo}/pulls': [
    'number',
    'html_url',
    'state',
    'head.ref',
  ],
  'POST /repos/{owner}/{repo}/pulls': ['number', 'html_url', 'base.ref'],
  'GET /repos/{owner}/{repo}/pulls/{index}': ['state', 'merged'],
  'GET /repos/{owner}/{repo}/labels': ['id', 'name'],
  'GET /repos/{owner}/{repo}/git/commits/{sha}': ['sha'],
  'GET /repos/{owner}/{repo}/contents/{filepath}': [
    'type',
    'encoding',
    'content',
  ],
};

function at(value: any, dotted: string) {
  return dotted.split('.').reduce((v, key) => v?.[key], value);
}

interface Exchange {
  method: string;
  path: string;
  query: string[];
  status: number;
  contentType: string;
  body: string;
}

jest.setTimeout(60_000);

describe('the fake Gitea and our clients against the Gitea and Forgejo specs', () => {
  const TOKEN = 'spec-token-5ecret';
  let gitea: FakeGitea;
  const exchanges: Exchange[] = [];
  const realFetch = global.fetch;
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = new URL(String(input));
    exchanges.push({
      method: init?.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: [...url.searchParams.keys()],
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.clone().text(),
    });
    return response;
  };
  const tracked: Record<string, unknown> = {};

  beforeAll(async () => {
    gitea = await startFakeGitea({
      owner: 'homelab',
      repo: 'gitops',
      token: TOKEN,
      labels: [
        { id: 7, name: 'kratix' },
        { id: 9, name: 'database' },
      ],
    });
    gitea.commit('request/redis', { 'redis.yaml': 'kind: redis\n' }, 'redis');
    gitea.commit('request/bucket', { 'bucket.yaml': 'kind: b\n' }, 'bucket');

    // The action's client, as the action calls it (GiteaClient uses the global fetch).
    global.fetch = recordingFetch;
    try {
      const client = new GiteaClient({
        baseUrl: gitea.baseUrl,
        password: TOKEN,
      });
      const base = await client.getDefaultBranch('homelab', 'gitops');
      const labels = await client.labelIds('homelab', 'gitops', [
        'kratix',
        'database',
      ]);
      tracked.labels = labels;
      tracked.before = [];
      for (const head of ['request/redis', 'request/bucket']) {
        (tracked.before as unknown[]).push(
          await client.findOpenPullRequest('homelab', 'gitops', head),
        );
        const pull = await client.createPullRequest('homelab', 'gitops', {
          head,
          base,
          title: `Request ${head}`,
          body: 'From the portal',
          labels,
        });
        await client.requestReviewers('homelab', 'gitops', pull.number, [
          'operator',
        ]);
      }
      tracked.found = await client.findOpenPullRequest(
        'homelab',
        'gitops',
        'request/redis',
      );
    } finally {
      global.fetch = realFetch;
    }

    // The tracker's client: open, then one merged and one closed.
    const forge = ForgeClient.fromConfig(
      new ConfigReader({
        integrations: {
          gitea: [
            {
              host: new URL(gitea.baseUrl).host,
              baseUrl: gitea.baseUrl,
              username: 'portal',
              password: TOKEN,
            },
          ],
        },
      }),
      { timeoutMs: 10_000, fetch: recordingFetch },
    );
    const url = (n: number) => `${gitea.baseUrl}/homelab/gitops/pulls/${n}`;
    tracked.open = await forge.pullRequest(url(1));
    const sha = gitea.merge(1);
    gitea.closePull(2);
    tracked.merged = await forge.pullRequest(url(1));
    tracked.closed = await forge.pullRequest(url(2));
    tracked.sha = sha;

    // The URL reader's calls (Backstage's Gitea reader): a ref, a file, a tree.
    const headers = { authorization: `token ${TOKEN}` };
    const repo = `${gitea.baseUrl}/api/v1/repos/homelab/gitops`;
    await recordingFetch(`${repo}/git/commits/main`, { headers });
    await recordingFetch(`${repo}/contents/redis.yaml?ref=main`, { headers });
    await recordingFetch(`${repo}/archive/main.tar.gz`, { headers });
  });
  afterAll(() => gitea?.close());

  it('the tracker reads what the spec defines: state, merged, merged_at, merge_commit_sha, closed_at', () => {
    // the fake's last answer for each pull request, as the tracker read it
    const answer = (n: number) =>
      JSON.parse(
        exchanges
          .filter(
            e =>
              e.method === 'GET' &&
              e.path === `/repos/homelab/gitops/pulls/${n}`,
          )
          .slice(-1)[0].body,
      );
    // the action's client found, created and found again
    expect(tracked.labels).toEqual([7, 9]);
    expect(tracked.before).toEqual([undefined, undefined]);
    expect(tracked.found).toMatchObject({
      number: 1,
      head: { ref: 'request/redis' },
    });
    expect(tracked.open).toEqual({ state: 'open' });
    expect(answer(1)).toMatchObject({
      state: 'closed',
      merged: true,
      merged_at: gitea.pulls[0].mergedAt,
      merge_commit_sha: tracked.sha,
    });
    expect(tracked.merged).toEqual({
      state: 'merged',
      at: answer(1).merged_at,
      sha: tracked.sha,
    });
    expect(answer(2)).toMatchObject({
      state: 'closed',
      merged: false,
      merged_at: null,
      closed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(tracked.closed).toEqual({
      state: 'closed',
      at: answer(2).closed_at,
    });
  });

  it('every route of the fake was called here, and answered 2xx', () => {
    const called = new Set(
      exchanges.map(
        e =>
          `${e.method} ${templateOf(
            e.path,
            FAKE_GITEA_ROUTES.map(r => r.path),
          )}`,
      ),
    );
    expect([...called].sort()).toEqual(
      FAKE_GITEA_ROUTES.map(r => `${r.method} ${r.path}`).sort(),
    );
    expect(exchanges.filter(e => e.status >= 300)).toEqual([]);
  });

  describe.each(Object.entries(SPECS))('%s', (specName, spec) => {
    const validate = validators(specName, spec);
    const templates = Object.keys(spec.paths);
    const operation = (method: string, pathname: string) => {
      const template = templateOf(pathname, templates);
      return {
        template,
        op: template && spec.paths[template][method.toLowerCase()],
      };
    };
    const problems = (fn: ValidateFunction) =>
      (fn.errors ?? []).map(
        e =>
          `${e.instancePath} ${e.message}${
            e.params.additionalProperty
              ? `: ${e.params.additionalProperty}`
              : ''
          }`,
      );

    it('has every route the fake serves', () => {
      expect(spec.basePath).toBe('/api/v1');
      const missing = FAKE_GITEA_ROUTES.filter(
        route => !spec.paths[route.path]?.[route.method.toLowerCase()],
      );
      expect(missing).toEqual([]);
    });

    it('accepts every request our clients sent: path, query parameters and body', () => {
      expect(gitea.requests.length).toBeGreaterThan(10);
      const found: string[] = [];
      for (const request of gitea.requests) {
        const url = new URL(request.path, 'http://x');
        const pathname = url.pathname.replace(/^\/api\/v1/, '');
        const { template, op } = operation(request.method, pathname);
        const what = `${request.method} ${template ?? pathname}`;
        if (!op) {
          found.push(`${what}: no such operation`);
          continue;
        }
        const parameters: any[] = op.parameters ?? [];
        const query = parameters.filter(p => p.in === 'query').map(p => p.name);
        for (const key of url.searchParams.keys()) {
          if (!query.includes(key)) found.push(`${what}: no query ${key}`);
        }
        if (request.body === undefined) continue;
        const bodyParameter = parameters.find(p => p.in === 'body');
        if (!bodyParameter) {
          found.push(`${what}: takes no body`);
          continue;
        }
        const fn = validate(bodyParameter.schema);
        fn(request.body);
        found.push(...problems(fn).map(problem => `${what}: ${problem}`));
      }
      expect(found).toEqual([]);
    });

    it('defines every JSON answer of the fake, with the fields our code reads', () => {
      const found: string[] = [];
      for (const exchange of exchanges) {
        const { template, op } = operation(exchange.method, exchange.path);
        const what = `${exchange.method} ${template} → ${exchange.status}`;
        const answer = op?.responses[String(exchange.status)];
        if (!answer) {
          found.push(`${what}: not an answer the spec defines`);
          continue;
        }
        const schema = answer.$ref
          ? spec.responses[answer.$ref.replace('#/responses/', '')].schema
          : answer.schema;
        if (!exchange.contentType.startsWith('application/json')) {
          // the archive: a tarball, for which the spec has no JSON schema
          if (schema) found.push(`${what}: ${exchange.contentType}, not JSON`);
          continue;
        }
        const body = JSON.parse(exchange.body);
        const fn = validate(schema);
        fn(body);
        found.push(...problems(fn).map(problem => `${what}: ${problem}`));
        const reads = READS[`${exchange.method} ${template}`] ?? [];
        for (const item of Array.isArray(body) ? body : [body]) {
          for (const field of reads) {
            const value = at(item, field);
            if (value === undefined || value === null)
              found.push(`${what}: no ${field}`);
          }
        }
      }
      expect(found).toEqual([]);
    });

    it('defines every field of a new pull request the fake accepts', () => {
      const defined = Object.keys(
        spec.definitions.CreatePullRequestOption.properties,
      );
      expect([...CREATE_PULL_FIELDS].filter(f => !defined.includes(f))).toEqual(
        [],
      );
    });

    it('refuses a pull request the spec does not allow (the check is not empty)', () => {
      const pullRequest = validate({ $ref: '#/definitions/PullRequest' });
      expect(pullRequest({ number: '1' })).toBe(false);
      expect(pullRequest({ number: 1, mergedAt: null })).toBe(false);
      expect(pullRequest({ number: 1, merged: null })).toBe(false);
      expect(pullRequest({ number: 1, merged_at: null })).toBe(true);
      const create = validate(
        spec.paths['/repos/{owner}/{repo}/pulls'].post.parameters.find(
          (p: any) => p.in === 'body',
        ).schema,
      );
      expect(create({ head: 'a', base: 'main', labels: ['kratix'] })).toBe(
        false,
      );
    });
  });
});

describe('readSpec', () => {
  it('fails in one line naming the missing file', () => {
    let error: Error | undefined;
    try {
      readSpec('/nonexistent/forgejo/swagger.v1.json');
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(
      'fixtures missing: /nonexistent/forgejo/swagger.v1.json (the tests need /work/shared/fixtures, see README)',
    );
    expect(error?.stack).toBe(error?.message);
  });
});
