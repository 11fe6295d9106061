// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

export interface paths {
  '/dns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description GoZones’ records and Pi-hole’s forwarding from Git, the lab names the catalog, Ingresses and exposed-service requests use, which server answers each, and the problems (a name with no record, a record for nothing, two services on one name, a CNAME to nowhere). Needs homelab.dns.read; 503 when a source cannot be read. */
    get: operations['getDns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/secrets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Each secret’s mount, path, service, type, version and last rotation from Vault’s metadata, with the seed’s rotation policy for its type and whether it is overdue. Never a value. Needs homelab.secrets.read; 503 when Vault is down, answers out of shape or has no token. */
    get: operations['getSecrets'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Error: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
    /**
     * @description Read from the configured sources, or the labelled demo
     * @enum {string}
     */
    Source: 'live' | 'demo';
    Strings: string[];
    DnsRecord: {
      name: string;
      /** @enum {string} */
      type: 'A' | 'AAAA' | 'CNAME';
      value: string;
      ttl?: number;
    };
    /** @description Where a lab name is used, and by which entity */
    NameUse: {
      name: string;
      entityRef: string;
      /** @enum {string} */
      via: 'link' | 'interface' | 'management' | 'api' | 'ingress' | 'promise';
    };
    DnsForward: {
      domain: string;
      server: string;
    };
    DnsName: {
      name: string;
      records: components['schemas']['DnsRecord'][];
      server: string;
      /** @enum {string} */
      role: 'authoritative' | 'upstream';
      uses: components['schemas']['NameUse'][];
    };
    /** @description What is wrong with a name: a lab name with no record, a record for nothing, two services on one name, a CNAME to nowhere */
    DnsProblem:
      | {
          /** @constant */
          kind: 'no-record';
          name: string;
          uses: components['schemas']['NameUse'][];
        }
      | {
          /** @constant */
          kind: 'record-for-nothing';
          name: string;
          record: components['schemas']['DnsRecord'];
        }
      | {
          /** @constant */
          kind: 'shared-name';
          name: string;
          entityRefs: components['schemas']['Strings'];
        }
      | {
          /** @constant */
          kind: 'dangling-cname';
          name: string;
          target: string;
        };
    DnsReport: {
      source: components['schemas']['Source'];
      location: string;
      at: string;
      zones: components['schemas']['Strings'];
      forwards: components['schemas']['DnsForward'][];
      upstreams: components['schemas']['Strings'];
      names: components['schemas']['DnsName'][];
      problems: components['schemas']['DnsProblem'][];
      warnings: components['schemas']['Strings'];
    };
    /** @description A secret's metadata; never its value */
    Secret: {
      path: string;
      mount: string;
      /** @enum {string} */
      type: 'api-key' | 'db-password' | 'tls-cert' | 'ssh-key' | 'unknown';
      declaredType?: string;
      service?: string;
      version?: number;
      lastRotated?: string;
      rotationPeriodMs?: number;
      rotation: string;
      storage?: string;
      access?: string;
      ageDays?: number;
      overdue: boolean;
      reason?: string;
    };
    SecretsReport: {
      source: components['schemas']['Source'];
      at: string;
      mounts: components['schemas']['Strings'];
      secrets: components['schemas']['Secret'][];
      overdue: number;
      noPolicy: number;
    };
  };
  responses: {
    /** @description An error, in Backstage's error shape */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getDns: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The DNS view */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DnsReport'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getSecrets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The secrets inventory */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SecretsReport'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
}
