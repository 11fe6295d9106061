import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema/openapi';

/**
 * The cybernetics backend's routes, typed from its OpenAPI spec
 * (plugins/cybernetics-backend/src/schema/openapi.yaml) by openapi-typescript.
 *
 * @public
 */
export type CyberneticsApiPaths = paths;

/**
 * A typed openapi-fetch client of the cybernetics backend, for the frontend and
 * for other backends: paths, parameters, bodies and answers come from the spec.
 *
 * @public
 */
export type CyberneticsBackendClient = Client<paths>;

/**
 * Creates a client of the cybernetics backend at `baseUrl` (what discovery gives
 * for `cybernetics`). `fetch` adds the caller's token, and may throw on a non-2xx
 * answer so that callers keep Backstage's error shape; from a Backstage
 * FetchApi, pass the request through fetchArgsOf (homelab-common).
 *
 * @public
 */
export function createCyberneticsBackendClient(options: {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
}): CyberneticsBackendClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
  });
}
