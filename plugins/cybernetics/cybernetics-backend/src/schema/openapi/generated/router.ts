// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The spec in src/schema/openapi.yaml, as a const that types the handlers. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'cybernetics',
    version: '1',
    description:
      "The cybernetic loop's decisions (sense, analyse, decide, act, verify) and its status. Every route takes a user or service token; approving, rejecting and acknowledging take a user with cybernetics.decision.approve. Errors come in Backstage's error shape.",
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
      id: {
        name: 'id',
        in: 'path',
        required: true,
        description: "The decision's id",
        schema: {
          type: 'string',
          format: 'uuid',
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
      Decision: {
        description: 'The decision, after the change',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Decision',
            },
          },
        },
      },
    },
    requestBodies: {
      Review: {
        description:
          'An optional comment for the audit trail (trimmed, at most 1,000 characters); unknown keys are refused. At most 16 kB.',
        required: false,
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ReviewRequest',
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
      SignalSource: {
        description: "A live upstream, or another plugin's labelled demo",
        type: 'string',
        enum: ['live', 'demo'],
      },
      DecisionState: {
        type: 'string',
        enum: [
          'observed',
          'proposed',
          'approved',
          'executing',
          'executed',
          'verified',
          'ineffective',
          'rejected',
          'resolved',
          'failed',
        ],
      },
      Strings: {
        type: 'array',
        items: {
          type: 'string',
        },
      },
      Evidence: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'value'],
        properties: {
          label: {
            type: 'string',
          },
          value: {
            type: 'string',
          },
          query: {
            description: 'The API call or PromQL query the value came from',
            type: 'string',
          },
          link: {
            type: 'string',
          },
        },
      },
      Matcher: {
        type: 'object',
        required: ['name', 'value', 'isRegex', 'isEqual'],
        properties: {
          name: {
            type: 'string',
          },
          value: {
            type: 'string',
          },
          isRegex: {
            type: 'boolean',
          },
          isEqual: {
            type: 'boolean',
          },
        },
      },
      ProposedAction: {
        description: 'What a decision proposes, by its type',
        type: 'object',
        required: ['type', 'title'],
        properties: {
          type: {
            type: 'string',
            enum: [
              'gitops-change',
              'kratix-request',
              'chaos-experiment',
              'silence',
              'page',
              'investigation',
              'none',
            ],
          },
          title: {
            type: 'string',
          },
          file: {
            description:
              'gitops-change, kratix-request, chaos-experiment; the file in the GitOps repository',
            type: 'string',
          },
          before: {
            description:
              "gitops-change; the file's content before, null for a new file",
            type: ['string', 'null'],
          },
          after: {
            description: 'gitops-change',
            type: 'string',
          },
          manifest: {
            description: 'kratix-request, chaos-experiment',
            type: 'string',
          },
          diff: {
            description:
              'gitops-change, kratix-request, chaos-experiment; a unified diff',
            type: 'string',
          },
          alertmanager: {
            description: 'silence',
            type: 'string',
          },
          matchers: {
            description: 'silence',
            type: 'array',
            items: {
              $ref: '#/components/schemas/Matcher',
            },
          },
          durationMinutes: {
            description: 'silence',
            type: 'number',
          },
          recipients: {
            description: 'page; who is paged first',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          escalateTo: {
            description: 'page; who is paged if nobody acknowledges in time',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          escalateAfterMinutes: {
            description: 'page',
            type: 'number',
          },
          questions: {
            description: 'investigation',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      Paging: {
        type: 'object',
        additionalProperties: false,
        required: ['pagedAt', 'recipients', 'escalateAt', 'escalateTo'],
        properties: {
          pagedAt: {
            type: 'string',
          },
          recipients: {
            $ref: '#/components/schemas/Strings',
          },
          escalateAt: {
            type: 'string',
          },
          escalateTo: {
            $ref: '#/components/schemas/Strings',
          },
          acknowledgedAt: {
            type: 'string',
          },
          acknowledgedBy: {
            type: 'string',
          },
          escalatedAt: {
            type: 'string',
          },
        },
      },
      RunbookLink: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'url'],
        properties: {
          title: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
        },
      },
      AuditEntry: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'actor', 'from', 'to', 'note'],
        properties: {
          at: {
            type: 'string',
          },
          actor: {
            description:
              'A user entity ref, or cybernetics for the loop itself',
            type: 'string',
          },
          from: {
            oneOf: [
              {
                $ref: '#/components/schemas/DecisionState',
              },
              {
                type: 'null',
              },
            ],
          },
          to: {
            $ref: '#/components/schemas/DecisionState',
          },
          note: {
            type: 'string',
          },
        },
      },
      Executability: {
        description:
          'Whether approving the decision would carry it out here; if not, why not (reason) and what a person can do instead',
        type: 'object',
        required: ['executable'],
        properties: {
          executable: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
          },
          instead: {
            type: 'string',
          },
        },
      },
      Decision: {
        type: 'object',
        required: [
          'id',
          'fingerprint',
          'policy',
          'entityRef',
          'state',
          'autonomy',
          'title',
          'diagnosis',
          'evidence',
          'action',
          'risk',
          'rationale',
          'source',
          'createdAt',
          'updatedAt',
          'audit',
          'executability',
        ],
        properties: {
          id: {
            type: 'string',
          },
          fingerprint: {
            type: 'string',
          },
          policy: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/DecisionState',
          },
          autonomy: {
            type: 'string',
            enum: ['observe', 'propose', 'act'],
          },
          title: {
            type: 'string',
          },
          diagnosis: {
            type: 'string',
          },
          evidence: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Evidence',
            },
          },
          action: {
            $ref: '#/components/schemas/ProposedAction',
          },
          risk: {
            type: 'string',
            enum: ['low', 'medium', 'high'],
          },
          rationale: {
            type: 'string',
          },
          advisory: {
            description: "An LLM's advice; text only, never acted on",
            type: 'object',
            required: ['model', 'text'],
            properties: {
              model: {
                type: 'string',
              },
              text: {
                type: 'string',
              },
            },
          },
          source: {
            $ref: '#/components/schemas/SignalSource',
          },
          pullRequestUrl: {
            type: 'string',
          },
          runbook: {
            $ref: '#/components/schemas/RunbookLink',
          },
          paging: {
            $ref: '#/components/schemas/Paging',
          },
          createdAt: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
          },
          audit: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AuditEntry',
            },
          },
          executability: {
            $ref: '#/components/schemas/Executability',
          },
        },
      },
      DecisionPage: {
        type: 'object',
        required: ['items', 'total'],
        properties: {
          items: {
            description: 'Newest first',
            type: 'array',
            items: {
              $ref: '#/components/schemas/Decision',
            },
          },
          total: {
            description: 'Decisions that match, over every page',
            type: 'integer',
          },
          nextOffset: {
            description: 'The offset of the next page; absent on the last page',
            type: 'integer',
          },
        },
      },
      LoopStatus: {
        type: 'object',
        additionalProperties: false,
        required: [
          'lastCycle',
          'sense',
          'analyse',
          'decide',
          'source',
          'warnings',
        ],
        properties: {
          lastCycle: {
            oneOf: [
              {
                type: 'object',
                required: ['at', 'durationMs', 'signals', 'findings'],
                properties: {
                  at: {
                    type: 'string',
                  },
                  durationMs: {
                    type: 'number',
                  },
                  signals: {
                    type: 'number',
                  },
                  findings: {
                    type: 'number',
                  },
                },
              },
              {
                type: 'null',
              },
            ],
          },
          sense: {
            description: 'Signals read, by kind',
            type: 'object',
            additionalProperties: {
              type: 'number',
            },
          },
          analyse: {
            type: 'object',
            required: ['policies', 'findings'],
            properties: {
              policies: {
                type: 'number',
              },
              findings: {
                type: 'number',
              },
            },
          },
          decide: {
            description: 'Decisions, by state',
            type: 'object',
            additionalProperties: {
              type: 'number',
            },
          },
          source: {
            $ref: '#/components/schemas/SignalSource',
          },
          warnings: {
            $ref: '#/components/schemas/Strings',
          },
        },
      },
      ReviewRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          comment: {
            type: 'string',
          },
        },
      },
    },
  },
  paths: {
    '/decisions': {
      get: {
        operationId: 'listDecisions',
        description: 'One page of decisions, newest first, with filters',
        parameters: [
          {
            name: 'state',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'States, separated by commas (see DecisionState)',
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Only the decisions on this entity',
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'policy',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Only the decisions of this policy',
            schema: {
              type: 'string',
              maxLength: 100,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Decisions a page holds, 1 to 500 (default 500)',
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,7}$',
            },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Decisions to skip, 0 to 1,000,000 (default 0)',
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,7}$',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The page',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DecisionPage',
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
        },
      },
    },
    '/decisions/{id}': {
      get: {
        operationId: 'getDecision',
        description: 'One decision',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'The decision',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Decision',
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
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/decisions/{id}/approve': {
      post: {
        operationId: 'approveDecision',
        description:
          'Approves an open decision and carries it out; 409 if it cannot be carried out here (see executability).',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          $ref: '#/components/requestBodies/Review',
        },
        responses: {
          '200': {
            $ref: '#/components/responses/Decision',
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
        },
      },
    },
    '/decisions/{id}/reject': {
      post: {
        operationId: 'rejectDecision',
        description: 'Rejects an open, unapproved decision; 400 for any other',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          $ref: '#/components/requestBodies/Review',
        },
        responses: {
          '200': {
            $ref: '#/components/responses/Decision',
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
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/decisions/{id}/acknowledge': {
      post: {
        operationId: 'acknowledgeDecision',
        description:
          'Acknowledges an open page: it stops escalating. 409 for a decision that is no open page, or one acknowledged already.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          $ref: '#/components/requestBodies/Review',
        },
        responses: {
          '200': {
            $ref: '#/components/responses/Decision',
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
        },
      },
    },
    '/loop': {
      get: {
        operationId: 'getLoopStatus',
        description: "The loop's last cycle and counts, for the loop page",
        responses: {
          '200': {
            description: 'The status',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LoopStatus',
                },
              },
            },
          },
          '401': {
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
