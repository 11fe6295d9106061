import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DnsReport } from '@homelab-portal/plugin-homelab-common';
import { screen, within } from '@testing-library/react';
import { HomelabApi, homelabApiRef } from '../../api';
import { DnsPage } from './DnsPage';

const GOZONES = '10.0.20.53';

const report: DnsReport = {
  source: 'demo',
  location: '/repo/gitops',
  at: '2026-12-01T12:00:00Z',
  zones: ['lab.local'],
  forwards: [{ domain: 'lab.local', server: GOZONES }],
  upstreams: ['1.1.1.1', '1.0.0.1'],
  names: [
    {
      name: 'git.lab.local',
      records: [
        {
          name: 'git.lab.local',
          type: 'CNAME',
          value: 'ingress.lab.local',
          ttl: 3600,
        },
      ],
      server: GOZONES,
      role: 'authoritative',
      uses: [
        {
          name: 'git.lab.local',
          entityRef: 'component:default/gitea',
          via: 'link',
        },
      ],
    },
    {
      name: 'minio.lab.local',
      records: [],
      server: GOZONES,
      role: 'authoritative',
      uses: [
        {
          name: 'minio.lab.local',
          entityRef: 'component:default/minio',
          via: 'link',
        },
      ],
    },
    {
      name: 'old-wiki.lab.local',
      records: [
        {
          name: 'old-wiki.lab.local',
          type: 'A',
          value: '10.0.20.99',
          ttl: 86400,
        },
      ],
      server: GOZONES,
      role: 'authoritative',
      uses: [],
    },
    {
      name: 'photos.lab.local',
      records: [],
      server: GOZONES,
      role: 'authoritative',
      uses: [
        {
          name: 'photos.lab.local',
          entityRef: 'ingress homelab/photos/photos',
          via: 'ingress',
        },
      ],
    },
  ],
  problems: [
    {
      kind: 'no-record',
      name: 'minio.lab.local',
      uses: [
        {
          name: 'minio.lab.local',
          entityRef: 'component:default/minio',
          via: 'link',
        },
      ],
    },
    {
      kind: 'record-for-nothing',
      name: 'old-wiki.lab.local',
      record: {
        name: 'old-wiki.lab.local',
        type: 'A',
        value: '10.0.20.99',
        ttl: 86400,
      },
    },
    {
      kind: 'shared-name',
      name: 'git.lab.local',
      entityRefs: ['component:default/gitea', 'component:default/wiki'],
    },
  ],
  warnings: [
    'Ingresses of homelab not read: Kubernetes (homelab) answered HTTP 403',
  ],
};

const render = (api: Partial<HomelabApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[homelabApiRef, api]]}>
      <DnsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('DnsPage', () => {
  it('flags the problems at the top with what to do, and lists each name with its record, server and users', async () => {
    await render({ getDns: async () => report });
    const problems = await screen.findByTestId('dns-problems');
    expect(within(problems).getByText('3 problems')).toBeInTheDocument();
    expect(problems).toHaveTextContent(
      'No record: minio.lab.local has no record, but component:default/minio (link) uses it.',
    );
    expect(problems).toHaveTextContent(
      'Add a record for it to platform/dns/gozones/zones.yml in the GitOps repository',
    );
    expect(problems).toHaveTextContent(
      'Unused record: old-wiki.lab.local has a record (A 10.0.20.99 (TTL 1 d)) that nothing in the catalog uses.',
    );
    expect(problems).toHaveTextContent(
      'Shared name: git.lab.local is used by 2 services: component:default/gitea, component:default/wiki.',
    );
    expect(
      screen.getByText(
        'Ingresses of homelab not read: Kubernetes (homelab) answered HTTP 403',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('homelab-demo-chip')).toBeInTheDocument();

    const row = (name: string) =>
      screen
        .getAllByText(name)
        .map(e => e.closest('tr'))
        .find(Boolean)!;
    expect(row('git.lab.local')).toHaveTextContent(
      'CNAME ingress.lab.local (TTL 1 h)',
    );
    expect(row('git.lab.local')).toHaveTextContent(`GoZones ${GOZONES}`);
    expect(
      within(row('git.lab.local')).getByRole('link', { name: /gitea/ }),
    ).toBeInTheDocument();
    expect(row('minio.lab.local')).toHaveTextContent('No record');
    expect(row('old-wiki.lab.local')).toHaveTextContent(
      'Nothing in the catalog',
    );
    expect(row('photos.lab.local')).toHaveTextContent(
      'ingress homelab/photos/photos (Ingress)',
    );
  });

  it('says so when nothing is wrong, without the demo chip for live data', async () => {
    await render({
      getDns: async () => ({
        ...report,
        source: 'live',
        problems: [],
        warnings: [],
      }),
    });
    expect(
      await screen.findByText(
        /No problems: every lab name in use has a record/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('homelab-demo-chip')).not.toBeInTheDocument();
  });

  it('has an empty state that says what to do', async () => {
    await render({
      getDns: async () => ({
        ...report,
        names: [],
        problems: [],
        warnings: [],
      }),
    });
    expect(await screen.findByText('No lab.local names')).toBeInTheDocument();
    expect(
      screen.getByText(/Add records to platform\/dns\/gozones\/zones.yml/),
    ).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    await render({
      getDns: async () => {
        throw new Error(
          '/repo/gitops/platform/dns/gozones/zones.yml: lab.local A record 6 (sff-2) has an invalid value',
        );
      },
    });
    expect(
      (await screen.findAllByText(/A record 6 \(sff-2\) has an invalid value/))
        .length,
    ).toBeGreaterThan(0);
  });
});
