import { test, expect, Page } from '@playwright/test';
import { reopen, signInAsGuest } from './guest';

/** The signed-in guest's Backstage token, as the app gets it. */
async function guestToken(page: Page): Promise<string> {
  const res = await page.request.get(
    '/api/auth/guest/refresh?env=development',
    {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

// The local start reads the homelab's Promises from promises/: each is an API
// entity with a tab that links its generated template and lists its requests.

test("a Promise's tab links its request template (the hand-written one: none is generated beside it), which opens as a form", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/api/postgresql-promise');
  // The provider reads promises/ a few seconds after the backend starts.
  const tab = page.locator('a[href$="/api/postgresql-promise/kratix"]');
  await expect(async () => {
    await reopen(page, '/catalog/default/api/postgresql-promise');
    await expect(tab).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await tab.click();
  await page
    .getByRole('link', { name: /request a Postgresql Promise/i })
    .click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/request-postgresql/,
  );
  await expect(page.getByText('PostgreSQL database').first()).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Name', exact: true }),
  ).toBeVisible();
});

test('a request made for the guest shows on the requests page with its timeline', async ({
  page,
}) => {
  await signInAsGuest(page, '/kratix/requests');
  const token = await guestToken(page);
  const created = await page.request.post('/api/kratix/requests', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      promiseEntityRef: 'api:default/redis-promise',
      manifest: {
        apiVersion: 'platform.lab.local/v1alpha1',
        kind: 'Redis',
        metadata: { name: 'e2e-cache', namespace: 'default' },
        spec: { mode: 'persistent' },
      },
      forge: 'gitea',
      pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/42',
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await reopen(page, '/kratix/requests');
  const table = page.getByRole('table', { name: 'Kratix requests' });
  await table.getByRole('link', { name: 'Redis e2e-cache' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/kratix/requests/${id}$`));
  await expect(page.getByText('Pull request opened ·')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Parameters' }).getByText('persistent'),
  ).toBeVisible();
  // the notification link lands on this page
  await page.goto(`/kratix/requests/${id}`);
  await expect(page.getByTestId('kratix-state-pr-open')).toBeVisible();
});
