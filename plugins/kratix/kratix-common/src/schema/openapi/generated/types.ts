// THIS FILE IS GENERATED from src/schema/openapi.yaml by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run `yarn openapi:generate`.
/* eslint-disable */

export interface paths {
  '/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One page of requests, newest first; unknown query parameters are ignored */
    get: operations['listRequests'];
    put?: never;
    /** @description Registers a request for the signed-in user (kratix.request.create), after checking it against its Promise; the portal then follows its pull request. 200 with the request already followed when the same request is registered again; 409 when another follows the pull request; 429 when too many are open. */
    post: operations['registerRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/requests/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One request */
    get: operations['getRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/local-git/commits/{sha}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A commit of the local start's Git repository (homelab.localForge), for a signed-in user; 404 when there is none configured. */
    get: operations['getLocalCommit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/local-git/commits/{sha}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A file of a commit of the local start's Git repository, for a signed-in user. The path is relative, inside the repository and not in .git. */
    get: operations['getLocalCommitFile'];
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
    /** @enum {string} */
    RequestState:
      | 'pr-open'
      | 'merged'
      | 'closed'
      | 'synced'
      | 'ready'
      | 'failed';
    RequestEvent: {
      state: components['schemas']['RequestState'];
      at: string;
      message: string;
    };
    /** @description What Kratix last said about a request, once it is in the cluster */
    KratixStatus: {
      phase: string;
      reason: string;
      message?: string;
      since?: string;
      pipeline?: string;
      approvalUrl?: string;
      generation?: number;
    };
    KratixRequest: {
      id: string;
      /** @description The user who asked, an entity ref */
      requester: string;
      promise: string;
      promiseEntityRef: string;
      apiVersion: string;
      kind: string;
      plural: string;
      name: string;
      namespace?: string;
      /** @description The request's spec, secrets redacted */
      parameters: Record<string, never>;
      forge: string;
      pullRequestUrl: string;
      state: components['schemas']['RequestState'];
      /** @description Why it closed or failed, or what it waits for */
      reason?: string;
      kratix?: components['schemas']['KratixStatus'];
      createdAt: string;
      updatedAt: string;
      events: components['schemas']['RequestEvent'][];
    };
    RequestPage: {
      /** @description Newest first */
      items: components['schemas']['KratixRequest'][];
      /** @description Pass as cursor for the next page; absent on the last page */
      nextCursor?: string;
    };
    /** @description A request as the kratix:request:track action registers it; other keys are ignored. At most 256 kB. */
    NewRequest: {
      promiseEntityRef: string;
      manifest: {
        apiVersion: string;
        kind: string;
        metadata: {
          name: string;
          namespace?: string;
        };
        /** @description Checked against the Promise's schema */
        spec?: Record<string, never>;
      };
      /** @enum {string} */
      forge: 'gitea' | 'github' | 'gitlab';
      pullRequestUrl: string;
    };
    LocalCommit: {
      sha: string;
      message: string;
      author: string;
      at: string;
      /** @description The files the commit changes against its first parent */
      files: string[];
      /** @description The repository's directory on the backend's machine */
      repository: string;
    };
    LocalFile: {
      sha: string;
      path: string;
      content: string;
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
    /** @description The request */
    Request: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['KratixRequest'];
      };
    };
  };
  parameters: {
    /** @description A commit id, 40 hex digits */
    sha: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listRequests: {
    parameters: {
      query?: {
        /** @description A user entity ref, or me for the signed-in user */
        requester?: string;
        /** @description The Promise's name */
        promise?: string;
        /** @description true for the requests still on their way */
        open?: 'true' | 'false';
        /** @description Requests a page holds, 1 to 200 (default 100) */
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
          'application/json': components['schemas']['RequestPage'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
  registerRequest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewRequest'];
      };
    };
    responses: {
      200: components['responses']['Request'];
      201: components['responses']['Request'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      429: components['responses']['Error'];
    };
  };
  getRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The request's id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['Request'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  getLocalCommit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A commit id, 40 hex digits */
        sha: components['parameters']['sha'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The commit */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LocalCommit'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  getLocalCommitFile: {
    parameters: {
      query: {
        /** @description The file, relative to the repository's root */
        path: string;
      };
      header?: never;
      path: {
        /** @description A commit id, 40 hex digits */
        sha: components['parameters']['sha'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LocalFile'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
}
