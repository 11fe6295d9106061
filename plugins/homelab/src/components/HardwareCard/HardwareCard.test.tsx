/* eslint-disable no-script-url */ // A script URL is this test's bad input.
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { HardwareCard } from './HardwareCard';

const node: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'sff-1' },
  spec: {
    type: 'compute-node',
    owner: 'group:default/admins',
    hardware: {
      model: 'Lenovo ThinkCentre M700 SFF',
      cpu: 'Intel Core i5-6600T',
      cores: 4,
      memoryGiB: 32,
      storage: [{ name: 'nvme0n1', sizeGB: 1000, media: 'nvme' }],
      interfaces: [
        {
          name: 'eno1',
          mac: '6c:4b:90:1a:2b:01',
          vlan: 'vlan-20-server-lab',
          address: '10.0.20.11',
        },
      ],
      managementUrl: 'javascript:alert(1)',
    },
    capacity: { reserved: { cores: 2, memoryGiB: 6, storageGB: 200 } },
  },
  relations: [{ type: 'hosts', targetRef: 'component:default/jellyfin' }],
};

describe('HardwareCard', () => {
  it('shows specs, VLAN attachments, capacity and hosted workloads', async () => {
    await renderInTestApp(
      <EntityProvider entity={node}>
        <HardwareCard />
      </EntityProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('Lenovo ThinkCentre M700 SFF')).toBeInTheDocument();
    expect(screen.getByText('nvme0n1: 1000 GB nvme')).toBeInTheDocument();
    expect(screen.getByText('6c:4b:90:1a:2b:01')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /vlan-20-server-lab/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/vlan-20-server-lab');
    expect(
      screen.getByText('4 cores total, 2 cores reserved, 2 cores available'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /jellyfin/ })).toBeInTheDocument();
    // An unsafe management URL is never made a link.
    expect(screen.queryByText(/Management/)).not.toBeInTheDocument();
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
  });
});
