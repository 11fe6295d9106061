/* eslint-disable no-script-url */ // A script URL is one of this test's bad inputs.
import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';
import {
  KratixRequestProvider,
  entityForRequest,
} from './KratixRequestProvider';

const base: KratixRequest = {
  id: '6f1c0d1e-0000-4000-8000-000000000001',
  requester: 'user:default/alice',
  promise: 'postgresql',
  promiseEntityRef: 'api:default/postgresql-promise',
  apiVersion: 'platform.lab.local/v1alpha1',
  kind: 'PostgreSQL',
  plural: 'postgresqls',
  name: 'photos',
  namespace: 'media',
  parameters: {},
  forge: 'gitea',
  pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/7',
  state: 'synced',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:20:00.000Z',
  events: [],
};

function provider(answers: Array<Response | Error>) {
  const asked: string[] = [];
  const mutations: any[] = [];
  const p = new KratixRequestProvider({
    discovery: {
      getBaseUrl: async () => 'http://backend.local/api/kratix',
      getExternalBaseUrl: async () => '',
    },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    fetch: (async (url: string) => {
      asked.push(url);
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return answer;
    }) as any,
  });
  return { p, asked, mutations };
}

const connect = async (p: KratixRequestProvider) => {
  const mutations: any[] = [];
  await p.connect({
    applyMutation: async (m: any) => {
      mutations.push(m);
    },
    refresh: async () => {},
  } as EntityProviderConnection);
  return mutations;
};

describe('KratixRequestProvider', () => {
  it('emits merged and synced requests from every page, and nothing else', async () => {
    const { p, asked } = provider([
      Response.json({
        items: [
          { ...base, id: `${base.id.slice(0, -1)}2`, state: 'pr-open' },
          { ...base, id: `${base.id.slice(0, -1)}3`, state: 'merged' },
        ],
        nextCursor:
          '2026-11-25T10:00:00.000Z~6f1c0d1e-0000-4000-8000-000000000003',
      }),
      Response.json({
        items: [
          {
            ...base,
            kratix: { phase: 'waiting', reason: 'WorksPending' },
          },
          { ...base, id: `${base.id.slice(0, -1)}4`, state: 'failed' },
        ],
      }),
    ]);
    const mutations = await connect(p);
    expect(await p.run()).toEqual({ entities: 2 });
    expect(asked).toEqual([
      'http://backend.local/api/kratix/requests?open=true&limit=200',
      'http://backend.local/api/kratix/requests?open=true&limit=200&cursor=2026-11-25T10%3A00%3A00.000Z%7E6f1c0d1e-0000-4000-8000-000000000003',
    ]);
    expect(
      mutations[0].entities.map((e: any) => [
        e.entity.metadata.name,
        e.entity.metadata.labels['homelab-portal.io/kratix-request-state'],
      ]),
    ).toEqual([
      ['kratix-request-6f1c0d1e-0000-4000-8000-000000000003', 'merged'],
      ['kratix-request-6f1c0d1e-0000-4000-8000-000000000001', 'waiting'],
    ]);
  });

  it('keeps the last entities when the kratix backend fails or answers junk', async () => {
    const { p } = provider([
      new Error('connect ECONNREFUSED'),
      new Response('<html>502</html>', { status: 502 }),
      Response.json({ nothing: true }),
    ]);
    const mutations = await connect(p);
    for (let i = 0; i < 3; i++) expect(await p.run()).toEqual({ entities: 0 });
    expect(mutations).toEqual([]);
  });

  it('links only web URLs', () => {
    const entity = entityForRequest(
      {
        ...base,
        pullRequestUrl: 'javascript:alert(1)',
        kratix: {
          phase: 'needs-approval',
          reason: 'WorkflowSuspended',
          approvalUrl: 'JAVASCRIPT:alert(1)',
        },
      },
      { appBaseUrl: 'https://portal.lab.local/' },
    );
    expect(entity.metadata.links).toEqual([
      {
        url: 'https://portal.lab.local/kratix/requests/6f1c0d1e-0000-4000-8000-000000000001',
        title: 'Request timeline',
      },
    ]);
  });
});
