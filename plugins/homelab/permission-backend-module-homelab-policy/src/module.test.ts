import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { homelabPolicyModule } from './module';

const groups: Record<string, string[]> = {
  'user:default/operator': ['group:default/admins'],
  'user:default/resident': ['group:default/household'],
};

describe('homelabPolicyModule in the permission backend', () => {
  async function startBackend() {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        homelabPolicyModule,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
        mockServices.userInfo.mock({
          async getUserInfo(credentials) {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
            };
          },
        }).factory,
      ],
    });
    return server;
  }

  const body = (action: string) => ({
    items: [
      {
        id: '1',
        permission: {
          type: 'basic',
          name: `alerts.silence.${action}`,
          attributes: { action },
        },
      },
    ],
  });

  it('allows an admin to act and a household member only to read', async () => {
    const server = await startBackend();
    const ask = async (user: string, action: string) => {
      const res = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send(body(action));
      expect(res.status).toBe(200);
      return res.body.items[0].result;
    };
    expect(await ask('user:default/operator', 'create')).toBe('ALLOW');
    expect(await ask('user:default/resident', 'create')).toBe('DENY');
    expect(await ask('user:default/resident', 'read')).toBe('ALLOW');
  });

  it('answers 401 without credentials', async () => {
    const server = await startBackend();
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.none.header())
      .send(body('read'));
    expect(res.status).toBe(401);
  });
});
