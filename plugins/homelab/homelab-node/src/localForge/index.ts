/**
 * The local start's stand-in for a forge (`homelab.localForge`): a local Git
 * repository where requests are branches with one commit each, for the
 * kratix backend, which follows them and shows their files.
 */
export {
  LocalGitError,
  LocalGitRepository,
  invalidRepositoryPathReason,
} from './LocalGitRepository';
export type { LocalChangeState, LocalCommit } from './LocalGitRepository';
export {
  localChangeUrl,
  parseLocalChangeUrl,
  readLocalForgeConfig,
} from './localForge';
export type { LocalChange, LocalForgeConfig } from './localForge';
