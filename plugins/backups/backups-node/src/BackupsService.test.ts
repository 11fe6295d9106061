import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { UpstreamError } from '@homelab-portal/plugin-homelab-node';
import { BackupsService, DefaultBackupsService } from './BackupsService';
import { backupsServiceRef } from './lib';

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
  const service = DefaultBackupsService.create({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async id => `http://backend/api/${id}`,
    }),
    auth: mockServices.auth(),
    fetch: fetchFn,
  });
  return { service, asked };
}

const overview = {
  source: 'live',
  policies: [],
  unprotected: [],
  days: [],
  warnings: [],
};

describe('DefaultBackupsService', () => {
  it('asks the backups backend for its overview as a service', async () => {
    const { service, asked } = recording({ status: 200, body: overview });
    await expect(service.getOverview()).resolves.toEqual(overview);
    expect(asked).toEqual([
      {
        url: 'http://backend/api/backups/overview',
        auth: expect.stringMatching(/^Bearer .*backups/),
      },
    ]);
  });

  it('asks for one entity’s backups by its ref', async () => {
    const { service, asked } = recording({
      status: 200,
      body: { entityRef: 'component:default/a' },
    });
    await service.getEntityBackups({ entityRef: 'component:default/a' });
    expect(asked[0].url).toBe(
      'http://backend/api/backups/entity?entityRef=component%3Adefault%2Fa',
    );
  });

  it('says which plugin failed, and how', async () => {
    const { service } = recording({
      status: 503,
      body: { error: { name: 'ServiceUnavailableError', message: 'down' } },
    });
    const error = await service.getOverview().catch(e => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe('the backups plugin answered HTTP 503: down');
  });
});

describe('backupsServiceRef', () => {
  it('gives a plugin the default service without any wiring', async () => {
    let got: BackupsService | undefined;
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'caller',
          register(env) {
            env.registerInit({
              deps: { backups: backupsServiceRef, logger: coreServices.logger },
              async init({ backups }) {
                got = backups;
              },
            });
          },
        }),
      ],
    });
    await backend.stop();
    expect(got).toBeInstanceOf(DefaultBackupsService);
  });
});
