/* eslint-disable no-script-url */ // A script URL is one of this test's bad inputs.
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';
import { kratixRequestsRouteRef } from '../../routes';
import { RequestTimeline } from './RequestTimeline';
import { RequestsTable } from './RequestsTable';

// The first render loads the app harness; on a loaded machine that outlasts 5 s.
jest.setTimeout(30_000);

const base: KratixRequest = {
  id: '6f1c0d1e-0000-4000-8000-000000000001',
  requester: 'user:default/alice',
  promise: 'postgresql',
  promiseEntityRef: 'api:default/postgresql-promise',
  apiVersion: 'platform.lab.local/v1alpha1',
  kind: 'PostgreSQL',
  plural: 'postgresqls',
  name: 'photos',
  namespace: 'media',
  parameters: {
    databaseName: 'photos',
    adminPassword: '[redacted]',
    backup: { enabled: true },
  },
  forge: 'gitea',
  pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/7',
  state: 'synced',
  reason: 'Kratix: Pipelines running',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:20:00.000Z',
  events: [
    {
      state: 'pr-open',
      at: '2026-11-25T10:00:00.000Z',
      message:
        'Pull request opened: https://git.lab.local/homelab/gitops/pulls/7',
    },
    {
      state: 'merged',
      at: '2026-11-25T10:05:00.000Z',
      message: 'Pull request merged as 0123456789ab',
    },
    {
      state: 'synced',
      at: '2026-11-25T10:07:00.000Z',
      message: 'ArgoCD synced it',
    },
  ],
};

const render = (request: KratixRequest) =>
  renderInTestApp(<RequestTimeline request={request} />, {
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/kratix/requests': kratixRequestsRouteRef,
    },
  });

