import {
  ForgeClient,
  PullRequestState,
} from '@homelab-portal/plugin-homelab-node';
import {
  LocalGitRepository,
  parseLocalChangeUrl,
} from '@homelab-portal/plugin-homelab-node';

/** What the tracker and the router need of the forges. */
export interface Forges {
  /** The forge a pull request URL is on; throws InputError for one none serves. */
  locate(url: string): { type: string };
  pullRequest(url: string): Promise<PullRequestState>;
  /** What an open one waits for, in words. */
  waitingFor(url: string): string;
  /** How the opening of the change reads in the request's timeline, for changes that are not pull requests. */
  openedMessage(url: string): string | undefined;
}

/**
 * The configured forges, and, in the local start (`homelab.localForge`), the
 * local Git repository: a change there (a branch with its commit, named by
 * the portal's URL for it) is open until its branch is merged into main.
 */
export class ForgesWithLocal implements Forges {
  constructor(
    private readonly forge: ForgeClient,
    private readonly local?: {
      appBaseUrl: string;
      repository: () => Promise<LocalGitRepository>;
    },
  ) {}

  private localChange(url: string) {
    return this.local
      ? parseLocalChangeUrl(this.local.appBaseUrl, url)
      : undefined;
  }

  locate(url: string): { type: string } {
    if (this.localChange(url)) return { type: 'local' };
    return this.forge.locate(url);
  }

  waitingFor(url: string): string {
    const change = this.localChange(url);
    if (!change) return 'Waiting for the pull request to be merged';
    return `Waiting for branch ${change.branch} to be merged into main (local Git repository)`;
  }

  openedMessage(url: string): string | undefined {
    const change = this.localChange(url);
    if (!change) return undefined;
    return `Committed ${change.sha.slice(0, 12)} on branch ${
      change.branch
    } of the local Git repository (no forge here): merge it into main to approve it`;
  }

  async pullRequest(url: string): Promise<PullRequestState> {
    const change = this.localChange(url);
    if (!change || !this.local) return this.forge.pullRequest(url);
    const repository = await this.local.repository();
    return repository.changeState(change.branch, change.sha);
  }
}
