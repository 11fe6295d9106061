import { test, expect } from '@playwright/test';
import {
  INTEGRATIONS_URL,
  recordOutsideRequests,
  signInAsGuest,
} from './guest';

// The cluster view (Backstage's Kubernetes cluster plugin) on the cluster
// entity, from the second backend of playwright.config.ts, whose
// Kubernetes plugin sees the fake API server of e2e/fake-kube.ts: the seed's
// three SFF nodes (sff-3 cordoned), the Kratix and Velero CRDs, and each
// service's workload (Jellyfin's pod crash-looping).
test.use({ baseURL: INTEGRATIONS_URL });

test('the cluster entity has the cluster view: overview, API groups and nodes', async ({
  page,
}) => {
  const outside = recordOutsideRequests(page);
  await signInAsGuest(page, '/catalog/default/resource/homelab-cluster');
  await page.getByRole('link', { name: 'Cluster', exact: true }).click();
  await expect(page).toHaveURL(/homelab-cluster\/kubernetes-cluster/);

  await expect(page.getByText('Cluster Overview')).toBeVisible();
  await expect(page.getByText('Homelab Kubernetes cluster')).toBeVisible();

  const apis = page.getByRole('table').filter({ hasText: 'Preferred Version' });
  await expect(apis.getByRole('row', { name: /^apps / })).toContainText(
    'apps/v1',
  );
  // five groups a page: Kratix's is on the second since the fake serves
  // policy/v1 (PodDisruptionBudgets, for recovery readiness). The table's
  // pager is a table of its own, the first on the page (the nodes' is next).
  await page.getByRole('button', { name: 'Next Page' }).first().click();
  await expect(
    apis.getByRole('row', { name: /^platform\.kratix\.io / }),
  ).toContainText('platform.kratix.io/v1alpha1');

  const nodes = page.getByRole('table').filter({ hasText: 'Schedulable' });
  for (const node of ['sff-1', 'sff-2', 'sff-3']) {
    await expect(
      nodes.getByRole('row', { name: new RegExp(node) }),
    ).toContainText('Ready');
  }
  await expect(nodes.getByRole('row', { name: /sff-3/ })).toContainText('❌');
  await expect(nodes.getByRole('row', { name: /sff-1/ })).toContainText('✅');
  expect(outside).toEqual([]);
});

test('services keep only their Kubernetes tab; the Cluster tab is on clusters', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/jellyfin');
  await expect(
    page.getByRole('link', { name: 'Kubernetes', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Cluster', exact: true }),
  ).toHaveCount(0);
});

test("a service's Kubernetes tab shows its workload from the cluster, and what ails it", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/jellyfin/kubernetes');
  const errors = page.getByRole('table').filter({ hasText: 'Messages' });
  await expect(
    errors.getByText('container=jellyfin restarted 14 times'),
  ).toBeVisible();
  await expect(
    errors.getByText('back-off 5m0s restarting failed container'),
  ).toBeVisible();

  const cluster = page.getByRole('button', {
    name: /Homelab Kubernetes cluster/,
  });
  await expect(cluster).toContainText('1 pod with errors');
  await cluster.click();
  const deployment = page
    .getByRole('button')
    .filter({ hasText: 'Deployment' })
    .filter({ hasText: 'jellyfin' })
    .filter({ hasNotText: 'Homelab Kubernetes cluster' })
    .first(); // its accordion summary
  await expect(deployment).toContainText('1 pod');
  await expect(deployment).toContainText('1 pod with errors');
  await expect(
    page
      .getByRole('button')
      .filter({ hasText: 'Service' })
      .filter({ hasNotText: 'Homelab Kubernetes cluster' })
      .first(),
  ).toContainText('Type: ClusterIP');
});
