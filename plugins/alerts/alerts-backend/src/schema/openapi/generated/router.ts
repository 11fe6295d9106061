// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The spec in src/schema/openapi.yaml, as a const that types the handlers. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'alerts',
    version: '1',
    description:
      "Alertmanager alerts on catalog entities, their history, silences and acknowledgements. Every route but the webhook takes a user or service token; the webhook takes the bearer token configured at alerts.webhook.token. Errors come in Backstage's error shape.",
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
      webhookToken: {
        description: 'The token at alerts.webhook.token',
        type: 'http',
        scheme: 'bearer',
      },
    },
    parameters: {
      entityRef: {
        name: 'entityRef',
        in: 'query',
        required: true,
        allowReserved: true,
        description: 'The entity, as kind:namespace/name',
        schema: {
          type: 'string',
          minLength: 3,
          maxLength: 512,
        },
      },
      alertmanager: {
        name: 'alertmanager',
        in: 'path',
        required: true,
        description:
          "The Alertmanager's name, as configured (alerts.alertmanagers)",
        schema: {
          $ref: '#/components/schemas/AlertmanagerName',
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
      AlertmanagerName: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9._-]+$',
      },
      LabelSet: {
        type: 'object',
        additionalProperties: {
          type: 'string',
        },
      },
      SourceKind: {
        description: 'Live Alertmanagers, or the labelled demo',
        type: 'string',
        enum: ['alertmanager', 'demo'],
      },
      Warnings: {
        description:
          'What could not be read, in words; the rest of the answer stands',
        type: 'array',
        items: {
          type: 'string',
        },
      },
      Matcher: {
        description: 'An Alertmanager matcher (API v2); isEqual false negates',
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
      ActiveAlert: {
        type: 'object',
        required: [
          'alertmanager',
          'fingerprint',
          'alertname',
          'severity',
          'labels',
          'annotations',
          'startsAt',
          'state',
          'silencedBy',
          'inhibitedBy',
          'entityRefs',
        ],
        properties: {
          alertmanager: {
            type: 'string',
          },
          fingerprint: {
            type: 'string',
          },
          alertname: {
            type: 'string',
          },
          severity: {
            type: 'string',
          },
          labels: {
            $ref: '#/components/schemas/LabelSet',
          },
          annotations: {
            $ref: '#/components/schemas/LabelSet',
          },
          startsAt: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['active', 'suppressed', 'unprocessed'],
          },
          silencedBy: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          inhibitedBy: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          entityRefs: {
            description:
              'The catalog entities whose matchers pick this alert, and what they are part of',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          matchedEntityRefs: {
            description: 'Of those, the entities whose own matchers pick it',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      Silence: {
        type: 'object',
        required: [
          'alertmanager',
          'id',
          'matchers',
          'startsAt',
          'endsAt',
          'createdBy',
          'comment',
          'state',
        ],
        properties: {
          alertmanager: {
            type: 'string',
          },
          id: {
            type: 'string',
          },
          matchers: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Matcher',
            },
          },
          startsAt: {
            type: 'string',
          },
          endsAt: {
            type: 'string',
          },
          createdBy: {
            type: 'string',
          },
          comment: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['active', 'pending', 'expired'],
          },
        },
      },
      AlertStats: {
        type: 'object',
        required: ['lastFiredAt', 'firings30d', 'mttrSeconds'],
        properties: {
          lastFiredAt: {
            description:
              'When one of its alerts last started firing; null if never',
            type: ['string', 'null'],
          },
          firings30d: {
            description: 'Distinct firings in the last 30 days',
            type: 'integer',
          },
          mttrSeconds: {
            description:
              'Mean time from firing to resolution over 30 days, in seconds',
            type: ['number', 'null'],
          },
        },
      },
      AlertEvent: {
        type: 'object',
        required: [
          'alertmanager',
          'fingerprint',
          'alertname',
          'severity',
          'labels',
          'status',
          'startsAt',
          'endsAt',
          'receivedAt',
          'via',
        ],
        properties: {
          alertmanager: {
            type: 'string',
          },
          fingerprint: {
            type: 'string',
          },
          alertname: {
            type: 'string',
          },
          severity: {
            type: 'string',
          },
          labels: {
            $ref: '#/components/schemas/LabelSet',
          },
          status: {
            type: 'string',
            enum: ['firing', 'resolved'],
          },
          startsAt: {
            type: 'string',
          },
          endsAt: {
            type: ['string', 'null'],
          },
          receivedAt: {
            type: 'string',
          },
          via: {
            type: 'string',
            enum: ['webhook', 'poll'],
          },
        },
      },
      EntityAlerts: {
        type: 'object',
        required: ['entityRef', 'source', 'alerts', 'stats', 'warnings'],
        properties: {
          entityRef: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/SourceKind',
          },
          alerts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ActiveAlert',
            },
          },
          stats: {
            $ref: '#/components/schemas/AlertStats',
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
      EntityAlertHistory: {
        type: 'object',
        required: [
          'entityRef',
          'source',
          'days',
          'events',
          'total',
          'limit',
          'nextCursor',
          'stats',
          'warnings',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/SourceKind',
          },
          days: {
            description:
              'The window in days; events whose firing started within it',
            type: 'integer',
          },
          events: {
            description: 'Newest first',
            type: 'array',
            items: {
              $ref: '#/components/schemas/AlertEvent',
            },
          },
          total: {
            description: 'Events in the window, over every page',
            type: 'integer',
          },
          limit: {
            description: 'The most events a page holds',
            type: 'integer',
          },
          nextCursor: {
            description:
              'Pass as cursor for the next (older) page; null on the last page',
            type: ['string', 'null'],
          },
          stats: {
            $ref: '#/components/schemas/AlertStats',
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
      AlertsOverview: {
        type: 'object',
        required: ['source', 'alerts', 'bySeverity', 'unmapped', 'warnings'],
        properties: {
          source: {
            $ref: '#/components/schemas/SourceKind',
          },
          alerts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ActiveAlert',
            },
          },
          bySeverity: {
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
          unmapped: {
            description: 'Active alerts no catalog entity claims',
            type: 'integer',
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
      SilenceList: {
        type: 'object',
        required: ['silences', 'warnings'],
        properties: {
          silences: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Silence',
            },
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
      SilenceCreated: {
        type: 'object',
        required: ['alertmanager', 'id'],
        properties: {
          alertmanager: {
            type: 'string',
          },
          id: {
            type: 'string',
          },
        },
      },
      CreateSilenceRequest: {
        description:
          "Unknown keys are refused. decisionId is for the cybernetics loop's service credentials only: the decision the silence carries out.",
        type: 'object',
        required: ['alertmanager', 'matchers', 'durationMinutes', 'comment'],
        properties: {
          alertmanager: {
            $ref: '#/components/schemas/AlertmanagerName',
          },
          matchers: {
            description:
              'Prometheus matchers, e.g. service="jellyfin", instance=~"sff-1.*"',
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          durationMinutes: {
            type: 'integer',
            minimum: 1,
            maximum: 129600,
          },
          comment: {
            description: 'Not blank',
            type: 'string',
            minLength: 1,
            maxLength: 1000,
          },
          decisionId: {
            type: 'string',
            format: 'uuid',
          },
        },
      },
      AcknowledgeRequest: {
        description: 'Unknown keys are refused.',
        type: 'object',
        required: ['alertmanager', 'fingerprint'],
        properties: {
          alertmanager: {
            $ref: '#/components/schemas/AlertmanagerName',
          },
          fingerprint: {
            type: 'string',
            pattern: '^[0-9a-f]{1,64}$',
          },
          comment: {
            type: 'string',
            maxLength: 1000,
          },
        },
      },
      WebhookAlert: {
        type: 'object',
        required: ['status', 'labels', 'startsAt', 'fingerprint'],
        properties: {
          status: {
            type: 'string',
            enum: ['firing', 'resolved'],
          },
          labels: {
            description:
              'Label values are strings of at most 10,000 characters',
            type: 'object',
          },
          annotations: {
            type: 'object',
          },
          startsAt: {
            description: 'An RFC 3339 time',
            type: 'string',
          },
          endsAt: {
            description:
              'An RFC 3339 time; Alertmanager sends 0001-01-01T00:00:00Z while an alert fires',
            type: 'string',
          },
          fingerprint: {
            type: 'string',
            pattern: '^[0-9a-f]{1,64}$',
          },
        },
      },
      WebhookPayload: {
        description:
          "Alertmanager's webhook_config payload (version 4); other keys are ignored",
        type: 'object',
        required: ['status', 'alerts'],
        properties: {
          version: {
            type: 'string',
          },
          status: {
            type: 'string',
          },
          alerts: {
            type: 'array',
            maxItems: 5000,
            items: {
              $ref: '#/components/schemas/WebhookAlert',
            },
          },
        },
      },
      WebhookReceipt: {
        type: 'object',
        required: ['received', 'stored'],
        properties: {
          received: {
            description: 'Alerts in the delivery',
            type: 'integer',
          },
          stored: {
            description: 'Of those, the transitions that were new',
            type: 'integer',
          },
        },
      },
    },
  },
  paths: {
    '/webhook/{alertmanager}': {
      post: {
        operationId: 'receiveWebhook',
        security: [
          {
            webhookToken: [],
          },
        ],
        description:
          "Alertmanager's webhook: stores firings and resolutions in the history. Takes the bearer token at alerts.webhook.token, checked before the body (at most 2 MB) is read; 404 while no token is configured.",
        parameters: [
          {
            $ref: '#/components/parameters/alertmanager',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/WebhookPayload',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The delivery was stored',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WebhookReceipt',
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
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/entity': {
      get: {
        operationId: 'getEntityAlerts',
        description:
          "The active alerts an entity's matchers pick, and its 30-day figures",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description: "The entity's alerts",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityAlerts',
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
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/history': {
      get: {
        operationId: 'getEntityAlertHistory',
        description: "One page of an entity's alert history, newest first",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'days',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'The window in days (default 30, at most 365)',
            schema: {
              type: 'string',
              pattern: '^[1-9][0-9]{0,2}$',
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Events a page holds (default 50, at most 200)',
            schema: {
              type: 'string',
              pattern: '^[1-9][0-9]{0,3}$',
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
              maxLength: 200,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The page',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityAlertHistory',
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
    '/overview': {
      get: {
        operationId: 'getAlertsOverview',
        description:
          'Every active alert, by severity, and how many no entity claims (alerts.overview.read)',
        responses: {
          '200': {
            description: 'The overview',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AlertsOverview',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/silences': {
      get: {
        operationId: 'listSilences',
        description:
          'The silences of every Alertmanager (alerts.overview.read)',
        responses: {
          '200': {
            description: 'The silences',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SilenceList',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
      post: {
        operationId: 'createSilence',
        description:
          'Creates a silence: users with alerts.silence.create, or the cybernetics loop with its own service credentials.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateSilenceRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The silence was created',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SilenceCreated',
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
          '413': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/silences/{alertmanager}/{id}': {
      delete: {
        operationId: 'expireSilence',
        description: 'Expires a silence (users with alerts.silence.expire)',
        parameters: [
          {
            $ref: '#/components/parameters/alertmanager',
          },
          {
            name: 'id',
            in: 'path',
            required: true,
            description: "The silence's id",
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        responses: {
          '204': {
            description: 'The silence was expired',
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
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/acknowledge': {
      post: {
        operationId: 'acknowledgeAlert',
        description:
          'Acknowledges an alert: a short silence on exactly its labels (users with alerts.silence.create).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AcknowledgeRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: "The acknowledgement's silence was created",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SilenceCreated',
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
          '413': {
            $ref: '#/components/responses/Error',
          },
          '503': {
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
