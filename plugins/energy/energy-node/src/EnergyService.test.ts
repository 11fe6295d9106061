import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { UpstreamError } from '@homelab-portal/plugin-homelab-node';
import { DefaultEnergyService, EnergyService } from './EnergyService';
import { energyServiceRef } from './lib';

function recording(answer: { status: number; body: unknown }) {
  const asked: Array<{ url: string; auth: string | null }> = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push({
      url: String(input),
      auth: new Headers(init?.headers).get('authorization'),
    });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const service = DefaultEnergyService.create({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async id => `http://backend/api/${id}`,
    }),
    auth: mockServices.auth(),
    fetch: fetchFn,
  });
  return { service, asked };
}

describe('DefaultEnergyService', () => {
  it('asks the energy backend for its overview, for a window, as a service', async () => {
    const { service, asked } = recording({
      status: 200,
      body: { source: 'demo' },
    });
    await expect(service.getOverview({ window: '7d' })).resolves.toEqual({
      source: 'demo',
    });
    await service.getOverview();
    expect(asked).toEqual([
      {
        url: 'http://backend/api/energy/overview?window=7d',
        auth: expect.stringMatching(/^Bearer .*energy/),
      },
      {
        url: 'http://backend/api/energy/overview',
        auth: expect.stringMatching(/^Bearer .*energy/),
      },
    ]);
  });

  it('asks for an entity’s summary and series by its ref', async () => {
    const { service, asked } = recording({ status: 200, body: {} });
    await service.getSummary({ entityRef: 'resource:default/sff-1' });
    await service.getSeries({
      entityRef: 'resource:default/sff-1',
      range: '7d',
    });
    expect(asked.map(a => a.url)).toEqual([
      'http://backend/api/energy/summary?entityRef=resource%3Adefault%2Fsff-1',
      'http://backend/api/energy/series?entityRef=resource%3Adefault%2Fsff-1&range=7d',
    ]);
  });

  it('says which plugin failed, and how', async () => {
    const { service } = recording({
      status: 404,
      body: { error: { name: 'NotFoundError', message: 'no such entity' } },
    });
    const error = await service
      .getSummary({ entityRef: 'resource:default/gone' })
      .catch(e => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe(
      'the energy plugin answered HTTP 404: no such entity',
    );
    expect(error.status).toBe(404);
  });
});

describe('energyServiceRef', () => {
  it('gives a plugin the default service without any wiring', async () => {
    let got: EnergyService | undefined;
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'caller',
          register(env) {
            env.registerInit({
              deps: { energy: energyServiceRef, logger: coreServices.logger },
              async init({ energy }) {
                got = energy;
              },
            });
          },
        }),
      ],
    });
    await backend.stop();
    expect(got).toBeInstanceOf(DefaultEnergyService);
  });
});
