import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleGiteaPullRequest } from './module';

describe('scaffolderModuleGiteaPullRequest', () => {
  it('registers publish:gitea:pull-request with the scaffolder', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleGiteaPullRequest,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [{ host: 'git.lab.local', password: 'secret-token' }],
            },
          },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const action = res.body.find(
      (a: any) => a.id === 'publish:gitea:pull-request',
    );
    expect(action.schema.input.required).toEqual(
      expect.arrayContaining(['repoUrl', 'branchName', 'title']),
    );
    expect(JSON.stringify(res.body)).not.toContain('secret-token');
  });
});
