import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema/openapi';

/**
 * The homelab backend's routes, typed from its OpenAPI spec
 * (plugins/homelab-backend/src/schema/openapi.yaml) by openapi-typescript.
 *
 * @public
 */
export type HomelabApiPaths = paths;

/**
 * A typed openapi-fetch client of the homelab backend, for the frontend and
 * for other backends: paths, parameters, bodies and answers come from the spec.
 *
 * @public
 */
export type HomelabBackendClient = Client<paths>;

/**
 * Creates a client of the homelab backend at `baseUrl` (what discovery gives
 * for `homelab`). `fetch` adds the caller's token, and may throw on a non-2xx
 * answer so that callers keep Backstage's error shape; from a Backstage
 * FetchApi, pass the request through fetchArgsOf (homelab-common).
 *
 * @public
 */
export function createHomelabBackendClient(options: {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
}): HomelabBackendClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
  });
}
