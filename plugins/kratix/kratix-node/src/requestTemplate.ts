import {
  JsonSchema,
  KRATIX_ANNOTATION_SCHEMA_NOTES,
  PromiseApi,
  SchemaNote,
  promiseEntityName,
  promiseTemplateName,
} from '@homelab-portal/plugin-kratix-common';
import { withPlainTitles } from './formSchema';
import type { PromiseEntityDefaults } from './promiseEntities';

/** What the request template of a Promise is built from (see entitiesForPromise). */
export interface RequestTemplateInput {
  promiseName: string;
  api: PromiseApi;
  formSchema: JsonSchema;
  description?: string;
  owner: string;
  system?: string;
  originAnnotations: Record<string, string>;
  notes: SchemaNote[];
  defaults: PromiseEntityDefaults;
}

/**
 * The scaffolder Template that requests one Promise: a name and owner page,
 * the Promise's own form, the pull request page; then render the request,
 * open the pull (merge) request on the chosen forge and track it until ready.
 */
export function requestTemplate({
  promiseName,
  api,
  formSchema,
  description,
  owner,
  system,
  originAnnotations,
  notes,
  defaults,
}: RequestTemplateInput): JsonSchema {
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
  return template;
}
