import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { authModuleHomelabSignIn } from './module';

/** Keycloak's discovery document, as the oidc authenticator reads it at start. */
async function startDiscovery() {
  const server = http.createServer((_req, res) => {
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/realms/homelab`;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        issuer: base,
        authorization_endpoint: `${base}/protocol/openid-connect/auth`,
        token_endpoint: `${base}/protocol/openid-connect/token`,
        userinfo_endpoint: `${base}/protocol/openid-connect/userinfo`,
        jwks_uri: `${base}/protocol/openid-connect/certs`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    metadataUrl: `http://127.0.0.1:${port}/realms/homelab/.well-known/openid-configuration`,
  };
}

describe('authModuleHomelabSignIn', () => {
  let discovery: Awaited<ReturnType<typeof startDiscovery>>;
  beforeAll(async () => {
    discovery = await startDiscovery();
  });
  afterAll(() => discovery.server.close());

  function oidcConfig(extra: Record<string, unknown>) {
    return mockServices.rootConfig.factory({
      data: {
        app: { baseUrl: 'http://localhost:3000' },
        auth: {
          session: { secret: 'test-secret' },
          providers: {
            oidc: {
              production: {
                metadataUrl: discovery.metadataUrl,
                clientId: 'homelab-portal',
                clientSecret: 'secret',
                prompt: 'auto',
                ...extra,
              },
            },
          },
        },
      },
    });
  }

  it('registers the oidc provider, which sends the user to Keycloak', async () => {
    const { server } = await startTestBackend({
      features: [
        authPlugin,
        authModuleHomelabSignIn,
        oidcConfig({
          homelabSignIn: {
            realm: 'homelab',
            groups: [
              {
                keycloakGroup: '/homelab-admins',
                entityRefs: ['group:default/admins'],
              },
            ],
          },
        }),
      ],
    });
    const res = await request(server).get(
      '/api/auth/oidc/start?env=production',
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.location);
    expect(`${location.origin}${location.pathname}`).toBe(
      discovery.metadataUrl.replace(
        '.well-known/openid-configuration',
        'protocol/openid-connect/auth',
      ),
    );
    expect(location.searchParams.get('client_id')).toBe('homelab-portal');
    expect(location.searchParams.get('scope')).toContain('openid');
  });

  it('refuses to start with the stock email resolvers configured', async () => {
    await expect(
      startTestBackend({
        features: [
          authPlugin,
          authModuleHomelabSignIn,
          oidcConfig({
            homelabSignIn: {},
            signIn: {
              resolvers: [{ resolver: 'emailLocalPartMatchingUserEntityName' }],
            },
          }),
        ],
      }),
    ).rejects.toThrow(/signIn.resolvers is not supported/);
  });

  it('refuses to start without homelabSignIn', async () => {
    await expect(
      startTestBackend({
        features: [authPlugin, authModuleHomelabSignIn, oidcConfig({})],
      }),
    ).rejects.toThrow(/homelabSignIn is required/);
  });
});
