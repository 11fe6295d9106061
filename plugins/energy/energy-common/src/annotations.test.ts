import { isEnergyAvailable } from './annotations';

const entity = (
  kind: string,
  spec: object,
  annotations: Record<string, string> = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
  spec,
});

describe('isEnergyAvailable', () => {
  it('knows what it can measure', () => {
    expect(
      isEnergyAvailable(entity('Resource', { type: 'compute-node' })),
    ).toBe(true);
    expect(isEnergyAvailable(entity('System', {}))).toBe(true);
    expect(isEnergyAvailable(entity('Domain', {}))).toBe(true);
    expect(
      isEnergyAvailable(
        entity(
          'Component',
          {},
          { 'backstage.io/kubernetes-namespace': 'media' },
        ),
      ),
    ).toBe(true);
    expect(
      isEnergyAvailable(
        entity(
          'Resource',
          { type: 'nas' },
          { 'homelab-portal.io/power-metric': 'p' },
        ),
      ),
    ).toBe(true);
  });

  it('says no where nothing measures the entity', () => {
    expect(isEnergyAvailable(entity('Resource', { type: 'nas' }))).toBe(false);
    expect(isEnergyAvailable(entity('Resource', { type: 'vlan' }))).toBe(false);
    expect(isEnergyAvailable(entity('Component', {}))).toBe(false);
    expect(isEnergyAvailable(entity('User', {}))).toBe(false);
  });
});
