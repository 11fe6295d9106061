import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { CapacityPage } from './CapacityPage';

const node = (name: string, cores: number, reservedCores: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: {
    type: 'compute-node',
    owner: 'admins',
    hardware: {
      model: 'M700',
      cores,
      memoryGiB: 32,
      storage: [{ name: 'nvme0n1', sizeGB: 1000 }],
    },
    capacity: {
      reserved: { cores: reservedCores, memoryGiB: 4, storageGB: 100 },
    },
  },
});

const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

describe('CapacityPage', () => {
  it('shows the total and each node', async () => {
    const catalogApi = catalogApiMock({
      entities: [node('sff-1', 4, 2), node('sff-2', 4, 1)],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <CapacityPage />
      </TestApiProvider>,
      routes,
    );
    const total = await screen.findByText('Current capacity (2 nodes)');
    const table = total.closest('[class*="MuiPaper-root"]') as HTMLElement;
    const cpu = within(table).getByText('CPU').closest('tr') as HTMLElement;
    expect(
      within(cpu)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['CPU', '8 cores', '3 cores', '5 cores']);
    expect(screen.getByText('sff-1')).toBeInTheDocument();
    expect(screen.getByText('sff-2')).toBeInTheDocument();
  });

  it('says so when the catalog has no compute nodes', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[catalogApiRef, catalogApiMock({ entities: [] })]]}
      >
        <CapacityPage />
      </TestApiProvider>,
      routes,
    );
    expect(
      await screen.findByText('No compute nodes in the catalog'),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog fails', async () => {
    const failing = catalogApiMock.mock({
      getEntities: async () => {
        throw new Error('catalog is down');
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, failing]]}>
        <CapacityPage />
      </TestApiProvider>,
      routes,
    );
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
  });
});
