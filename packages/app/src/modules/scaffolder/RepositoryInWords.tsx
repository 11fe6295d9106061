import { useEffect } from 'react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Typography } from '@material-ui/core';
import { repositoryInWords } from './repositoryInWords';

/**
 * Where a template's change goes, in words, for the form and its Review
 * step: a read-only field that follows the repository field named by
 * `ui:options.repoUrlField` (default `repoUrl`), which the template hides
 * from the review (`ui:backstage: {review: {show: false}}`).
 */
export const RepositoryInWords = (
  props: FieldExtensionComponentProps<string, { repoUrlField?: string }>,
) => {
  const { formData, onChange, formContext, uiSchema, schema } = props;
  const config = useApi(configApiRef);
  const localForgeHost = config.getOptionalString('homelab.localForge.host');
  const field = uiSchema?.['ui:options']?.repoUrlField ?? 'repoUrl';
  const repoUrl = (formContext?.formData as Record<string, unknown>)?.[field];
  const words = repositoryInWords(repoUrl, localForgeHost);
  useEffect(() => {
    if (words !== formData) onChange(words);
  }, [words, formData, onChange]);
  if (!words) return null;
  return (
    <Typography variant="body2" aria-label={schema.title ?? 'Where it goes'}>
      {schema.title ?? 'Where it goes'}: {words}
    </Typography>
  );
};
