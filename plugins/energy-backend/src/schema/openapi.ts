/**
 * The energy API. Routes are validated against this document, and it is
 * served at /api/energy/openapi.json.
 */
const entityRef = {
  name: 'entityRef',
  in: 'query',
  required: true,
  description: 'The entity, as kind:namespace/name',
  schema: { type: 'string', minLength: 3, maxLength: 512 },
} as const;

const nullableNumber = { type: ['number', 'null'] } as const;

const figures = {
  type: 'object',
  required: ['energyKWh', 'cost', 'co2Kg'],
  properties: {
    energyKWh: nullableNumber,
    cost: nullableNumber,
    co2Kg: nullableNumber,
  },
} as const;

const windows = {
  type: 'object',
  required: ['24h', '7d', '30d'],
  properties: { '24h': figures, '7d': figures, '30d': figures },
} as const;

const tariff = {
  type: 'object',
  required: ['currency', 'pricePerKWh', 'gridIntensityGramsPerKWh'],
  properties: {
    currency: { type: 'string' },
    pricePerKWh: { type: 'number' },
    gridIntensityGramsPerKWh: { type: 'number' },
  },
} as const;

const source = { type: 'string', enum: ['prometheus', 'demo'] } as const;
const warnings = { type: 'array', items: { type: 'string' } } as const;

const consumer = {
  type: 'object',
  required: ['namespace', 'pod', 'energyKWh', 'cost', 'co2Kg'],
  properties: {
    namespace: { type: 'string' },
    pod: { type: 'string' },
    entityRef: { type: 'string' },
    energyKWh: { type: 'number' },
    cost: { type: 'number' },
    co2Kg: { type: 'number' },
  },
} as const;

const notes = { type: 'array', items: { type: 'string' } } as const;

const row = {
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
    entityRef: { type: 'string' },
    title: { type: 'string' },
    powerW: nullableNumber,
    energyKWh: nullableNumber,
    cost: nullableNumber,
    co2Kg: nullableNumber,
    energyKWh24h: nullableNumber,
    cost24h: nullableNumber,
    notes,
  },
} as const;

const unattributed = {
  type: 'object',
  required: ['powerW', 'energyKWh', 'cost', 'co2Kg', 'notes'],
  properties: {
    powerW: nullableNumber,
    energyKWh: nullableNumber,
    cost: nullableNumber,
    co2Kg: nullableNumber,
    notes,
  },
} as const;

const labSeries = {
  type: 'object',
  required: ['start', 'end', 'stepSeconds', 'points'],
  properties: {
    start: { type: 'string' },
    end: { type: 'string' },
    stepSeconds: { type: 'number' },
    points: {
      type: 'array',
      items: {
        type: 'object',
        required: ['t', 'w'],
        properties: { t: { type: 'number' }, w: nullableNumber },
      },
    },
  },
} as const;

const errorResponse = {
  description: 'An error, in Backstage’s error shape',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

const errors = {
  '400': errorResponse,
  '401': errorResponse,
  '403': errorResponse,
  '404': errorResponse,
  '503': errorResponse,
} as const;

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'energy',
    version: '1',
    description:
      'Kepler power and energy for catalog entities, in watts, kWh, cost and CO2. `null` means no data.',
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: {},
  paths: {
    '/summary': {
      get: {
        operationId: 'getSummary',
        description:
          'Power now, and energy, cost and CO2 over 24 h, 7 d and 30 d',
        parameters: [entityRef],
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
                    entityRef: { type: 'string' },
                    source,
                    measuredBy: {
                      type: 'string',
                      enum: [
                        'kepler-node',
                        'kepler-workload',
                        'meter',
                        'parts',
                      ],
                    },
                    at: { type: 'string' },
                    powerW: nullableNumber,
                    windows,
                    tariff,
                    parts: { type: 'array', items: row },
                    warnings,
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/series': {
      get: {
        operationId: 'getSeries',
        description: 'Average power per step over a range, for charts',
        parameters: [
          entityRef,
          {
            name: 'range',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['1h', '6h', '24h', '7d', '30d'] },
          },
          {
            name: 'step',
            in: 'query',
            required: false,
            description: 'Seconds; clamped to what Prometheus allows',
            schema: { type: 'string', pattern: '^[1-9][0-9]{0,6}$' },
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
                    entityRef: { type: 'string' },
                    source,
                    start: { type: 'string' },
                    end: { type: 'string' },
                    stepSeconds: { type: 'number' },
                    points: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['t', 'w'],
                        properties: {
                          t: { type: 'number' },
                          w: nullableNumber,
                        },
                      },
                    },
                    warnings,
                  },
                },
              },
            },
          },
          ...errors,
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
            schema: { type: 'string', enum: ['24h', '7d', '30d'] },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^[1-9][0-9]?$|^100$' },
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
                    source,
                    window: { type: 'string' },
                    at: { type: 'string' },
                    items: { type: 'array', items: consumer },
                    warnings,
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/storage': {
      get: {
        operationId: 'getStorage',
        description:
          'A device’s filesystems (node_exporter’s node_filesystem_* series, picked by its homelab-portal.io/filesystem-labels): size, used and available bytes, and when they were read',
        parameters: [entityRef],
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
                    entityRef: { type: 'string' },
                    source,
                    at: { type: 'string' },
                    labels: {
                      type: 'object',
                      additionalProperties: { type: 'string' },
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
                          mountpoint: { type: 'string' },
                          device: { type: 'string' },
                          fstype: { type: 'string' },
                          sizeBytes: { type: 'number' },
                          availBytes: { type: 'number' },
                          usedBytes: { type: 'number' },
                        },
                      },
                    },
                    warnings,
                  },
                },
              },
            },
          },
          ...errors,
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
            schema: { type: 'string', enum: ['24h', '7d', '30d'] },
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
                    source,
                    at: { type: 'string' },
                    tariff,
                    powerW: nullableNumber,
                    windows,
                    monthToDate: figures,
                    window: { type: 'string', enum: ['24h', '7d', '30d'] },
                    total: figures,
                    nodes: { type: 'array', items: row },
                    systems: { type: 'array', items: row },
                    unattributed,
                    series: labSeries,
                    top: { type: 'array', items: consumer },
                    warnings,
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
  },
} as const;
