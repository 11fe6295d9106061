import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { VlanCard } from './VlanCard';

const vlan: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'vlan-30-user-trusted' },
  spec: {
    type: 'vlan',
    owner: 'group:default/admins',
    vlan: {
      id: 30,
      name: 'User/Trusted',
      purpose: 'Trusted devices',
      subnet: '10.0.30.0/24',
      gateway: '10.0.30.1',
      dhcpRange: { start: '10.0.30.100', end: '10.0.30.199' },
      firewall: [
        { action: 'allow', to: 'internet' },
        {
          action: 'allow',
          to: 'resource:default/vlan-20-server-lab',
          protocol: 'tcp',
          ports: [80, 443],
          description: '<img src=x onerror=alert(1)>',
        },
        { action: 'deny', to: 'any' },
      ],
    },
  },
  relations: [
    { type: 'hasAttached', targetRef: 'resource:default/laptop-1' },
    { type: 'hasAttached', targetRef: 'resource:default/nas-1' },
    { type: 'hasAttached', targetRef: 'resource:default/ghost' },
    { type: 'ownedBy', targetRef: 'group:default/admins' },
  ],
};

const device = (
  name: string,
  interfaces: Array<{ name: string; vlan: string; address?: string }>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'compute-node',
    owner: 'group:default/admins',
    hardware: {
      interfaces: interfaces.map((nic, i) => ({
        mac: `00:11:22:33:44:0${i}`,
        ...nic,
      })),
    },
  },
});

const catalogApi = catalogApiMock({
  entities: [
    device('laptop-1', [
      { name: 'wlan0', vlan: 'vlan-30-user-trusted', address: '10.0.30.50' },
    ]),
    // two interfaces: one on this VLAN, one elsewhere
    device('nas-1', [
      { name: 'eth0', vlan: 'vlan-50-storage', address: '10.0.50.5' },
      {
        name: 'eth1',
        vlan: 'resource:default/vlan-30-user-trusted',
        address: '10.0.30.5',
      },
    ]),
  ],
});

async function renderCard(entity: Entity = vlan) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <EntityProvider entity={entity}>
        <VlanCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('VlanCard', () => {
  it('shows addressing, members and the firewall rules in order', async () => {
    await renderCard();
    expect(screen.getByText('VLAN 30: User/Trusted')).toBeInTheDocument();
    expect(screen.getByText('10.0.30.0/24')).toBeInTheDocument();
    expect(screen.getByText('10.0.30.100 to 10.0.30.199')).toBeInTheDocument();
    const members = await screen.findByRole('table', {
      name: 'Member devices',
    });
    const rows = within(members).getAllByRole('row').slice(1);
    // each member with its address on this VLAN, in address order
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringMatching(/^nas-1.*10\.0\.30\.5.*eth1/),
      expect.stringMatching(/^laptop-1.*10\.0\.30\.50.*wlan0/),
      expect.stringMatching(/^ghost.*not in the catalog/),
    ]);
    expect(within(members).queryByText('10.0.50.5')).toBeNull();
    expect(screen.getByText('internet')).toBeInTheDocument();
    expect(screen.getByText('vlan-20-server-lab')).toBeInTheDocument();
    expect(screen.getByText('80, 443')).toBeInTheDocument();
    // Markup in data is shown as text, never rendered.
    expect(
      screen.getByText('<img src=x onerror=alert(1)>'),
    ).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('renders nothing for an entity that is not a VLAN', async () => {
    const { container } = await renderCard({ ...vlan, spec: { type: 'nas' } });
    expect(container).toBeEmptyDOMElement();
  });
});
