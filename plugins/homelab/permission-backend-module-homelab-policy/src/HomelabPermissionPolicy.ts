import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

const DEFAULT_ADMINS = ['group:default/admins'];

/**
 * The homelab's permission policy.
 *
 * It decides on the permission's declared action, not on its name, so that
 * every plugin's permissions are covered as soon as they are registered:
 * reading is open to every signed-in user; create, update and delete (and any
 * permission that declares no action) are for the configured admins only.
 */
export class HomelabPermissionPolicy implements PermissionPolicy {
  private constructor(private readonly admins: ReadonlySet<string>) {}

  static fromConfig(config: Config): HomelabPermissionPolicy {
    const refs =
      config.getOptionalStringArray('homelab.permission.admins') ??
      DEFAULT_ADMINS;
    // Normalise so that "Group:admins" and "group:default/admins" match alike.
    const admins = refs.map(ref =>
      stringifyEntityRef(
        parseEntityRef(ref, { defaultKind: 'group' }),
      ).toLocaleLowerCase('en-US'),
    );
    return new HomelabPermissionPolicy(new Set(admins));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (request.permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    return this.isAdmin(user)
      ? { result: AuthorizeResult.ALLOW }
      : { result: AuthorizeResult.DENY };
  }

  private isAdmin(user: PolicyQueryUser): boolean {
    const refs = [
      user.info.userEntityRef,
      ...user.info.ownershipEntityRefs,
    ].map(ref => ref.toLocaleLowerCase('en-US'));
    return refs.some(ref => this.admins.has(ref));
  }
}
