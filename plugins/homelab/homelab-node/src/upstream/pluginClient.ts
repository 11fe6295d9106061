import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import createClient, { type Client } from 'openapi-fetch';
import { UpstreamError, fetchUpstream, upstreamReason } from './fetchUpstream';

/**
 * Per call: whose behalf the call is on (the calling plugin itself by
 * default), and a timeout other than the service's.
 *
 * @public
 */
export type PluginCallOptions = {
  credentials?: BackstageCredentials;
  timeoutMs?: number;
};

/** What a typed client of another plugin needs. @public */
export type PluginClientOptions = {
  /** The plugin called, e.g. `alerts`: discovery finds it, its token is for it. */
  pluginId: string;
  discovery: DiscoveryService;
  auth: AuthService;
  /** Default 20 s. */
  timeoutMs?: number;
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch;
};

const DEFAULT_TIMEOUT_MS = 20_000;
// Statuses whose answer has no body: a Response cannot carry one.
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * The `fetch` of a typed client of another plugin: the request goes to the
 * plugin as a service (a service-to-service token for it, on behalf of
 * `credentials`), with a timeout, and any answer but a success throws
 * `UpstreamError` (`the alerts plugin answered HTTP 503: <its message>`,
 * with the status, and the `ResponseError` of its body as the cause).
 *
 * @public
 */
export function pluginFetch(
  options: PluginClientOptions & PluginCallOptions,
): (request: Request) => Promise<Response> {
  const what = `the ${options.pluginId} plugin`;
  return async request => {
    const { auth } = options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf:
        options.credentials ?? (await auth.getOwnServiceCredentials()),
      targetPluginId: options.pluginId,
    });
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token}`);
    headers.set('accept', 'application/json');
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const { response, text } = await fetchUpstream(what, request.url, {
      method: request.method,
      headers: Object.fromEntries(headers),
      body: hasBody ? await request.text() : undefined,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetch: options.fetch,
    });
    if (!response.ok) {
      const cause = await ResponseError.fromResponse(
        new Response(text, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        }),
      );
      throw new UpstreamError(
        `${what} answered HTTP ${response.status}: ${upstreamReason(text)}`,
        { status: response.status, cause },
      );
    }
    return new Response(NO_BODY.has(response.status) ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/**
 * A typed openapi-fetch client of another plugin, created for one call:
 * its base URL from discovery, its transport `pluginFetch`'s.
 *
 * @public
 */
export async function createPluginClient<Paths extends {}>(
  options: PluginClientOptions & PluginCallOptions,
): Promise<Client<Paths>> {
  return createClient<Paths>({
    baseUrl: await options.discovery.getBaseUrl(options.pluginId),
    fetch: pluginFetch(options),
  });
}

/**
 * The answer of a typed client's call, which `pluginFetch` only lets through
 * on success; an answer without the body the spec promises is an error.
 *
 * @public
 */
export function answerOf<Data>(
  pluginId: string,
  result: { data?: Data; response: Response },
): Data {
  if (result.data === undefined) {
    throw new UpstreamError(
      `the ${pluginId} plugin answered HTTP ${result.response.status} without a body`,
      { status: result.response.status },
    );
  }
  return result.data;
}

/**
 * The JSON a route's operation answers with on success (200, or 201 for a
 * creation), from the types openapi-typescript generates.
 *
 * @public
 */
export type JsonAnswer<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : Operation extends {
      responses: { 201: { content: { 'application/json': infer T } } };
    }
  ? T
  : never;
