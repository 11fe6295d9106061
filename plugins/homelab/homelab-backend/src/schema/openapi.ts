/**
 * The homelab backend's API. Routes are validated against this document,
 * and it is served at /api/homelab/openapi.json.
 */
const errorResponse = {
  description: 'An error, as Backstage reports them',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
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
  '401': errorResponse,
  '403': errorResponse,
  '503': errorResponse,
} as const;

const source = { type: 'string', enum: ['live', 'demo'] } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

const record = {
  type: 'object',
  required: ['name', 'type', 'value'],
  properties: {
    name: { type: 'string' },
    type: { type: 'string', enum: ['A', 'AAAA', 'CNAME'] },
    value: { type: 'string' },
    ttl: { type: 'number' },
  },
} as const;

const use = {
  type: 'object',
  required: ['name', 'entityRef', 'via'],
  properties: {
    name: { type: 'string' },
    entityRef: { type: 'string' },
    via: {
      type: 'string',
      enum: ['link', 'interface', 'management', 'api', 'ingress', 'promise'],
    },
  },
} as const;

const problem = {
  type: 'object',
  required: ['kind', 'name'],
  properties: {
    kind: {
      type: 'string',
      enum: [
        'no-record',
        'record-for-nothing',
        'shared-name',
        'dangling-cname',
      ],
    },
    name: { type: 'string' },
    uses: { type: 'array', items: use },
    record,
    entityRefs: strings,
    target: { type: 'string' },
  },
} as const;

const secret = {
  type: 'object',
  required: ['path', 'mount', 'type', 'rotation', 'overdue'],
  properties: {
    path: { type: 'string' },
    mount: { type: 'string' },
    type: {
      type: 'string',
      enum: ['api-key', 'db-password', 'tls-cert', 'ssh-key', 'unknown'],
    },
    declaredType: { type: 'string' },
    service: { type: 'string' },
    version: { type: 'number' },
    lastRotated: { type: 'string' },
    rotationPeriodMs: { type: 'number' },
    rotation: { type: 'string' },
    storage: { type: 'string' },
    access: { type: 'string' },
    ageDays: { type: 'number' },
    overdue: { type: 'boolean' },
    reason: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'homelab',
    version: '1',
    description:
      'The homelab’s names (DNS records in Git checked against the catalog) and its secrets inventory (Vault metadata, never a value).',
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: {},
  paths: {
    '/dns': {
      get: {
        operationId: 'getDns',
        description:
          'GoZones’ records and Pi-hole’s forwarding from Git, the lab names the catalog, Ingresses and exposed-service requests use, which server answers each, and the problems (a name with no record, a record for nothing, two services on one name, a CNAME to nowhere)',
        responses: {
          '200': {
            description: 'The DNS view',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'source',
                    'location',
                    'at',
                    'zones',
                    'forwards',
                    'upstreams',
                    'names',
                    'problems',
                    'warnings',
                  ],
                  properties: {
                    source,
                    location: { type: 'string' },
                    at: { type: 'string' },
                    zones: strings,
                    forwards: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['domain', 'server'],
                        properties: {
                          domain: { type: 'string' },
                          server: { type: 'string' },
                        },
                      },
                    },
                    upstreams: strings,
                    names: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'records', 'server', 'role', 'uses'],
                        properties: {
                          name: { type: 'string' },
                          records: { type: 'array', items: record },
                          server: { type: 'string' },
                          role: {
                            type: 'string',
                            enum: ['authoritative', 'upstream'],
                          },
                          uses: { type: 'array', items: use },
                        },
                      },
                    },
                    problems: { type: 'array', items: problem },
                    warnings: strings,
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/secrets': {
      get: {
        operationId: 'getSecrets',
        description:
          'Each secret’s mount, path, service, type, version and last rotation from Vault’s metadata, with the seed’s rotation policy for its type and whether it is overdue. Never a value.',
        responses: {
          '200': {
            description: 'The secrets inventory',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'source',
                    'at',
                    'mounts',
                    'secrets',
                    'overdue',
                    'noPolicy',
                  ],
                  properties: {
                    source,
                    at: { type: 'string' },
                    mounts: strings,
                    secrets: { type: 'array', items: secret },
                    overdue: { type: 'number' },
                    noPolicy: { type: 'number' },
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
