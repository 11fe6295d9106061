import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema/openapi';

/**
 * The alerts backend's routes, typed from its OpenAPI spec
 * (plugins/alerts/alerts-backend/src/schema/openapi.yaml) by openapi-typescript.
 *
 * @public
 */
export type AlertsApiPaths = paths;

/**
 * A typed openapi-fetch client of the alerts backend, for the frontend and
 * for other backends: paths, parameters, bodies and answers come from the spec.
 *
 * @public
 */
export type AlertsBackendClient = Client<paths>;

/**
 * Creates a client of the alerts backend at `baseUrl` (what discovery gives
 * for `alerts`). `fetch` adds the caller's token, and may throw on a non-2xx
 * answer so that callers keep Backstage's error shape.
 *
 * @public
 */
export function createAlertsBackendClient(options: {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
}): AlertsBackendClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
  });
}
