import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  homelabDnsReadPermission,
  homelabSecretsReadPermission,
} from '@homelab-portal/plugin-homelab-common';
import { VaultError } from '@homelab-portal/plugin-homelab-node';
import express from 'express';
import { spec } from './schema/openapi';
import { DnsService } from './services/DnsService';
import { SecretsService } from './services/SecretsService';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  dns: DnsService;
  /** Undefined when homelab.vault has a baseUrl and no token. */
  secrets: SecretsService | { unavailable: string };
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, dns, secrets } = options;
  const router = createValidatedOpenApiRouter<typeof spec>(spec);

  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
    what: string,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not read ${what}`);
    }
    return credentials;
  };

  router.get('/dns', async (req, res) => {
    const credentials = await authorize(
      req,
      homelabDnsReadPermission,
      'the DNS view',
    );
    res.json(await upstream('DNS', () => dns.report(credentials)));
  });

  router.get('/secrets', async (req, res) => {
    await authorize(req, homelabSecretsReadPermission, 'the secrets inventory');
    if ('unavailable' in secrets) {
      throw new ServiceUnavailableError(secrets.unavailable);
    }
    res.json(await upstream('Secrets', () => secrets.report()));
  });

  return router;
}

/**
 * An upstream that cannot be read (Vault down or answering out of shape, a
 * GoZones or Pi-hole file that does not parse, a file missing) is a 503
 * with what went wrong, never a crash.
 */
async function upstream<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof VaultError || error instanceof InputError) {
      throw new ServiceUnavailableError(error.message);
    }
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new ServiceUnavailableError(
        `${what}: cannot read ${
          (error as NodeJS.ErrnoException).path
        } (${code})`,
      );
    }
    if ((error as Error)?.name === 'NotFoundError') {
      throw new ServiceUnavailableError(`${what}: ${(error as Error).message}`);
    }
    throw error;
  }
}
