import { InputError } from '@backstage/errors';
import {
  digest,
  generatedInVault,
  labelsFor,
  secretFromVault,
  vaultKey,
} from '../common';
import { homelab } from '../homelab';
import { Pipeline } from '../runner';
import { KubeObject } from '../schemas';

export interface KeycloakClientSpec {
  clientId: string;
  redirectUris: string[];
  public: boolean;
  groupsClaim: boolean;
}

/**
 * After the host, a redirect URI keeps to plain URL characters. `$` and
 * `{` matter most: keycloak-config-cli substitutes `$(env:...)` in what it
 * imports, and a redirect URI must not read the admin password.
 */
const URI_PATH = /^\/[A-Za-z0-9._~/%*?=&:+-]*$/;

export function checkRedirectUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InputError(`redirect URI ${JSON.stringify(uri)} is not a URL`);
  }
  const labels = url.hostname.split('.');
  if (
    url.protocol !== 'https:' ||
    url.username ||
    url.password ||
    url.hash ||
    !url.hostname.endsWith(`.${homelab.domain}`) ||
    labels.some(label => !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(label))
  ) {
    throw new InputError(
      `redirect URI ${JSON.stringify(uri)} must be https under ${
        homelab.domain
      }, without credentials or fragment`,
    );
  }
  const rest = uri.slice(uri.indexOf('/', 'https://'.length));
  if (!URI_PATH.test(rest) || rest.split(/[/?]/).includes('..')) {
    throw new InputError(
      `redirect URI ${JSON.stringify(
        uri,
      )} has characters a redirect URI may not have`,
    );
  }
}

/**
 * An OIDC client in the homelab realm. Keycloak's operator imports whole
 * realms only, so a Job in the keycloak namespace runs keycloak-config-cli
 * on a one-client import (IMPORT_MANAGED_CLIENT=no-delete: other clients are
 * left alone). A confidential client's secret is generated in the cluster,
 * kept in Vault, given to the Job through an ExternalSecret
 * (`$(env:CLIENT_SECRET)` in the import), and delivered to the request's
 * namespace as the Secret `<name>-oidc`. The value never appears in Git.
 */
export const keycloakClientPipeline: Pipeline<KeycloakClientSpec> = {
  promise: 'keycloak-client',
  build(request) {
    const { name, namespace, spec } = request;
    if (
      (homelab.reservedClients as readonly string[]).includes(spec.clientId)
    ) {
      throw new InputError(
        `clientId ${spec.clientId} belongs to the homelab's own realm setup`,
      );
    }
    spec.redirectUris.forEach(checkRedirectUri);
    const redirectUris = [...new Set(spec.redirectUris)];
    if (redirectUris.length > 20) {
      throw new InputError('at most 20 redirect URIs are allowed');
    }
    const labels = labelsFor('keycloak-client', request, 'oidc-client');
    const jobNamespace = homelab.keycloak.jobNamespace;
    const id = digest(`${namespace}/${name}`);
    const base = `client-${name}-${id}`;
    const key = vaultKey('keycloak-client', request);
    const issuer = `${homelab.keycloak.url}/realms/${homelab.keycloak.realm}`;
    const origins = [...new Set(redirectUris.map(uri => new URL(uri).origin))];

    const client = {
      clientId: spec.clientId,
      name: spec.clientId,
      description: `Requested through Kratix by ${namespace}/${name}`,
      enabled: true,
      protocol: 'openid-connect',
      publicClient: spec.public,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      redirectUris,
      webOrigins: origins,
      attributes: {
        'pkce.code.challenge.method': 'S256',
        'post.logout.redirect.uris': redirectUris.join('##'),
      },
      ...(spec.public
        ? {}
        : {
            clientAuthenticatorType: 'client-secret',
            secret: '$(env:CLIENT_SECRET)',
          }),
      ...(spec.groupsClaim
        ? {
            protocolMappers: [
              {
                name: 'groups',
                protocol: 'openid-connect',
                protocolMapper: 'oidc-group-membership-mapper',
                config: {
                  'claim.name': 'groups',
                  'full.path': 'false',
                  'id.token.claim': 'true',
                  'access.token.claim': 'true',
                  'userinfo.token.claim': 'true',
                },
              },
            ],
          }
        : {}),
    };
    const realmImport = { realm: homelab.keycloak.realm, clients: [client] };

    const credentials: Record<string, { key: string; property: string }> = {
      KEYCLOAK_USER: { key: homelab.vault.keycloakAdminKey, property: 'user' },
      KEYCLOAK_PASSWORD: {
        key: homelab.vault.keycloakAdminKey,
        property: 'password',
      },
      ...(spec.public
        ? {}
        : { CLIENT_SECRET: { key, property: 'clientSecret' } }),
    };

    const objects: KubeObject[] = [
      ...(spec.public
        ? []
        : generatedInVault({
            name: `${base}-secret`,
            namespace: jobNamespace,
            labels,
            vaultKey: key,
            property: 'clientSecret',
            length: 48,
          })),
      secretFromVault({
        name: `${base}-creds`,
        namespace: jobNamespace,
        labels,
        data: credentials,
      }),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: base, namespace: jobNamespace, labels },
        data: { 'client.json': JSON.stringify(realmImport, null, 2) },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: `${base}-${digest(realmImport)}`,
          namespace: jobNamespace,
          labels,
        },
        spec: {
          backoffLimit: 6,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'OnFailure',
              automountServiceAccountToken: false,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 1000,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              containers: [
                {
                  name: 'keycloak-config-cli',
                  image: homelab.images.keycloakConfigCli,
                  env: [
                    { name: 'KEYCLOAK_URL', value: homelab.keycloak.url },
                    {
                      name: 'KEYCLOAK_AVAILABILITYCHECK_ENABLED',
                      value: 'true',
                    },
                    {
                      name: 'IMPORT_FILES_LOCATIONS',
                      value: '/config/client.json',
                    },
                    { name: 'IMPORT_VARSUBSTITUTION_ENABLED', value: 'true' },
                    { name: 'IMPORT_MANAGED_CLIENT', value: 'no-delete' },
                    { name: 'IMPORT_REMOTESTATE_ENABLED', value: 'true' },
                  ],
                  envFrom: [{ secretRef: { name: `${base}-creds` } }],
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ['ALL'] },
                  },
                  volumeMounts: [
                    { name: 'config', mountPath: '/config', readOnly: true },
                  ],
                },
              ],
              volumes: [{ name: 'config', configMap: { name: base } }],
            },
          },
        },
      },
      spec.public
        ? {
            // A public client has no secret: its settings are plain config.
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: `${name}-oidc`, namespace, labels },
            data: { OIDC_CLIENT_ID: spec.clientId, OIDC_ISSUER_URL: issuer },
          }
        : secretFromVault({
            name: `${name}-oidc`,
            namespace,
            labels,
            data: { OIDC_CLIENT_SECRET: { key, property: 'clientSecret' } },
            literals: {
              OIDC_CLIENT_ID: spec.clientId,
              OIDC_ISSUER_URL: issuer,
            },
          }),
    ];

    return {
      objects,
      status: {
        message: `OIDC client ${spec.clientId} in realm ${
          homelab.keycloak.realm
        } (${spec.public ? 'public' : 'confidential'})`,
        clientId: spec.clientId,
        issuer,
        ...(spec.public
          ? { configMap: `${name}-oidc` }
          : { secret: `${name}-oidc`, vaultKey: key }),
      },
    };
  },
};
