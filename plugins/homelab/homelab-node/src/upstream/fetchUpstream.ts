import { CustomErrorBase } from '@backstage/errors';

/**
 * An HTTP upstream (a forge, Prometheus, Alertmanager, Kubernetes, Vault,
 * another plugin) did not answer as needed. Named subclasses (e.g.
 * `KubernetesError`) keep their own name for logs and `instanceof`.
 *
 * @public
 */
export class UpstreamError extends CustomErrorBase {
  /** The upstream's HTTP status, when it answered at all. */
  readonly status?: number;
  /** It did not answer at all (a timeout, refused, no route), rather than answer badly. */
  unreachable: boolean;

  constructor(
    message: string,
    options: { status?: number; unreachable?: boolean; cause?: unknown } = {},
  ) {
    super(message);
    // Kept for logs, but out of the message: CustomErrorBase would append
    // "; caused by ..." to it, and the message is what people read.
    if (options.cause !== undefined) {
      (this as { cause?: unknown }).cause = options.cause;
    }
    this.status = options.status;
    this.unreachable = options.unreachable ?? false;
  }
}

/** A class of upstream error: `UpstreamError` or one of its named subclasses. */
export type UpstreamErrorClass = new (
  message: string,
  options?: { status?: number; unreachable?: boolean; cause?: unknown },
) => UpstreamError;

/** What `fetchUpstream` needs besides the URL. */
export type UpstreamRequest = Omit<RequestInit, 'signal'> & {
  /** The whole exchange, body included, must end within this. */
  timeoutMs: number;
  /** Replaces the global fetch (tests, TLS options). */
  fetch?: typeof fetch;
  /** The error class thrown (default UpstreamError). */
  errorClass?: UpstreamErrorClass;
  /** Aborts early as well as the timeout does (e.g. a watch being stopped). */
  signal?: AbortSignal;
  /** What was asked, for the timeout's message: `Vault did not answer sys/mounts within 5 s`. */
  asked?: string;
};

/** The error's low-level reason: ECONNREFUSED, ENOTFOUND, or its message. */
function networkReason(error: unknown): string {
  const cause = (
    error as { cause?: { code?: string; errors?: Array<{ code?: string }> } }
  )?.cause;
  return (
    cause?.code ??
    cause?.errors?.[0]?.code ??
    (error as Error)?.message ??
    String(error)
  );
}

/**
 * Sends one request to an upstream with a timeout and reads its whole body.
 * It throws only when there is no answer: `${what} did not answer within N s`
 * or `${what} cannot be reached (ECONNREFUSED)`, with `unreachable` set. Any
 * HTTP status is returned; `upstreamFailure` words the failed ones.
 *
 * @public
 */
export async function fetchUpstream(
  what: string,
  url: string,
  request: UpstreamRequest,
): Promise<{ response: Response; text: string }> {
  const {
    timeoutMs,
    fetch: fetchFn = fetch,
    errorClass: ErrorClass = UpstreamError,
    signal,
    asked,
    ...init
  } = request;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchFn(url, {
      ...init,
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    return { response, text: await response.text() };
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'AbortError' && signal?.aborted && !timeout.aborted) {
      throw new ErrorClass(`${what}: the request was stopped`, {
        unreachable: true,
        cause: error,
      });
    }
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ErrorClass(
        `${what} did not answer${asked ? ` ${asked}` : ''} within ${
          timeoutMs / 1000
        } s`,
        {
          unreachable: true,
          cause: error,
        },
      );
    }
    throw new ErrorClass(
      `${what} cannot be reached (${networkReason(error)})`,
      {
        unreachable: true,
        cause: error,
      },
    );
  }
}

/**
 * Why a failed answer failed, in a few words: the message of a JSON error
 * (Backstage's `{ error: { message } }`, Kubernetes' and Prometheus'
 * `{ message }`, Vault's `{ errors: [...] }`), "an HTML page" rather than
 * its markup, or the start of the text.
 *
 * @public
 */
export function upstreamReason(text: string): string {
  if (/^\s*</.test(text)) return 'an HTML page';
  try {
    const body = JSON.parse(text);
    const reason =
      body?.error?.message ??
      body?.message ??
      (Array.isArray(body?.errors) ? body.errors.join('; ') : undefined) ??
      (typeof body?.error === 'string' ? body.error : undefined);
    if (typeof reason === 'string' && reason.trim()) {
      return reason.trim().slice(0, 300);
    }
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 200) || 'no reason';
}

/**
 * The error for an answer that is not a success:
 * `${what} answered HTTP 503: reason`, with its status.
 *
 * @public
 */
export function upstreamFailure(
  what: string,
  response: Response,
  text: string,
  ErrorClass: UpstreamErrorClass = UpstreamError,
): UpstreamError {
  return new ErrorClass(
    `${what} answered HTTP ${response.status}: ${upstreamReason(text)}`,
    { status: response.status },
  );
}

/**
 * GETs JSON with a timeout: a 404 is returned (`body` undefined), other
 * failures throw `UpstreamError` naming `what`.
 *
 * @public
 */
export async function getJson<T = any>(
  what: string,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  fetchFn: typeof fetch = fetch,
): Promise<{ status: number; body: T | undefined }> {
  const { response, text } = await fetchUpstream(what, url, {
    headers: { accept: 'application/json', ...headers },
    timeoutMs,
    fetch: fetchFn,
  });
  if (response.status === 404) return { status: 404, body: undefined };
  if (!response.ok) throw upstreamFailure(what, response, text);
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new UpstreamError(`${what} answered with an unreadable body`, {
      status: response.status,
    });
  }
}
