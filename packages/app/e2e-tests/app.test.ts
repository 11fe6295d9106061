import { test, expect, Page, Request } from '@playwright/test';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Every request that would leave the machine: the portal must work air-gapped. */
function recordOutsideRequests(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (req: Request) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!LOCAL_HOSTS.has(url.hostname)) outside.push(req.url());
  });
  return outside;
}

/** Opens a page and signs in as the guest there (a reload signs out). */
async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('the home page renders after guest sign-in, offline', async ({ page }) => {
  const outside = recordOutsideRequests(page);
  await signInAsGuest(page);

  await expect(page.getByText('Welcome to the Homelab Portal')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  // the portal's own mark, drawn inline, leads home
  await expect(
    nav
      .getByRole('link', { name: 'Home' })
      .getByRole('img', { name: 'Homelab Portal' }),
  ).toBeVisible();

  expect(outside).toEqual([]);
});

test('the catalog lists the homelab and an entity page opens', async ({
  page,
}) => {
  const outside = recordOutsideRequests(page);
  await signInAsGuest(
    page,
    '/catalog?filters[kind]=component&filters[user]=all',
  );
  const jellyfin = page.getByRole('link', { name: 'Jellyfin', exact: true });
  await expect(jellyfin).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Pi-hole', exact: true }),
  ).toBeVisible();

  await jellyfin.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/jellyfin/);
  await expect(page.getByText('Media server').first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'applications' }).first(),
  ).toBeVisible();

  expect(outside).toEqual([]);
});
