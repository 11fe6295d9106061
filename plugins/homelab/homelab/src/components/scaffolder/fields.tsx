import { ApiHolder, useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { isVlanEntity } from '@homelab-portal/plugin-homelab-common';
import useAsync from 'react-use/esm/useAsync';
import {
  InterfaceFormData,
  NEIGHBOUR_FILTER,
  VlanPart,
  interfaceProblems,
  vlanProblems,
} from './vlanChecks';

/** `ui:options` of `HomelabVlanField`: which part of the VLAN the field holds. */
export type HomelabVlanFieldOptions = { part?: VlanPart };

async function readNeighbours(apiHolder: ApiHolder): Promise<Entity[]> {
  const catalogApi = apiHolder.get(catalogApiRef) as CatalogApi | undefined;
  if (!catalogApi) {
    throw new Error(
      'The catalog cannot be reached, so clashes with its VLANs cannot be checked',
    );
  }
  try {
    const { items } = await catalogApi.getEntities({
      filter: NEIGHBOUR_FILTER,
    });
    return items;
  } catch (error) {
    throw new Error(
      `The catalog's VLANs could not be read, so clashes cannot be checked: ${
        (error as Error).message
      }`,
    );
  }
}

const partOf = (uiSchema: unknown): VlanPart => {
  const part = (uiSchema as { 'ui:options'?: HomelabVlanFieldOptions })?.[
    'ui:options'
  ]?.part;
  return part === 'subnet' || part === 'gateway' ? part : 'id';
};

/**
 * A text field of the Add-a-VLAN form (`ui:field: HomelabVlanField`, with
 * `ui:options.part` `id`, `subnet` or `gateway`). Its validation runs before
 * the form moves on and refuses what the catalog would refuse.
 */
export const HomelabVlanField = (
  props: FieldExtensionComponentProps<string | number, HomelabVlanFieldOptions>,
) => {
  const {
    formData,
    onChange,
    schema,
    required,
    rawErrors,
    idSchema,
    uiSchema,
    disabled,
    readonly,
  } = props;
  const numeric = schema.type === 'integer' || schema.type === 'number';
  const errors = rawErrors ?? [];
  const placeholder = (uiSchema as Record<string, unknown> | undefined)?.[
    'ui:placeholder'
  ] as string | undefined;
  return (
    <TextField
      id={idSchema?.$id ?? `homelab-vlan-${partOf(uiSchema)}`}
      label={schema.title}
      placeholder={placeholder}
      type={numeric ? 'number' : 'text'}
      value={formData ?? ''}
      onChange={event => {
        const value = event.target.value;
        if (value === '') onChange(undefined as unknown as string);
        else onChange(numeric ? Number(value) : value);
      }}
      // The scaffolder lists the errors under the field itself.
      helperText={schema.description}
      error={errors.length > 0}
      required={required}
      disabled={disabled || readonly}
      margin="normal"
      fullWidth
      inputProps={numeric ? { min: schema.minimum, max: schema.maximum } : {}}
    />
  );
};

/** Refuses a VLAN id in use, an overlapping subnet, a gateway outside its subnet. */
export const homelabVlanFieldValidation: CustomFieldValidator<
  string | number,
  HomelabVlanFieldOptions
> = async (_data, field, { apiHolder, formData, uiSchema }) => {
  const part = partOf(uiSchema);
  const catalog = await readNeighbours(apiHolder);
  for (const message of vlanProblems(formData ?? {}, catalog, part)) {
    field.addError(message);
  }
};

/**
 * An interface's IP address in the Add-a-hardware-node form
 * (`ui:field: HomelabInterfaceAddress`).
 */
export const HomelabInterfaceAddress = (
  props: FieldExtensionComponentProps<string>,
) => {
  const {
    formData,
    onChange,
    schema,
    required,
    rawErrors,
    idSchema,
    disabled,
    readonly,
  } = props;
  const errors = rawErrors ?? [];
  return (
    <TextField
      id={idSchema?.$id ?? 'homelab-interface-address'}
      label={schema.title}
      placeholder="10.0.20.14"
      value={formData ?? ''}
      onChange={event => onChange(event.target.value || undefined!)}
      // The scaffolder lists the errors under the field itself.
      helperText={schema.description}
      error={errors.length > 0}
      required={required}
      disabled={disabled || readonly}
      margin="normal"
      fullWidth
    />
  );
};

/**
 * The scaffolder hands an array item's field the whole array: every
 * interface is checked at once, as the catalog checks a device.
 */
export const homelabInterfaceAddressValidation: CustomFieldValidator<
  string
> = async (data, field, { apiHolder }) => {
  const value: unknown = data;
  const interfaces = (Array.isArray(value) ? value : []) as InterfaceFormData[];
  if (!interfaces.some(nic => nic?.address)) return;
  const catalog = await readNeighbours(apiHolder);
  for (const message of interfaceProblems(interfaces, catalog)) {
    field.addError(message);
  }
};

type TargetOption = { value: string; label: string };

const FIXED_TARGETS: TargetOption[] = [
  { value: 'any', label: 'Anywhere (any destination)' },
  { value: 'internet', label: 'The internet' },
];

/**
 * Where a firewall rule goes (`ui:field: FirewallTargetPicker`): anywhere,
 * the internet, or one of the catalog's VLANs by name. Stores `any`,
 * `internet` or the VLAN's entity ref, as the VLAN's schema expects.
 */
export const FirewallTargetPicker = (
  props: FieldExtensionComponentProps<string>,
) => {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const catalogApi = useApi(catalogApiRef);
  const {
    value: vlans = [],
    loading,
    error,
  } = useAsync(async (): Promise<TargetOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'resource', 'spec.type': 'vlan' },
    });
    return items
      .filter(isVlanEntity)
      .sort((a, b) => a.spec.vlan.id - b.spec.vlan.id)
      .map(entity => ({
        value: `resource:${entity.metadata.namespace ?? 'default'}/${
          entity.metadata.name
        }`,
        label:
          entity.metadata.title ??
          `VLAN ${entity.spec.vlan.id}: ${entity.spec.vlan.name}`,
      }));
  }, [catalogApi]);
  const options = [...FIXED_TARGETS, ...vlans];
  const selected = formData
    ? options.find(option => option.value === formData) ?? {
        value: formData,
        label: `${formData} (not in the catalog)`,
      }
    : null;
  const errors = rawErrors ?? [];
  return (
    <Autocomplete
      id={idSchema?.$id ?? 'firewall-target'}
      loading={loading}
      options={options}
      value={selected}
      getOptionLabel={option => option.label}
      getOptionSelected={(option, value) => option.value === value.value}
      onChange={(_event, value) => onChange(value?.value ?? undefined!)}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Towards'}
          helperText={
            error
              ? `The VLANs could not be read: ${error.message}`
              : schema.description
          }
          required={required}
          error={Boolean(error) || errors.length > 0}
          margin="normal"
        />
      )}
    />
  );
};
