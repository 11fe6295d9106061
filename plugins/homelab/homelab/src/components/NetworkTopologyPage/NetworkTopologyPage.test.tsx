import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { NetworkTopologyPage } from './NetworkTopologyPage';

const catalogDir = path.resolve(__dirname, '../../../../../../catalog');
const load = (file: string) =>
  parseAllDocuments(fs.readFileSync(path.join(catalogDir, file), 'utf8')).map(
    doc => doc.toJS() as Entity,
  );

// The first render loads the app harness; on a loaded machine that outlasts 5 s.
jest.setTimeout(30_000);

const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

async function render(catalogApi: ReturnType<typeof catalogApiMock>) {
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <NetworkTopologyPage />
    </TestApiProvider>,
    routes,
  );
}

describe('NetworkTopologyPage', () => {
  it('draws the seed network with its legend, ports and labelled flows', async () => {
    const entities = [...load('network.yaml'), ...load('hardware.yaml')].map(
      e => {
        if (e.metadata.name !== 'vlan-40-iot-untrusted') return e;
        const copy = structuredClone(e);
        // after deny any: never applies
        (copy.spec as any).vlan.firewall.push({
          action: 'allow',
          to: 'resource:default/vlan-20-server-lab',
        });
        return copy;
      },
    );
    await render(catalogApiMock({ entities }));
    const diagram = await screen.findByTestId('network-diagram');
    expect(within(diagram).getByText('sfp-sfpplus8')).toBeInTheDocument();
    expect(
      within(diagram).getByText('tcp 80, 443 · udp 53'),
    ).toBeInTheDocument();
    expect(within(diagram).getAllByTestId('network-flow')).toHaveLength(4);
    expect(
      within(diagram).getByRole('link', { name: /^SFF node 1, enp1s0/ }),
    ).toBeInTheDocument();
    const legend = screen.getByTestId('network-legend');
    expect(within(legend).getByText(/Allowed flow/)).toBeInTheDocument();
    expect(
      within(legend).getByText(
        'VLAN 40: rule 3 (allow to resource:default/vlan-20-server-lab) never applies, rule 2 decides first',
      ),
    ).toBeInTheDocument();
  });

  it('tells what to do when the catalog has no network', async () => {
    await render(catalogApiMock({ entities: [] }));
    expect(
      await screen.findByText(
        'No VLANs or devices in the catalog',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog does not answer', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
    });
    await render(catalogApi as any);
    expect(
      (await screen.findAllByText(/catalog is down/, {}, { timeout: 10_000 }))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('network-diagram')).not.toBeInTheDocument();
  });
});
