import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createPermission } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { z } from 'zod';
import {
  authenticateThenReadJson,
  parseEntityRefParam,
  parseInput,
  requireJsonBody,
  requirePermission,
} from '.';

const permission = createPermission({
  name: 'test.read',
  attributes: { action: 'read' },
});

describe('the router toolkit', () => {
  it('canonicalises an entity ref, or answers a clear 400', () => {
    expect(parseEntityRefParam('component:jellyfin')).toBe(
      'component:default/jellyfin',
    );
    expect(() => parseEntityRefParam('component:default/../etc')).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: '"component:default/../etc" is not an entity ref',
      }),
    );
    expect(() => parseEntityRefParam('x'.repeat(500))).toThrow(
      `"${'x'.repeat(100)}" is not an entity ref`,
    );
  });

  it('names every field that does not fit', () => {
    const schema = z.object({ a: z.string(), b: z.number() }).strict();
    expect(parseInput(schema, { a: 'x', b: 1 }, 'body')).toEqual({
      a: 'x',
      b: 1,
    });
    expect(() => parseInput(schema, { a: 1 }, 'body')).toThrow(
      /^Invalid body: a .+; b .+/,
    );
    expect(() => parseInput(schema, undefined, 'query')).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });

  it('refuses with NotAllowedError what the policy denies', async () => {
    const credentials = mockCredentials.user();
    const allow = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.ALLOW }],
    });
    const deny = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.DENY }],
    });
    await expect(
      requirePermission({
        permissions: allow,
        credentials,
        permission,
        message: 'no',
      }),
    ).resolves.toBeUndefined();
    await expect(
      requirePermission({
        permissions: deny,
        credentials,
        permission,
        message: 'You may not read tests',
      }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You may not read tests',
    });
  });

  it('authenticates before it reads a bounded body', async () => {
    const app = express();
    const router = Router();
    router.use(
      authenticateThenReadJson({
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.none(),
        }),
        bodyLimit: '1kb',
      }),
    );
    router.post('/echo', (req, res) => {
      res.json(req.body);
    });
    app.use(router);
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const user = mockCredentials.user.header();
    expect((await request(app).post('/echo').send({ a: 1 })).status).toBe(401);
    const ok = await request(app)
      .post('/echo')
      .set('Authorization', user)
      .send({ a: 1 });
    expect([ok.status, ok.body]).toEqual([200, { a: 1 }]);
    const big = await request(app)
      .post('/echo')
      .set('Authorization', user)
      .send({ a: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
  });
});

describe('requireJsonBody', () => {
  it('answers a request without a JSON body with the route’s own 400', async () => {
    const app = express();
    app.use(express.json());
    app.post('/things', requireJsonBody('thing'), (req, res) => {
      res.json(req.body);
    });
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const none = await request(app).post('/things');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe(
      'Invalid thing: the body must be JSON (content-type application/json)',
    );
    const text = await request(app)
      .post('/things')
      .set('content-type', 'text/plain')
      .send('a');
    expect(text.status).toBe(400);
    const json = await request(app).post('/things').send({ a: 1 });
    expect([json.status, json.body]).toEqual([200, { a: 1 }]);
  });
});
