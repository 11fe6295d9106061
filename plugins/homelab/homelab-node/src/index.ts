export {
  KubernetesApi,
  KubernetesError,
  readKubernetesClusters,
} from './kubernetes/KubernetesApi';
export type { Cluster } from './kubernetes/KubernetesApi';
export { ForgeClient } from './forge/ForgeClient';
export {
  UpstreamError,
  fetchUpstream,
  getJson,
  upstreamFailure,
  upstreamReason,
} from './upstream/fetchUpstream';
export type {
  UpstreamErrorClass,
  UpstreamRequest,
} from './upstream/fetchUpstream';
export {
  answerOf,
  createPluginClient,
  pluginFetch,
} from './upstream/pluginClient';
export type {
  JsonAnswer,
  PluginCallOptions,
  PluginClientOptions,
} from './upstream/pluginClient';
export type { PullRequestState } from './forge/ForgeClient';
export {
  readDnsConfig,
  parseGoZones,
  parseDnsmasqServers,
} from './dns/readDnsConfig';
export type { DnsConfig } from './dns/readDnsConfig';
export { VaultMetadataReader, VaultError } from './vault/VaultMetadataReader';
export {
  LocalGitError,
  LocalGitRepository,
  invalidRepositoryPathReason,
  localChangeUrl,
  parseLocalChangeUrl,
  readLocalForgeConfig,
} from './localForge';
export type {
  LocalChange,
  LocalChangeState,
  LocalCommit,
  LocalForgeConfig,
} from './localForge';
export { invalidBranchReason } from './localForge/refs';
export {
  authenticateThenReadJson,
  bodyAlreadyRead,
  parseEntityRefParam,
  parseInput,
  requireJsonBody,
  requirePermission,
} from './router';
