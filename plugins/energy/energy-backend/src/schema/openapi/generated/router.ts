// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The spec in src/schema/openapi.yaml, as a const that types the handlers. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'energy',
    version: '1',
    description:
      'Kepler power and energy for catalog entities, in watts, kWh, cost and CO2. `null` means no data.',
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
        description: 'The entity, as kind:namespace/name',
        schema: {
          type: 'string',
          minLength: 3,
          maxLength: 512,
        },
        allowReserved: true,
      },
    },
    responses: {
      Error: {
        description: 'An error, in Backstage’s error shape',
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
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
        },
      },
      Source: {
        type: 'string',
        enum: ['prometheus', 'demo'],
      },
      Warnings: {
        type: 'array',
        items: {
          type: 'string',
        },
      },
      Tariff: {
        type: 'object',
        required: ['currency', 'pricePerKWh', 'gridIntensityGramsPerKWh'],
        properties: {
          currency: {
            type: 'string',
          },
          pricePerKWh: {
            type: 'number',
          },
          gridIntensityGramsPerKWh: {
            type: 'number',
          },
        },
      },
      Windows: {
        type: 'object',
        required: ['24h', '7d', '30d'],
        properties: {
          '24h': {
            $ref: '#/components/schemas/Figures',
          },
          '7d': {
            $ref: '#/components/schemas/Figures',
          },
          '30d': {
            $ref: '#/components/schemas/Figures',
          },
        },
      },
      Figures: {
        type: 'object',
        required: ['energyKWh', 'cost', 'co2Kg'],
        properties: {
          energyKWh: {
            type: ['number', 'null'],
          },
          cost: {
            type: ['number', 'null'],
          },
          co2Kg: {
            type: ['number', 'null'],
          },
        },
      },
      Row: {
        type: 'object',
        required: [
          'entityRef',
          'powerW',
          'energyKWh',
          'cost',
          'co2Kg',
          'energyKWh24h',
          'cost24h',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          powerW: {
            type: ['number', 'null'],
          },
          energyKWh: {
            type: ['number', 'null'],
          },
          cost: {
            type: ['number', 'null'],
          },
          co2Kg: {
            type: ['number', 'null'],
          },
          energyKWh24h: {
            type: ['number', 'null'],
          },
          cost24h: {
            type: ['number', 'null'],
          },
          notes: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      Unattributed: {
        type: 'object',
        required: ['powerW', 'energyKWh', 'cost', 'co2Kg', 'notes'],
        properties: {
          powerW: {
            type: ['number', 'null'],
          },
          energyKWh: {
            type: ['number', 'null'],
          },
          cost: {
            type: ['number', 'null'],
          },
          co2Kg: {
            type: ['number', 'null'],
          },
          notes: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      LabSeries: {
        type: 'object',
        required: ['start', 'end', 'stepSeconds', 'points'],
        properties: {
          start: {
            type: 'string',
          },
          end: {
            type: 'string',
          },
          stepSeconds: {
            type: 'number',
          },
          points: {
            type: 'array',
            items: {
              type: 'object',
              required: ['t', 'w'],
              properties: {
                t: {
                  type: 'number',
                },
                w: {
                  type: ['number', 'null'],
                },
              },
            },
          },
        },
      },
      Consumer: {
        type: 'object',
        required: ['namespace', 'pod', 'energyKWh', 'cost', 'co2Kg'],
        properties: {
          namespace: {
            type: 'string',
          },
          pod: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          energyKWh: {
            type: 'number',
          },
          cost: {
            type: 'number',
          },
          co2Kg: {
            type: 'number',
          },
        },
      },
    },
  },
  paths: {
    '/summary': {
      get: {
        operationId: 'getSummary',
        description:
          'Power now, and energy, cost and CO2 over 24 h, 7 d and 30 d',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The figures',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'entityRef',
                    'source',
                    'measuredBy',
                    'at',
                    'powerW',
                    'windows',
                    'tariff',
                    'warnings',
                  ],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    source: {
                      $ref: '#/components/schemas/Source',
                    },
                    measuredBy: {
                      type: 'string',
                      enum: [
                        'kepler-node',
                        'kepler-workload',
                        'meter',
                        'parts',
                      ],
                    },
                    at: {
                      type: 'string',
                    },
                    powerW: {
                      type: ['number', 'null'],
                    },
                    windows: {
                      $ref: '#/components/schemas/Windows',
                    },
                    tariff: {
                      $ref: '#/components/schemas/Tariff',
                    },
                    parts: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Row',
                      },
                    },
                    warnings: {
                      $ref: '#/components/schemas/Warnings',
                    },
                  },
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
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/series': {
      get: {
        operationId: 'getSeries',
        description: 'Average power per step over a range, for charts',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'range',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['1h', '6h', '24h', '7d', '30d'],
            },
            allowReserved: true,
          },
          {
            name: 'step',
            in: 'query',
            required: false,
            description: 'Seconds; clamped to what Prometheus allows',
            schema: {
              type: 'string',
              pattern: '^[1-9][0-9]{0,6}$',
            },
            allowReserved: true,
          },
        ],
        responses: {
          '200': {
            description: 'The series',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'entityRef',
                    'source',
                    'start',
                    'end',
                    'stepSeconds',
                    'points',
                    'warnings',
                  ],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    source: {
                      $ref: '#/components/schemas/Source',
                    },
                    start: {
                      type: 'string',
                    },
                    end: {
                      type: 'string',
                    },
                    stepSeconds: {
                      type: 'number',
                    },
                    points: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['t', 'w'],
                        properties: {
                          t: {
                            type: 'number',
                          },
                          w: {
                            type: ['number', 'null'],
                          },
                        },
                      },
                    },
                    warnings: {
                      $ref: '#/components/schemas/Warnings',
                    },
                  },
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
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/top': {
      get: {
        operationId: 'getTopConsumers',
        description: 'The pods that used the most energy over a window',
        parameters: [
          {
            name: 'window',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['24h', '7d', '30d'],
            },
            allowReserved: true,
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              pattern: '^[1-9][0-9]?$|^100$',
            },
            allowReserved: true,
          },
        ],
        responses: {
          '200': {
            description: 'The top consumers',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['source', 'window', 'at', 'items', 'warnings'],
                  properties: {
                    source: {
                      $ref: '#/components/schemas/Source',
                    },
                    window: {
                      type: 'string',
                    },
                    at: {
                      type: 'string',
                    },
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Consumer',
                      },
                    },
                    warnings: {
                      $ref: '#/components/schemas/Warnings',
                    },
                  },
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
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/storage': {
      get: {
        operationId: 'getStorage',
        description:
          'A device’s filesystems (node_exporter’s node_filesystem_* series, picked by its homelab-portal.io/filesystem-labels): size, used and available bytes, and when they were read',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The filesystems',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'entityRef',
                    'source',
                    'at',
                    'filesystems',
                    'warnings',
                  ],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    source: {
                      $ref: '#/components/schemas/Source',
                    },
                    at: {
                      type: 'string',
                    },
                    labels: {
                      type: 'object',
                      additionalProperties: {
                        type: 'string',
                      },
                    },
                    filesystems: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: [
                          'mountpoint',
                          'sizeBytes',
                          'availBytes',
                          'usedBytes',
                        ],
                        properties: {
                          mountpoint: {
                            type: 'string',
                          },
                          device: {
                            type: 'string',
                          },
                          fstype: {
                            type: 'string',
                          },
                          sizeBytes: {
                            type: 'number',
                          },
                          availBytes: {
                            type: 'number',
                          },
                          usedBytes: {
                            type: 'number',
                          },
                        },
                      },
                    },
                    warnings: {
                      $ref: '#/components/schemas/Warnings',
                    },
                  },
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
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/overview': {
      get: {
        operationId: 'getOverview',
        description:
          'The whole homelab over one window: totals, the lab’s power over the window, nodes, systems (adding up to the total), top consumers; and this month',
        parameters: [
          {
            name: 'window',
            in: 'query',
            required: false,
            description: 'The window the figures are for (default 24h)',
            schema: {
              type: 'string',
              enum: ['24h', '7d', '30d'],
            },
            allowReserved: true,
          },
        ],
        responses: {
          '200': {
            description: 'The overview',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'source',
                    'at',
                    'tariff',
                    'powerW',
                    'windows',
                    'monthToDate',
                    'window',
                    'total',
                    'nodes',
                    'systems',
                    'unattributed',
                    'series',
                    'top',
                    'warnings',
                  ],
                  properties: {
                    source: {
                      $ref: '#/components/schemas/Source',
                    },
                    at: {
                      type: 'string',
                    },
                    tariff: {
                      $ref: '#/components/schemas/Tariff',
                    },
                    powerW: {
                      type: ['number', 'null'],
                    },
                    windows: {
                      $ref: '#/components/schemas/Windows',
                    },
                    monthToDate: {
                      $ref: '#/components/schemas/Figures',
                    },
                    window: {
                      type: 'string',
                      enum: ['24h', '7d', '30d'],
                    },
                    total: {
                      $ref: '#/components/schemas/Figures',
                    },
                    nodes: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Row',
                      },
                    },
                    systems: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Row',
                      },
                    },
                    unattributed: {
                      $ref: '#/components/schemas/Unattributed',
                    },
                    series: {
                      $ref: '#/components/schemas/LabSeries',
                    },
                    top: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Consumer',
                      },
                    },
                    warnings: {
                      $ref: '#/components/schemas/Warnings',
                    },
                  },
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
