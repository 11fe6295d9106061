import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  KRATIX_ANNOTATION_PROMISE,
  KRATIX_ANNOTATION_TEMPLATE,
  KRATIX_ANNOTATION_SCHEMA_NOTES,
  KRATIX_ANNOTATION_TEMPLATE_PROBLEM,
  SchemaNote,
  promiseTemplateName,
} from '@homelab-portal/plugin-kratix-common';
import {
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../../api';
import { RequestsTable } from '../RequestTimeline';
import { PromiseDefinition } from '../PromiseDefinition';

function notesOf(text: string | undefined): SchemaNote[] {
  if (!text) return [];
  try {
    const notes = JSON.parse(text);
    return Array.isArray(notes) ? notes : [];
  } catch {
    return [];
  }
}

/**
 * A Promise's tab: the Promise in readable form (what it offers, its
 * request fields, its pipelines), its request template (or why it has
 * none) with what was irregular in its schema, the requests made for it,
 * and its YAML.
 */
export const PromiseContent = () => {
  const { entity } = useEntity();
  const api = useApi(kratixApiRef);
  const annotations = entity.metadata.annotations ?? {};
  const promise = annotations[KRATIX_ANNOTATION_PROMISE];
  const problem = annotations[KRATIX_ANNOTATION_TEMPLATE_PROBLEM];
  // The template that requests it: hand-written for the homelab's own
  // Promises, generated from the schema for the others.
  const templateRef = parseEntityRef(
    annotations[KRATIX_ANNOTATION_TEMPLATE] ??
      `template:default/${promiseTemplateName(promise ?? '')}`,
  );
  const generated = templateRef.name === promiseTemplateName(promise ?? '');
  const notes = notesOf(annotations[KRATIX_ANNOTATION_SCHEMA_NOTES]);
  const { value, loading, error } = useAsync(
    async () => (promise ? api.listRequests({ promise }) : []),
    [api, promise],
  );
  const template = problem ? (
    <WarningPanel
      severity="warning"
      title="This Promise has no request template"
      message={problem}
    />
  ) : (
    <InfoCard title="Request template">
      <Typography variant="body2">
        {generated
          ? "Generated from the Promise's schema:"
          : 'A form written for this Promise:'}{' '}
        <Link
          to={`/create/templates/${templateRef.namespace}/${templateRef.name}`}
        >
          request a {String(entity.metadata.title ?? promise)}
        </Link>
      </Typography>
      {notes.length > 0 && (
        <List dense aria-label="Schema notes">
          {notes.map(note => (
            <ListItem key={`${note.field}:${note.message}`}>
              <ListItemText primary={note.field} secondary={note.message} />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
  const requests = (
    <InfoCard title="Requests">
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {value && (
        <RequestsTable requests={value} label="Requests for this Promise" />
      )}
    </InfoCard>
  );
  const definition = entity.spec?.definition;
  return (
    <Content noPadding>
      {typeof definition === 'string' ? (
        <PromiseDefinition definition={definition} action={template}>
          {requests}
        </PromiseDefinition>
      ) : (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            {template}
          </Grid>
          <Grid item xs={12}>
            {requests}
          </Grid>
        </Grid>
      )}
    </Content>
  );
};
