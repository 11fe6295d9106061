import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
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
    { type: 'ownedBy', targetRef: 'group:default/admins' },
  ],
};

describe('VlanCard', () => {
  it('shows addressing, members and the firewall rules in order', async () => {
    await renderInTestApp(
      <EntityProvider entity={vlan}>
        <VlanCard />
      </EntityProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('VLAN 30: User/Trusted')).toBeInTheDocument();
    expect(screen.getByText('10.0.30.0/24')).toBeInTheDocument();
    expect(screen.getByText('10.0.30.100 to 10.0.30.199')).toBeInTheDocument();
    expect(screen.getByText('laptop-1')).toBeInTheDocument();
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
    const { container } = await renderInTestApp(
      <EntityProvider entity={{ ...vlan, spec: { type: 'nas' } }}>
        <VlanCard />
      </EntityProvider>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
