import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { homelabPermissions } from '@homelab-portal/plugin-homelab-common';
import {
  KubernetesApi,
  VaultMetadataReader,
  readKubernetesClusters,
} from '@homelab-portal/plugin-homelab-node';
import { readHomelabBackendConfig } from './config';
import { createRouter } from './router';
import { DnsService } from './services/DnsService';
import { SecretsService } from './services/SecretsService';
import { demoVaultFetch } from './services/demoVault';

/**
 * homelab: the DNS view (records in Git checked against the names the
 * catalog uses) and the secrets inventory (Vault metadata, never a value).
 *
 * @public
 */
export const homelabPlugin = createBackendPlugin({
  pluginId: 'homelab',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readHomelabBackendConfig(deps.config);
        deps.permissionsRegistry.addPermissions(homelabPermissions);

        const clusters = readKubernetesClusters(deps.config);
        const dns = new DnsService({
          location: settings.dns.location,
          catalog: deps.catalog,
          logger: deps.logger,
          urlReader: deps.urlReader,
          clusters,
          kubernetes: new KubernetesApi({ timeoutMs: 10_000 }),
          discovery: deps.discovery,
          auth: deps.auth,
          source: settings.dns.configured ? 'live' : 'demo',
        });
        if (!settings.dns.configured) {
          deps.logger.info(
            `No homelab.dns configured: the DNS view reads the example GitOps tree ${
              'dir' in settings.dns.location ? settings.dns.location.dir : ''
            }, labelled as demo data`,
          );
        }

        let secrets: SecretsService | { unavailable: string };
        if (settings.vault && !settings.vault.token) {
          secrets = {
            unavailable:
              'homelab.vault.baseUrl is set but homelab.vault.token is not (in production: the VAULT_TOKEN environment variable)',
          };
          deps.logger.warn(secrets.unavailable);
        } else if (settings.vault) {
          secrets = new SecretsService({
            reader: new VaultMetadataReader({
              baseUrl: settings.vault.baseUrl,
              token: settings.vault.token!,
              mounts: settings.vault.mounts,
              prefix: settings.vault.prefix,
              timeoutMs: settings.vault.timeoutMs,
            }),
            source: 'live',
            logger: deps.logger,
          });
          deps.logger.info(
            `Reading secrets metadata from Vault at ${settings.vault.baseUrl}`,
          );
        } else {
          secrets = new SecretsService({
            reader: new VaultMetadataReader({
              baseUrl: 'http://vault.demo',
              token: 'demo',
              fetch: demoVaultFetch(),
            }),
            source: 'demo',
            logger: deps.logger,
          });
          deps.logger.info(
            'No homelab.vault configured: the secrets inventory serves the seed’s secrets as Vault metadata, labelled as demo data',
          );
        }

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            dns,
            secrets,
          }),
        );
      },
    });
  },
});
