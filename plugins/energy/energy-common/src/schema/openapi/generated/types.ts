// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

export interface paths {
  '/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Power now, and energy, cost and CO2 over 24 h, 7 d and 30 d */
    get: operations['getSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/series': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Average power per step over a range, for charts */
    get: operations['getSeries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/top': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The pods that used the most energy over a window */
    get: operations['getTopConsumers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/storage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A device’s filesystems (node_exporter’s node_filesystem_* series, picked by its homelab-portal.io/filesystem-labels): size, used and available bytes, and when they were read */
    get: operations['getStorage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The whole homelab over one window: totals, the lab’s power over the window, nodes, systems (adding up to the total), top consumers; and this month */
    get: operations['getOverview'];
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
      error?: {
        name?: string;
        message?: string;
      };
    };
    /** @enum {string} */
    Source: 'prometheus' | 'demo';
    Warnings: string[];
    Tariff: {
      currency: string;
      pricePerKWh: number;
      gridIntensityGramsPerKWh: number;
    };
    Windows: {
      '24h': components['schemas']['Figures'];
      '7d': components['schemas']['Figures'];
      '30d': components['schemas']['Figures'];
    };
    Figures: {
      energyKWh: number | null;
      cost: number | null;
      co2Kg: number | null;
    };
    Row: {
      entityRef: string;
      title?: string;
      powerW: number | null;
      energyKWh: number | null;
      cost: number | null;
      co2Kg: number | null;
      energyKWh24h: number | null;
      cost24h: number | null;
      notes?: string[];
    };
    Unattributed: {
      powerW: number | null;
      energyKWh: number | null;
      cost: number | null;
      co2Kg: number | null;
      notes: string[];
    };
    LabSeries: {
      start: string;
      end: string;
      stepSeconds: number;
      points: {
        t: number;
        w: number | null;
      }[];
    };
    Consumer: {
      namespace: string;
      pod: string;
      entityRef?: string;
      energyKWh: number;
      cost: number;
      co2Kg: number;
    };
  };
  responses: {
    /** @description An error, in Backstage’s error shape */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description The entity, as kind:namespace/name */
    entityRef: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getSummary: {
    parameters: {
      query: {
        /** @description The entity, as kind:namespace/name */
        entityRef: components['parameters']['entityRef'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The figures */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entityRef: string;
            source: components['schemas']['Source'];
            /** @enum {string} */
            measuredBy: 'kepler-node' | 'kepler-workload' | 'meter' | 'parts';
            at: string;
            powerW: number | null;
            windows: components['schemas']['Windows'];
            tariff: components['schemas']['Tariff'];
            parts?: components['schemas']['Row'][];
            warnings: components['schemas']['Warnings'];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getSeries: {
    parameters: {
      query: {
        /** @description The entity, as kind:namespace/name */
        entityRef: components['parameters']['entityRef'];
        range?: '1h' | '6h' | '24h' | '7d' | '30d';
        /** @description Seconds; clamped to what Prometheus allows */
        step?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The series */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entityRef: string;
            source: components['schemas']['Source'];
            start: string;
            end: string;
            stepSeconds: number;
            points: {
              t: number;
              w: number | null;
            }[];
            warnings: components['schemas']['Warnings'];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getTopConsumers: {
    parameters: {
      query?: {
        window?: '24h' | '7d' | '30d';
        limit?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The top consumers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            source: components['schemas']['Source'];
            window: string;
            at: string;
            items: components['schemas']['Consumer'][];
            warnings: components['schemas']['Warnings'];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getStorage: {
    parameters: {
      query: {
        /** @description The entity, as kind:namespace/name */
        entityRef: components['parameters']['entityRef'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The filesystems */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entityRef: string;
            source: components['schemas']['Source'];
            at: string;
            labels?: {
              [key: string]: string;
            };
            filesystems: {
              mountpoint: string;
              device?: string;
              fstype?: string;
              sizeBytes: number;
              availBytes: number;
              usedBytes: number;
            }[];
            warnings: components['schemas']['Warnings'];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getOverview: {
    parameters: {
      query?: {
        /** @description The window the figures are for (default 24h) */
        window?: '24h' | '7d' | '30d';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The overview */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            source: components['schemas']['Source'];
            at: string;
            tariff: components['schemas']['Tariff'];
            powerW: number | null;
            windows: components['schemas']['Windows'];
            monthToDate: components['schemas']['Figures'];
            /** @enum {string} */
            window: '24h' | '7d' | '30d';
            total: components['schemas']['Figures'];
            nodes: components['schemas']['Row'][];
            systems: components['schemas']['Row'][];
            unattributed: components['schemas']['Unattributed'];
            series: components['schemas']['LabSeries'];
            top: components['schemas']['Consumer'][];
            warnings: components['schemas']['Warnings'];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
}
