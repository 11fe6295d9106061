import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { UpstreamError } from './fetchUpstream';
import { answerOf, createPluginClient } from './pluginClient';

type Paths = {
  '/things': {
    get: {
      parameters: { query: { name: string } };
      responses: {
        200: { content: { 'application/json': { name: string } } };
      };
    };
  };
};

function recording(answer: { status: number; body: string }) {
  const asked: Array<{ url: string; auth: string | null; method?: string }> =
    [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push({
      url: String(input),
      auth: new Headers(init?.headers).get('authorization'),
      method: init?.method,
    });
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { asked, fetchFn };
}

const discovery = mockServices.discovery.mock({
  getBaseUrl: async (id: string) => `http://backend/api/${id}`,
});

describe('createPluginClient', () => {
  it('calls the plugin found by discovery, as a service, typed from its paths', async () => {
    const { asked, fetchFn } = recording({
      status: 200,
      body: JSON.stringify({ name: 'a' }),
    });
    const client = await createPluginClient<Paths>({
      pluginId: 'things',
      discovery,
      auth: mockServices.auth(),
      fetch: fetchFn,
    });
    const answer = answerOf(
      'things',
      await client.GET('/things', { params: { query: { name: 'a' } } }),
    );
    expect(answer).toEqual({ name: 'a' });
    expect(asked).toEqual([
      {
        url: 'http://backend/api/things/things?name=a',
        auth: expect.stringMatching(/^Bearer .+/),
        method: 'GET',
      },
    ]);
    expect(asked[0].auth).toContain('things');
  });

  it('turns a failed answer into a named error with the plugin’s message', async () => {
    const { fetchFn } = recording({
      status: 503,
      // Backstage's error body, as errorHandler sends it
      body: JSON.stringify({
        error: { name: 'ServiceUnavailableError', message: 'down' },
        request: { method: 'GET', url: '/api/things/things?name=a' },
        response: { statusCode: 503 },
      }),
    });
    const client = await createPluginClient<Paths>({
      pluginId: 'things',
      discovery,
      auth: mockServices.auth(),
      fetch: fetchFn,
    });
    const error = await client
      .GET('/things', { params: { query: { name: 'a' } } })
      .catch(e => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe('the things plugin answered HTTP 503: down');
    expect(error.status).toBe(503);
    expect(error.cause).toBeInstanceOf(ResponseError);
    expect(error.cause.body.error.name).toBe('ServiceUnavailableError');
  });
});
