export { scaffolderModuleGiteaPullRequest as default } from './module';
export { createGiteaPullRequestAction } from './actions/giteaPullRequest';
export { GiteaClient } from './gitea/GiteaClient';
export { GiteaError } from './gitea/GiteaClient';
