// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The spec in src/schema/openapi.yaml, as a const that types the handlers. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'kratix',
    version: '1',
    description:
      "The Kratix resource requests made through the portal, followed from their pull request to Kratix's status, and the local start's Git repository, read-only. Every route takes a user or service token (registering a request and the local Git view take a user). Errors come in Backstage's error shape.",
    license: {
      name: 'Apache-2.0',
      identifier: 'Apache-2.0',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {
      JWT: [],
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        description: 'A Backstage user or service token',
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    parameters: {
      sha: {
        name: 'sha',
        in: 'path',
        required: true,
        description: 'A commit id, 40 hex digits',
        schema: {
          type: 'string',
          pattern: '^[0-9a-f]{40}$',
        },
      },
    },
    responses: {
      Error: {
        description: "An error, in Backstage's error shape",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Request: {
        description: 'The request',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/KratixRequest',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      RequestState: {
        type: 'string',
        enum: ['pr-open', 'merged', 'closed', 'synced', 'ready', 'failed'],
      },
      RequestEvent: {
        type: 'object',
        additionalProperties: false,
        required: ['state', 'at', 'message'],
        properties: {
          state: {
            $ref: '#/components/schemas/RequestState',
          },
          at: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
        },
      },
      KratixStatus: {
        description:
          'What Kratix last said about a request, once it is in the cluster',
        type: 'object',
        additionalProperties: false,
        required: ['phase', 'reason'],
        properties: {
          phase: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          since: {
            type: 'string',
          },
          pipeline: {
            type: 'string',
          },
          approvalUrl: {
            type: 'string',
          },
          generation: {
            type: 'number',
          },
        },
      },
      KratixRequest: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'requester',
          'promise',
          'promiseEntityRef',
          'apiVersion',
          'kind',
          'plural',
          'name',
          'parameters',
          'forge',
          'pullRequestUrl',
          'state',
          'createdAt',
          'updatedAt',
          'events',
        ],
        properties: {
          id: {
            type: 'string',
          },
          requester: {
            description: 'The user who asked, an entity ref',
            type: 'string',
          },
          promise: {
            type: 'string',
          },
          promiseEntityRef: {
            type: 'string',
          },
          apiVersion: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          plural: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          parameters: {
            description: "The request's spec, secrets redacted",
            type: 'object',
          },
          forge: {
            type: 'string',
          },
          pullRequestUrl: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/RequestState',
          },
          reason: {
            description: 'Why it closed or failed, or what it waits for',
            type: 'string',
          },
          kratix: {
            $ref: '#/components/schemas/KratixStatus',
          },
          createdAt: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
          },
          events: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RequestEvent',
            },
          },
        },
      },
      RequestPage: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            description: 'Newest first',
            type: 'array',
            items: {
              $ref: '#/components/schemas/KratixRequest',
            },
          },
          nextCursor: {
            description:
              'Pass as cursor for the next page; absent on the last page',
            type: 'string',
          },
        },
      },
      NewRequest: {
        description:
          'A request as the kratix:request:track action registers it; other keys are ignored. At most 256 kB.',
        type: 'object',
        required: ['promiseEntityRef', 'manifest', 'forge', 'pullRequestUrl'],
        properties: {
          promiseEntityRef: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          manifest: {
            type: 'object',
            required: ['apiVersion', 'kind', 'metadata'],
            properties: {
              apiVersion: {
                type: 'string',
                maxLength: 255,
              },
              kind: {
                type: 'string',
                maxLength: 100,
              },
              metadata: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: {
                    type: 'string',
                    maxLength: 63,
                  },
                  namespace: {
                    type: 'string',
                    maxLength: 63,
                  },
                },
              },
              spec: {
                description: "Checked against the Promise's schema",
                type: 'object',
              },
            },
          },
          forge: {
            type: 'string',
            enum: ['gitea', 'github', 'gitlab'],
          },
          pullRequestUrl: {
            type: 'string',
            maxLength: 2048,
          },
        },
      },
      LocalCommit: {
        type: 'object',
        required: ['sha', 'message', 'author', 'at', 'files', 'repository'],
        properties: {
          sha: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          author: {
            type: 'string',
          },
          at: {
            type: 'string',
          },
          files: {
            description:
              'The files the commit changes against its first parent',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          repository: {
            description: "The repository's directory on the backend's machine",
            type: 'string',
          },
        },
      },
      LocalFile: {
        type: 'object',
        required: ['sha', 'path', 'content'],
        properties: {
          sha: {
            type: 'string',
          },
          path: {
            type: 'string',
          },
          content: {
            type: 'string',
          },
        },
      },
    },
  },
  paths: {
    '/requests': {
      post: {
        operationId: 'registerRequest',
        description:
          'Registers a request for the signed-in user (kratix.request.create), after checking it against its Promise; the portal then follows its pull request. 200 with the request already followed when the same request is registered again; 409 when another follows the pull request; 429 when too many are open.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/NewRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/Request',
          },
          '201': {
            $ref: '#/components/responses/Request',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '429': {
            $ref: '#/components/responses/Error',
          },
        },
      },
      get: {
        operationId: 'listRequests',
        description:
          'One page of requests, newest first; unknown query parameters are ignored',
        'x-eov-allow-unknown-query-parameters': true,
        parameters: [
          {
            name: 'requester',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'A user entity ref, or me for the signed-in user',
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'promise',
            in: 'query',
            required: false,
            allowReserved: true,
            description: "The Promise's name",
            schema: {
              type: 'string',
              maxLength: 100,
            },
          },
          {
            name: 'open',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'true for the requests still on their way',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Requests a page holds, 1 to 200 (default 100)',
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,4}$',
            },
          },
          {
            name: 'cursor',
            in: 'query',
            required: false,
            allowReserved: true,
            description: "The previous page's nextCursor",
            schema: {
              type: 'string',
              maxLength: 100,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The page',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RequestPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/requests/{id}': {
      get: {
        operationId: 'getRequest',
        description: 'One request',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: "The request's id",
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        responses: {
          '200': {
            $ref: '#/components/responses/Request',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/local-git/commits/{sha}': {
      get: {
        operationId: 'getLocalCommit',
        description:
          "A commit of the local start's Git repository (homelab.localForge), for a signed-in user; 404 when there is none configured.",
        parameters: [
          {
            $ref: '#/components/parameters/sha',
          },
        ],
        responses: {
          '200': {
            description: 'The commit',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LocalCommit',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/local-git/commits/{sha}/file': {
      get: {
        operationId: 'getLocalCommitFile',
        description:
          "A file of a commit of the local start's Git repository, for a signed-in user. The path is relative, inside the repository and not in .git.",
        parameters: [
          {
            $ref: '#/components/parameters/sha',
          },
          {
            name: 'path',
            in: 'query',
            required: true,
            allowReserved: true,
            description: "The file, relative to the repository's root",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 1024,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The file',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LocalFile',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
  },
} as const;

/**
 * A router that validates each request against the spec before a handler
 * sees it, and serves the spec at /openapi.json.
 */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
