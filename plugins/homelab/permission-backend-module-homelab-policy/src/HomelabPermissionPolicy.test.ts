import { ConfigReader } from '@backstage/config';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  AuthorizeResult,
  Permission,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { HomelabPermissionPolicy } from './HomelabPermissionPolicy';

function userOf(userEntityRef: string, groups: string[]): PolicyQueryUser {
  const ownershipEntityRefs = [userEntityRef, ...groups];
  return {
    identity: { type: 'user', userEntityRef, ownershipEntityRefs },
    info: { userEntityRef, ownershipEntityRefs },
    token: 'token',
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef },
    },
  } as PolicyQueryUser;
}

const operator = userOf('user:default/operator', ['group:default/admins']);
const resident = userOf('user:default/resident', ['group:default/household']);

// A permission as a later plugin (alerts) registers it, unknown to the policy.
const silenceCreate = createPermission({
  name: 'alerts.silence.create',
  attributes: { action: 'create' },
});
const noAction = createPermission({
  name: 'homelab.undeclared',
  attributes: {},
});

async function decide(
  policy: HomelabPermissionPolicy,
  permission: Permission,
  user?: PolicyQueryUser,
) {
  return (await policy.handle({ permission }, user)).result;
}

describe('HomelabPermissionPolicy', () => {
  const policy = HomelabPermissionPolicy.fromConfig(new ConfigReader({}));

  it.each([catalogEntityReadPermission, taskReadPermission])(
    'lets every signed-in user read ($name)',
    async permission => {
      expect(await decide(policy, permission, resident)).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(await decide(policy, permission, operator)).toBe(
        AuthorizeResult.ALLOW,
      );
    },
  );

  it.each([
    catalogEntityCreatePermission,
    catalogEntityDeletePermission,
    catalogLocationCreatePermission,
    taskCreatePermission,
    taskCancelPermission,
    silenceCreate,
    noAction,
  ])('lets only admins act ($name)', async permission => {
    expect(await decide(policy, permission, resident)).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide(policy, permission, operator)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('denies a request that carries no user', async () => {
    expect(await decide(policy, catalogEntityReadPermission)).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('takes the admins from config, in any ref spelling', async () => {
    const custom = HomelabPermissionPolicy.fromConfig(
      new ConfigReader({
        homelab: { permission: { admins: ['Group:Household'] } },
      }),
    );
    expect(await decide(custom, silenceCreate, resident)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide(custom, silenceCreate, operator)).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('accepts a single user as an admin', async () => {
    const custom = HomelabPermissionPolicy.fromConfig(
      new ConfigReader({
        homelab: { permission: { admins: ['user:default/resident'] } },
      }),
    );
    expect(await decide(custom, taskCreatePermission, resident)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('refuses a malformed admin ref at startup', () => {
    expect(() =>
      HomelabPermissionPolicy.fromConfig(
        new ConfigReader({ homelab: { permission: { admins: ['::'] } } }),
      ),
    ).toThrow();
  });
});
