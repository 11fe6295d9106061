import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  PromiseError,
  RequestValidationError,
  buildResourceRequest,
  kratixRequestCreatePermission,
  normalizeSpecSchema,
  parsePromiseYaml,
  redactSecrets,
} from '@homelab-portal/plugin-kratix-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RequestStore, isCursor } from './database/RequestStore';
import {
  LocalGitRepository,
  authenticateThenReadJson,
  bodyAlreadyRead,
  parseInput,
  requireJsonBody,
  requirePermission,
} from '@homelab-portal/plugin-homelab-node';
import { Forges } from './localGit/forges';
import { createOpenApiRouter } from './schema/openapi';

/** Too many requests are open: answered 429. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  statusCode = 429;
}

/** How many requests may be followed at once. */
export interface OpenRequestLimits {
  perUser: number;
  overall: number;
}

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

const MAX_PAGE = 200;
const listSchema = z.object({
  requester: z.string().max(255).optional(),
  promise: z.string().max(100).optional(),
  open: z.enum(['true', 'false']).optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE))
    .optional(),
  cursor: z
    .string()
    .max(100)
    .refine(isCursor, 'is not a cursor this API handed out')
    .optional(),
});

const idSchema = z.string().uuid();

const shaSchema = z.string().regex(/^[0-9a-f]{40}$/, 'must be 40 hex digits');
const fileQuerySchema = z.object({ path: z.string().min(1).max(1024) });

async function localRepositoryOrFail(
  open: (() => Promise<LocalGitRepository>) | undefined,
): Promise<LocalGitRepository> {
  if (!open) {
    throw new NotFoundError(
      'There is no local Git repository here (homelab.localForge is not configured)',
    );
  }
  return open();
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  catalog: CatalogService;
  store: RequestStore;
  forge: Forges;
  limits: OpenRequestLimits;
  /** The local start's Git repository (homelab.localForge), for its read-only view. */
  localRepository?: () => Promise<LocalGitRepository>;
}): Promise<express.Router> {
  const { httpAuth, permissions, catalog, store, forge, logger, limits } =
    options;
  // routes generated from src/schema/openapi.yaml (yarn openapi:generate);
  // the zod checks below say what the spec cannot (a cursor this API handed
  // out, the page bounds) and keep their messages
  const router = await createOpenApiRouter({ middleware: bodyAlreadyRead });
  const outer = Router();
  // who calls comes before what the spec checks; a body over 256 kB is a 413
  outer.use(authenticateThenReadJson({ httpAuth, bodyLimit: '256kb' }));
  outer.post('/requests', requireJsonBody('request'));
  outer.use(router);

  // Called by the kratix:request:track action on behalf of the user who ran
  // the template. Registering makes the portal poll the pull request with its
  // forge token until the request is done: only those who may act may do it.
  router.post('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await requirePermission({
      permissions,
      credentials,
      permission: kratixRequestCreatePermission,
      message: `You may not register Kratix requests (${kratixRequestCreatePermission.name})`,
    });
    const requester = credentials.principal.userEntityRef;
    const body = parseInput(newRequestSchema, req.body, 'request');
    const located = forge.locate(body.pullRequestUrl);
    // a local change stands in for the template's forge, whichever it is
    if (located.type !== 'local' && located.type !== body.forge) {
      throw new InputError(
        `${body.pullRequestUrl} is on ${located.type}, not ${body.forge}`,
      );
    }
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
      if (error instanceof PromiseError) throw new InputError(error.message);
      throw error;
    }
    const following = await store.findOpenByPullRequestUrl(body.pullRequestUrl);
    if (
      following &&
      following.requester === requester &&
      following.kind === built.request.kind &&
      following.name === built.request.metadata.name &&
      following.namespace === built.request.metadata.namespace
    ) {
      // The same request registered again (a retried task): nothing new.
      res.status(200).json(following);
      return;
    }
    if (following) {
      throw new ConflictError(
        `Request ${following.id} already follows ${body.pullRequestUrl}`,
      );
    }
    if ((await store.countOpen({ requester })) >= limits.perUser) {
      throw new TooManyRequestsError(
        `You have ${limits.perUser} Kratix requests on their way, the most one may have; wait until some are done`,
      );
    }
    if ((await store.countOpen()) >= limits.overall) {
      throw new TooManyRequestsError(
        `${limits.overall} Kratix requests are on their way, the most the portal follows; wait until some are done`,
      );
    }
    const local = located.type === 'local';
    const created = await store.add(
      {
        requester,
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
        // a local change is on no forge, whichever the template named
        forge: local ? 'local-git' : body.forge,
        pullRequestUrl: body.pullRequestUrl,
      },
      undefined,
      forge.openedMessage(body.pullRequestUrl),
    );
    logger.info(
      `Kratix request ${created.id}: ${created.kind} ${created.name} for ${created.requester}`,
    );
    res.status(201).json(created);
  });

  router.get('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(listSchema, req.query, 'query');
    let requester = query.requester;
    if (requester === 'me') {
      if (!('userEntityRef' in credentials.principal)) {
        throw new NotAllowedError('"me" needs a user');
      }
      requester = credentials.principal.userEntityRef;
    }
    res.json(
      await store.list({
        requester,
        promise: query.promise,
        open: query.open === 'true',
        limit: query.limit ?? 100,
        before: query.cursor,
      }),
    );
  });

  router.get('/requests/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const id = parseInput(idSchema, req.params.id, 'request id');
    const found = await store.get(id);
    if (!found) throw new NotFoundError(`No Kratix request ${id}`);
    res.json(found);
  });

  // The local start's Git repository, read-only: a commit and its files
  // (what the template's link opens in place of a pull request).
  router.get('/local-git/commits/:sha', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const repository = await localRepositoryOrFail(options.localRepository);
    const sha = parseInput(shaSchema, req.params.sha, 'commit id');
    res.json({
      ...(await repository.commit(sha)),
      repository: repository.directory,
    });
  });

  router.get('/local-git/commits/:sha/file', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const repository = await localRepositoryOrFail(options.localRepository);
    const sha = parseInput(shaSchema, req.params.sha, 'commit id');
    const { path } = parseInput(fileQuerySchema, req.query, 'query');
    const content = await repository.readFile(sha, path);
    res.json({ sha, path, content });
  });

  return outer;
}
