import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CustomErrorBase, ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';
// The sites are few (a homelab's docs); more than this is a runaway catalog.
const MAX_SITES = 500;
const PAGE_SIZE = 100;

/**
 * A TechDocs site that did not build: the TechDocs backend's own message
 * (mkdocs missing, a bad mkdocs.yml), or its HTTP status.
 * @public
 */
export class TechDocsBuildError extends CustomErrorBase {
  name = 'TechDocsBuildError' as const;
}

/** @public */
export type SiteBuildResult = {
  entityRef: string;
  /** true: built now; false: unchanged since the last build. */
  updated?: boolean;
  /** Why it did not build. */
  error?: string;
  durationMs: number;
};

/**
 * Builds TechDocs sites the way the Docs page does: through the TechDocs
 * backend's `/sync/:namespace/:kind/:name` (which prepares, runs mkdocs and
 * publishes), with this plugin's service token. The backend builds a site at
 * most once a minute and reports `updated: false` when it did not.
 * @public
 */
export class TechDocsSiteBuilder {
  private constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      catalog: CatalogService;
      logger: LoggerService;
      buildTimeoutMs: number;
    },
  ) {}

  static create(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    catalog: CatalogService;
    logger: LoggerService;
    buildTimeoutMs?: number;
  }): TechDocsSiteBuilder {
    return new TechDocsSiteBuilder({
      ...deps,
      buildTimeoutMs: deps.buildTimeoutMs ?? 300_000,
    });
  }

  /** The entities that have a site of their own (techdocs-ref). */
  async listSites(): Promise<CompoundEntityRef[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const sites: CompoundEntityRef[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: {
                [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS,
              },
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of page.items) {
        sites.push({
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        });
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor && sites.length < MAX_SITES);
    return sites.slice(0, MAX_SITES);
  }

  /** Builds one site; throws TechDocsBuildError when it does not build. */
  async build(site: CompoundEntityRef): Promise<{ updated: boolean }> {
    const base = await this.deps.discovery.getBaseUrl('techdocs');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'techdocs',
    });
    const path = [site.namespace, site.kind, site.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    let res: Response;
    let body: string;
    try {
      res = await fetch(`${base}/sync/${path}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(this.deps.buildTimeoutMs),
      });
      if (!res.ok) throw await ResponseError.fromResponse(res);
      // an event stream that ends after its finish or error event
      body = await res.text();
    } catch (error) {
      if (error instanceof ResponseError) {
        throw new TechDocsBuildError(
          `TechDocs answered ${error.response.status}`,
          error,
        );
      }
      throw new TechDocsBuildError('TechDocs did not answer', error);
    }
    const last = lastEvent(body);
    if (last?.event === 'finish') {
      return {
        updated: Boolean((last.data as { updated?: unknown })?.updated),
      };
    }
    if (last?.event === 'error') {
      throw new TechDocsBuildError(String(last.data));
    }
    throw new TechDocsBuildError('TechDocs ended the build without a result');
  }

  /**
   * Builds every site in turn (mkdocs is CPU-bound); never throws for one
   * site. Right after the backend starts, the catalog may not have read the
   * sites' entities yet: with none found, it looks again every few seconds
   * for up to `waitForSitesMs`, and after building it builds any site that
   * appeared meanwhile.
   */
  async buildAll(
    options: { waitForSitesMs?: number; pollMs?: number } = {},
  ): Promise<SiteBuildResult[]> {
    const { waitForSitesMs = 0, pollMs = 5_000 } = options;
    const deadline = Date.now() + waitForSitesMs;
    let sites = await this.listSites();
    while (sites.length === 0 && Date.now() + pollMs <= deadline) {
      await new Promise(resolve => setTimeout(resolve, pollMs));
      sites = await this.listSites();
    }
    const results = await this.buildEach(sites);
    const seen = new Set(results.map(r => r.entityRef));
    const appeared = (await this.listSites()).filter(
      site => !seen.has(stringifyEntityRef(site)),
    );
    return results.concat(await this.buildEach(appeared));
  }

  private async buildEach(
    sites: CompoundEntityRef[],
  ): Promise<SiteBuildResult[]> {
    const results: SiteBuildResult[] = [];
    for (const site of sites) {
      const entityRef = stringifyEntityRef(site);
      const started = Date.now();
      try {
        const { updated } = await this.build(site);
        results.push({ entityRef, updated, durationMs: Date.now() - started });
      } catch (error) {
        const message =
          error instanceof TechDocsBuildError && error.cause
            ? `${error.message}: ${error.cause.message}`
            : (error as Error).message;
        this.deps.logger.warn(
          `TechDocs site ${entityRef} did not build, so Docs search cannot find its pages: ${message}`,
        );
        results.push({
          entityRef,
          error: message,
          durationMs: Date.now() - started,
        });
      }
    }
    return results;
  }
}

/** The last `event:`/`data:` pair of a server-sent event stream. */
function lastEvent(
  stream: string,
): { event: string; data: unknown } | undefined {
  let last: { event: string; data: unknown } | undefined;
  for (const block of stream.split(/\r?\n\r?\n/)) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length === 0) continue;
    const text = data.join('\n');
    try {
      last = { event, data: JSON.parse(text) };
    } catch {
      last = { event, data: text };
    }
  }
  return last;
}
