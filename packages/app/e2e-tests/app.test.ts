import { test, expect } from '@playwright/test';
import { recordOutsideRequests, signInAsGuest } from './guest';

test('the home page renders after guest sign-in, offline', async ({ page }) => {
  const outside = recordOutsideRequests(page);
  await signInAsGuest(page, '/');

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
  // on the list's first page (20 rows; Pi-hole is on the second since the
  // catalog holds every service the homelab runs)
  await expect(
    page.getByRole('link', { name: 'Gitea', exact: true }),
  ).toBeVisible();

  await jellyfin.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/jellyfin/);
  await expect(page.getByText('Media server').first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'applications' }).first(),
  ).toBeVisible();

  expect(outside).toEqual([]);
});
