/**
 * A Request as the url and init a Backstage FetchApi takes. openapi-fetch
 * hands its custom fetch a Request; Backstage's fetch middleware (the plugin
 * protocol resolver, then the identity injector) each builds `new Request`
 * from what it is given, and the second build of a Request whose body the
 * first has read throws "Cannot construct a Request with a Request object
 * that has already been used". Passing the url and an init with the body
 * read once avoids that, for every method.
 *
 * @public
 */
export async function fetchArgsOf(
  request: Request,
): Promise<[string, RequestInit]> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return [
    request.url,
    {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.text() : undefined,
      signal: request.signal,
    },
  ];
}
