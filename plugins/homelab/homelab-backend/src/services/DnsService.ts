import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DnsNameRow,
  DnsNameUse,
  DnsReport,
  answeringServer,
  catalogDnsNames,
  checkDns,
  inLabZone,
  refOf,
} from '@homelab-portal/plugin-homelab-common';
import {
  Cluster,
  KubernetesApi,
  fetchUpstream,
  parseDnsmasqServers,
  parseGoZones,
  upstreamFailure,
} from '@homelab-portal/plugin-homelab-node';

const ZONES_FILE = 'platform/dns/gozones/zones.yml';
const PIHOLE_FILE = 'platform/dns/pihole/02-lab-local.conf';
const MAX_BYTES = 1_000_000;
const KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** Where the GitOps repository's DNS files are: a folder, or a URL the UrlReader reads. */
export type GitopsLocation = { dir: string } | { url: string };

/** Reads one file of the GitOps tree, bounded. */
export async function readGitopsFile(
  location: GitopsLocation,
  path: string,
  urlReader?: UrlReaderService,
): Promise<{ text: string; where: string }> {
  let text: string;
  let where: string;
  if ('dir' in location) {
    where = join(location.dir, path);
    text = await readFile(where, 'utf8');
  } else {
    if (!urlReader) throw new Error('reading a GitOps URL needs a UrlReader');
    where = `${location.url.replace(/\/+$/, '')}/${path}`;
    const response = await urlReader.readUrl(where);
    text = (await response.buffer()).toString('utf8');
  }
  if (text.length > MAX_BYTES) {
    throw new InputError(`${where} is larger than ${MAX_BYTES} bytes`);
  }
  return { text, where };
}

/** The names Kubernetes Ingresses serve under lab.local, with the entity behind each. */
export function ingressNames(
  // any: Ingresses as the Kubernetes API returns them, read with optional chaining
  ingresses: any[],
  entities: Entity[],
  cluster: string,
): DnsNameUse[] {
  const byId = new Map<string, string>();
  for (const entity of entities) {
    const id = entity.metadata.annotations?.[KUBERNETES_ID];
    if (id) byId.set(id, refOf(entity));
  }
  const uses: DnsNameUse[] = [];
  for (const ingress of ingresses) {
    if (!ingress || typeof ingress !== 'object') continue;
    const meta = ingress.metadata ?? {};
    const id = meta.labels?.[KUBERNETES_ID] ?? meta.labels?.app;
    const entityRef =
      (typeof id === 'string' && byId.get(id)) ||
      `ingress ${cluster}/${String(meta.namespace ?? '')}/${String(
        meta.name ?? '',
      )}`;
    const hosts = new Set<string>();
    for (const rule of Array.isArray(ingress.spec?.rules)
      ? ingress.spec.rules
      : []) {
      if (typeof rule?.host === 'string') hosts.add(rule.host.toLowerCase());
    }
    for (const host of hosts) {
      if (inLabZone(host)) uses.push({ name: host, entityRef, via: 'ingress' });
    }
  }
  return uses;
}

/** The names exposed-service requests (Kratix) ask for, with the service behind each. */
export function requestNames(
  // any: Kratix requests as the Kubernetes API returns them, read with optional chaining
  requests: any[],
  entities: Entity[],
): DnsNameUse[] {
  const byId = new Map<string, string>();
  for (const entity of entities) {
    const id = entity.metadata.annotations?.[KUBERNETES_ID];
    if (id) byId.set(id, refOf(entity));
  }
  const uses: DnsNameUse[] = [];
  for (const request of requests) {
    if (request?.promise !== 'exposed-service') continue;
    if (request.state === 'closed' || request.state === 'failed') continue;
    const host = request.parameters?.hostname;
    if (typeof host !== 'string' || !inLabZone(host.toLowerCase())) continue;
    const service = request.parameters?.serviceName;
    const entityRef =
      (typeof service === 'string' && byId.get(service)) ||
      `request ${String(request.namespace ?? 'default')}/${String(
        request.name ?? '',
      )}`;
    uses.push({ name: host.toLowerCase(), entityRef, via: 'promise' });
  }
  return uses;
}

/**
 * The DNS view: GoZones' records and Pi-hole's forwarding from the GitOps
 * repository, the lab names the catalog, the clusters' Ingresses and
 * exposed-service requests use, which server answers each, and the problems
 * checkDns finds. A source other than Git that cannot be read is a warning.
 */
