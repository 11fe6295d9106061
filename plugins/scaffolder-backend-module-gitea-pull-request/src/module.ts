import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createGiteaPullRequestAction } from './actions/giteaPullRequest';

/** Registers publish:gitea:pull-request with the scaffolder. */
export const scaffolderModuleGiteaPullRequest = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gitea-pull-request',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createGiteaPullRequestAction({
            integrations: ScmIntegrations.fromConfig(config),
          }),
        );
      },
    });
  },
});
