import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { UpstreamError } from '@homelab-portal/plugin-homelab-node';
import { AlertsService, DefaultAlertsService } from './AlertsService';
import { alertsServiceRef } from './lib';

function recording(answer: { status: number; body: unknown }) {
  const asked: Array<{
    url: string;
    auth: string | null;
    method?: string;
    body?: unknown;
  }> = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push({
      url: String(input),
      auth: new Headers(init?.headers).get('authorization'),
      ...(init?.method === 'POST'
        ? { method: 'POST', body: JSON.parse(String(init.body)) }
        : {}),
    });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const service = DefaultAlertsService.create({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async id => `http://backend/api/${id}`,
    }),
    auth: mockServices.auth(),
    fetch: fetchFn,
  });
  return { service, asked };
}

const overview = {
  source: 'alertmanager',
  alerts: [],
  bySeverity: {},
  unmapped: 0,
  warnings: [],
};

describe('DefaultAlertsService', () => {
  it('asks the alerts backend for its overview as a service', async () => {
    const { service, asked } = recording({ status: 200, body: overview });
    await expect(service.getOverview()).resolves.toEqual(overview);
    expect(asked).toEqual([
      {
        url: 'http://backend/api/alerts/overview',
        auth: expect.stringMatching(/^Bearer .*alerts/),
      },
    ]);
  });

  it('asks for one entity’s alerts by its ref', async () => {
    const { service, asked } = recording({
      status: 200,
      body: { entityRef: 'component:default/a', alerts: [] },
    });
    await service.getEntityAlerts({ entityRef: 'component:default/a' });
    expect(asked[0].url).toBe(
      'http://backend/api/alerts/entity?entityRef=component%3Adefault%2Fa',
    );
  });

  it('creates a silence on behalf of the given user', async () => {
    const { service, asked } = recording({
      status: 201,
      body: { alertmanager: 'lab', id: 's-1' },
    });
    const silence = {
      alertmanager: 'lab',
      matchers: '{alertname="DiskFull"}',
      durationMinutes: 60,
      comment: 'Cybernetic decision d-1',
    };
    await expect(
      service.createSilence(silence, {
        credentials: mockCredentials.user('user:default/resident'),
      }),
    ).resolves.toEqual({ alertmanager: 'lab', id: 's-1' });
    expect(asked).toEqual([
      {
        url: 'http://backend/api/alerts/silences',
        auth: expect.stringMatching(/^Bearer .*user:default\/resident/),
        method: 'POST',
        body: silence,
      },
    ]);
  });

  it('says which plugin failed, and how', async () => {
    const { service } = recording({
      status: 503,
      body: { error: { name: 'ServiceUnavailableError', message: 'down' } },
    });
    const error = await service.getOverview().catch(e => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe('the alerts plugin answered HTTP 503: down');
  });
});

describe('alertsServiceRef', () => {
  it('gives a plugin the default service without any wiring', async () => {
    let got: AlertsService | undefined;
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'caller',
          register(env) {
            env.registerInit({
              deps: { alerts: alertsServiceRef, logger: coreServices.logger },
              async init({ alerts }) {
                got = alerts;
              },
            });
          },
        }),
      ],
    });
    await backend.stop();
    expect(got).toBeInstanceOf(DefaultAlertsService);
  });
});
