import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';

const deployDir = path.resolve(__dirname, '../../../deploy');

type Manifest = { apiVersion: string; kind: string; metadata: any; spec?: any };

// Models generated from the Kubernetes and ArgoCD OpenAPI schemas: validate()
// checks types, enums and required fields offline.
const models: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': core.Namespace,
  'v1/Service': core.Service,
  'v1/ServiceAccount': core.ServiceAccount,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': networking.Ingress,
  'rbac.authorization.k8s.io/v1/ClusterRole': rbac.ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': rbac.ClusterRoleBinding,
  'argoproj.io/v1alpha1/Application': Application,
};

function load(file: string): Manifest[] {
  return parseAllDocuments(
    fs.readFileSync(path.join(deployDir, file), 'utf8'),
  ).map(doc => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as Manifest;
  });
}

const files = fs
  .readdirSync(deployDir)
  .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const manifests = files.flatMap(file =>
  load(file).map(m => ({ file, manifest: m })),
);
const find = (kind: string, name: string) =>
  manifests.find(
    ({ manifest }) => manifest.kind === kind && manifest.metadata.name === name,
  )?.manifest;

describe('deploy/', () => {
  it.each(
    manifests.map(({ file, manifest }) => [file, manifest.kind, manifest]),
  )('%s: %s is valid against its schema', (_file, _kind, manifest) => {
    const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
    expect(Model).toBeDefined();
    expect(() => new Model(manifest).validate()).not.toThrow();
  });

  it('lists every manifest but the ArgoCD Application in kustomization.yaml', () => {
    const [kustomization] = load('kustomization.yaml') as any[];
    expect([...kustomization.resources].sort()).toEqual(
      files.filter(f => f !== 'argocd-application.yaml').sort(),
    );
  });

  it('runs 2+ portal replicas on one PostgreSQL, with probes and a PDB', () => {
    const portal = find('Deployment', 'homelab-portal')!;
    expect(portal.spec.replicas).toBeGreaterThanOrEqual(2);
    const [backend] = portal.spec.template.spec.containers;
    expect(backend.readinessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(backend.livenessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );

    const pdb = find('PodDisruptionBudget', 'homelab-portal')!;
    expect(pdb.spec.selector.matchLabels).toEqual(
      portal.spec.selector.matchLabels,
    );
    expect(pdb.spec.minAvailable).toBeLessThan(portal.spec.replicas);

    expect(find('StatefulSet', 'homelab-portal-postgres')!.spec.replicas).toBe(
      1,
    );
  });

  it('keeps secrets out of Git: credentials come from a Secret reference', () => {
    const text = files
      .map(f => fs.readFileSync(path.join(deployDir, f), 'utf8'))
      .join('\n');
    expect(manifests.some(({ manifest }) => manifest.kind === 'Secret')).toBe(
      false,
    );
    expect(text).not.toMatch(/(PASSWORD|SECRET)\s*\n\s*value:/);
  });

  it('has ArgoCD sync the deploy/ folder', () => {
    const app = find('Application', 'homelab-portal')!;
    expect(app.spec.source.path).toBe('deploy');
    expect(app.spec.destination.namespace).toBe('homelab-portal');
  });
});

// deploy/ checked against itself, app-config.production.yaml, the README and
// the catalog: every name, port, namespace, secret key and image that one of
// them refers to must exist where it is referred to.
const repoRoot = path.resolve(deployDir, '..');
const read = (file: string) =>
  fs.readFileSync(path.join(repoRoot, file), 'utf8');
const yamlTree = (dir: string): string[] =>
  fs
    .readdirSync(path.join(repoRoot, dir), {
      recursive: true,
      encoding: 'utf8',
    })
    .filter(f => /\.ya?ml$/.test(f))
    .map(f => path.join(dir, f));

const productionFile = 'app-config.production.yaml';
const production = parseAllDocuments(read(productionFile))[0].toJS() as any;
const receiverFile = 'deploy/prometheus/alertmanager-portal-receiver.yaml';
/** Every file that names a Service, namespace or image the portal relies on. */
const referringFiles = [
  ...yamlTree('deploy'),
  productionFile,
  ...yamlTree('catalog'),
];

const catalogEntities = yamlTree('catalog').flatMap(file =>
  parseAllDocuments(read(file))
    .map(doc => doc.toJS() as any)
    .filter(entity => entity?.kind),
);
/** Workloads outside deploy/, as the catalog places them. */
const catalogWorkloads = catalogEntities
  .map(entity => ({
    entity: `${entity.kind}:${entity.metadata.name}`,
    id: entity.metadata.annotations?.['backstage.io/kubernetes-id'],
    namespace:
      entity.metadata.annotations?.['backstage.io/kubernetes-namespace'],
  }))
  .filter(w => w.id && w.namespace);

const deployNamespaces = manifests
  .filter(({ manifest }) => manifest.kind === 'Namespace')
  .map(({ manifest }) => manifest.metadata.name as string);
const deployServices = manifests
  .filter(({ manifest }) => manifest.kind === 'Service')
  .map(({ manifest }) => ({
    name: manifest.metadata.name as string,
    namespace: manifest.metadata.namespace as string,
    ports: manifest.spec.ports as { name?: string; port: number }[],
  }));

/** The API server's own Service, present in every cluster. */
const KUBERNETES_API = 'kubernetes.default.svc';

type ServiceRef = {
  file: string;
  service: string;
  namespace: string;
  port?: number;
  text: string;
};

/** Every `<service>.<namespace>.svc[.cluster.local][:port]` named in a file. */
function serviceRefs(): ServiceRef[] {
  const pattern =
    /(?:(https?):\/\/)?\b([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?:\.cluster\.local)?\b(?::(\d+))?/g;
  return referringFiles.flatMap(file =>
    [...read(file).matchAll(pattern)].map(m => ({
      file,
      service: m[2],
      namespace: m[3],
      port: m[4]
        ? Number(m[4])
        : { http: 80, https: 443 }[m[1] as 'http' | 'https'],
      text: m[0],
    })),
  );
}

/** Where a Service outside deploy/ would run: a catalog entity's workload. */
function catalogWorkloadFor(service: string, namespace: string) {
  // ArgoCD's Service is argocd-server: a workload's Services are named after
  // its kubernetes-id, or start with it.
  return catalogWorkloads.find(
    w =>
      w.namespace === namespace &&
      (service === w.id || service.startsWith(`${w.id}-`)),
  );
}

const SECRET = 'homelab-portal-env';
const containers = manifests.flatMap(({ file, manifest }) =>
  [
    ...((manifest.spec?.template?.spec?.initContainers ?? []) as any[]),
    ...((manifest.spec?.template?.spec?.containers ?? []) as any[]),
  ].map(c => ({
    file,
    workload: `${manifest.kind}/${manifest.metadata.name}`,
    namespace: manifest.metadata.namespace as string,
    container: c,
  })),
);
const secretKeyRefs = containers.flatMap(({ workload, container }) =>
  ((container.env ?? []) as any[])
    .filter(e => e.valueFrom?.secretKeyRef)
    .map(e => ({ workload, env: e.name, ...e.valueFrom.secretKeyRef })),
);
/** The Secret's keys: what the workloads take from it, each by name. */
const secretKeys = [
  ...new Set(
    secretKeyRefs.filter(r => r.name === SECRET).map(r => r.key as string),
  ),
].sort();
const portal = containers.find(
  c =>
    c.workload === 'Deployment/homelab-portal' &&
    c.container.name === 'backend',
)!;

/** The variables of the README's table for the Secret, in its first column. */
function readmeSecretTable(): string[] {
  const readme = read('README.md');
  const start = readme.indexOf(`Create the Secret \`${SECRET}\``);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows = readme
    .slice(start)
    .split('\n')
    .slice(1)
    .map(line => line.trim());
  const table = rows.slice(rows.findIndex(line => line.startsWith('|')));
  const end = table.findIndex(line => !line.startsWith('|'));
  return table
    .slice(2, end === -1 ? undefined : end)
    .flatMap(line => line.split('|')[1].match(/`[A-Z][A-Z0-9_]*`/g) ?? [])
    .map(name => name.slice(1, -1));
}

describe('deploy/ checked against itself, the production config and the catalog', () => {
  it('names Services in deploy/ by their real name, namespace and port', () => {
    const service = (name: string, namespace: string) =>
      deployServices.find(s => s.name === name && s.namespace === namespace);
    const known = deployServices
      .map(s => `${s.name}.${s.namespace}.svc:${s.ports.map(p => p.port)}`)
      .join(', ');
    // <service>.<namespace>.svc[:port] anywhere: Alertmanager's receiver, the
    // production config's allowed hosts, the catalog
    const problems = serviceRefs()
      .filter(ref => deployNamespaces.includes(ref.namespace))
      .filter(ref => {
        const target = service(ref.service, ref.namespace);
        return (
          !target ||
          (ref.port !== undefined &&
            !target.ports.some(p => p.port === ref.port))
        );
      })
      .map(ref => `${ref.file}: ${ref.text} (deploy/ has ${known})`);
    // the Ingress's backends
    for (const { file, manifest } of manifests.filter(
      m => m.manifest.kind === 'Ingress',
    )) {
      for (const rule of manifest.spec.rules) {
        for (const p of rule.http.paths) {
          const target = service(
            p.backend.service.name,
            manifest.metadata.namespace,
          );
          const { name, number } = p.backend.service.port;
          if (
            !target?.ports.some(
              port => port.name === name || port.port === number,
            )
          ) {
            problems.push(
              `${file}: Ingress backend ${p.backend.service.name}:${
                name ?? number
              }`,
            );
          }
        }
      }
    }
    // the StatefulSet's governing Service, and the portal's database
    const db = find('StatefulSet', 'homelab-portal-postgres')!;
    if (!service(db.spec.serviceName, db.metadata.namespace)) {
      problems.push(`StatefulSet serviceName ${db.spec.serviceName}`);
    }
    const env = Object.fromEntries(
      ((portal.container.env ?? []) as any[])
        .filter(e => 'value' in e)
        .map(e => [e.name, e.value]),
    );
    const postgres = service(env.POSTGRES_HOST, portal.namespace);
    if (!postgres?.ports.some(p => String(p.port) === env.POSTGRES_PORT)) {
      problems.push(
        `portal env POSTGRES_HOST:POSTGRES_PORT ${env.POSTGRES_HOST}:${env.POSTGRES_PORT} (deploy/ has ${known})`,
      );
    }
    // Alertmanager posts to the portal's webhook, on a host the portal
    // answers to, for an Alertmanager the portal knows
    const [receiver] = parseAllDocuments(read(receiverFile)).map(d =>
      d.toJS(),
    ) as any[];
    const urls = receiver.receivers.flatMap((r: any) =>
      (r.webhook_configs ?? []).map((w: any) => new URL(w.url)),
    );
    expect(urls).toHaveLength(1);
    const [url] = urls;
    expect(url.pathname).toMatch(/^\/api\/alerts\/webhook\//);
    expect(production.alerts.alertmanagers.map((a: any) => a.name)).toContain(
      url.pathname.replace('/api/alerts/webhook/', ''),
    );
    expect(production.homelab.security.allowedHosts).toContain(url.hostname);
    expect(problems).toEqual([]);
  });

  it('names Services outside deploy/ as the catalog places their workloads', () => {
    const refs = serviceRefs().filter(
      ref =>
        !deployNamespaces.includes(ref.namespace) &&
        `${ref.service}.${ref.namespace}.svc` !== KUBERNETES_API,
    );
    // prometheus, alertmanager, argocd-server and ollama at least
    expect(refs.length).toBeGreaterThanOrEqual(4);
    const unknown = refs
      .filter(ref => !catalogWorkloadFor(ref.service, ref.namespace))
      .map(ref => {
        const byName = catalogWorkloads.filter(
          w => ref.service === w.id || ref.service.startsWith(`${w.id}-`),
        );
        return `${ref.file}: ${ref.text} (the catalog puts ${
          byName.map(w => `${w.id} in ${w.namespace}`).join(', ') ||
          'no workload of that name anywhere'
        })`;
      });
    expect(unknown).toEqual([]);
  });

  it('refers only to namespaces that deploy/ creates or the catalog knows', () => {
    const known = new Set([
      ...deployNamespaces,
      ...catalogWorkloads.map(w => w.namespace),
    ]);
    const referred: [string, string][] = [
      ...manifests
        .filter(({ manifest }) => manifest.metadata.namespace)
        .map(
          ({ file, manifest }) =>
            [
              `${file}: ${manifest.kind}/${manifest.metadata.name}`,
              manifest.metadata.namespace,
            ] as [string, string],
        ),
      ...manifests.flatMap(({ file, manifest }) =>
        ((manifest as any).subjects ?? [])
          .filter((s: any) => s.namespace)
          .map(
            (s: any) =>
              [`${file}: ${manifest.kind} subject`, s.namespace] as [
                string,
                string,
              ],
          ),
      ),
      [
        'deploy/kustomization.yaml',
        (load('kustomization.yaml')[0] as any).namespace,
      ],
      [
        'deploy/argocd-application.yaml: destination',
        find('Application', 'homelab-portal')!.spec.destination.namespace,
      ],
      [
        `${productionFile}: backups.velero`,
        production.backups.velero.namespace,
      ],
      ...serviceRefs()
        .filter(ref => `${ref.service}.${ref.namespace}.svc` !== KUBERNETES_API)
        .map(
          ref =>
            [`${ref.file}: ${ref.text}`, ref.namespace] as [string, string],
        ),
    ];
    expect(referred.length).toBeGreaterThan(10);
    const unknown = referred
      .filter(([, namespace]) => !known.has(namespace))
      .map(([where, namespace]) => `${where}: namespace ${namespace}`);
    expect(unknown).toEqual([]);
  });

  it('names every key the workloads take from the Secret (no envFrom that hides them)', () => {
    const hidden = containers
      .filter(({ container }) =>
        (container.envFrom ?? []).some((e: any) => e.secretRef),
      )
      .map(({ workload }) => workload);
    expect(hidden).toEqual([]);
    expect(secretKeyRefs.map(r => `${r.workload} ${r.env}: ${r.name}`)).toEqual(
      secretKeyRefs.map(r => `${r.workload} ${r.env}: ${SECRET}`),
    );
  });

  it('mounts only volumes that exist, from Secrets that deploy/ creates or cert-manager issues', () => {
    /** Secrets made in deploy/: by hand-free manifests, or by cert-manager from an Ingress's TLS. */
    const made = new Set(
      manifests.flatMap(({ manifest }) => [
        ...(manifest.kind === 'Secret'
          ? [`${manifest.metadata.namespace}/${manifest.metadata.name}`]
          : []),
        ...(manifest.kind === 'Ingress' &&
        manifest.metadata.annotations?.['cert-manager.io/cluster-issuer']
          ? ((manifest.spec.tls ?? []) as any[]).map(
              t => `${manifest.metadata.namespace}/${t.secretName}`,
            )
          : []),
      ]),
    );
    const problems: string[] = [];
    for (const { file, manifest } of manifests) {
      const pod = manifest.spec?.template?.spec;
      if (!pod) continue;
      const volumes = new Map<string, any>(
        ((pod.volumes ?? []) as any[]).map(v => [v.name, v]),
      );
      // A StatefulSet's claims are volumes too.
      const claims = new Set(
        ((manifest.spec.volumeClaimTemplates ?? []) as any[]).map(
          c => c.metadata.name,
        ),
      );
      for (const c of [
        ...((pod.initContainers ?? []) as any[]),
        ...((pod.containers ?? []) as any[]),
      ]) {
        for (const m of (c.volumeMounts ?? []) as any[]) {
          if (!volumes.has(m.name) && !claims.has(m.name))
            problems.push(`${file}: ${c.name} mounts unknown volume ${m.name}`);
        }
      }
      for (const v of volumes.values()) {
        const secretName = v.secret?.secretName;
        if (
          secretName &&
          secretName !== SECRET &&
          !made.has(`${manifest.metadata.namespace}/${secretName}`)
        )
          problems.push(
            `${file}: volume ${v.name} reads Secret ${secretName}, which nothing creates`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it("trusts the homelab's CA: NODE_EXTRA_CA_CERTS is a file the portal mounts from cert-manager's certificate", () => {
    const env = (portal.container.env as any[]).find(
      e => e.name === 'NODE_EXTRA_CA_CERTS',
    );
    expect(env?.value).toBeDefined();
    const mount = (portal.container.volumeMounts as any[]).find(m =>
      env.value.startsWith(`${m.mountPath}/`),
    );
    expect(mount).toBeDefined();
    const deployment = manifests.find(
      ({ manifest }) =>
        manifest.kind === 'Deployment' &&
        manifest.metadata.name === 'homelab-portal',
    )!.manifest;
    const volume = (deployment.spec.template.spec.volumes as any[]).find(
      v => v.name === mount.name,
    );
    const file = env.value.slice(mount.mountPath.length + 1);
    expect(volume.secret.items).toContainEqual({ key: 'ca.crt', path: file });
    // The Secret is the Ingress certificate's, issued by the homelab's PKI.
    const ingress = manifests.find(
      ({ manifest }) =>
        manifest.kind === 'Ingress' &&
        manifest.metadata.name === 'homelab-portal',
    )!.manifest;
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe(
      'vault-pki',
    );
    expect(ingress.spec.tls.map((t: any) => t.secretName)).toContain(
      volume.secret.secretName,
    );
  });

  it('has every ${VAR} of the production config set by the portal Deployment', () => {
    const vars = [
      ...read(productionFile).matchAll(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g,
      ),
    ]
      // a variable with a default needs nothing set
      .filter(m => !m[2])
      .map(m => m[1]);
    expect(vars).toEqual(
      expect.arrayContaining(['PORTAL_BASE_URL', 'ALERTS_WEBHOOK_TOKEN']),
    );
    const set = new Map<string, string>(
      ((portal.container.env ?? []) as any[]).map(e => [
        e.name,
        e.valueFrom?.secretKeyRef?.key ?? (e.value !== undefined ? '' : '?'),
      ]),
    );
    const unset = vars.filter(name => {
      if (!set.has(name)) return true;
      const key = set.get(name)!;
      // a plain value, or a key of the Secret (which the README documents)
      return key !== '' && !secretKeys.includes(key);
    });
    expect([...new Set(unset)]).toEqual([]);
  });

  it('documents every key of the Secret in the README, and no other', () => {
    expect(secretKeys).toEqual(
      expect.arrayContaining(['POSTGRES_PASSWORD', 'AUTH_SESSION_SECRET']),
    );
    expect([...new Set(readmeSecretTable())].sort()).toEqual(secretKeys);
  });

  it('runs versioned images from the homelab registry, never :latest', () => {
    const images = [
      ...containers.map(({ workload, container }) => ({
        where: `deploy/ ${workload}`,
        image: container.image as string,
      })),
      // images named outside the manifests (none today)
      ...referringFiles
        .filter(file => !/^deploy\/[^/]+\.yaml$/.test(file))
        .flatMap(file =>
          [...read(file).matchAll(/^\s*-?\s*image:\s*['"]?([^\s'"#]+)/gm)].map(
            m => ({ where: file, image: m[1] }),
          ),
        ),
    ];
    const bad = images
      .filter(({ image }) => {
        const match =
          /^registry\.lab\.local\/[^:@]+(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(
            image,
          );
        const tag = match?.[1];
        return (
          !match ||
          (!tag && !image.includes('@sha256:')) ||
          (tag && !/^v?\d+\.\d+(\.\d+)?([-+._][0-9A-Za-z.-]+)?$/.test(tag))
        );
      })
      .map(({ where, image }) => `${where}: ${image}`);
    expect(bad).toEqual([]);
  });

  it('tags the portal image with the repository version and pulls it on every rollout', () => {
    const { version } = JSON.parse(read('package.json'));
    expect(portal.container.image).toBe(
      `registry.lab.local/homelab-portal/backend:v${version}`,
    );
    expect(portal.container.imagePullPolicy).toBe('Always');
  });

  it("gives TechDocs a writable copy of docs/, from the same image, since TechDocs writes each site's mkdocs.yml and the root filesystem is read-only", () => {
    expect(portal.container.securityContext.readOnlyRootFilesystem).toBe(true);
    const docsMount = (portal.container.volumeMounts as any[]).find(
      m => m.mountPath === '/app/docs',
    );
    expect(docsMount).toBeDefined();
    expect(docsMount.readOnly).toBeFalsy();
    const pod = manifests.find(
      ({ manifest }) =>
        manifest.kind === 'Deployment' &&
        manifest.metadata.name === 'homelab-portal',
    )!.manifest.spec.template.spec;
    expect((pod.volumes as any[]).find(v => v.name === docsMount.name)).toEqual(
      { name: docsMount.name, emptyDir: {} },
    );
    // An init container fills it from the image's docs/ before the portal starts.
    const init = (pod.initContainers as any[]).find(c =>
      (c.volumeMounts ?? []).some((m: any) => m.name === docsMount.name),
    );
    expect(init.image).toBe(portal.container.image);
    const target = init.volumeMounts.find(
      (m: any) => m.name === docsMount.name,
    ).mountPath;
    expect(init.command).toEqual(['cp', '-R', '/app/docs/.', `${target}/`]);
    expect(init.securityContext.readOnlyRootFilesystem).toBe(true);
    // the image has the sites where the init container copies them from
    expect(read('packages/backend/Dockerfile')).toMatch(
      /^COPY .*\bdocs \.\/docs$/m,
    );
  });

  it('runs the backend with jemalloc: the image installs it, preloads it by a name the loader finds on any architecture, and the pod keeps it', () => {
    // one instruction per line: continuation lines joined
    const dockerfile = read('packages/backend/Dockerfile').replace(
      /\\\n/g,
      ' ',
    );
    expect(dockerfile).toMatch(/^RUN .*apt-get install [^&]*\blibjemalloc2\b/m);
    expect(dockerfile).toMatch(/^ENV LD_PRELOAD=libjemalloc\.so\.2$/m);
    // a pod env, or a container command through a shell, would drop it
    const names = ((portal.container.env ?? []) as any[]).map(e => e.name);
    expect(names).not.toContain('LD_PRELOAD');
    expect(portal.container.command).toBeUndefined();
    // the machines that run the smoke test, the rehearsal and the benches
    // install the same package
    expect(read('scripts/system-packages.sh')).toMatch(
      /libjemalloc\.so\.2\|libjemalloc2\|/,
    );
  });
});
