// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

export interface paths {
  '/webhook/{alertmanager}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Alertmanager's webhook: stores firings and resolutions in the history. Takes the bearer token at alerts.webhook.token, checked before the body (at most 2 MB) is read; 404 while no token is configured. */
    post: operations['receiveWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The active alerts an entity's matchers pick, and its 30-day figures */
    get: operations['getEntityAlerts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One page of an entity's alert history, newest first */
    get: operations['getEntityAlertHistory'];
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
    /** @description Every active alert, by severity, and how many no entity claims (alerts.overview.read) */
    get: operations['getAlertsOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/silences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The silences of every Alertmanager (alerts.overview.read) */
    get: operations['listSilences'];
    put?: never;
    /** @description Creates a silence: users with alerts.silence.create, or the cybernetics loop with its own service credentials. */
    post: operations['createSilence'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/silences/{alertmanager}/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** @description Expires a silence (users with alerts.silence.expire) */
    delete: operations['expireSilence'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/acknowledge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Acknowledges an alert: a short silence on exactly its labels (users with alerts.silence.create). */
    post: operations['acknowledgeAlert'];
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
    AlertmanagerName: string;
    LabelSet: {
      [key: string]: string;
    };
    /**
     * @description Live Alertmanagers, or the labelled demo
     * @enum {string}
     */
    SourceKind: 'alertmanager' | 'demo';
    /** @description What could not be read, in words; the rest of the answer stands */
    Warnings: string[];
    /** @description An Alertmanager matcher (API v2); isEqual false negates */
    Matcher: {
      name: string;
      value: string;
      isRegex: boolean;
      isEqual: boolean;
    };
    ActiveAlert: {
      alertmanager: string;
      fingerprint: string;
      alertname: string;
      severity: string;
      labels: components['schemas']['LabelSet'];
      annotations: components['schemas']['LabelSet'];
      startsAt: string;
      /** @enum {string} */
      state: 'active' | 'suppressed' | 'unprocessed';
      silencedBy: string[];
      inhibitedBy: string[];
      /** @description The catalog entities whose matchers pick this alert, and what they are part of */
      entityRefs: string[];
      /** @description Of those, the entities whose own matchers pick it */
      matchedEntityRefs?: string[];
    };
    Silence: {
      alertmanager: string;
      id: string;
      matchers: components['schemas']['Matcher'][];
      startsAt: string;
      endsAt: string;
      createdBy: string;
      comment: string;
      /** @enum {string} */
      state: 'active' | 'pending' | 'expired';
    };
    AlertStats: {
      /** @description When one of its alerts last started firing; null if never */
      lastFiredAt: string | null;
      /** @description Distinct firings in the last 30 days */
      firings30d: number;
      /** @description Mean time from firing to resolution over 30 days, in seconds */
      mttrSeconds: number | null;
    };
    AlertEvent: {
      alertmanager: string;
      fingerprint: string;
      alertname: string;
      severity: string;
      labels: components['schemas']['LabelSet'];
      /** @enum {string} */
      status: 'firing' | 'resolved';
      startsAt: string;
      endsAt: string | null;
      receivedAt: string;
      /** @enum {string} */
      via: 'webhook' | 'poll';
    };
    EntityAlerts: {
      entityRef: string;
      source: components['schemas']['SourceKind'];
      alerts: components['schemas']['ActiveAlert'][];
      stats: components['schemas']['AlertStats'];
      warnings: components['schemas']['Warnings'];
    };
    EntityAlertHistory: {
      entityRef: string;
      source: components['schemas']['SourceKind'];
      /** @description The window in days; events whose firing started within it */
      days: number;
      /** @description Newest first */
      events: components['schemas']['AlertEvent'][];
      /** @description Events in the window, over every page */
      total: number;
      /** @description The most events a page holds */
      limit: number;
      /** @description Pass as cursor for the next (older) page; null on the last page */
      nextCursor: string | null;
      stats: components['schemas']['AlertStats'];
      warnings: components['schemas']['Warnings'];
    };
    AlertsOverview: {
      source: components['schemas']['SourceKind'];
      alerts: components['schemas']['ActiveAlert'][];
      bySeverity: {
        [key: string]: number;
      };
      /** @description Active alerts no catalog entity claims */
      unmapped: number;
      warnings: components['schemas']['Warnings'];
    };
    SilenceList: {
      silences: components['schemas']['Silence'][];
      warnings: components['schemas']['Warnings'];
    };
    SilenceCreated: {
      alertmanager: string;
      id: string;
    };
    /** @description Unknown keys are refused. decisionId is for the cybernetics loop's service credentials only: the decision the silence carries out. */
    CreateSilenceRequest: {
      alertmanager: components['schemas']['AlertmanagerName'];
      /** @description Prometheus matchers, e.g. service="jellyfin", instance=~"sff-1.*" */
      matchers: string;
      durationMinutes: number;
      /** @description Not blank */
      comment: string;
      /** Format: uuid */
      decisionId?: string;
    };
    /** @description Unknown keys are refused. */
    AcknowledgeRequest: {
      alertmanager: components['schemas']['AlertmanagerName'];
      fingerprint: string;
      comment?: string;
    };
    WebhookAlert: {
      /** @enum {string} */
      status: 'firing' | 'resolved';
      /** @description Label values are strings of at most 10,000 characters */
      labels: Record<string, never>;
      annotations?: Record<string, never>;
      /** @description An RFC 3339 time */
      startsAt: string;
      /** @description An RFC 3339 time; Alertmanager sends 0001-01-01T00:00:00Z while an alert fires */
      endsAt?: string;
      fingerprint: string;
    };
    /** @description Alertmanager's webhook_config payload (version 4); other keys are ignored */
    WebhookPayload: {
      version?: string;
      status: string;
      alerts: components['schemas']['WebhookAlert'][];
    };
    WebhookReceipt: {
      /** @description Alerts in the delivery */
      received: number;
      /** @description Of those, the transitions that were new */
      stored: number;
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
    /** @description The Alertmanager's name, as configured (alerts.alertmanagers) */
    alertmanager: components['schemas']['AlertmanagerName'];
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  receiveWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The Alertmanager's name, as configured (alerts.alertmanagers) */
        alertmanager: components['parameters']['alertmanager'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookPayload'];
      };
    };
    responses: {
      /** @description The delivery was stored */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookReceipt'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  getEntityAlerts: {
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
      /** @description The entity's alerts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityAlerts'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getEntityAlertHistory: {
    parameters: {
      query: {
        /** @description The entity, as kind:namespace/name */
        entityRef: components['parameters']['entityRef'];
        /** @description The window in days (default 30, at most 365) */
        days?: string;
        /** @description Events a page holds (default 50, at most 200) */
        limit?: string;
        /** @description The previous page's nextCursor */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityAlertHistory'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  getAlertsOverview: {
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
          'application/json': components['schemas']['AlertsOverview'];
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  listSilences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The silences */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SilenceList'];
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  createSilence: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSilenceRequest'];
      };
    };
    responses: {
      /** @description The silence was created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SilenceCreated'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  expireSilence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The Alertmanager's name, as configured (alerts.alertmanagers) */
        alertmanager: components['parameters']['alertmanager'];
        /** @description The silence's id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The silence was expired */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  acknowledgeAlert: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcknowledgeRequest'];
      };
    };
    responses: {
      /** @description The acknowledgement's silence was created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SilenceCreated'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
}
