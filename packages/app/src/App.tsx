import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { themeModule } from './modules/theme';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';
import { searchModule } from './modules/search';
import { apiDocsModule } from './modules/apiDocs';
import { scaffolderModule } from './modules/scaffolder';
import { kubernetesClusterPlugin } from './modules/kubernetesCluster';
import { catalogGraphModuleHomelab } from '@homelab-portal/plugin-homelab/alpha';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    themeModule,
    homeModule,
    signInModule,
    searchModule,
    apiDocsModule,
    scaffolderModule,
    catalogGraphModuleHomelab,
    kubernetesClusterPlugin,
  ],
});
