import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleKratix } from './module';

// Starting the scaffolder backend can pass Jest's 5 s on a busy machine.
jest.setTimeout(60_000);

describe('scaffolderModuleKratix', () => {
  it('registers kratix:request with the scaffolder, with its schema', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleKratix,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const action = res.body.find((a: any) => a.id === 'kratix:request');
    expect(action.schema.input.properties).toHaveProperty('promiseEntityRef');
    expect(action.schema.input.required).toEqual(['name']);
    expect(action.examples.length).toBeGreaterThan(0);

    const anonymous = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
