import { EnergyClient } from './EnergyClient';

describe('EnergyClient', () => {
  const discoveryApi = { getBaseUrl: async () => 'http://backend/api/energy' };

  it('encodes entity refs and parameters into the query', async () => {
    const fetch = jest.fn(
      async (_url: string) => new Response('{"ok":true}', { status: 200 }),
    );
    const client = new EnergyClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await client.getSeries('component:default/a&b', '7d');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/energy/series?entityRef=component%3Adefault%2Fa%26b&range=7d',
    );
    await client.getOverview();
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backend/api/energy/overview',
    );
  });

  it('throws the backend’s error with its message', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              name: 'ServiceUnavailableError',
              message: 'Prometheus refused the query (bad_data): x',
            },
            response: { statusCode: 503 },
          }),
          { status: 503, headers: { 'content-type': 'application/json' } },
        ),
    );
    const client = new EnergyClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await expect(
      client.getSummary('component:default/a'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 503,
      body: {
        error: { message: 'Prometheus refused the query (bad_data): x' },
      },
    });
  });
});
