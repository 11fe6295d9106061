import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const repoRoot = path.resolve(__dirname, '../../..');
const production = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.production.yaml'), 'utf8'),
);

/** Every leaf value whose key names a secret, with its path. */
function secretLeaves(value: unknown, at: string[] = []): [string, unknown][] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) =>
      secretLeaves(child, [...at, key]),
    );
  }
  const key = at[at.length - 1] ?? '';
  return /password|secret|token|key$/i.test(key) ? [[at.join('.'), value]] : [];
}

describe('app-config.production.yaml', () => {
  it('uses PostgreSQL with the connection from the environment', () => {
    const { client, connection } = production.backend.database;
    expect(client).toBe('pg');
    for (const field of ['host', 'port', 'user', 'password']) {
      expect(connection[field]).toMatch(/^\$\{[A-Z_]+\}$/);
    }
  });

  it('signs in through Keycloak only, resolving to catalog users', () => {
    expect(production.auth.providers.guest).toBeUndefined();
    expect(Object.keys(production.auth.providers)).toEqual(['oidc']);
    const oidc = production.auth.providers.oidc.production;
    // The homelab sign-in module: no email resolver (anyone can pick a local
    // part), admins only through the Keycloak group.
    expect(oidc.signIn).toBeUndefined();
    expect(oidc.homelabSignIn).toEqual({
      realm: 'homelab',
      groups: [
        {
          keycloakGroup: '/homelab-admins',
          entityRefs: ['group:default/admins'],
        },
      ],
    });
    expect(production.homelab.signIn.providers).toEqual(['keycloak']);
  });

  it('takes every secret from the environment', () => {
    const leaves = secretLeaves(production);
    expect(leaves.map(([at]) => at)).toEqual(
      expect.arrayContaining([
        'backend.database.connection.password',
        'auth.session.secret',
        'auth.providers.oidc.production.clientSecret',
      ]),
    );
    for (const [, value] of leaves) {
      expect(value).toMatch(/^\$\{[A-Z_]+\}$/);
    }
  });

  it('keeps permissions on', () => {
    expect(production.permission.enabled).toBe(true);
  });
});
