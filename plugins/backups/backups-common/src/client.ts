import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema/openapi';

/**
 * A typed openapi-fetch client of the backups backend, for the frontend and
 * for other backends: paths, parameters and answers come from its OpenAPI
 * spec (plugins/backups/backups-backend/src/schema/openapi.yaml).
 *
 * @public
 */
export type BackupsBackendClient = Client<paths>;

/**
 * Creates a client of the backups backend at `baseUrl` (what discovery gives
 * for `backups`). `fetch` adds the caller's token, and may throw on a non-2xx
 * answer so that callers keep Backstage's error shape.
 *
 * @public
 */
export function createBackupsBackendClient(options: {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
}): BackupsBackendClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
  });
}
