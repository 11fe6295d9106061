import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  LocalForge,
  createGiteaPullRequestAction,
} from './actions/giteaPullRequest';
import {
  LocalGitRepository,
  readLocalForgeConfig,
} from '@homelab-portal/plugin-homelab-node';

/**
 * Registers publish:gitea:pull-request with the scaffolder. With
 * `homelab.localForge` (the local start), requests for its host go to a local
 * Git repository, created here at start when missing.
 */
export const scaffolderModuleGiteaPullRequest = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gitea-pull-request',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ scaffolder, config, logger }) {
        const localConfig = readLocalForgeConfig(config);
        let localForge: LocalForge | undefined;
        if (localConfig) {
          let opened: Promise<LocalGitRepository> | undefined;
          const repository = () => {
            opened ??= LocalGitRepository.open(localConfig.directory).catch(
              error => {
                opened = undefined;
                throw error;
              },
            );
            return opened;
          };
          await repository().then(
            repo =>
              logger.info(
                `No forge for ${localConfig.host} here: requests go to the local Git repository ${repo.directory}`,
              ),
            error =>
              logger.warn(
                `The local Git repository (homelab.localForge) cannot be opened: ${error}`,
              ),
          );
          localForge = {
            host: localConfig.host,
            appBaseUrl: localConfig.appBaseUrl,
            repository,
          };
        }
        scaffolder.addActions(
          createGiteaPullRequestAction({
            integrations: ScmIntegrations.fromConfig(config),
            localForge,
          }),
        );
      },
    });
  },
});
