import { Matcher } from '@homelab-portal/plugin-alerts-common';
import {
  UpstreamError,
  fetchUpstream,
  upstreamFailure,
} from '@homelab-portal/plugin-homelab-node';

/** An Alertmanager could not answer: unreachable, too slow, or refusing. */
export class AlertmanagerError extends UpstreamError {
  /** Alertmanager's HTTP status, for the router (a 400 is bad input). */
  get upstreamStatus(): number | undefined {
    return this.status;
  }
}

/** `gettableAlert` in Alertmanager's API v2 (mutedBy only in newer ones). */
export type GettableAlert = {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  receivers: Array<{ name: string }>;
  status: {
    state: 'unprocessed' | 'active' | 'suppressed';
    silencedBy: string[];
    inhibitedBy: string[];
    mutedBy?: string[];
  };
};

/** `gettableSilence` in Alertmanager's API v2. */
export type GettableSilence = {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  createdBy: string;
  comment: string;
  status: { state: 'expired' | 'active' | 'pending' };
};

/** `postableSilence` in Alertmanager's API v2. */
export type PostableSilence = {
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
};

export type AlertmanagerClientOptions = {
  name: string;
  baseUrl: string;
  timeoutMs: number;
  /** A bearer token for an Alertmanager behind a proxy; never logged. */
  token?: string;
  fetch?: typeof fetch;
};

/** A client for one Alertmanager's API v2 (see the fixtures' openapi.yaml). */
export class AlertmanagerClient {
  private readonly fetch: typeof fetch;

  constructor(readonly options: AlertmanagerClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  get name() {
    return this.options.name;
  }

  async getAlerts(): Promise<GettableAlert[]> {
    const alerts = await this.request('GET', '/alerts');
    if (!Array.isArray(alerts)) {
      throw new AlertmanagerError(
        `Alertmanager ${this.name} answered /alerts with something that is not a list`,
      );
    }
    return alerts;
  }

  async getSilences(): Promise<GettableSilence[]> {
    const silences = await this.request('GET', '/silences');
    if (!Array.isArray(silences)) {
      throw new AlertmanagerError(
        `Alertmanager ${this.name} answered /silences with something that is not a list`,
      );
    }
    return silences;
  }

  async postSilence(silence: PostableSilence): Promise<string> {
    const answer = await this.request('POST', '/silences', silence);
    if (typeof answer?.silenceID !== 'string') {
      throw new AlertmanagerError(
        `Alertmanager ${this.name} did not return a silence id`,
      );
    }
    return answer.silenceID;
  }

  async deleteSilence(id: string): Promise<void> {
    await this.request('DELETE', `/silence/${encodeURIComponent(id)}`);
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    // any: Alertmanager's JSON, cast by each caller to its generated type
  ): Promise<any> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/api/v2${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token)
      headers.authorization = `Bearer ${this.options.token}`;
    const what = `Alertmanager ${this.name}`;
    const { response, text } = await fetchUpstream(what, url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: this.options.timeoutMs,
      fetch: this.fetch,
      errorClass: AlertmanagerError,
    });
    if (!response.ok) {
      throw upstreamFailure(what, response, text, AlertmanagerError);
    }
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new AlertmanagerError(
        `${what} answered HTTP ${response.status} with an unreadable body`,
        { status: response.status },
      );
    }
  }
}
