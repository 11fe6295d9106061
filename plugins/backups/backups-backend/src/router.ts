import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { backupsReadPermission } from '@homelab-portal/plugin-backups-common';
import {
  parseEntityRefParam,
  requirePermission,
} from '@homelab-portal/plugin-homelab-node';
import express from 'express';
import { z } from 'zod';
import { createOpenApiRouter } from './schema/openapi';
import { BackupsService } from './services/BackupsService';
import { ReadinessService } from './readiness/ReadinessService';

const entityQuery = z
  .object({ entityRef: z.string().min(3).max(512) })
  .strict();

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  backups: BackupsService;
  readiness: ReadinessService;
}): Promise<express.Router> {
  const { httpAuth, permissions, backups, readiness } = options;
  const router = await createOpenApiRouter();

  const parseEntityQuery = (query: unknown) => {
    const parsed = entityQuery.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `${issue.path.join('.') || 'query'}: ${issue.message}`,
      );
    }
    return parseEntityRefParam(parsed.data.entityRef);
  };

  router.get('/entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await backups.entity(parseEntityQuery(req.query), credentials));
  });

  // recovery readiness: the seed's four procedures, for one entity
  router.get('/readiness/entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await readiness.entity(parseEntityQuery(req.query), credentials));
  });

  // ... and for the whole homelab
  router.get('/readiness', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (Object.keys(req.query).length > 0) {
      throw new InputError('/readiness takes no query parameters');
    }
    await requirePermission({
      permissions,
      credentials,
      permission: backupsReadPermission,
      message: 'You may not read the recovery readiness',
    });
    res.json(await readiness.overview(credentials));
  });

  router.get('/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission({
      permissions,
      credentials,
      permission: backupsReadPermission,
      message: 'You may not read the backups overview',
    });
    res.json(await backups.overview(credentials));
  });

  return router;
}