describe('RequestTimeline', () => {
  it('shows each step with its message, and what the next one waits for', async () => {
    await render(base);
    expect(screen.getByText('PostgreSQL photos')).toBeInTheDocument();
    expect(screen.getByTestId('kratix-state-synced')).toHaveTextContent(
      'Synced',
    );
    expect(
      screen.getByText('Pull request merged as 0123456789ab'),
    ).toBeInTheDocument();
    expect(screen.getByText('ArgoCD synced it')).toBeInTheDocument();
    expect(screen.getByText(/^Ready/)).toBeInTheDocument();
    expect(screen.getByText('Kratix: Pipelines running')).toBeInTheDocument();
    const parameters = screen.getByRole('table', { name: 'Parameters' });
    expect(within(parameters).getByText('[redacted]')).toBeInTheDocument();
    expect(
      within(parameters).getByText('{"enabled":true}'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /gitops\/pulls\/7/ }),
    ).toHaveAttribute('href', 'https://git.lab.local/homelab/gitops/pulls/7');
  });

  it('calls a change in the local Git repository a commit on its branch, not a pull request', async () => {
    const url =
      'http://localhost:3000/kratix/local-git/0123456789abcdef0123456789abcdef01234567?branch=request%2Fpostgresql-photos&path=platform%2Frequests%2Fmedia%2Fpostgresql-photos.yaml';
    await render({
      ...base,
      forge: 'local-git',
      pullRequestUrl: url,
      state: 'pr-open',
      events: [
        {
          state: 'pr-open',
          at: '2026-11-25T10:00:00.000Z',
          message: 'Committed 0123456789ab on branch request/postgresql-photos',
        },
      ],
    });
    expect(
      screen.getByRole('link', {
        name: /^Commit on branch request\/postgresql-photos in the local Git repository/,
      }),
    ).toHaveAttribute('href', url);
    expect(
      screen.getByText(/^Committed to the local Git repository ·/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Pull request/)).not.toBeInTheDocument();
  });

  it('ends a failed request with its reason, and never links a script URL', async () => {
    await render({
      ...base,
      state: 'failed',
      reason:
        'Kratix: ConfigureWorkflowCompleted ConfigureWorkflowFailed: step exited 1',
      pullRequestUrl: 'javascript:alert(1)',
      events: [
        ...base.events,
        {
          state: 'failed',
          at: '2026-11-25T10:09:00.000Z',
          message:
            'Kratix: ConfigureWorkflowCompleted ConfigureWorkflowFailed: step exited 1',
        },
      ],
    });
    expect(screen.getByTestId('kratix-state-failed')).toBeInTheDocument();
    expect(screen.getByText(/^Failed ·/)).toBeInTheDocument();
    expect(screen.queryByText(/^Ready/)).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'Kratix: ConfigureWorkflowCompleted ConfigureWorkflowFailed: step exited 1',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('javascript:alert(1)').closest('a')).toBeNull();
  });

  it('shows how long each step took', async () => {
    await render(base);
    expect(
      screen.getByText(/^Merged · .* · 5 min after the previous step$/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Synced by ArgoCD · .* · 2 min after the previous step$/,
      ),
    ).toBeInTheDocument();
  });

  it('shows what Kratix waits for: its reason, what it means, and since when', async () => {
    const since = new Date(Date.now() - 12 * 60_000 - 5_000).toISOString();
    await render({
      ...base,
      reason: 'Kratix: waiting, WorksPending: ...',
      kratix: {
        phase: 'waiting',
        reason: 'WorksPending',
        message:
          'Some works associated with this resource are not ready: [photos-instance-configure-5d8f2]',
        since,
      },
    });
    expect(screen.getByTestId('kratix-state-waiting')).toHaveTextContent(
      'Waiting',
    );
    expect(
      screen.getByText(
        'Waiting: WorksPending (the works it wrote are not applied at their destinations yet). Some works associated with this resource are not ready: [photos-instance-configure-5d8f2]',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Waiting for 12 min \(since /),
    ).toBeInTheDocument();
  });

  it('shows a suspended workflow as needing approval, with where to approve it', async () => {
    const request: KratixRequest = {
      ...base,
      kratix: {
        phase: 'needs-approval',
        reason: 'WorkflowSuspended',
        message: '<img src=x onerror=alert(1)> needs an admin',
        pipeline: 'approve-size',
        since: '2026-11-25T10:08:00Z',
        approvalUrl:
          'https://approvals.lab.local/media/postgresqls/photos?pipeline=approve-size',
      },
    };
    await render(request);
    expect(screen.getByTestId('kratix-state-needs-approval')).toHaveTextContent(
      'Needs approval',
    );
    expect(screen.getByText(/^Ready: needs approval/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /Pipeline approve-size suspended the workflow: <img src=x onerror=alert\(1\)> needs an admin/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Approve the workflow/ }),
    ).toHaveAttribute(
      'href',
      'https://approvals.lab.local/media/postgresqls/photos?pipeline=approve-size',
    );
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('never links an approval URL that is not a web URL', async () => {
    await render({
      ...base,
      kratix: {
        phase: 'needs-approval',
        reason: 'WorkflowSuspended',
        approvalUrl: 'JavaScript:alert(1)',
      },
    });
    expect(
      screen.queryByRole('link', { name: /^Approve the workflow/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/remove its kratix.io\/workflow-suspended label/),
    ).toBeInTheDocument();
  });

  it('ends a request Kratix failed with the failing reason, pipeline and message', async () => {
    await render({
      ...base,
      state: 'failed',
      reason:
        'Kratix: ConfigureWorkflowFailed: A Configure Pipeline has failed: create-db',
      kratix: {
        phase: 'failed',
        reason: 'ConfigureWorkflowFailed',
        message: 'A Configure Pipeline has failed: create-db',
        pipeline: 'create-db',
        since: '2026-11-25T10:09:30Z',
      },
      events: [
        ...base.events,
        {
          state: 'failed',
          at: '2026-11-25T10:09:30Z',
          message:
            'Kratix: ConfigureWorkflowFailed: A Configure Pipeline has failed: create-db',
        },
      ],
    });
    expect(screen.getByTestId('kratix-state-failed')).toBeInTheDocument();
    expect(
      screen.getByText(
        'ConfigureWorkflowFailed (pipeline create-db): A Configure Pipeline has failed: create-db',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Failed · .* after the previous step$/),
    ).toBeInTheDocument();
  });
});

describe('RequestsTable', () => {
  it('says where requests come from when there are none', async () => {
    await renderInTestApp(
      <RequestsTable label="Kratix requests" requests={[]} />,
      { mountedRoutes: { '/kratix/requests': kratixRequestsRouteRef } },
    );
    expect(screen.getByText(/No requests yet/)).toHaveTextContent(
      /choose one of the Kratix templates/,
    );
    expect(screen.getByRole('link', { name: 'Create' })).toHaveAttribute(
      'href',
      '/create?filters[tags]=kratix',
    );
  });

  it("shows each request's Kratix state with its reason, and the approval link", async () => {
    await renderInTestApp(
      <RequestsTable
        label="Kratix requests"
        requests={[
          {
            ...base,
            kratix: {
              phase: 'waiting',
              reason: 'WorkflowPending',
              message: 'Pipelines are still in progress',
            },
          },
          {
            ...base,
            id: '6f1c0d1e-0000-4000-8000-000000000002',
            name: 'analytics',
            kratix: {
              phase: 'needs-approval',
              reason: 'WorkflowSuspended',
              pipeline: 'approve-size',
              approvalUrl: 'https://approvals.lab.local/analytics',
            },
          },
        ]}
      />,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/kratix/requests': kratixRequestsRouteRef,
        },
      },
    );
    expect(screen.getByTestId('kratix-state-waiting')).toBeInTheDocument();
    expect(
      screen.getByText('WorkflowPending: Pipelines are still in progress'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('kratix-state-needs-approval'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Approve the workflow/ }),
    ).toHaveAttribute('href', 'https://approvals.lab.local/analytics');
  });
});
