import { test, expect } from '@playwright/test';
import {
  INTEGRATIONS_URL,
  recordOutsideRequests,
  reopen,
  signInAsGuest,
} from './guest';

// ArgoCD status comes from Roadie's ArgoCD plugin, through the backend's
// proxy, from the fake ArgoCD API of e2e/fake-argocd.ts (Jellyfin is
// OutOfSync and Degraded there, every other Application Synced and Healthy).
// The second backend of playwright.config.ts has ArgoCD; the local start
// (local-start.test.ts) has none, and shows no ArgoCD card.
test.use({ baseURL: INTEGRATIONS_URL });

test('a service shows its ArgoCD sync and health status', async ({ page }) => {
  const leaked: string[] = [];
  page.on('request', request => {
    if (JSON.stringify(request.headers()).includes('e2e-argocd-token')) {
      leaked.push(request.url());
    }
  });

  const outside = recordOutsideRequests(page);
  await signInAsGuest(page, '/catalog/default/component/jellyfin');
  await expect(page.getByText('ArgoCD overview')).toBeVisible();
  // the ArgoCD overview's row (the recovery card lists jellyfin too)
  const row = page.getByRole('row', { name: /^jellyfin / });
  await expect(row).toContainText('OutOfSync');
  await expect(row).toContainText('Degraded');

  await reopen(page, '/catalog/default/component/grafana');
  await expect(page.getByText('Synced', { exact: true })).toBeVisible();
  await expect(page.getByText('Healthy', { exact: true })).toBeVisible();
  await expect(page.getByText('OutOfSync')).toHaveCount(0);
  expect(leaked).toEqual([]);
  // Roadie's plugin fetches nothing from outside either
  expect(outside).toEqual([]);
});

test('the ArgoCD tab lists the deployment history with its commits', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/jellyfin/argocd');
  await expect(page.getByText('ArgoCD history')).toBeVisible();
  // both deployments, newest first, each with its commit
  const rows = page.getByRole('row').filter({ hasText: 'Admin' });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(
    'jellyfin: move media to the NAS share',
  );
  await expect(rows.last()).toContainText('Initial deployment');
});

test('entities without an ArgoCD Application get no ArgoCD card or tab', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/resource/sff-1');
  await expect(page.getByText('Lenovo ThinkCentre M700 SFF')).toBeVisible();
  await expect(page.getByText('ArgoCD overview')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Alerts' }).last()).toBeVisible();
  // no ArgoCD tab (a link to the ArgoCD service's own page, from the
  // node's pods, is another thing)
  await expect(
    page.locator('a[href$="/catalog/default/resource/sff-1/argocd"]'),
  ).toHaveCount(0);
});

test('the ArgoCD proxy answers only signed-in users, and only reads', async ({
  page,
  request,
}) => {
  const path = '/api/proxy/argocd/api/applications/jellyfin';
  expect((await request.get(path)).status()).toBe(401);
  // ArgoCD's own token is no Backstage credential
  const withArgoToken = await request.get(path, {
    headers: { authorization: 'Bearer e2e-argocd-token' },
  });
  expect(withArgoToken.status()).toBe(401);

  // The guest's own token reads, but cannot change anything.
  const seen = page.waitForRequest(r => r.url().includes('/api/proxy/argocd'));
  await signInAsGuest(page, '/catalog/default/component/grafana');
  const auth = (await seen).headers().authorization;
  expect(auth).toMatch(/^Bearer /);
  expect(
    (await request.get(path, { headers: { authorization: auth } })).status(),
  ).toBe(200);
  const sync = await request.post(`${path}/sync`, {
    headers: { authorization: auth },
    data: {},
  });
  expect(sync.status()).toBeGreaterThanOrEqual(400);
  expect(await sync.text()).not.toContain('applications.argoproj.io');
});
