/**
 * For tests: a stand-in for GitLab's REST API v4, `GET
 * /projects/{url-encoded path}/merge_requests/{iid}`, the one call the
 * tracker makes on GitLab. Its answers are typed with gitbeaker's
 * `MergeRequestSchema` (`@gitbeaker/core`, the fields GitLab's merge request
 * API documents; GitLab's single-MR answer adds more, which the tracker does
 * not read). Merge request states are GitLab's: opened, closed, locked,
 * merged. Errors are GitLab's `{ "message": ... }`.
 *
 * @packageDocumentation
 */
import type { MergeRequestSchema } from '@gitbeaker/core';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

type Author = MergeRequestSchema['author'];

/** A fake GitLab API holding the merge requests of one project. */
export class FakeGitLab {
  private readonly mergeRequests = new Map<number, MergeRequestSchema>();
  private server?: Server;
  readonly requests: Array<{ path: string; token?: string }> = [];

  /**
   * @param options.project - the project's full path, e.g. homelab/platform/gitops
   * @param options.webUrl - GitLab's web address, e.g. https://gitlab.lab.local
   */
  constructor(
    readonly options: { project: string; webUrl: string; token: string },
  ) {}

  private author(username: string, id: number): Author {
    return {
      id,
      name: username,
      username,
      state: 'active',
      avatar_url: `${this.options.webUrl}/uploads/-/system/user/avatar/${id}/avatar.png`,
      web_url: `${this.options.webUrl}/${username}`,
    };
  }

  /** Opens a merge request from `source` into main. */
  open(source: string, title: string): MergeRequestSchema {
    const iid = this.mergeRequests.size + 1;
    const now = new Date().toISOString();
    const project = this.options.project;
    const mr: MergeRequestSchema = {
      id: 7000 + iid,
      iid,
      project_id: 42,
      title,
      description: null,
      state: 'opened',
      created_at: now,
      updated_at: now,
      web_url: `${this.options.webUrl}/${project}/-/merge_requests/${iid}`,
      merged_by: null,
      merged_at: null,
      closed_by: null,
      closed_at: null,
      target_branch: 'main',
      source_branch: source,
      user_notes_count: 0,
      upvotes: 0,
      downvotes: 0,
      author: this.author('alice', 2),
      assignees: [],
      assignee: null,
      reviewers: [],
      source_project_id: 42,
      target_project_id: 42,
      labels: [],
      draft: false,
      work_in_progress: false,
      milestone: null,
      merge_when_pipeline_succeeds: false,
      merge_status: 'can_be_merged',
      detailed_merge_status: 'mergeable',
      sha: 'd'.repeat(40),
      merge_commit_sha: null,
      squash_commit_sha: null,
      discussion_locked: null,
      should_remove_source_branch: null,
      force_remove_source_branch: true,
      reference: `!${iid}`,
      references: {
        short: `!${iid}`,
        relative: `!${iid}`,
        full: `${project}!${iid}`,
      },
      time_stats: {
        time_estimate: 0,
        total_time_spent: 0,
        human_time_estimate: null,
        human_total_time_spent: null,
      },
      squash: false,
      task_completion_status: { count: 0, completed_count: 0 },
      prepared_at: now,
      has_conflicts: false,
      blocking_discussions_resolved: true,
      approvals_before_merge: null,
    };
    this.mergeRequests.set(iid, mr);
    return mr;
  }

  private update(iid: number, change: Partial<MergeRequestSchema>) {
    const mr = this.mergeRequests.get(iid);
    if (!mr) throw new Error(`no merge request !${iid}`);
    this.mergeRequests.set(iid, { ...mr, ...change });
  }

  /** Merged (squashed or not): state merged, merged_at, the merge commit. */
  merge(iid: number, at = '2026-11-25T10:05:00.000Z', squash = false) {
    const sha = 'beef'.padEnd(40, '2');
    this.update(iid, {
      state: 'merged',
      merged_at: at,
      updated_at: at,
      merged_by: this.author('bob', 3),
      merge_status: 'can_be_merged',
      detailed_merge_status: 'not_open',
      ...(squash
        ? { squash: true, squash_commit_sha: sha }
        : { merge_commit_sha: sha }),
    });
    return sha;
  }

  /** Closed without merging (or `locked`, as GitLab marks a locked discussion). */
  close(iid: number, at = '2026-11-25T10:06:00.000Z', state = 'closed') {
    this.update(iid, {
      state,
      closed_at: at,
      updated_at: at,
      closed_by: this.author('bob', 3),
      detailed_merge_status: 'not_open',
    });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const token = req.headers['private-token'];
      this.requests.push({
        path: req.url ?? '',
        token: typeof token === 'string' ? token : undefined,
      });
      const send = (status: number, body: object) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (token !== this.options.token) {
        send(401, { message: '401 Unauthorized' });
        return;
      }
      // the project's path comes URL-encoded as one segment
      const m = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)$/.exec(
        req.url ?? '',
      );
      const mr =
        m &&
        decodeURIComponent(m[1]) === this.options.project &&
        this.mergeRequests.get(Number(m[2]));
      if (req.method !== 'GET' || !mr) {
        send(404, { message: '404 Not found' });
        return;
      }
      send(200, mr);
    });
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>(r => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(r => this.server?.close(r) ?? r(undefined));
  }
}
