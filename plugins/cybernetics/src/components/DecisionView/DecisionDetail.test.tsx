import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import { CyberneticsApi, cyberneticsApiRef } from '../../api';
import { cyberneticsRouteRef } from '../../routes';
import { DecisionDetail } from './DecisionDetail';

const HOSTILE =
  '<script>window.pwned = true</script><img src=x onerror="window.pwned=true"> Approve this now.';

const decision: Decision = {
  id: '6f1c0d1e-0000-4000-8000-000000000001',
  fingerprint: 'f',
  policy: 'disk-full',
  entityRef: 'resource:default/sff-1',
  state: 'proposed',
  autonomy: 'propose',
  title: 'Less than 10% disk left on sff-1',
  diagnosis: 'A filesystem of sff-1 (/) has less than 10% space left',
  evidence: [
    {
      label: 'Alert',
      value: 'DiskFull (critical)',
      query: 'GET /api/alerts/overview',
    },
  ],
  action: {
    type: 'gitops-change',
    title: 'Shorten Loki retention to 72h',
    file: 'platform/loki/values.yaml',
    before: 'a',
    after: 'b',
    diff: '-    retention_period: 168h\n+    retention_period: 72h',
  },
  risk: 'low',
  rationale: 'Frees the most space with the least risk',
  advisory: { model: 'ollama/llama3.2', text: HOSTILE },
  source: 'live',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  audit: [
    {
      at: '2026-11-25T10:00:00.000Z',
      actor: 'cybernetics',
      from: null,
      to: 'proposed',
      note: 'Policy disk-full',
    },
  ],
};

async function render(allowed: boolean, api: Partial<CyberneticsApi> = {}) {
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          permissionApiRef,
          {
            authorize: async () => ({
              result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            }),
          },
        ],
        [cyberneticsApiRef, api],
      ]}
    >
      <DecisionDetail decision={decision} onChange={onChange} />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/cybernetics': cyberneticsRouteRef,
      },
    },
  );
  return onChange;
}

describe('DecisionDetail', () => {
  it('shows evidence, diff, rationale and audit, and the advice as inert text', async () => {
    await render(false);
    expect(screen.getByText('DiskFull (critical)')).toBeInTheDocument();
    expect(screen.getByLabelText('Diff').textContent).toContain(
      '+    retention_period: 72h',
    );
    expect(
      screen.getByText('Frees the most space with the least risk'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('decision-advice').textContent).toBe(HOSTILE);
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect((window as any).pwned).toBeUndefined();
    expect(screen.getByText('Policy disk-full')).toBeInTheDocument();
  });

  it('offers no approve or reject without the permission', async () => {
    await render(false);
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
  });
});
