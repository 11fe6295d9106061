import { Entity } from '@backstage/catalog-model';
import { TestApiRegistry } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { createAsyncValidators } from '@backstage/plugin-scaffolder-react/alpha';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  homelabInterfaceAddressValidation,
  homelabVlanFieldValidation,
} from './fields';

const repoRoot = path.resolve(__dirname, '../../../../../..');
type JsonObject = Record<string, any>;

const catalog: Entity[] = ['network.yaml', 'hardware.yaml'].flatMap(file =>
  parseAllDocuments(
    fs.readFileSync(path.join(repoRoot, 'catalog', file), 'utf8'),
  ).map(document => document.toJS() as Entity),
);

/** A step of one of our templates, as the scaffolder's form validates it. */
function step(template: string, index: number): JsonObject {
  return parse(
    fs.readFileSync(
      path.join(repoRoot, 'templates', template, 'template.yaml'),
      'utf8',
    ),
  ).spec.parameters[index];
}

const validators = {
  HomelabVlanField: homelabVlanFieldValidation,
  HomelabInterfaceAddress: homelabInterfaceAddressValidation,
} as any;

/** Runs the scaffolder's own pre-submit validation of a step. */
async function errorsOf(
  schema: JsonObject,
  formData: JsonObject,
  entities: Entity[] = catalog,
) {
  const apiHolder = TestApiRegistry.from([
    catalogApiRef,
    catalogApiMock({ entities }),
  ]);
  const result: any = await createAsyncValidators(schema, validators, {
    apiHolder,
  })(formData);
  return Object.fromEntries(
    Object.entries(result)
      .map(([key, value]: [string, any]) => [key, value.__errors ?? []])
      .filter(([, errors]) => errors.length > 0),
  );
}

const goodVlan = {
  name: 'vlan-60-cameras',
  vlanId: 60,
  vlanName: 'Cameras',
  purpose: 'Security cameras',
  subnet: '10.0.60.0/24',
  gateway: '10.0.60.1',
  owner: 'group:default/admins',
  system: 'system:default/physical-infrastructure',
};

describe('the Add-a-VLAN form, validated before submit', () => {
  const vlanStep = step('add-vlan', 0);

  it('accepts a VLAN that clashes with nothing', async () => {
    expect(await errorsOf(vlanStep, goodVlan)).toEqual({});
  });

  it('refuses the three planted clashes, each on its own field', async () => {
    expect(
      await errorsOf(vlanStep, {
        ...goodVlan,
        vlanId: 20,
        subnet: '10.0.20.0/23',
        gateway: '10.0.30.1',
      }),
    ).toEqual({
      vlanId: [
        'VLAN id 20 is already used by resource:default/vlan-20-server-lab',
      ],
      subnet: [
        '10.0.20.0/23 overlaps 10.0.20.0/24 of resource:default/vlan-20-server-lab',
      ],
      gateway: ['10.0.30.1 is outside the subnet 10.0.20.0/23'],
    });
  });

  it('says so when the catalog cannot be read, rather than letting it through', async () => {
    const apiHolder = TestApiRegistry.from([
      catalogApiRef,
      {
        getEntities: async () => {
          throw new Error('503 Service Unavailable');
        },
      },
    ]);
    const result: any = await createAsyncValidators(vlanStep, validators, {
      apiHolder,
    })(goodVlan);
    expect(result.vlanId.__errors).toEqual([
      "The catalog's VLANs could not be read, so clashes cannot be checked: 503 Service Unavailable",
    ]);
  });
});

describe('the Add-a-hardware-node form, validated before submit', () => {
  const interfacesStep = step('add-hardware-node', 1);
  const nic = {
    name: 'eno1',
    mac: '02:00:00:00:00:01',
    vlan: 'resource:default/vlan-20-server-lab',
  };

  it('accepts interfaces inside their VLANs, and none with DHCP', async () => {
    expect(
      await errorsOf(interfacesStep, {
        interfaces: [{ ...nic, address: '10.0.20.99' }],
      }),
    ).toEqual({});
    expect(await errorsOf(interfacesStep, { interfaces: [nic] })).toEqual({});
  });

  it('refuses an address outside the VLAN it is on', async () => {
    expect(
      await errorsOf(interfacesStep, {
        interfaces: [{ ...nic, address: '10.0.40.99' }],
      }),
    ).toEqual({
      interfaces: [
        'eno1: 10.0.40.99 is outside 10.0.20.0/24, the subnet of resource:default/vlan-20-server-lab',
      ],
    });
  });
});
