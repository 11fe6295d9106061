import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { isVlanEntity } from '@homelab-portal/plugin-homelab-common';
import useAsync from 'react-use/esm/useAsync';

type VlanOption = { id: number; label: string };

/**
 * Picks VLANs from the catalog by name ("VLAN 20: Server/Lab") and stores
 * their ids, for templates that take VLAN ids (`type: array` of integers).
 */
export const VlanPicker = (props: FieldExtensionComponentProps<number[]>) => {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const catalogApi = useApi(catalogApiRef);
  const {
    value: options = [],
    loading,
    error,
  } = useAsync(async (): Promise<VlanOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'resource', 'spec.type': 'vlan' },
    });
    return items
      .filter(isVlanEntity)
      .map(entity => ({
        id: entity.spec.vlan.id,
        label:
          entity.metadata.title ??
          `VLAN ${entity.spec.vlan.id}: ${entity.spec.vlan.name}`,
      }))
      .sort((a, b) => a.id - b.id);
  }, [catalogApi]);

  const selected = (formData ?? []).map(
    id =>
      options.find(option => option.id === id) ?? {
        id,
        label: `VLAN ${id} (not in the catalog)`,
      },
  );
  return (
    <Autocomplete
      multiple
      id={idSchema?.$id ?? 'vlan-picker'}
      loading={loading}
      options={options}
      value={selected}
      getOptionLabel={option => option.label}
      getOptionSelected={(option, value) => option.id === value.id}
      onChange={(_event, value) => onChange(value.map(option => option.id))}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'VLANs'}
          helperText={
            error
              ? `The VLANs could not be read: ${error.message}`
              : schema.description
          }
          required={required}
          error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
          margin="normal"
        />
      )}
    />
  );
};
