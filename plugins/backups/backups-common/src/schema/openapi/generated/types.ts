// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

export interface paths {
  '/entity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description An entity's backups against its policy, its runs and restores */
    get: operations['getEntityBackups'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readiness/entity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description An entity's part in each recovery procedure, and its restore drills */
    get: operations['getEntityRecovery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readiness': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The homelab's readiness for each recovery procedure (backups.overview.read) */
    get: operations['getRecoveryReadiness'];
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
    /** @description Every policy with its entities, the unprotected entities, runs per day (backups.overview.read) */
    get: operations['getBackupsOverview'];
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
     * @description Live Velero/restic, or the labelled demo
     * @enum {string}
     */
    SourceKind: 'live' | 'demo';
    /** @description What could not be read, in words; the rest of the answer stands */
    Warnings: string[];
    /** @enum {string} */
    Outcome: 'succeeded' | 'partial' | 'failed' | 'running' | 'unknown';
    /** @description One backup run, from Velero or a restic snapshot, normalized */
    BackupRun: {
      /** @enum {string} */
      tool: 'velero' | 'restic';
      /** @description Velero Backup name, or restic snapshot id */
      id: string;
      /** @description Velero: the Schedule that made it; restic: the repository */
      origin?: string;
      phase: string;
      outcome: components['schemas']['Outcome'];
      startedAt: string | null;
      completedAt: string | null;
      expiresAt: string | null;
      ttlSeconds: number | null;
      failureReason?: string;
      errors?: number;
      warnings?: number;
    };
    RestoreRun: {
      id: string;
      backupName: string;
      phase: string;
      outcome: components['schemas']['Outcome'];
      completedAt: string | null;
      failureReason?: string;
    };
    EntityBackups: {
      entityRef: string;
      source: components['schemas']['SourceKind'];
      policy: string | null;
      /** @enum {string} */
      rpo: 'ok' | 'late' | 'breached' | 'unknown';
      /** @description Seconds since the last good backup; null if there was none */
      lastGoodAgeSeconds: number | null;
      lastGood: components['schemas']['BackupRun'] | null;
      /** @enum {string} */
      retention: 'ok' | 'short' | 'unknown';
      recentFailures: components['schemas']['BackupRun'][];
      expiringSoon: components['schemas']['BackupRun'][];
      lastRestore: components['schemas']['RestoreRun'] | null;
      nextRunAt: string | null;
      reasons: string[];
      /** @description Newest first, at most 200 */
      runs: components['schemas']['BackupRun'][];
      restores: {
        id: string;
        backupName: string;
        outcome: string;
        completedAt: string | null;
        failureReason?: string;
      }[];
      warnings: components['schemas']['Warnings'];
    };
    BackupPolicy: {
      name: string;
      title: string;
      rpoSeconds: number;
      /** @description null for forever */
      retentionSeconds: number | null;
      /** @enum {string} */
      tool: 'velero' | 'restic';
    };
    BackupsOverview: {
      source: components['schemas']['SourceKind'];
      policies: {
        policy: components['schemas']['BackupPolicy'];
        entities: {
          entityRef: string;
          title?: string;
          rpo: string;
          retention: string;
          lastGoodAt: string | null;
        }[];
      }[];
      unprotected: {
        entityRef: string;
        title?: string;
      }[];
      /** @description Runs per day (UTC), for the calendar heat map */
      days: {
        date: string;
        succeeded: number;
        failed: number;
      }[];
      warnings: components['schemas']['Warnings'];
    };
    /** @enum {string} */
    ProcedureId: 'partial' | 'node' | 'cluster' | 'site';
    /** @enum {string} */
    ReadinessStatus: 'ready' | 'at-risk' | 'not-ready' | 'unknown';
    ProcedureReadiness: {
      id: components['schemas']['ProcedureId'];
      title: string;
      how: string;
      status: components['schemas']['ReadinessStatus'];
      summary: string;
      reasons: string[];
      runbookUrl: string;
    };
    DrillResult: {
      id: string;
      entityRef: string | null;
      /** @enum {string} */
      tool: 'velero' | 'restic';
      target: string;
      source: string;
      scratch: string;
      /** @enum {string} */
      status: 'running' | 'verified' | 'failed';
      startedAt: string;
      finishedAt: string | null;
      /** @description Measured time to recover, in seconds */
      durationSeconds: number | null;
      checks: string[];
    };
    PartialReadiness: components['schemas']['ProcedureReadiness'] & {
      /** @constant */
      id: 'partial';
      applications: {
        name: string;
        automated: boolean;
        selfHeal: boolean;
        prune: boolean;
        sync?: string;
        health?: string;
        entityRef?: string;
      }[];
    };
    NodeReadiness: components['schemas']['ProcedureReadiness'] & {
      /** @constant */
      id: 'node';
      clusters: {
        cluster: string;
        nodes: number;
        readyNodes: number;
      }[];
      workloads: {
        cluster: string;
        namespace: string;
        /** @enum {string} */
        kind: 'Deployment' | 'StatefulSet';
        name: string;
        replicas: number;
        risks: ('single-replica' | 'local-volume' | 'no-pdb' | 'pinned')[];
        details: string[];
        entityRef?: string;
      }[];
    };
    ClusterReadiness: components['schemas']['ProcedureReadiness'] & {
      /** @constant */
      id: 'cluster';
      rpoSeconds: number;
      latestBackup: {
        cluster: string;
        name: string;
        completedAt: string;
        ageSeconds: number;
      } | null;
      lastVerifiedRestore: components['schemas']['DrillResult'] | null;
      lastDrill: components['schemas']['DrillResult'] | null;
    };
    SiteReadiness: components['schemas']['ProcedureReadiness'] & {
      /** @constant */
      id: 'site';
      maxAgeSeconds: number;
      copies: {
        /** @enum {string} */
        kind: 'velero' | 'restic';
        name: string;
        where: string;
        phase?: string;
        lastCopyAt: string | null;
        ageSeconds: number | null;
      }[];
    };
    RecoveryReadiness: {
      source: components['schemas']['SourceKind'];
      generatedAt: string;
      /** @description partial, node, cluster and site, in that order */
      procedures: (
        | components['schemas']['PartialReadiness']
        | components['schemas']['NodeReadiness']
        | components['schemas']['ClusterReadiness']
        | components['schemas']['SiteReadiness']
      )[];
      warnings: components['schemas']['Warnings'];
    };
    EntityRecovery: {
      entityRef: string;
      source: components['schemas']['SourceKind'];
      procedures: {
        id: components['schemas']['ProcedureId'];
        title: string;
        status: components['schemas']['ReadinessStatus'];
        summary: string;
        runbookUrl: string;
      }[];
      lastVerifiedRestore: components['schemas']['DrillResult'] | null;
      drills: components['schemas']['DrillResult'][];
      warnings: components['schemas']['Warnings'];
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
  getEntityBackups: {
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
      /** @description The entity's backups */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityBackups'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  getEntityRecovery: {
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
      /** @description The entity's recovery readiness */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityRecovery'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  getRecoveryReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The readiness */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecoveryReadiness'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
  getBackupsOverview: {
    parameters: {
      query?: never;
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
          'application/json': components['schemas']['BackupsOverview'];
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
}
