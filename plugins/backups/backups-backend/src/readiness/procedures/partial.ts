/** Procedure 1, partial failure: which ArgoCD applications heal themselves. */
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  PartialReadiness,
  ReadinessStatus,
} from '@homelab-portal/plugin-backups-common';
import { ECOSYSTEM_ANNOTATIONS } from '@homelab-portal/plugin-homelab-common';
import {
  EntityLine,
  ReadinessInputs,
  ReadinessSettings,
  procedure,
} from './common';

export function partial(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
): PartialReadiness {
  const base = {
    ...procedure('partial'),
    runbookUrl: settings.runbooks.partial,
  };
  if (inputs.argocd.state === 'absent') {
    return {
      ...base,
      status: 'unknown',
      summary: 'ArgoCD is not configured',
      reasons: [
        'Set backups.argocd.baseUrl and backups.argocd.token (a read-only ArgoCD token) to see which applications heal themselves.',
      ],
      applications: [],
    };
  }
  if (inputs.argocd.state === 'failed') {
    return {
      ...base,
      status: 'unknown',
      summary: 'ArgoCD cannot be read',
      reasons: [inputs.argocd.error],
      applications: [],
    };
  }
  const byApp = new Map<string, string>();
  for (const entity of inputs.entities) {
    const app =
      entity.metadata.annotations?.[ECOSYSTEM_ANNOTATIONS.argocdAppName];
    if (app && !byApp.has(app)) byApp.set(app, stringifyEntityRef(entity));
  }
  const applications = inputs.argocd.applications
    .map(app => ({ ...app, entityRef: byApp.get(app.name) }))
    .sort(
      (a, b) =>
        Number(a.selfHeal) - Number(b.selfHeal) || a.name.localeCompare(b.name),
    );
  const healing = applications.filter(a => a.selfHeal).length;
  const reasons = applications
    .filter(a => !a.selfHeal)
    .map(a =>
      a.automated
        ? `${a.name} syncs from Git by itself but does not undo changes made in the cluster (selfHeal is off)`
        : `${a.name} is synced by hand only (no automated sync policy)`,
    );
  if (applications.length === 0) {
    return {
      ...base,
      status: 'unknown',
      summary: 'ArgoCD has no applications',
      reasons: ['ArgoCD deploys nothing yet: nothing heals from Git.'],
      applications,
    };
  }
  return {
    ...base,
    status: partialStatus(healing, applications.length),
    summary: `${healing} of ${applications.length} ArgoCD applications heal themselves from Git`,
    reasons,
    applications,
  };
}

function partialStatus(healing: number, total: number): ReadinessStatus {
  if (healing === total) return 'ready';
  if (healing === 0) return 'not-ready';
  return 'at-risk';
}

export function entityPartial(
  p: PartialReadiness,
  appName: string | undefined,
): EntityLine {
  if (!appName) {
    return {
      status: 'unknown',
      summary: 'Not deployed by ArgoCD (no argocd/app-name annotation)',
    };
  }
  const app = p.applications.find(x => x.name === appName);
  if (!app) {
    return {
      status: 'unknown',
      summary:
        p.applications.length === 0
          ? p.summary
          : `ArgoCD has no application ${appName}`,
    };
  }
  if (app.selfHeal) {
    return {
      status: 'ready',
      summary: `ArgoCD application ${app.name} heals itself from Git`,
    };
  }
  return {
    status: 'at-risk',
    summary: app.automated
      ? `ArgoCD application ${app.name} syncs by itself, but selfHeal is off: drift stays`
      : `ArgoCD application ${app.name} is synced by hand only`,
  };
}
