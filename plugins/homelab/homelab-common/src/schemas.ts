/*
 * JSON schemas of the homelab's Resource specs. They describe shape and
 * ranges; the checks a schema cannot express (a gateway inside its subnet,
 * safe URL schemes) are in validateHomelabEntity.
 */

const entityRef = {
  type: 'string',
  minLength: 1,
  maxLength: 253,
  pattern: '^([a-zA-Z][a-zA-Z0-9-]*:)?([a-zA-Z0-9._-]+/)?[a-zA-Z0-9._-]+$',
  description: 'an entity ref such as resource:default/sff-1',
} as const;

const ipv4 = { type: 'string', format: 'ipv4' } as const;

const hardware = {
  type: 'object',
  required: ['model'],
  additionalProperties: false,
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 200 },
    cpu: { type: 'string', maxLength: 200 },
    cores: { type: 'integer', minimum: 1, maximum: 1024 },
    memoryGiB: { type: 'number', exclusiveMinimum: 0, maximum: 65536 },
    storage: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        required: ['name', 'sizeGB'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100 },
          sizeGB: { type: 'number', exclusiveMinimum: 0 },
          media: { enum: ['nvme', 'ssd', 'hdd'] },
          tier: entityRef,
        },
      },
    },
    interfaces: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        required: ['name', 'mac', 'vlan'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 64 },
          mac: {
            type: 'string',
            pattern: '^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$',
            description: 'a MAC address: six hex pairs separated by colons',
          },
          vlan: entityRef,
          address: ipv4,
          speed: { type: 'string', maxLength: 20 },
          hostname: {
            type: 'string',
            format: 'hostname',
            maxLength: 253,
          },
        },
      },
    },
    location: { type: 'string', maxLength: 200 },
    managementUrl: { type: 'string', maxLength: 2048 },
  },
} as const;

/** A switch's port: its VLANs, and the device interface plugged into it. */
const switchPort = {
  type: 'object',
  required: ['name', 'vlans'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 64 },
    speed: { type: 'string', maxLength: 20 },
    mode: { enum: ['access', 'trunk'] },
    vlans: { type: 'array', minItems: 1, maxItems: 4094, items: entityRef },
    device: entityRef,
    interface: { type: 'string', minLength: 1, maxLength: 64 },
    description: { type: 'string', maxLength: 500 },
  },
} as const;

const capacity = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reserved: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cores: { type: 'number', minimum: 0 },
        memoryGiB: { type: 'number', minimum: 0 },
        storageGB: { type: 'number', minimum: 0 },
      },
    },
  },
} as const;

const portOrRange = {
  anyOf: [
    { type: 'integer', minimum: 1, maximum: 65535 },
    { type: 'string', pattern: '^[0-9]{1,5}(-[0-9]{1,5})?$' },
  ],
} as const;

const vlan = {
  type: 'object',
  required: ['id', 'name', 'purpose', 'subnet', 'firewall'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', minimum: 1, maximum: 4094 },
    name: { type: 'string', minLength: 1, maxLength: 64 },
    purpose: { type: 'string', minLength: 1, maxLength: 500 },
    subnet: { type: 'string', maxLength: 18 },
    gateway: ipv4,
    dhcpRange: {
      type: 'object',
      required: ['start', 'end'],
      additionalProperties: false,
      properties: { start: ipv4, end: ipv4 },
    },
    routable: { type: 'boolean' },
    firewall: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['action', 'to'],
        additionalProperties: false,
        properties: {
          action: { enum: ['allow', 'deny'] },
          to: {
            anyOf: [{ enum: ['internet', 'any'] }, entityRef],
          },
          protocol: { enum: ['tcp', 'udp', 'icmp', 'any'] },
          ports: { type: 'array', maxItems: 100, items: portOrRange },
          description: { type: 'string', maxLength: 500 },
        },
      },
    },
  },
} as const;

const cluster = {
  type: 'object',
  additionalProperties: false,
  properties: {
    distribution: { type: 'string', maxLength: 100 },
    version: { type: 'string', maxLength: 50 },
    apiUrl: { type: 'string', maxLength: 2048 },
  },
} as const;

const storageTier = {
  type: 'object',
  required: ['tier', 'technology', 'useCase', 'performance'],
  additionalProperties: false,
  properties: {
    tier: { enum: [0, 1, 2] },
    technology: { enum: ['local-nvme', 'longhorn', 'ceph', 'nas'] },
    useCase: { type: 'string', minLength: 1, maxLength: 200 },
    performance: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

function resourceSchema(
  type: string,
  block: string,
  schema: object,
  extra: Record<string, object> = {},
  required: string[] = [],
) {
  return {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        type: 'object',
        required: ['type', 'owner', block, ...required],
        properties: {
          type: { const: type },
          owner: entityRef,
          [block]: schema,
          ...extra,
        },
      },
    },
  };
}

const hardwareWith = (requiredFields: string[]) => ({
  ...hardware,
  required: [...hardware.required, ...requiredFields],
});

/** The JSON schema of each homelab Resource type, keyed by `spec.type`. @public */
export const homelabResourceSchemas = {
  'compute-node': resourceSchema(
    'compute-node',
    'hardware',
    hardwareWith(['cores', 'memoryGiB']),
    { capacity },
  ),
  nas: resourceSchema('nas', 'hardware', hardware, { capacity }),
  'network-switch': resourceSchema('network-switch', 'hardware', {
    ...hardware,
    properties: {
      ...hardware.properties,
      ports: { type: 'array', maxItems: 256, items: switchPort },
    },
  }),
  vlan: resourceSchema('vlan', 'vlan', vlan),
  'kubernetes-cluster': resourceSchema(
    'kubernetes-cluster',
    'cluster',
    cluster,
  ),
  'storage-tier': resourceSchema('storage-tier', 'storageTier', storageTier),
} as const;
