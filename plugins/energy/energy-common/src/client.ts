import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema/openapi';

/**
 * The energy backend's routes, typed from its OpenAPI spec
 * (plugins/energy-backend/src/schema/openapi.yaml) by openapi-typescript.
 *
 * @public
 */
export type EnergyApiPaths = paths;

/**
 * A typed openapi-fetch client of the energy backend, for the frontend and
 * for other backends: paths, parameters, bodies and answers come from the spec.
 *
 * @public
 */
export type EnergyBackendClient = Client<paths>;

/**
 * Creates a client of the energy backend at `baseUrl` (what discovery gives
 * for `energy`). `fetch` adds the caller's token, and may throw on a non-2xx
 * answer so that callers keep Backstage's error shape; from a Backstage
 * FetchApi, pass the request through fetchArgsOf (homelab-common).
 *
 * @public
 */
export function createEnergyBackendClient(options: {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
}): EnergyBackendClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
  });
}
