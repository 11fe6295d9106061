/**
 * A template's repository (the RepoUrlPicker's `host?owner=o&repo=r`) in
 * plain words: "homelab/gitops on git.lab.local", or, where the local start
 * stands in for that forge (homelab.localForge), the local Git repository.
 */
export function repositoryInWords(
  repoUrl: unknown,
  localForgeHost?: string,
): string | undefined {
  if (typeof repoUrl !== 'string' || !repoUrl.trim()) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(`https://${repoUrl.trim()}`);
  } catch {
    return undefined;
  }
  const host = parsed.host;
  const owner =
    parsed.searchParams.get('owner') ??
    parsed.searchParams.get('organization') ??
    parsed.searchParams.get('workspace') ??
    parsed.searchParams.get('group');
  const repo = parsed.searchParams.get('repo');
  if (!repo) return undefined;
  const name = owner ? `${owner}/${repo}` : repo;
  if (localForgeHost && host.toLowerCase() === localForgeHost.toLowerCase()) {
    return `The local Git repository (no forge here; it stands in for ${name} on ${host})`;
  }
  return `${name} on ${host}`;
}
