export { authModuleHomelabSignIn as default } from './module';
export { keycloakSignInResolver } from './keycloakSignInResolver';
export type { KeycloakSignInOptions } from './keycloakSignInResolver';
