import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  PromiseError,
  RequestValidationError,
  buildResourceRequest,
  normalizeSpecSchema,
  parsePromiseYaml,
  redactSecrets,
} from '@homelab-portal/plugin-kratix-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RequestStore } from './database/RequestStore';
import { ForgeClient } from '@homelab-portal/plugin-homelab-node';

const newRequestSchema = z.object({
  promiseEntityRef: z.string().min(1).max(255),
  manifest: z.object({
    apiVersion: z.string().max(255),
    kind: z.string().max(100),
    metadata: z.object({
      name: z.string().max(63),
      namespace: z.string().max(63).optional(),
    }),
    spec: z.record(z.string(), z.unknown()).optional(),
  }),
  forge: z.enum(['gitea', 'github', 'gitlab']),
  pullRequestUrl: z.string().max(2048),
});

const listSchema = z.object({
  requester: z.string().max(255).optional(),
  promise: z.string().max(100).optional(),
  open: z.enum(['true', 'false']).optional(),
});

const idSchema = z.string().uuid();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(i => `${i.path.join('.') || '(root)'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  catalog: CatalogService;
  store: RequestStore;
  forge: ForgeClient;
}): Promise<express.Router> {
  const { httpAuth, catalog, store, forge, logger } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  // Called by the kratix:request:track action on behalf of the user who ran the template.
  router.post('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(newRequestSchema, req.body, 'request');
    forge.locate(body.pullRequestUrl);
    const entity = await catalog.getEntityByRef(body.promiseEntityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No catalog entity ${body.promiseEntityRef}`);
    }
    if (
      entity.kind !== 'API' ||
      entity.spec?.type !== 'kratix-promise' ||
      typeof entity.spec?.definition !== 'string'
    ) {
      throw new InputError(`${body.promiseEntityRef} is not a Kratix Promise`);
    }
    let api;
    try {
      api = parsePromiseYaml(entity.spec.definition);
    } catch (error) {
      if (error instanceof PromiseError) throw new InputError(error.message);
      throw error;
    }
    if (
      body.manifest.apiVersion !== `${api.group}/${api.version}` ||
      body.manifest.kind !== api.kind
    ) {
      throw new InputError(
        `The manifest is a ${body.manifest.kind} in ${body.manifest.apiVersion}, not a ${api.kind} in ${api.group}/${api.version}`,
      );
    }
    let built;
    try {
      built = buildResourceRequest(api, {
        name: body.manifest.metadata.name,
        namespace: body.manifest.metadata.namespace,
        parameters: body.manifest.spec ?? {},
      });
    } catch (error) {
      if (error instanceof RequestValidationError) {
        throw new InputError(
          `The request does not fit the Promise: ${error.message}`,
        );
      }
      throw error;
    }
    const created = await store.add({
      requester: credentials.principal.userEntityRef,
      promise: api.promiseName,
      promiseEntityRef: body.promiseEntityRef,
      apiVersion: built.request.apiVersion,
      kind: built.request.kind,
      plural: api.plural,
      name: built.request.metadata.name,
      namespace: built.request.metadata.namespace,
      parameters: redactSecrets(
        built.request.spec,
        normalizeSpecSchema(api.specSchema).schema,
      ) as Record<string, unknown>,
      forge: body.forge,
      pullRequestUrl: body.pullRequestUrl,
    });
    logger.info(
      `Kratix request ${created.id}: ${created.kind} ${created.name} for ${created.requester}`,
    );
    res.status(201).json(created);
  });

  router.get('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(listSchema, req.query, 'query');
    let requester = query.requester;
    if (requester === 'me') {
      if (!('userEntityRef' in credentials.principal)) {
        throw new NotAllowedError('"me" needs a user');
      }
      requester = credentials.principal.userEntityRef;
    }
    res.json({
      items: await store.list({
        requester,
        promise: query.promise,
        open: query.open === 'true',
      }),
    });
  });

  router.get('/requests/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const id = parse(idSchema, req.params.id, 'request id');
    const found = await store.get(id);
    if (!found) throw new NotFoundError(`No Kratix request ${id}`);
    res.json(found);
  });

  return router;
}
