// Browser tests: ArgoCD's API as the portal's proxy sees it (no ArgoCD runs
// here). One Application per catalog service that names one with
// `argocd/app-name`, each checked against ArgoCD's Application schema by the
// fake: all Synced and Healthy except Jellyfin, which is OutOfSync and
// Degraded. Started by playwright.config.ts; the backend's proxy reaches it
// with the token from e2e/app-config.e2e.yaml.
import { FakeArgoCd, seedCatalog } from '@homelab-portal/test-utils';

const port = Number(process.env.E2E_ARGOCD_PORT ?? 7092);
const argocd = new FakeArgoCd('e2e-argocd-token');

const deployedAt = '2026-11-20T08:00:00Z';
for (const entity of seedCatalog()) {
  const name = entity.metadata.annotations?.['argocd/app-name'];
  if (!name) continue;
  const broken = name === 'jellyfin';
  const revision = broken ? '5f1c2e9' : '9a7b3c1';
  argocd.set({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://git.lab.local/homelab/gitops.git',
        path: `apps/${name}`,
        targetRevision: 'main',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace:
          entity.metadata.annotations?.['backstage.io/kubernetes-namespace'] ??
          name,
      },
    },
    status: {
      sync: { status: broken ? 'OutOfSync' : 'Synced', revision },
      health: broken
        ? { status: 'Degraded', message: 'Deployment has 0/1 ready pods' }
        : { status: 'Healthy' },
      operationState: {
        operation: { sync: { revision } },
        phase: broken ? 'Failed' : 'Succeeded',
        message: broken
          ? 'one or more objects failed to apply'
          : 'successfully synced (all tasks run)',
        startedAt: '2026-11-20T07:59:30Z',
        finishedAt: deployedAt,
      },
      history: [
        {
          id: 0,
          revision: '1d0e4b8',
          deployStartedAt: '2026-11-13T07:59:30Z',
          deployedAt: '2026-11-13T08:00:00Z',
          source: {
            repoURL: 'https://git.lab.local/homelab/gitops.git',
            path: `apps/${name}`,
            targetRevision: 'main',
          },
        },
        {
          id: 1,
          revision,
          deployStartedAt: '2026-11-20T07:59:30Z',
          deployedAt,
          source: {
            repoURL: 'https://git.lab.local/homelab/gitops.git',
            path: `apps/${name}`,
            targetRevision: 'main',
          },
        },
      ],
    },
  });
}

argocd.revisions.set('1d0e4b8', {
  author: 'Admin <admin@lab.local>',
  date: '2026-11-13T07:58:00Z',
  message: 'Initial deployment',
});
argocd.revisions.set('9a7b3c1', {
  author: 'Admin <admin@lab.local>',
  date: '2026-11-20T07:58:00Z',
  message: 'Bump chart versions',
});
argocd.revisions.set('5f1c2e9', {
  author: 'Admin <admin@lab.local>',
  date: '2026-11-20T07:58:00Z',
  message: 'jellyfin: move media to the NAS share',
});

argocd.start(port).then(url => {
  // playwright waits for this line's URL to answer
  console.log(
    `fake ArgoCD on ${url} (${argocd.applications.size} applications)`,
  );
});
process.on('SIGTERM', () => argocd.stop().then(() => process.exit(0)));
