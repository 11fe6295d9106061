import { UpstreamError, getJson } from '@homelab-portal/plugin-homelab-node';
import { ArgoApplicationReadiness } from '@homelab-portal/plugin-backups-common';

export type ArgoCdSettings = {
  /** e.g. http://argocd-server.argocd.svc */
  baseUrl: string;
  /** Never logged. */
  token?: string;
};

/**
 * Lists ArgoCD's Applications (`GET /api/v1/applications`, with a read-only
 * token) and reads from each whether ArgoCD applies Git by itself
 * (`spec.syncPolicy.automated`) and undoes drift (`automated.selfHeal`).
 */
export class ArgoCdReader {
  constructor(
    private readonly options: ArgoCdSettings & {
      timeoutMs: number;
      fetch?: typeof fetch;
    },
  ) {}

  async applications(): Promise<ArgoApplicationReadiness[]> {
    const { baseUrl, token, timeoutMs } = this.options;
    let host: string;
    try {
      host = new URL(baseUrl).host;
    } catch {
      throw new UpstreamError(`ArgoCD's baseUrl "${baseUrl}" is not a URL`);
    }
    const what = `ArgoCD (${host})`;
    const { status, body } = await getJson(
      what,
      `${baseUrl.replace(/\/+$/, '')}/api/v1/applications`,
      token ? { authorization: `Bearer ${token}` } : {},
      timeoutMs,
      this.options.fetch ?? fetch,
    );
    if (status === 404) {
      throw new UpstreamError(`${what} does not serve /api/v1/applications`);
    }
    // ArgoCD answers an empty list with "items": null
    const items = body?.items ?? [];
    if (!Array.isArray(items)) {
      throw new UpstreamError(`${what} answered applications without items`);
    }
    return (
      items
        // any: ArgoCD's Application JSON, read with optional chaining
        .filter((app: any) => typeof app?.metadata?.name === 'string')
        // any: ArgoCD's Application JSON, read with optional chaining
        .map((app: any) => {
          const automated = app.spec?.syncPolicy?.automated;
          return {
            name: app.metadata.name,
            automated: Boolean(automated),
            selfHeal: Boolean(automated?.selfHeal),
            prune: Boolean(automated?.prune),
            sync: app.status?.sync?.status,
            health: app.status?.health?.status,
          };
        })
    );
  }
}
