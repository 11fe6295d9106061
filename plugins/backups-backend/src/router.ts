import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { backupsReadPermission } from '@homelab-portal/plugin-backups-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { BackupsService } from './services/BackupsService';

const validator = makeValidator();
const entityQuery = z
  .object({ entityRef: z.string().min(3).max(512) })
  .strict();

function entityRef(text: string): string {
  let ref;
  try {
    ref = parseEntityRef(text);
  } catch {
    ref = undefined;
  }
  if (
    !ref ||
    !validator.isValidKind(ref.kind) ||
    !validator.isValidNamespace(ref.namespace) ||
    !validator.isValidEntityName(ref.name)
  ) {
    throw new InputError(`"${text.slice(0, 100)}" is not an entity ref`);
  }
  return stringifyEntityRef(ref);
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  backups: BackupsService;
}): Promise<express.Router> {
  const { httpAuth, permissions, backups } = options;
  const router = Router();

  router.get('/entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const parsed = entityQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `${issue.path.join('.') || 'query'}: ${issue.message}`,
      );
    }
    res.json(
      await backups.entity(entityRef(parsed.data.entityRef), credentials),
    );
  });

  router.get('/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: backupsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read the backups overview');
    }
    res.json(await backups.overview(credentials));
  });

  return router;
}
