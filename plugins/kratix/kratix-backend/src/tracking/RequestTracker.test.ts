import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ForgeClient } from '@homelab-portal/plugin-homelab-node';
import { ForgesWithLocal } from '../localGit/forges';
import { RequestStore } from '../database/RequestStore';
import { RequestTracker } from './RequestTracker';

jest.setTimeout(120_000);

describe('RequestTracker', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('checks every open request, past the first thousand, a page at a time', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await RequestStore.create({
      getClient: async () => knex,
    } as DatabaseService);
    const total = 1_005;
    const start = Date.parse('2026-11-01T00:00:00Z');
    for (let n = 1; n <= total; n++) {
      await store.add(
        {
          requester: `user:default/u${n % 7}`,
          promise: 'postgresql',
          promiseEntityRef: 'api:default/postgresql-promise',
          apiVersion: 'marketplace.kratix.io/v1alpha2',
          kind: 'postgresql',
          plural: 'postgresqls',
          name: `db-${n}`,
          namespace: 'default',
          parameters: {},
          forge: 'gitea',
          pullRequestUrl: `https://git.lab.local/homelab/gitops/pulls/${n}`,
        },
        // a few share a creation time: the pages still neither skip nor repeat
        new Date(start + Math.floor(n / 3) * 1000),
      );
    }
    const checked: string[] = [];
    const forge = {
      pullRequest: async (url: string) => {
        checked.push(url);
        return { state: 'open' as const };
      },
    } as unknown as ForgeClient;
    const pages = jest.spyOn(store, 'openPage');
    const tracker = new RequestTracker({
      store,
      forge: new ForgesWithLocal(forge),
      notifications: { send: async () => {} },
      logger: mockServices.logger.mock(),
      pageSize: 200,
    });

    await tracker.runOnce();

    expect(checked).toHaveLength(total);
    expect(new Set(checked).size).toBe(total);
    // oldest first
    const times = checked.map(url => Math.floor(Number(/\d+$/.exec(url)) / 3));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(pages.mock.calls.length).toBeGreaterThanOrEqual(
      Math.ceil(total / 200),
    );
    for (const [options] of pages.mock.calls) {
      expect(options.limit).toBe(200);
    }
  });

  it('asks a forge that does not answer once per run, not once per request', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await RequestStore.create({
      getClient: async () => knex,
    } as DatabaseService);
    const urls = [
      'https://dead.lab.local/homelab/gitops/pulls/1',
      'https://git.lab.local/homelab/gitops/pulls/2',
      'https://dead.lab.local/homelab/gitops/pulls/3',
      'https://dead.lab.local/homelab/gitops/pulls/4',
      'https://git.lab.local/homelab/gitops/pulls/5',
    ];
    const start = Date.parse('2026-11-01T00:00:00Z');
    for (const [i, pullRequestUrl] of urls.entries()) {
      await store.add(
        {
          requester: 'user:default/a',
          promise: 'postgresql',
          promiseEntityRef: 'api:default/postgresql-promise',
          apiVersion: 'marketplace.kratix.io/v1alpha2',
          kind: 'postgresql',
          plural: 'postgresqls',
          name: `db-${i}`,
          namespace: 'default',
          parameters: {},
          forge: 'gitea',
          pullRequestUrl,
        },
        new Date(start + i * 1000),
      );
    }
    const asked: string[] = [];
    const forge = ForgeClient.fromConfig(
      new ConfigReader({
        integrations: {
          gitea: [{ host: 'dead.lab.local' }, { host: 'git.lab.local' }],
        },
      }),
      {
        timeoutMs: 1000,
        fetch: async (input: any) => {
          const url = new URL(String(input));
          asked.push(url.host);
          if (url.host === 'dead.lab.local') {
            throw Object.assign(new Error('timed out'), {
              name: 'TimeoutError',
            });
          }
          return new Response(JSON.stringify({ state: 'open' }), {
            status: 200,
          });
        },
      },
    );
    const tracker = new RequestTracker({
      store,
      forge: new ForgesWithLocal(forge),
      notifications: { send: async () => {} },
      logger: mockServices.logger.mock(),
    });

    await tracker.runOnce();

    expect(asked).toEqual(['dead.lab.local', 'git.lab.local', 'git.lab.local']);
    const { items } = await store.list({ limit: 10 });
    const reasons = Object.fromEntries(
      items.map(r => [r.pullRequestUrl, r.reason]),
    );
    for (const url of urls.filter(u => u.includes('dead'))) {
      expect(reasons[url]).toBe(
        'Waiting: gitea (dead.lab.local) did not answer within 1 s',
      );
    }
    expect(reasons[urls[1]]).toBe('Waiting for the pull request to be merged');
  });
});
