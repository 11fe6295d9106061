// A real OpenID provider standing in for Keycloak: the certified
// `oidc-provider`, mounted under a realm-like issuer path
// (/realms/homelab), with Keycloak's claim shapes: preferred_username, a
// verified email, and `groups` as full group paths, all in the ID token.
// Login is a minimal custom interaction: POST /interaction/<uid> with the
// username; consent is granted to the portal's client without a prompt.
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

export const REALM = 'homelab';

/** The realm's users. `stranger` has an email whose local part is an admin's name. */
export const USERS = {
  operator: {
    email: 'operator@lab.local',
    name: 'Homelab Operator',
    groups: ['/homelab-admins'],
  },
  resident: { email: 'resident@lab.local', name: 'Resident', groups: [] },
  stranger: {
    email: 'operator@evil.example',
    name: 'Operator (not really)',
    groups: [],
  },
};

function readForm(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      data += chunk;
      if (data.length > 10_000) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

/**
 * Starts the provider on 127.0.0.1:<port>. `redirectUri` is the portal's
 * /api/auth/oidc/handler/frame. Returns the issuer and a close function.
 */
export async function startOidcProvider({
  port,
  clientId,
  clientSecret,
  redirectUri,
}) {
  const issuer = `http://127.0.0.1:${port}/realms/${REALM}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'realm-key',
    use: 'sig',
    alg: 'RS256',
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['security-suite-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['preferred_username', 'name', 'groups'],
    },
    // Keycloak puts the profile claims in the ID token too.
    conformIdTokenClaims: false,
    pkce: { required: () => false },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx, interaction) =>
        `/realms/${REALM}/interaction/${interaction.uid}`,
    },
    issueRefreshToken: async () => true,
    async findAccount(_ctx, id) {
      const user = USERS[id];
      if (!user) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: `kc-${id}`,
            preferred_username: id,
            name: user.name,
            email: user.email,
            email_verified: true,
            groups: user.groups,
          };
        },
      };
    },
    // First-party client: consent is implied, as for Keycloak's portal client.
    async loadExistingGrant(ctx) {
      const { session, client } = ctx.oidc;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
  });
  provider.on('server_error', (_ctx, err) =>
    console.error('oidc-provider:', err),
  );

  const prefix = `/realms/${REALM}`;
  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    try {
      if (!req.url.startsWith(prefix)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const rest = req.url.slice(prefix.length) || '/';
      const interaction = rest.match(/^\/interaction\/([A-Za-z0-9_-]+)$/);
      if (interaction && req.method === 'GET') {
        const details = await provider.interactionDetails(req, res);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ uid: details.uid, prompt: details.prompt.name }),
        );
        return;
      }
      if (interaction && req.method === 'POST') {
        const form = await readForm(req);
        const login = form.get('login') ?? '';
        if (!USERS[login]) {
          await provider.interactionFinished(req, res, {
            error: 'access_denied',
          });
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: login } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      // Mounted like express' app.use(prefix, ...): the provider reads the
      // mount path from originalUrl.
      req.originalUrl = req.url;
      req.baseUrl = prefix;
      req.url = rest;
      callback(req, res);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise(resolve => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}
