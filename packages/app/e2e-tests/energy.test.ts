import { test, expect, Page, Request } from '@playwright/test';
import { signInAsGuest } from './guest';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function recordOutsideRequests(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (req: Request) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!LOCAL_HOSTS.has(url.hostname)) outside.push(req.url());
  });
  return outside;
}

// The local start has no Prometheus: the energy plugin serves its demo
// simulation, through the same routes, and must say so wherever it shows.

test('the energy page shows the homelab totals, nodes, systems and top consumers, labelled as demo', async ({
  page,
}) => {
  const outside = recordOutsideRequests(page);
  await signInAsGuest(page, '/energy');
  await expect(
    page.getByRole('heading', { name: 'Energy' }).first(),
  ).toBeVisible();
  await expect(page.getByTestId('energy-demo-chip')).toBeVisible();
  await expect(page.getByTestId('energy-total-power')).toHaveText(/^\d+ W$/);
  await expect(page.getByTestId('energy-month')).toContainText(/€\d+\.\d\d/);

  const hardware = page.getByRole('table', { name: 'Hardware' });
  await expect(
    hardware.getByRole('link', { name: 'SFF node 1' }),
  ).toBeVisible();
  await expect(
    hardware.getByRole('link', { name: 'Synology NAS' }),
  ).toBeVisible();
  const systems = page.getByRole('table', { name: 'System' });
  await expect(
    systems.getByRole('link', { name: 'applications' }),
  ).toBeVisible();
  const top = page.getByRole('table', { name: 'Top consumers' });
  await expect(top.getByRole('row').nth(1)).toContainText('ollama');
  // the lazy-loaded chart drew its bars
  await expect(
    page
      .getByTestId('energy-bars-chart')
      .locator('.recharts-bar-rectangle')
      .first(),
  ).toBeVisible();

  await hardware.getByRole('link', { name: 'SFF node 1' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/sff-1/);
  await expect(page.getByTestId('energy-power-now')).toHaveText(/^\d+ W$/);

  expect(outside).toEqual([]);
});

test('a service shows its energy card, and its energy tab charts chosen ranges', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/jellyfin');
  await expect(page.getByTestId('energy-power-now')).toHaveText(
    /^\d+(\.\d)? W$/,
  );
  await expect(page.getByTestId('energy-demo-chip').first()).toBeVisible();
  await expect(
    page.getByTestId('energy-sparkline').locator('.recharts-line-curve'),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Energy by window' }),
  ).toContainText('30d');

  await page.locator('a[href$="/component/jellyfin/energy"]').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/jellyfin\/energy/,
  );
  await expect(page.getByText('Power, last 24h')).toBeVisible();
  await expect(page.getByText('Average power per 6 min')).toBeVisible();
  await page.getByRole('button', { name: '7d' }).click();
  await expect(page.getByText('Power, last 7d')).toBeVisible();
  await expect(page.getByText('Average power per 42 min')).toBeVisible();
  await expect(
    page.getByTestId('energy-power-chart').locator('.recharts-area-area'),
  ).toBeVisible();
});

test('a system’s energy tab sums its parts', async ({ page }) => {
  await signInAsGuest(page, '/catalog/default/system/applications/energy');
  const parts = page.getByRole('table', { name: 'Parts' });
  await expect(parts.getByRole('link', { name: 'Jellyfin' })).toBeVisible();
  await expect(parts.getByRole('link', { name: 'Ollama' })).toBeVisible();
});
