import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { VlanPicker } from './VlanPicker';

const vlan = (id: number, title: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: `vlan-${id}`, title },
  spec: {
    type: 'vlan',
    owner: 'group:default/admins',
    vlan: {
      id,
      name: title,
      purpose: 'x',
      subnet: '10.0.0.0/24',
      gateway: '10.0.0.1',
      firewall: [],
    },
  },
});

describe('VlanPicker', () => {
  it('lists the catalog’s VLANs by name and stores their ids', async () => {
    const catalogApi = {
      getEntities: jest.fn(async () => ({
        items: [
          vlan(30, 'VLAN 30: User/Trusted'),
          vlan(20, 'VLAN 20: Server/Lab'),
        ],
      })),
    };
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <VlanPicker
          {...({
            formData: [30, 99],
            onChange,
            schema: { title: 'Allowed VLANs', description: 'who may reach it' },
            required: false,
            rawErrors: [],
            idSchema: { $id: 'root_allowedVlans' },
          } as any)}
        />
      </TestApiProvider>,
    );
    expect(catalogApi.getEntities).toHaveBeenCalledWith({
      filter: { kind: 'resource', 'spec.type': 'vlan' },
    });
    expect(
      await screen.findByText('VLAN 30: User/Trusted'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('VLAN 99 (not in the catalog)'),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByLabelText('Allowed VLANs'));
    const listbox = await screen.findByRole('listbox');
    fireEvent.click(within(listbox).getByText('VLAN 20: Server/Lab'));
    expect(onChange).toHaveBeenLastCalledWith([30, 99, 20]);
  });
});
