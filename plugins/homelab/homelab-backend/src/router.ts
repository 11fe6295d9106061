import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  homelabDnsReadPermission,
  homelabSecretsReadPermission,
} from '@homelab-portal/plugin-homelab-common';
import {
  VaultError,
  authenticateThenReadJson,
  bodyAlreadyRead,
  requirePermission,
} from '@homelab-portal/plugin-homelab-node';
import express from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter } from './schema/openapi';
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
  // routes generated from src/schema/openapi.yaml (yarn openapi:generate)
  const router = await createOpenApiRouter({ middleware: bodyAlreadyRead });
  const outer = Router();
  // who calls comes before what the spec checks
  outer.use(authenticateThenReadJson({ httpAuth, bodyLimit: '16kb' }));
  outer.use(router);

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/dns', async (req, res) => {
    const credentials = await credentialsOf(req);
    await requirePermission({
      permissions,
      credentials,
      permission: homelabDnsReadPermission,
      message: 'You may not read the DNS view',
    });
    res.json(await upstream('DNS', () => dns.report(credentials)));
  });

  router.get('/secrets', async (req, res) => {
    const credentials = await credentialsOf(req);
    await requirePermission({
      permissions,
      credentials,
      permission: homelabSecretsReadPermission,
      message: 'You may not read the secrets inventory',
    });
    if ('unavailable' in secrets) {
      throw new ServiceUnavailableError(secrets.unavailable);
    }
    res.json(await upstream('Secrets', () => secrets.report()));
  });

  return outer;
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
