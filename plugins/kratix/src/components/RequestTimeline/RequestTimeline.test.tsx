/* eslint-disable no-script-url */ // A script URL is one of this test's bad inputs.
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';
import { kratixRequestsRouteRef } from '../../routes';
import { RequestTimeline } from './RequestTimeline';

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
});
