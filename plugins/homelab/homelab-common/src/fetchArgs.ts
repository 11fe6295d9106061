/**
 * A Request as the url and init a Backstage FetchApi takes. openapi-fetch
 * hands its custom fetch a Request; Backstage's fetch middleware (the plugin
 * protocol resolver, then the identity injector) each builds `new Request`
 * from what it is given, and the second build of a Request whose body the
 * first has read throws "Cannot construct a Request with a Request object
 * that has already been used". Passing the url and an init with the body
 * read once avoids that, for every method.
 *
 * A GET or HEAD without headers of its own is its url alone, as a
 * hand-written client fetches it (the app's fetch adds the token). Its
 * signal is not carried: none of the portal's clients passes one.
 *
 * @public
 */
export async function fetchArgsOf(
  request: Request,
): Promise<[string, RequestInit?]> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  if (!hasBody && [...request.headers.keys()].length === 0) {
    return request.method === 'GET'
      ? [request.url]
      : [request.url, { method: request.method }];
  }
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
