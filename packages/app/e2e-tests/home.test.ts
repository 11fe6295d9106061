import { test, expect } from '@playwright/test';
import { recordOutsideRequests, signInAsGuest } from './guest';

// The home page greets with the homelab at a glance: the totals (each with
// its unit and window, linking to its page) and a tile per service. The
// local start serves the plugins' demo data or their empty answers; either
// way each number shows with its unit, or the card names the plugin that did
// not answer.

for (const width of [1440, 900]) {
  test(`the home page shows the homelab totals and the services at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 1000 });
    const outside = recordOutsideRequests(page);
    await signInAsGuest(page, '/');

    const totals = page.getByTestId('homelab-totals');
    await expect(totals).toBeVisible();
    await expect(page.getByTestId('homelab-totals-power')).toHaveText(
      /^\d+ W$/,
    );
    await expect(totals.getByText(/over the last 24 h/)).toBeVisible();
    await expect(page.getByTestId('homelab-totals-alerts')).toHaveText(
      /^\d+ alerts?$/,
    );
    await expect(page.getByTestId('homelab-totals-backups')).toHaveText(
      /^\d+ services?$/,
    );
    await expect(page.getByTestId('homelab-totals-decisions')).toHaveText(
      /^\d+ decisions?$/,
    );
    await expect(page.getByTestId('homelab-totals-requests')).toHaveText(
      /^\d+ requests?$/,
    );
    await expect(
      totals.getByRole('link', { name: 'Lab power' }),
    ).toHaveAttribute('href', '/energy');

    const services = page.getByTestId('homelab-services');
    const jellyfin = services
      .getByTestId('homelab-service-tile')
      .filter({ hasText: 'jellyfin.lab.local' });
    await expect(jellyfin).toBeVisible();
    await expect(
      jellyfin.getByRole('link', { name: 'Jellyfin', exact: true }),
    ).toBeVisible();
    await expect(
      jellyfin.getByText(/^(healthy, no alert firing|\d+ alerts? firing)$/),
    ).toBeVisible();
    await expect(
      jellyfin.getByText(
        /^(backed up .+|no good backup yet|unprotected|no backup policy)$/,
      ),
    ).toBeVisible();
    // the search bar stays
    await expect(page.getByPlaceholder('Search')).toBeVisible();

    if (process.env.HOME_SCREENS_DIR) {
      await page.screenshot({
        path: `${process.env.HOME_SCREENS_DIR}/home-${width}.png`,
        fullPage: true,
      });
    }
    expect(outside).toEqual([]);
  });
}
