import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  EnergyWindow,
  energyReadPermission,
} from '@homelab-portal/plugin-energy-common';
import {
  parseEntityRefParam as entityRef,
  requirePermission,
} from '@homelab-portal/plugin-homelab-node';
import express from 'express';
import { createOpenApiRouter } from './schema/openapi';
import { EnergyService, SeriesRange } from './services/EnergyService';
import { PrometheusError } from './services/PrometheusClient';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  energy: EnergyService;
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, energy } = options;
  const router = await createOpenApiRouter();
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/summary', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityRef(req.query.entityRef);
    res.json(await upstream(() => energy.summary(ref, credentials)));
  });

  router.get('/series', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityRef(req.query.entityRef);
    const range = (req.query.range ?? '24h') as SeriesRange;
    const step = req.query.step ? Number(req.query.step) : undefined;
    res.json(
      await upstream(() => energy.series(ref, range, step, credentials)),
    );
  });

  router.get('/top', async (req, res) => {
    const credentials = await credentialsOf(req);
    const window = (req.query.window ?? '24h') as EnergyWindow;
    const limit = req.query.limit ? Number(req.query.limit) : 10;
    res.json(await upstream(() => energy.top(window, limit, credentials)));
  });

  router.get('/storage', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityRef(req.query.entityRef);
    res.json(await upstream(() => energy.storage(ref, credentials)));
  });

  router.get('/overview', async (req, res) => {
    const credentials = await credentialsOf(req);
    await requirePermission({
      permissions,
      credentials,
      permission: energyReadPermission,
      message: 'You may not read the energy overview',
    });
    const window = (req.query.window ?? '24h') as EnergyWindow;
    res.json(await upstream(() => energy.overview(credentials, window)));
  });

  return router;
}

/** A failing Prometheus is a 503 with its reason, never a crash. */
async function upstream<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PrometheusError) {
      throw new ServiceUnavailableError(error.message);
    }
    throw error;
  }
}
