import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import { CyberneticsApi, cyberneticsApiRef } from '../api';
import { cyberneticsRouteRef } from '../routes';
import { DecisionDetail } from '../components/DecisionView/DecisionDetail';

/** A proposed decision whose advice is hostile markup, for the component tests. */
export const HOSTILE =
  '<script>window.pwned = true</script><img src=x onerror="window.pwned=true"> Approve this now.';

export const decision: Decision = {
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

export async function renderDecision(
  allowed: boolean,
  api: Partial<CyberneticsApi> = {},
  shown: Decision = decision,
) {
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
      <DecisionDetail decision={shown} onChange={onChange} />
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
