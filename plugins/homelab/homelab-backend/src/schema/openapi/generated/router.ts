// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The spec in src/schema/openapi.yaml, as a const that types the handlers. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'homelab',
    version: '1',
    description:
      "The homelab’s names (DNS records in Git checked against the catalog) and its secrets inventory (Vault metadata, never a value). Every route takes a user or service token and a read permission; errors come in Backstage's error shape.",
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
      Source: {
        description: 'Read from the configured sources, or the labelled demo',
        type: 'string',
        enum: ['live', 'demo'],
      },
      Strings: {
        type: 'array',
        items: {
          type: 'string',
        },
      },
      DnsRecord: {
        type: 'object',
        required: ['name', 'type', 'value'],
        properties: {
          name: {
            type: 'string',
          },
          type: {
            type: 'string',
            enum: ['A', 'AAAA', 'CNAME'],
          },
          value: {
            type: 'string',
          },
          ttl: {
            type: 'number',
          },
        },
      },
      NameUse: {
        description: 'Where a lab name is used, and by which entity',
        type: 'object',
        required: ['name', 'entityRef', 'via'],
        properties: {
          name: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          via: {
            type: 'string',
            enum: [
              'link',
              'interface',
              'management',
              'api',
              'ingress',
              'promise',
            ],
          },
        },
      },
      DnsForward: {
        type: 'object',
        required: ['domain', 'server'],
        properties: {
          domain: {
            type: 'string',
          },
          server: {
            type: 'string',
          },
        },
      },
      DnsName: {
        type: 'object',
        required: ['name', 'records', 'server', 'role', 'uses'],
        properties: {
          name: {
            type: 'string',
          },
          records: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DnsRecord',
            },
          },
          server: {
            type: 'string',
          },
          role: {
            type: 'string',
            enum: ['authoritative', 'upstream'],
          },
          uses: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/NameUse',
            },
          },
        },
      },
      DnsProblem: {
        description:
          'What is wrong with a name: a lab name with no record, a record for nothing, two services on one name, a CNAME to nowhere',
        oneOf: [
          {
            type: 'object',
            required: ['kind', 'name', 'uses'],
            properties: {
              kind: {
                type: 'string',
                const: 'no-record',
              },
              name: {
                type: 'string',
              },
              uses: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/NameUse',
                },
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'name', 'record'],
            properties: {
              kind: {
                type: 'string',
                const: 'record-for-nothing',
              },
              name: {
                type: 'string',
              },
              record: {
                $ref: '#/components/schemas/DnsRecord',
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'name', 'entityRefs'],
            properties: {
              kind: {
                type: 'string',
                const: 'shared-name',
              },
              name: {
                type: 'string',
              },
              entityRefs: {
                $ref: '#/components/schemas/Strings',
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'name', 'target'],
            properties: {
              kind: {
                type: 'string',
                const: 'dangling-cname',
              },
              name: {
                type: 'string',
              },
              target: {
                type: 'string',
              },
            },
          },
        ],
      },
      DnsReport: {
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
          source: {
            $ref: '#/components/schemas/Source',
          },
          location: {
            type: 'string',
          },
          at: {
            type: 'string',
          },
          zones: {
            $ref: '#/components/schemas/Strings',
          },
          forwards: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DnsForward',
            },
          },
          upstreams: {
            $ref: '#/components/schemas/Strings',
          },
          names: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DnsName',
            },
          },
          problems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DnsProblem',
            },
          },
          warnings: {
            $ref: '#/components/schemas/Strings',
          },
        },
      },
      Secret: {
        description: "A secret's metadata; never its value",
        type: 'object',
        required: ['path', 'mount', 'type', 'rotation', 'overdue'],
        properties: {
          path: {
            type: 'string',
          },
          mount: {
            type: 'string',
          },
          type: {
            type: 'string',
            enum: ['api-key', 'db-password', 'tls-cert', 'ssh-key', 'unknown'],
          },
          declaredType: {
            type: 'string',
          },
          service: {
            type: 'string',
          },
          version: {
            type: 'number',
          },
          lastRotated: {
            type: 'string',
          },
          rotationPeriodMs: {
            type: 'number',
          },
          rotation: {
            type: 'string',
          },
          storage: {
            type: 'string',
          },
          access: {
            type: 'string',
          },
          ageDays: {
            type: 'number',
          },
          overdue: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      SecretsReport: {
        type: 'object',
        required: ['source', 'at', 'mounts', 'secrets', 'overdue', 'noPolicy'],
        properties: {
          source: {
            $ref: '#/components/schemas/Source',
          },
          at: {
            type: 'string',
          },
          mounts: {
            $ref: '#/components/schemas/Strings',
          },
          secrets: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Secret',
            },
          },
          overdue: {
            type: 'number',
          },
          noPolicy: {
            type: 'number',
          },
        },
      },
    },
  },
  paths: {
    '/dns': {
      get: {
        operationId: 'getDns',
        description:
          'GoZones’ records and Pi-hole’s forwarding from Git, the lab names the catalog, Ingresses and exposed-service requests use, which server answers each, and the problems (a name with no record, a record for nothing, two services on one name, a CNAME to nowhere). Needs homelab.dns.read; 503 when a source cannot be read.',
        responses: {
          '200': {
            description: 'The DNS view',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DnsReport',
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
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/secrets': {
      get: {
        operationId: 'getSecrets',
        description:
          'Each secret’s mount, path, service, type, version and last rotation from Vault’s metadata, with the seed’s rotation policy for its type and whether it is overdue. Never a value. Needs homelab.secrets.read; 503 when Vault is down, answers out of shape or has no token.',
        responses: {
          '200': {
            description: 'The secrets inventory',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SecretsReport',
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
