import { KratixStatus } from './kratixStatus';
import { JsonSchema } from './promise';

/**
 * Where a request is on its way: the pull request is open; it was merged (or
 * closed without merging); ArgoCD synced the request into the platform
 * cluster; Kratix reports the resource reconciled (`Reconciled` True, shown
 * as Ready); or it failed, with a reason. While synced, `kratix` says what
 * Kratix is doing: waiting (with its reason), needing approval, or failing.
 */
export type RequestState =
  | 'pr-open'
  | 'merged'
  | 'closed'
  | 'synced'
  | 'ready'
  | 'failed';

/** States after which nothing changes any more. */
export const FINAL_REQUEST_STATES: RequestState[] = [
  'closed',
  'ready',
  'failed',
];

/** The happy path, in order, for timelines. */
export const REQUEST_STATE_ORDER: RequestState[] = [
  'pr-open',
  'merged',
  'synced',
  'ready',
];

/** One step of a request's timeline. */
export interface RequestEvent {
  state: RequestState;
  /** ISO-8601 time the step happened (as the upstream reports it, where it does). */
  at: string;
  message: string;
}

/** A Kratix resource request made through the portal. */
export interface KratixRequest {
  id: string;
  /** The user who asked: an entity ref. */
  requester: string;
  promise: string;
  promiseEntityRef: string;
  apiVersion: string;
  kind: string;
  plural: string;
  name: string;
  namespace?: string;
  /** The request's spec, secrets redacted. */
  parameters: Record<string, unknown>;
  forge: string;
  pullRequestUrl: string;
  state: RequestState;
  /** Why it closed or failed, or what it waits for. */
  reason?: string;
  /**
   * What Kratix last said about it (its `Reconciled` condition and what is
   * behind it), once it is in the cluster.
   */
  kratix?: KratixStatus;
  createdAt: string;
  updatedAt: string;
  events: RequestEvent[];
}

export const REDACTED = '[redacted]';
const SECRET_NAME =
  /(password|passwd|secret|token|api[-_]?key|private[-_]?key|credentials?)$/i;

/**
 * A copy of a request's spec with secrets replaced by `[redacted]`: fields the
 * Promise's schema marks `format: password` or `writeOnly`, and fields whose
 * names say they hold one (password, secret, token, apiKey, privateKey,
 * credentials), at any depth, in objects and arrays.
 */
export function redactSecrets(
  value: unknown,
  schema: JsonSchema | undefined,
  name = '',
): unknown {
  const secret =
    schema?.format === 'password' ||
    schema?.writeOnly === true ||
    (name !== '' && SECRET_NAME.test(name));
  if (secret && value !== undefined && value !== null && value !== '') {
    return REDACTED;
  }
  if (Array.isArray(value)) {
    return value.map(item => redactSecrets(item, schema?.items, name));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, child]) => [
        key,
        redactSecrets(
          child,
          schema?.properties?.[key] ??
            (typeof schema?.additionalProperties === 'object'
              ? schema.additionalProperties
              : undefined),
          key,
        ),
      ]),
    );
  }
  return value;
}
