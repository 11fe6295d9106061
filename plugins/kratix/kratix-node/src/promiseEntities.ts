import { stringify } from 'yaml';
import {
  JsonSchema,
  KRATIX_ANNOTATION_OWNER,
  KRATIX_ANNOTATION_PROMISE,
  KRATIX_ANNOTATION_SCHEMA_NOTES,
  KRATIX_ANNOTATION_SYSTEM,
  KRATIX_ANNOTATION_TEMPLATE,
  KRATIX_ANNOTATION_TEMPLATE_PROBLEM,
  PromiseApi,
  PromiseError,
  SchemaNote,
  promiseApiOf,
  promiseEntityName,
  promiseTemplateName,
} from '@homelab-portal/plugin-kratix-common';
import { TemplateError, formSchemaOf, titleOf } from './formSchema';
import { requestTemplate } from './requestTemplate';

/** Where the provider read a Promise from, for the entity's origin annotations. */
export interface PromiseOrigin {
  /** e.g. `url:https://git.lab.local/homelab/gitops/tree/main/promises/postgresql/promise.yaml`. */
  location: string;
  /** A link to view the Promise's source, if there is one. */
  viewUrl?: string;
}

export interface PromiseEntityDefaults {
  owner: string;
  system?: string;
  lifecycle: string;
  /** The template's PR step: where requests go in the GitOps repository. */
  requestsPath: string;
  /** Hosts the template's repository picker offers. */
  allowedHosts: string[];
}

const ENTITY_NAME = /^[a-z0-9A-Z]([-_.a-z0-9A-Z]{0,61}[a-z0-9A-Z])?$/;
const TEMPLATE_REF =
  /^template:[a-z0-9A-Z]([-_.a-z0-9A-Z]{0,61}[a-z0-9A-Z])?\/[a-z0-9A-Z]([-_.a-z0-9A-Z]{0,61}[a-z0-9A-Z])?$/;

export interface PromiseEntities {
  promiseName: string;
  /** The API entity: always, so that the catalog shows every Promise. */
  api: JsonSchema;
  /** The generated template, unless the Promise cannot be a form. */
  template?: JsonSchema;
  /** Why there is no template. */
  problem?: string;
  /** The hand-written template that requests this Promise, when it has one (then no template is generated). */
  handWrittenTemplate?: string;
  notes: SchemaNote[];
}

/**
 * The catalog entities for one Promise document: an API entity whose
 * definition is the Promise (type `kratix-promise`) and a scaffolder Template
 * generated from its CRD schema. A Promise that offers no API, or whose schema
 * no form can hold, still becomes an API entity, with the reason in the
 * `homelab-portal.io/kratix-template-problem` annotation and its description.
 */
export function entitiesForPromise(
  promise: JsonSchema,
  origin: PromiseOrigin,
  defaults: PromiseEntityDefaults,
): PromiseEntities {
  const promiseName: string = promise?.metadata?.name;
  if (typeof promiseName !== 'string' || !ENTITY_NAME.test(promiseName)) {
    throw new PromiseError(
      `a Promise's metadata.name must be a name of at most 54 characters (got ${JSON.stringify(
        promiseName,
      )})`,
    );
  }
  if (promiseName.length > 54) {
    throw new PromiseError(
      `Promise ${promiseName}: the name is too long for its entities (at most 54 characters)`,
    );
  }
  const annotations: Record<string, string> =
    promise.metadata?.annotations ?? {};
  const owner = annotations[KRATIX_ANNOTATION_OWNER] ?? defaults.owner;
  const system = annotations[KRATIX_ANNOTATION_SYSTEM] ?? defaults.system;
  const handWritten = annotations[KRATIX_ANNOTATION_TEMPLATE];
  if (handWritten !== undefined && !TEMPLATE_REF.test(handWritten)) {
    throw new PromiseError(
      `Promise ${promiseName}: ${KRATIX_ANNOTATION_TEMPLATE} must be a template ref such as template:default/request-${promiseName} (got ${JSON.stringify(
        handWritten,
      )})`,
    );
  }
  const description: string | undefined =
    annotations['homelab-portal.io/description'] ??
    annotations['kratix.io/description'] ??
    undefined;
  const originAnnotations: Record<string, string> = {
    'backstage.io/managed-by-location': origin.location,
    'backstage.io/managed-by-origin-location': origin.location,
    ...(origin.viewUrl ? { 'backstage.io/view-url': origin.viewUrl } : {}),
    [KRATIX_ANNOTATION_PROMISE]: promiseName,
  };

  let api: PromiseApi | undefined;
  let problem: string | undefined;
  let notes: SchemaNote[] = [];
  let formSchema: JsonSchema | undefined;
  try {
    api = promiseApiOf(promise);
    const form = formSchemaOf(api.specSchema);
    formSchema = form.schema;
    notes = form.notes;
  } catch (error) {
    if (error instanceof PromiseError || error instanceof TemplateError) {
      problem = error.message;
    } else {
      throw error;
    }
  }

  const apiEntity: JsonSchema = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: promiseEntityName(promiseName),
      title: `${titleOf(promiseName)} Promise`,
      description: problem
        ? `${
            description ?? 'A Kratix Promise'
          }. No request template: ${problem}`
        : description ?? `A Kratix Promise: ${api!.kind} in ${api!.group}`,
      tags: ['kratix', 'promise'],
      annotations: {
        ...originAnnotations,
        ...(problem ? { [KRATIX_ANNOTATION_TEMPLATE_PROBLEM]: problem } : {}),
        ...(!problem
          ? {
              [KRATIX_ANNOTATION_TEMPLATE]:
                handWritten ??
                `template:default/${promiseTemplateName(promiseName)}`,
            }
          : {}),
        ...(notes.length
          ? { [KRATIX_ANNOTATION_SCHEMA_NOTES]: JSON.stringify(notes) }
          : {}),
      },
    },
    spec: {
      type: 'kratix-promise',
      lifecycle: defaults.lifecycle,
      owner,
      ...(system ? { system } : {}),
      definition: stringify(promise),
    },
  };
  if (!api || !formSchema) {
    return { promiseName, api: apiEntity, problem, notes };
  }
  if (handWritten) {
    // One template per service: the hand-written one is the Promise's form.
    return {
      promiseName,
      api: apiEntity,
      notes,
      handWrittenTemplate: handWritten,
    };
  }

  const template = requestTemplate({
    promiseName,
    api,
    formSchema,
    description,
    owner,
    system,
    originAnnotations,
    notes,
    defaults,
  });
  return { promiseName, api: apiEntity, template, notes };
}
