import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { RequestStore } from './RequestStore';

jest.setTimeout(60_000);

describe('RequestStore: which requests the tracker follows', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'on %p: a failed request while it is followed, then not; closed and ready never',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await RequestStore.create({
        getClient: async () => knex,
      } as DatabaseService);
      const add = (name: string) =>
        store.add({
          requester: 'user:default/alice',
          promise: 'redis',
          promiseEntityRef: 'api:default/redis-promise',
          apiVersion: 'platform.lab.local/v1alpha1',
          kind: 'Redis',
          plural: 'redis',
          name,
          namespace: 'nextcloud',
          parameters: {},
          forge: 'gitea',
          pullRequestUrl: `https://git.lab.local/homelab/gitops/pulls/${name}`,
        });
      const at = '2026-11-25T10:00:00.000Z';
      const followed = await add('followed');
      const final = await add('final');
      const closed = await add('closed');
      await add('open');
      for (const r of [followed, final]) {
        await store.transition(r.id, 'pr-open', 'merged', { at, message: 'm' });
        await store.transition(r.id, 'merged', 'synced', { at, message: 's' });
      }
      await store.transition(followed.id, 'synced', 'failed', {
        at,
        message: 'Kratix: ConfigureWorkflowFailed',
        reason: 'Kratix: ConfigureWorkflowFailed',
        followUntil: '2026-11-26T10:00:00.000Z',
      });
      // an ArgoCD failure: final at once
      await store.transition(final.id, 'synced', 'failed', {
        at,
        message: 'ArgoCD sync failed',
      });
      await store.transition(closed.id, 'pr-open', 'closed', {
        at,
        message: 'closed',
      });
      const names = async (now: string) =>
        (await store.openPage({ limit: 10, now: new Date(now) })).items
          .map(r => r.name)
          .sort();

      expect(await names('2026-11-25T12:00:00.000Z')).toEqual([
        'followed',
        'open',
      ]);
      // past its time, the failure is final
      expect(await names('2026-11-26T10:00:00.000Z')).toEqual(['open']);
      // a failed request is not "on its way": it counts for no limit
      expect(await store.countOpen()).toBe(1);

      await store.stopFollowing(followed.id, 'Kratix: failed (changed since)');
      expect(await names('2026-11-25T12:00:00.000Z')).toEqual(['open']);
      expect((await store.get(followed.id))?.reason).toBe(
        'Kratix: failed (changed since)',
      );

      // followed, then Ready: no longer followed
      const retried = await add('retried');
      await store.transition(retried.id, 'pr-open', 'failed', {
        at,
        message: 'failed',
        followUntil: '2026-11-26T10:00:00.000Z',
      });
      await store.transition(retried.id, 'failed', 'ready', {
        at: '2026-11-25T11:00:00.000Z',
        message: 'Kratix: Reconciled (when Kratix ran the workflow again)',
      });
      expect(await names('2026-11-25T12:00:00.000Z')).toEqual(['open']);
      expect((await store.get(retried.id))?.events.map(e => e.state)).toEqual([
        'pr-open',
        'failed',
        'ready',
      ]);
    },
  );
});
