import {
  UpstreamError,
  fetchUpstream,
} from '@homelab-portal/plugin-homelab-node';

/**
 * Prometheus could not give an answer: it was unreachable, too slow, or
 * answered with an error or something that is not its API.
 */
export class PrometheusError extends UpstreamError {}

export type PrometheusSample = {
  metric: Record<string, string>;
  value: [number, string];
};

export type PrometheusSeries = {
  metric: Record<string, string>;
  values: Array<[number, string]>;
};

export type PrometheusAnswer<T> = { result: T[]; warnings: string[] };

export type PrometheusClientOptions = {
  baseUrl: string;
  timeoutMs: number;
  /** Sent as a bearer token; never logged. */
  token?: string;
  fetch?: typeof fetch;
};

/** Prometheus's limit on points per series in a range query. */
export const MAX_POINTS = 11000;

/**
 * A small client for Prometheus's HTTP API v1. Queries go as form posts (no
 * URL length limit); every request has a timeout, which Prometheus is told
 * as well so that it stops work nobody waits for.
 */
export class PrometheusClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: PrometheusClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async query(
    query: string,
    time: Date,
  ): Promise<PrometheusAnswer<PrometheusSample>> {
    const data = await this.post('query', {
      query,
      time: String(time.getTime() / 1000),
    });
    return this.expect<PrometheusSample>(data, 'vector');
  }

  async queryRange(
    query: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<PrometheusAnswer<PrometheusSeries>> {
    const points = (end.getTime() - start.getTime()) / 1000 / stepSeconds;
    if (points > MAX_POINTS) {
      throw new PrometheusError(
        `A range query of ${Math.ceil(
          points,
        )} points exceeds Prometheus's limit of ${MAX_POINTS}`,
      );
    }
    const data = await this.post('query_range', {
      query,
      start: String(start.getTime() / 1000),
      end: String(end.getTime() / 1000),
      step: String(stepSeconds),
    });
    return this.expect<PrometheusSeries>(data, 'matrix');
  }

  private async post(
    endpoint: string,
    params: Record<string, string>,
    // any: Prometheus' JSON, narrowed by the query methods that read it
  ): Promise<{ body: any; status: number }> {
    const url = `${this.options.baseUrl.replace(
      /\/+$/,
      '',
    )}/api/v1/${endpoint}`;
    const timeoutSeconds = this.options.timeoutMs / 1000;
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (this.options.token) {
      headers.authorization = `Bearer ${this.options.token}`;
    }
    const { response, text } = await fetchUpstream('Prometheus', url, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ ...params, timeout: `${timeoutSeconds}s` }),
      timeoutMs: this.options.timeoutMs,
      fetch: this.fetch,
      errorClass: PrometheusError,
    });
    // any: Prometheus' JSON as parsed, checked just below
    let body: any;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const kind = /^\s*</.test(text) ? 'an HTML page' : 'an unreadable body';
      throw new PrometheusError(
        `Prometheus answered HTTP ${response.status} with ${kind}, not its API's JSON`,
        { status: response.status },
      );
    }
    if (body?.status === 'error') {
      throw new PrometheusError(
        `Prometheus refused the query (${body.errorType ?? 'error'}): ${
          body.error ?? 'no reason given'
        }`,
        { status: response.status },
      );
    }
    if (!response.ok || body?.status !== 'success') {
      throw new PrometheusError(
        `Prometheus answered HTTP ${response.status} without a result`,
        { status: response.status },
      );
    }
    return { body, status: response.status };
  }

  private expect<T>(
    // any: Prometheus' JSON as parsed, checked here
    data: { body: any },
    resultType: 'vector' | 'matrix',
  ): PrometheusAnswer<T> {
    const payload = data.body.data;
    if (payload?.resultType !== resultType || !Array.isArray(payload.result)) {
      throw new PrometheusError(
        `Prometheus answered with a ${
          payload?.resultType ?? 'missing'
        } result where a ${resultType} was expected`,
      );
    }
    const warnings = [
      ...(Array.isArray(data.body.warnings) ? data.body.warnings : []),
      ...(Array.isArray(data.body.infos) ? data.body.infos : []),
    ].map(w => `Prometheus: ${String(w)}`);
    return { result: payload.result as T[], warnings };
  }
}

/** A sample's value, with NaN and infinities as no data. */
export function sampleValue(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
