// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The spec in src/schema/openapi.yaml, as a const that types the handlers. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'backups',
    version: '1',
    description:
      "Backup compliance (Velero and restic) for catalog entities against the seed's backup policies, and recovery readiness for the four recovery procedures. Every route takes a user or service token. Errors come in Backstage's error shape.",
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
      SourceKind: {
        description: 'Live Velero/restic, or the labelled demo',
        type: 'string',
        enum: ['live', 'demo'],
      },
      Warnings: {
        description:
          'What could not be read, in words; the rest of the answer stands',
        type: 'array',
        items: {
          type: 'string',
        },
      },
      Outcome: {
        type: 'string',
        enum: ['succeeded', 'partial', 'failed', 'running', 'unknown'],
      },
      BackupRun: {
        description:
          'One backup run, from Velero or a restic snapshot, normalized',
        type: 'object',
        required: [
          'tool',
          'id',
          'phase',
          'outcome',
          'startedAt',
          'completedAt',
          'expiresAt',
          'ttlSeconds',
        ],
        properties: {
          tool: {
            type: 'string',
            enum: ['velero', 'restic'],
          },
          id: {
            description: 'Velero Backup name, or restic snapshot id',
            type: 'string',
          },
          origin: {
            description:
              'Velero: the Schedule that made it; restic: the repository',
            type: 'string',
          },
          phase: {
            type: 'string',
          },
          outcome: {
            $ref: '#/components/schemas/Outcome',
          },
          startedAt: {
            type: ['string', 'null'],
          },
          completedAt: {
            type: ['string', 'null'],
          },
          expiresAt: {
            type: ['string', 'null'],
          },
          ttlSeconds: {
            type: ['number', 'null'],
          },
          failureReason: {
            type: 'string',
          },
          errors: {
            type: 'integer',
          },
          warnings: {
            type: 'integer',
          },
        },
      },
      RestoreRun: {
        type: 'object',
        required: ['id', 'backupName', 'phase', 'outcome', 'completedAt'],
        properties: {
          id: {
            type: 'string',
          },
          backupName: {
            type: 'string',
          },
          phase: {
            type: 'string',
          },
          outcome: {
            $ref: '#/components/schemas/Outcome',
          },
          completedAt: {
            type: ['string', 'null'],
          },
          failureReason: {
            type: 'string',
          },
        },
      },
      EntityBackups: {
        type: 'object',
        required: [
          'entityRef',
          'source',
          'policy',
          'rpo',
          'lastGoodAgeSeconds',
          'lastGood',
          'retention',
          'recentFailures',
          'expiringSoon',
          'lastRestore',
          'nextRunAt',
          'reasons',
          'runs',
          'restores',
          'warnings',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/SourceKind',
          },
          policy: {
            type: ['string', 'null'],
          },
          rpo: {
            type: 'string',
            enum: ['ok', 'late', 'breached', 'unknown'],
          },
          lastGoodAgeSeconds: {
            description:
              'Seconds since the last good backup; null if there was none',
            type: ['number', 'null'],
          },
          lastGood: {
            oneOf: [
              {
                $ref: '#/components/schemas/BackupRun',
              },
              {
                type: 'null',
              },
            ],
          },
          retention: {
            type: 'string',
            enum: ['ok', 'short', 'unknown'],
          },
          recentFailures: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BackupRun',
            },
          },
          expiringSoon: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BackupRun',
            },
          },
          lastRestore: {
            oneOf: [
              {
                $ref: '#/components/schemas/RestoreRun',
              },
              {
                type: 'null',
              },
            ],
          },
          nextRunAt: {
            type: ['string', 'null'],
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          runs: {
            description: 'Newest first, at most 200',
            type: 'array',
            items: {
              $ref: '#/components/schemas/BackupRun',
            },
          },
          restores: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'backupName', 'outcome', 'completedAt'],
              properties: {
                id: {
                  type: 'string',
                },
                backupName: {
                  type: 'string',
                },
                outcome: {
                  type: 'string',
                },
                completedAt: {
                  type: ['string', 'null'],
                },
                failureReason: {
                  type: 'string',
                },
              },
            },
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
      BackupPolicy: {
        type: 'object',
        required: ['name', 'title', 'rpoSeconds', 'retentionSeconds', 'tool'],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          rpoSeconds: {
            type: 'number',
          },
          retentionSeconds: {
            description: 'null for forever',
            type: ['number', 'null'],
          },
          tool: {
            type: 'string',
            enum: ['velero', 'restic'],
          },
        },
      },
      BackupsOverview: {
        type: 'object',
        required: ['source', 'policies', 'unprotected', 'days', 'warnings'],
        properties: {
          source: {
            $ref: '#/components/schemas/SourceKind',
          },
          policies: {
            type: 'array',
            items: {
              type: 'object',
              required: ['policy', 'entities'],
              properties: {
                policy: {
                  $ref: '#/components/schemas/BackupPolicy',
                },
                entities: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['entityRef', 'rpo', 'retention', 'lastGoodAt'],
                    properties: {
                      entityRef: {
                        type: 'string',
                      },
                      title: {
                        type: 'string',
                      },
                      rpo: {
                        type: 'string',
                      },
                      retention: {
                        type: 'string',
                      },
                      lastGoodAt: {
                        type: ['string', 'null'],
                      },
                    },
                  },
                },
              },
            },
          },
          unprotected: {
            type: 'array',
            items: {
              type: 'object',
              required: ['entityRef'],
              properties: {
                entityRef: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
              },
            },
          },
          days: {
            description: 'Runs per day (UTC), for the calendar heat map',
            type: 'array',
            items: {
              type: 'object',
              required: ['date', 'succeeded', 'failed'],
              properties: {
                date: {
                  type: 'string',
                },
                succeeded: {
                  type: 'integer',
                },
                failed: {
                  type: 'integer',
                },
              },
            },
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
      ProcedureId: {
        type: 'string',
        enum: ['partial', 'node', 'cluster', 'site'],
      },
      ReadinessStatus: {
        type: 'string',
        enum: ['ready', 'at-risk', 'not-ready', 'unknown'],
      },
      ProcedureReadiness: {
        type: 'object',
        required: [
          'id',
          'title',
          'how',
          'status',
          'summary',
          'reasons',
          'runbookUrl',
        ],
        properties: {
          id: {
            $ref: '#/components/schemas/ProcedureId',
          },
          title: {
            type: 'string',
          },
          how: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/ReadinessStatus',
          },
          summary: {
            type: 'string',
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          runbookUrl: {
            type: 'string',
          },
        },
      },
      DrillResult: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'tool',
          'target',
          'source',
          'scratch',
          'status',
          'startedAt',
          'finishedAt',
          'durationSeconds',
          'checks',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: ['string', 'null'],
          },
          tool: {
            type: 'string',
            enum: ['velero', 'restic'],
          },
          target: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          scratch: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['running', 'verified', 'failed'],
          },
          startedAt: {
            type: 'string',
          },
          finishedAt: {
            type: ['string', 'null'],
          },
          durationSeconds: {
            description: 'Measured time to recover, in seconds',
            type: ['number', 'null'],
          },
          checks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      PartialReadiness: {
        allOf: [
          {
            $ref: '#/components/schemas/ProcedureReadiness',
          },
          {
            type: 'object',
            required: ['id', 'applications'],
            properties: {
              id: {
                const: 'partial',
              },
              applications: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'automated', 'selfHeal', 'prune'],
                  properties: {
                    name: {
                      type: 'string',
                    },
                    automated: {
                      type: 'boolean',
                    },
                    selfHeal: {
                      type: 'boolean',
                    },
                    prune: {
                      type: 'boolean',
                    },
                    sync: {
                      type: 'string',
                    },
                    health: {
                      type: 'string',
                    },
                    entityRef: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
        ],
      },
      NodeReadiness: {
        allOf: [
          {
            $ref: '#/components/schemas/ProcedureReadiness',
          },
          {
            type: 'object',
            required: ['id', 'clusters', 'workloads'],
            properties: {
              id: {
                const: 'node',
              },
              clusters: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['cluster', 'nodes', 'readyNodes'],
                  properties: {
                    cluster: {
                      type: 'string',
                    },
                    nodes: {
                      type: 'integer',
                    },
                    readyNodes: {
                      type: 'integer',
                    },
                  },
                },
              },
              workloads: {
                type: 'array',
                items: {
                  type: 'object',
                  required: [
                    'cluster',
                    'namespace',
                    'kind',
                    'name',
                    'replicas',
                    'risks',
                    'details',
                  ],
                  properties: {
                    cluster: {
                      type: 'string',
                    },
                    namespace: {
                      type: 'string',
                    },
                    kind: {
                      type: 'string',
                      enum: ['Deployment', 'StatefulSet'],
                    },
                    name: {
                      type: 'string',
                    },
                    replicas: {
                      type: 'integer',
                    },
                    risks: {
                      type: 'array',
                      items: {
                        type: 'string',
                        enum: [
                          'single-replica',
                          'local-volume',
                          'no-pdb',
                          'pinned',
                        ],
                      },
                    },
                    details: {
                      type: 'array',
                      items: {
                        type: 'string',
                      },
                    },
                    entityRef: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
        ],
      },
      ClusterReadiness: {
        allOf: [
          {
            $ref: '#/components/schemas/ProcedureReadiness',
          },
          {
            type: 'object',
            required: [
              'id',
              'rpoSeconds',
              'latestBackup',
              'lastVerifiedRestore',
              'lastDrill',
            ],
            properties: {
              id: {
                const: 'cluster',
              },
              rpoSeconds: {
                type: 'number',
              },
              latestBackup: {
                oneOf: [
                  {
                    type: 'object',
                    required: ['cluster', 'name', 'completedAt', 'ageSeconds'],
                    properties: {
                      cluster: {
                        type: 'string',
                      },
                      name: {
                        type: 'string',
                      },
                      completedAt: {
                        type: 'string',
                      },
                      ageSeconds: {
                        type: 'number',
                      },
                    },
                  },
                  {
                    type: 'null',
                  },
                ],
              },
              lastVerifiedRestore: {
                oneOf: [
                  {
                    $ref: '#/components/schemas/DrillResult',
                  },
                  {
                    type: 'null',
                  },
                ],
              },
              lastDrill: {
                oneOf: [
                  {
                    $ref: '#/components/schemas/DrillResult',
                  },
                  {
                    type: 'null',
                  },
                ],
              },
            },
          },
        ],
      },
      SiteReadiness: {
        allOf: [
          {
            $ref: '#/components/schemas/ProcedureReadiness',
          },
          {
            type: 'object',
            required: ['id', 'maxAgeSeconds', 'copies'],
            properties: {
              id: {
                const: 'site',
              },
              maxAgeSeconds: {
                type: 'number',
              },
              copies: {
                type: 'array',
                items: {
                  type: 'object',
                  required: [
                    'kind',
                    'name',
                    'where',
                    'lastCopyAt',
                    'ageSeconds',
                  ],
                  properties: {
                    kind: {
                      type: 'string',
                      enum: ['velero', 'restic'],
                    },
                    name: {
                      type: 'string',
                    },
                    where: {
                      type: 'string',
                    },
                    phase: {
                      type: 'string',
                    },
                    lastCopyAt: {
                      type: ['string', 'null'],
                    },
                    ageSeconds: {
                      type: ['number', 'null'],
                    },
                  },
                },
              },
            },
          },
        ],
      },
      RecoveryReadiness: {
        type: 'object',
        required: ['source', 'generatedAt', 'procedures', 'warnings'],
        properties: {
          source: {
            $ref: '#/components/schemas/SourceKind',
          },
          generatedAt: {
            type: 'string',
          },
          procedures: {
            description: 'partial, node, cluster and site, in that order',
            type: 'array',
            minItems: 4,
            maxItems: 4,
            items: {
              oneOf: [
                {
                  $ref: '#/components/schemas/PartialReadiness',
                },
                {
                  $ref: '#/components/schemas/NodeReadiness',
                },
                {
                  $ref: '#/components/schemas/ClusterReadiness',
                },
                {
                  $ref: '#/components/schemas/SiteReadiness',
                },
              ],
            },
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
      EntityRecovery: {
        type: 'object',
        required: [
          'entityRef',
          'source',
          'procedures',
          'lastVerifiedRestore',
          'drills',
          'warnings',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/SourceKind',
          },
          procedures: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'status', 'summary', 'runbookUrl'],
              properties: {
                id: {
                  $ref: '#/components/schemas/ProcedureId',
                },
                title: {
                  type: 'string',
                },
                status: {
                  $ref: '#/components/schemas/ReadinessStatus',
                },
                summary: {
                  type: 'string',
                },
                runbookUrl: {
                  type: 'string',
                },
              },
            },
          },
          lastVerifiedRestore: {
            oneOf: [
              {
                $ref: '#/components/schemas/DrillResult',
              },
              {
                type: 'null',
              },
            ],
          },
          drills: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DrillResult',
            },
          },
          warnings: {
            $ref: '#/components/schemas/Warnings',
          },
        },
      },
    },
  },
  paths: {
    '/entity': {
      get: {
        operationId: 'getEntityBackups',
        description:
          "An entity's backups against its policy, its runs and restores",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description: "The entity's backups",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityBackups',
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
    '/readiness/entity': {
      get: {
        operationId: 'getEntityRecovery',
        description:
          "An entity's part in each recovery procedure, and its restore drills",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description: "The entity's recovery readiness",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityRecovery',
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
    '/readiness': {
      get: {
        operationId: 'getRecoveryReadiness',
        description:
          "The homelab's readiness for each recovery procedure (backups.overview.read)",
        responses: {
          '200': {
            description: 'The readiness',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RecoveryReadiness',
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
    '/overview': {
      get: {
        operationId: 'getBackupsOverview',
        description:
          'Every policy with its entities, the unprotected entities, runs per day (backups.overview.read)',
        responses: {
          '200': {
            description: 'The overview',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BackupsOverview',
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
