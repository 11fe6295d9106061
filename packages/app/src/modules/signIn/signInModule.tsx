import {
  configApiRef,
  createFrontendModule,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { SignInPage } from '@backstage/core-components';
import { keycloakAuthApi } from './keycloakAuthApi';
import { signInProviders } from './signInProviders';

function HomelabSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  return <SignInPage {...props} providers={signInProviders(config)} />;
}

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => HomelabSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, keycloakAuthApi],
});
