import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema/openapi';

/**
 * The kratix backend's routes, typed from its OpenAPI spec
 * (plugins/kratix-backend/src/schema/openapi.yaml) by openapi-typescript.
 *
 * @public
 */
export type KratixApiPaths = paths;

/**
 * A typed openapi-fetch client of the kratix backend, for the frontend and
 * for other backends: paths, parameters, bodies and answers come from the spec.
 *
 * @public
 */
export type KratixBackendClient = Client<paths>;

/**
 * Creates a client of the kratix backend at `baseUrl` (what discovery gives
 * for `kratix`). `fetch` adds the caller's token, and may throw on a non-2xx
 * answer so that callers keep Backstage's error shape; from a Backstage
 * FetchApi, pass the request through fetchArgsOf (homelab-common).
 *
 * @public
 */
export function createKratixBackendClient(options: {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
}): KratixBackendClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
  });
}
