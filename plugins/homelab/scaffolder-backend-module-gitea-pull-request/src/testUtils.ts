/**
 * A fake Gitea (API v1 shapes from Gitea's swagger, real git over smart HTTP)
 * for other packages' tests: pull requests, merges, and trees for the URL
 * reader.
 */
export { startFakeGitea } from './fakeGitea';
export type { FakeGitea } from './fakeGitea';
