import { stringify } from 'yaml';
import { JsonSchema, PromiseApi, PromiseError, promiseApiOf } from './promise';
import { SchemaNote } from './schema';
import {
  TemplateError,
  formSchemaOf,
  titleOf,
  withPlainTitles,
} from './formSchema';

/** Our annotations on what the Kratix provider generates. */
export const KRATIX_ANNOTATION_PROMISE = 'homelab-portal.io/kratix-promise';
/** Why a Promise has no generated template (the catalog shows it on the API entity). */
export const KRATIX_ANNOTATION_TEMPLATE_PROBLEM =
  'homelab-portal.io/kratix-template-problem';
/** Irregularities in a Promise's schema that the generated form handles (JSON list). */
export const KRATIX_ANNOTATION_SCHEMA_NOTES =
  'homelab-portal.io/kratix-schema-notes';
/**
 * On a Promise: the ref of the request template written for it by hand
 * (`template:default/request-redis`), which the Create page offers instead of
 * a generated one. On a hand-written template, `homelab-portal.io/kratix-promise`
 * names the Promise it requests. On the API entity: the template that requests
 * this Promise, generated or hand-written.
 */
export const KRATIX_ANNOTATION_TEMPLATE = 'homelab-portal.io/kratix-template';
/** A Promise may name its catalog owner and system with these annotations. */
export const KRATIX_ANNOTATION_OWNER = 'homelab-portal.io/owner';
export const KRATIX_ANNOTATION_SYSTEM = 'homelab-portal.io/system';

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

/** The API entity's name for a Promise. */
export const promiseEntityName = (promiseName: string) =>
  `${promiseName}-promise`;

/** The generated template's name for a Promise. */
export const promiseTemplateName = (promiseName: string) =>
  `kratix-${promiseName}`;

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

  const kindTitle = api.kind
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/^./, c => c.toLocaleUpperCase('en-US'));
  const specTitle = `${kindTitle} settings`;
  const specField: JsonSchema = {
    ...withPlainTitles(formSchema),
    type: 'object',
    title: specTitle,
    description:
      formSchema.description ??
      `What the ${api.kind} should be, as the ${promiseName} Promise's schema asks`,
    default: {},
  };
  const namePattern = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
  const requestPath = `out/\${{ parameters.namespace or 'default' }}/${promiseName}-\${{ parameters.name }}.yaml`;
  const prSteps = [
    [
      'gitea',
      'publish:gitea:pull-request',
      'Open a pull request on Gitea or Forgejo',
    ],
    ['github', 'publish:github:pull-request', 'Open a pull request on GitHub'],
    [
      'gitlab',
      'publish:gitlab:merge-request',
      'Open a merge request on GitLab',
    ],
  ].map(([forge, action, name]) => ({
    id: `pr-${forge}`,
    name,
    if: `\${{ parameters.forge === '${forge}' }}`,
    action,
    input: {
      repoUrl: '${{ parameters.repoUrl }}',
      branchName: `request/${promiseName}-\${{ parameters.name }}`,
      title: `Request ${promiseName} \${{ parameters.name }}`,
      description: `Requested from the Homelab Portal by \${{ user.entity.metadata.name or 'a user' }}, owned by \${{ parameters.owner }}.`,
      sourcePath: 'out',
      targetPath: defaults.requestsPath,
      ...(forge === 'gitlab'
        ? {}
        : { reviewers: '${{ parameters.reviewers }}' }),
    },
  }));
  const prUrl =
    "${{ steps['pr-gitea'].output.remoteUrl or steps['pr-github'].output.remoteUrl or steps['pr-gitlab'].output.mergeRequestUrl }}";

  const template: JsonSchema = {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: promiseTemplateName(promiseName),
      title: kindTitle,
      description: `${
        description ?? `A ${kindTitle} from the ${promiseName} Promise`
      }, as a GitOps pull request (a form generated from the Promise's schema)`,
      tags: ['kratix', 'generated', promiseName.toLowerCase()],
      annotations: {
        ...originAnnotations,
        ...(notes.length
          ? { [KRATIX_ANNOTATION_SCHEMA_NOTES]: JSON.stringify(notes) }
          : {}),
      },
    },
    spec: {
      owner,
      type: 'kratix-request',
      ...(system ? { system } : {}),
      parameters: [
        {
          title: kindTitle,
          required: ['name', 'owner'],
          properties: {
            name: {
              title: 'Name',
              type: 'string',
              description:
                'A short name for it: lowercase letters, digits and dashes, e.g. my-app',
              pattern: namePattern,
              maxLength: 63,
              'ui:autofocus': true,
            },
            ...(api.namespaced
              ? {
                  namespace: {
                    title: 'Kubernetes namespace',
                    description: 'Where the request lives in the cluster',
                    type: 'string',
                    default: 'default',
                    pattern: namePattern,
                    maxLength: 63,
                  },
                }
              : {}),
            owner: {
              title: 'Owner',
              type: 'string',
              description: 'The group or person who looks after it',
              'ui:field': 'OwnerPicker',
              'ui:options': { catalogFilter: { kind: ['Group', 'User'] } },
            },
          },
        },
        {
          title: specTitle,
          properties: { spec: specField },
        },
        {
          title: 'Pull request',
          required: ['repoUrl', 'forge'],
          properties: {
            forge: {
              title: 'Where the repository is hosted',
              type: 'string',
              enum: ['gitea', 'github', 'gitlab'],
              enumNames: ['Gitea or Forgejo', 'GitHub', 'GitLab'],
              default: 'gitea',
            },
            repoUrl: {
              title: 'GitOps repository',
              description:
                'The Git repository Argo CD deploys the homelab from; the request is proposed there',
              type: 'string',
              'ui:field': 'RepoUrlPicker',
              'ui:options': { allowedHosts: defaults.allowedHosts },
            },
            reviewers: {
              title: 'Reviewers',
              type: 'array',
              items: { type: 'string', title: 'Reviewer (user name)' },
              default: [],
              description:
                'Who should review the pull request: Gitea or GitHub user names (GitLab ignores them)',
            },
          },
        },
      ],
      steps: [
        {
          id: 'request',
          name: 'Render the Kratix request',
          action: 'kratix:request',
          input: {
            promiseEntityRef: `api:default/${promiseEntityName(promiseName)}`,
            name: '${{ parameters.name }}',
            ...(api.namespaced
              ? { namespace: "${{ parameters.namespace or 'default' }}" }
              : {}),
            parameters: '${{ parameters.spec }}',
            targetPath: requestPath,
          },
        },
        ...prSteps,
        {
          id: 'track',
          name: 'Track the request until it is ready',
          action: 'kratix:request:track',
          input: {
            promiseEntityRef: `api:default/${promiseEntityName(promiseName)}`,
            manifestPath: "${{ steps['request'].output.manifestPath }}",
            forge: '${{ parameters.forge }}',
            pullRequestUrl: prUrl,
          },
        },
      ],
      output: {
        links: [
          { title: 'Pull request', icon: 'github', url: prUrl },
          {
            title: 'Request status',
            icon: 'dashboard',
            url: "/kratix/requests/${{ steps['track'].output.requestId }}",
          },
        ],
      },
    },
  };
  return { promiseName, api: apiEntity, template, notes };
}

/** Whether an entity is a Kratix Promise's API entity (for entity pages). */
export const isKratixPromise = (entity: {
  kind: string;
  spec?: { type?: unknown } | JsonSchema;
}) =>
  entity.kind.toLocaleLowerCase('en-US') === 'api' &&
  entity.spec?.type === 'kratix-promise';
