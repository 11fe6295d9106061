/**
 * Test doubles for the portal's tests, never for production code. What each
 * one emulates, and which real spec it is checked against: README.md.
 *
 * @packageDocumentation
 */
export { FakeKubeApi } from './kubernetes/fakeKubeApi';
export { seedCluster } from './kubernetes/seedCluster';
export { FakeArgoCd } from './argocd/fakeArgoCd';
export { FakeVault } from './vault/fakeVault';
export {
  CREATE_PULL_FIELDS,
  FAKE_GITEA_ROUTES,
  startFakeGitea,
} from './gitea/fakeGitea';
export type { FakeGitea } from './gitea/fakeGitea';
export { asKratixInstallsIt, kratixStatus } from './kratix/kratixStatus';
export { seedCatalog } from './catalog/seedCatalog';
