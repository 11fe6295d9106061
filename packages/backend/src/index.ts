import { createBackend } from '@backstage/backend-defaults';
import { homelabRootHttpRouter } from './security/rootHttpRouter';
import { homelabDatabaseServiceFactory } from './startup/databaseServiceFactory';

const backend = createBackend();

// One replica at a time runs the migrations; stale migration locks are cleared.
backend.add(homelabDatabaseServiceFactory);

// Host-header check (DNS rebinding) and the proxy's allow-list, ahead of every route.
backend.add(homelabRootHttpRouter);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest for the local start, Keycloak (OIDC) in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(
  import('@homelab-portal/plugin-auth-backend-module-homelab-sign-in'),
);

// The catalog, fed from catalog/ and templates/ (see app-config.yaml).
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Entities that fail processing, listed for the "Unprocessed entities" page.
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
// The homelab model: validation and relations (service, node, VLAN, storage tier).
backend.add(import('@homelab-portal/plugin-catalog-backend-module-homelab'));
// Kratix Promises as API entities and generated request templates (kratix.promises).
backend.add(import('@homelab-portal/plugin-catalog-backend-module-kratix'));

// Self-service: GitOps pull requests on GitHub, GitLab and Gitea/Forgejo.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitea'));
// publish:gitea:pull-request: GitOps pull requests on Gitea and Forgejo.
backend.add(
  import('@homelab-portal/plugin-scaffolder-backend-module-gitea-pull-request'),
);
// kratix:request: a validated Kratix resource request for a Promise.
backend.add(import('@homelab-portal/plugin-scaffolder-backend-module-kratix'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// cybernetics:change:write: an approved decision's change, for its pull request.
backend.add(
  import('@homelab-portal/plugin-scaffolder-backend-module-cybernetics'),
);

// Permissions: every signed-in user reads, the admins act.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@homelab-portal/plugin-permission-backend-module-homelab-policy'),
);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
// Builds every TechDocs site, then indexes it: the runbooks are searchable from the start.
backend.add(
  import('@homelab-portal/plugin-search-backend-module-techdocs-prebuild'),
);
backend.add(import('@homelab-portal/plugin-search-backend-module-homelab'));
backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-kubernetes-backend'));

// Kratix: requests made through the templates, followed from pull request to Ready.
backend.add(import('@homelab-portal/plugin-kratix-backend'));
// Energy: Kepler power and energy per entity (a demo simulation without Prometheus).
backend.add(import('@homelab-portal/plugin-energy-backend'));
// Alerts: Alertmanager alerts on entities, silences, history (a demo without Alertmanager).
backend.add(import('@homelab-portal/plugin-alerts-backend'));
// Backups: Velero and restic against the backup policy (a demo without clusters or repositories).
backend.add(import('@homelab-portal/plugin-backups-backend'));

// Cybernetic decisions: sense through the three plugins above, decide, act on approval, verify.
backend.add(import('@homelab-portal/plugin-cybernetics-backend'));
// The homelab's names (DNS in Git against the catalog) and secrets inventory
// (Vault metadata only; the seed's secrets, labelled demo, without Vault).
backend.add(import('@homelab-portal/plugin-homelab-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// A failed start ends the process, so that Kubernetes restarts the pod
// (otherwise it stays alive, liveness 200, never ready).
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error('Backend startup failed; exiting', error);
  process.exit(1);
});