export class DnsService {
  constructor(
    private readonly deps: {
      location: GitopsLocation;
      catalog: CatalogService;
      logger: LoggerService;
      urlReader?: UrlReaderService;
      clusters?: Cluster[];
      kubernetes?: KubernetesApi;
      discovery?: DiscoveryService;
      auth?: AuthService;
      fetch?: typeof fetch;
      source: DnsReport['source'];
    },
  ) {}

  private async readConfig() {
    const zones = await readGitopsFile(
      this.deps.location,
      ZONES_FILE,
      this.deps.urlReader,
    );
    const pihole = await readGitopsFile(
      this.deps.location,
      PIHOLE_FILE,
      this.deps.urlReader,
    );
    return {
      ...parseGoZones(zones.text, zones.where),
      ...parseDnsmasqServers(pihole.text, pihole.where),
    };
  }

  private async ingressUses(entities: Entity[], warnings: string[]) {
    const { clusters = [], kubernetes } = this.deps;
    if (!kubernetes) return [];
    const uses: DnsNameUse[] = [];
    for (const cluster of clusters) {
      try {
        const { body } = await kubernetes.get(
          cluster,
          '/apis/networking.k8s.io/v1/ingresses?limit=500',
        );
        if (!Array.isArray(body?.items)) {
          throw new Error('its answer has no items list');
        }
        uses.push(...ingressNames(body.items, entities, cluster.name));
      } catch (error) {
        warnings.push(
          `Ingresses of ${cluster.name} not read: ${(error as Error).message}`,
        );
      }
    }
    return uses;
  }

  private async requestUses(entities: Entity[], warnings: string[]) {
    const { discovery, auth } = this.deps;
    if (!discovery || !auth) return [];
    try {
      const base = await discovery.getBaseUrl('kratix');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'kratix',
      });
      const what = 'the kratix plugin';
      const { response, text } = await fetchUpstream(
        what,
        `${base}/requests?promise=exposed-service&limit=100`,
        {
          headers: { authorization: `Bearer ${token}` },
          timeoutMs: 5000,
          fetch: this.deps.fetch,
        },
      );
      if (response.status === 404) return [];
      if (!response.ok) throw upstreamFailure(what, response, text);
      const body = JSON.parse(text);
      if (!Array.isArray(body?.items)) {
        throw new Error('its answer has no items list');
      }
      return requestNames(body.items, entities);
    } catch (error) {
      warnings.push(
        `Exposed-service requests (Kratix) not read: ${
          (error as Error).message
        }`,
      );
      return [];
    }
  }

  async report(credentials: BackstageCredentials): Promise<DnsReport> {
    const config = await this.readConfig();
    const { items: entities } = await this.deps.catalog.getEntities(
      {
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.links',
          'metadata.annotations',
          'spec.type',
          'spec.hardware',
          'spec.cluster',
        ],
      },
      { credentials },
    );
    const warnings: string[] = [];
    const [ingresses, requests] = await Promise.all([
      this.ingressUses(entities, warnings),
      this.requestUses(entities, warnings),
    ]);
    const uses = [...catalogDnsNames(entities), ...ingresses, ...requests];
    // one use per name, entity and way (a link and an ingress to one name
    // from one service are both kept: they say where the name comes from)
    const seen = new Set<string>();
    const unique = uses.filter(use => {
      const key = `${use.name} ${use.entityRef} ${use.via}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const problems = checkDns(config.records, unique, {
      infrastructure: config.infrastructure,
    });
    const labZoneServer =
      config.forwards.find(f => inLabZone(f.domain))?.server ??
      'no Pi-hole forward for lab.local';
    const names = new Set([
      ...config.records.map(r => r.name),
      ...unique.map(u => u.name),
    ]);
    const rows: DnsNameRow[] = [...names]
      .sort((a, b) => a.localeCompare(b, 'en-US'))
      .map(name => ({
        name,
        records: config.records.filter(r => r.name === name),
        ...answeringServer(name, {
          labZoneServer,
          upstreams: config.upstreams,
        }),
        uses: unique.filter(u => u.name === name),
      }));
    if (warnings.length) {
      this.deps.logger.warn(`DNS view: ${warnings.join('; ')}`);
    }
    return {
      source: this.deps.source,
      location:
        'dir' in this.deps.location
          ? this.deps.location.dir
          : this.deps.location.url,
      at: new Date().toISOString(),
      zones: config.zones,
      forwards: config.forwards,
      upstreams: config.upstreams,
      names: rows,
      problems,
      warnings,
    };
  }
}
