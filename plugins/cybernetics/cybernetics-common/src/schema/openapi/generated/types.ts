// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

export interface paths {
  '/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One page of decisions, newest first, with filters */
    get: operations['listDecisions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/decisions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One decision */
    get: operations['getDecision'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/decisions/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Approves an open decision and carries it out; 409 if it cannot be carried out here (see executability). */
    post: operations['approveDecision'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/decisions/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Rejects an open, unapproved decision; 400 for any other */
    post: operations['rejectDecision'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/decisions/{id}/acknowledge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Acknowledges an open page: it stops escalating. 409 for a decision that is no open page, or one acknowledged already. */
    post: operations['acknowledgeDecision'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/loop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The loop's last cycle and counts, for the loop page */
    get: operations['getLoopStatus'];
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
     * @description A live upstream, or another plugin's labelled demo
     * @enum {string}
     */
    SignalSource: 'live' | 'demo';
    /** @enum {string} */
    DecisionState:
      | 'observed'
      | 'proposed'
      | 'approved'
      | 'executing'
      | 'executed'
      | 'verified'
      | 'ineffective'
      | 'rejected'
      | 'resolved'
      | 'failed';
    Strings: string[];
    Evidence: {
      label: string;
      value: string;
      /** @description The API call or PromQL query the value came from */
      query?: string;
      link?: string;
    };
    Matcher: {
      name: string;
      value: string;
      isRegex: boolean;
      isEqual: boolean;
    };
    /** @description What a decision proposes, by its type */
    ProposedAction: {
      /** @enum {string} */
      type:
        | 'gitops-change'
        | 'kratix-request'
        | 'chaos-experiment'
        | 'silence'
        | 'page'
        | 'investigation'
        | 'none';
      title: string;
      /** @description gitops-change, kratix-request, chaos-experiment; the file in the GitOps repository */
      file?: string;
      /** @description gitops-change; the file's content before, null for a new file */
      before?: string | null;
      /** @description gitops-change */
      after?: string;
      /** @description kratix-request, chaos-experiment */
      manifest?: string;
      /** @description gitops-change, kratix-request, chaos-experiment; a unified diff */
      diff?: string;
      /** @description silence */
      alertmanager?: string;
      /** @description silence */
      matchers?: components['schemas']['Matcher'][];
      /** @description silence */
      durationMinutes?: number;
      /** @description page; who is paged first */
      recipients?: string[];
      /** @description page; who is paged if nobody acknowledges in time */
      escalateTo?: string[];
      /** @description page */
      escalateAfterMinutes?: number;
      /** @description investigation */
      questions?: string[];
    };
    Paging: {
      pagedAt: string;
      recipients: components['schemas']['Strings'];
      escalateAt: string;
      escalateTo: components['schemas']['Strings'];
      acknowledgedAt?: string;
      acknowledgedBy?: string;
      escalatedAt?: string;
    };
    RunbookLink: {
      title: string;
      url: string;
    };
    AuditEntry: {
      at: string;
      /** @description A user entity ref, or cybernetics for the loop itself */
      actor: string;
      from: components['schemas']['DecisionState'] | null;
      to: components['schemas']['DecisionState'];
      note: string;
    };
    /** @description Whether approving the decision would carry it out here; if not, why not (reason) and what a person can do instead */
    Executability: {
      executable: boolean;
      reason?: string;
      instead?: string;
    };
    Decision: {
      id: string;
      fingerprint: string;
      policy: string;
      entityRef: string;
      state: components['schemas']['DecisionState'];
      /** @enum {string} */
      autonomy: 'observe' | 'propose' | 'act';
      title: string;
      diagnosis: string;
      evidence: components['schemas']['Evidence'][];
      action: components['schemas']['ProposedAction'];
      /** @enum {string} */
      risk: 'low' | 'medium' | 'high';
      rationale: string;
      /** @description An LLM's advice; text only, never acted on */
      advisory?: {
        model: string;
        text: string;
      };
      source: components['schemas']['SignalSource'];
      pullRequestUrl?: string;
      runbook?: components['schemas']['RunbookLink'];
      paging?: components['schemas']['Paging'];
      createdAt: string;
      updatedAt: string;
      audit: components['schemas']['AuditEntry'][];
      executability: components['schemas']['Executability'];
    };
    DecisionPage: {
      /** @description Newest first */
      items: components['schemas']['Decision'][];
      /** @description Decisions that match, over every page */
      total: number;
      /** @description The offset of the next page; absent on the last page */
      nextOffset?: number;
    };
    LoopStatus: {
      lastCycle: {
        at: string;
        durationMs: number;
        signals: number;
        findings: number;
      } | null;
      /** @description Signals read, by kind */
      sense: {
        [key: string]: number;
      };
      analyse: {
        policies: number;
        findings: number;
      };
      /** @description Decisions, by state */
      decide: {
        [key: string]: number;
      };
      source: components['schemas']['SignalSource'];
      warnings: components['schemas']['Strings'];
    };
    ReviewRequest: {
      comment?: string;
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
    /** @description The decision, after the change */
    Decision: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Decision'];
      };
    };
  };
  parameters: {
    /** @description The decision's id */
    id: string;
  };
  requestBodies: {
    /** @description An optional comment for the audit trail (trimmed, at most 1,000 characters); unknown keys are refused. At most 16 kB. */
    Review: {
      content: {
        'application/json': components['schemas']['ReviewRequest'];
      };
    };
  };
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listDecisions: {
    parameters: {
      query?: {
        /** @description States, separated by commas (see DecisionState) */
        state?: string;
        /** @description Only the decisions on this entity */
        entityRef?: string;
        /** @description Only the decisions of this policy */
        policy?: string;
        /** @description Decisions a page holds, 1 to 500 (default 500) */
        limit?: string;
        /** @description Decisions to skip, 0 to 1,000,000 (default 0) */
        offset?: string;
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
          'application/json': components['schemas']['DecisionPage'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
    };
  };
  getDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The decision's id */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The decision */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Decision'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  approveDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The decision's id */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: components['requestBodies']['Review'];
    responses: {
      200: components['responses']['Decision'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  rejectDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The decision's id */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: components['requestBodies']['Review'];
    responses: {
      200: components['responses']['Decision'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  acknowledgeDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The decision's id */
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: components['requestBodies']['Review'];
    responses: {
      200: components['responses']['Decision'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  getLoopStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The status */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoopStatus'];
        };
      };
      401: components['responses']['Error'];
    };
  };
}
