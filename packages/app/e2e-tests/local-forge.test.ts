import { test, expect, Page } from '@playwright/test';
import { recordOutsideRequests, reopen, signInAsGuest } from './guest';

// The local start has no forge: a request template's run commits the request
// to a branch of the local Git repository (homelab.localForge), its link opens
// the rendered file, and the request shows under Requests. The form is filled
// as a user fills it. E2E_SCREENS=<dir> keeps screenshots.

/** The signed-in guest's Backstage token, as the app gets it. */
async function guestToken(page: Page): Promise<string> {
  const res = await page.request.get(
    '/api/auth/guest/refresh?env=development',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

const ERROR_TEXTS =
  /Error occurred|Error loading|Error: |Request failed|Something went wrong|failed: fetch failed/;

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENS) return;
  const { width } = page.viewportSize()!;
  await page.screenshot({
    path: `${process.env.E2E_SCREENS}/${name}-${width}.png`,
    fullPage: true,
  });
}

for (const width of [1440, 900]) {
  test(`a Redis request with no forge, at ${width} px: committed locally, its file one click away, tracked under Requests`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    const outside = recordOutsideRequests(page);
    const consoleErrors: string[] = [];
    page.on('pageerror', err => consoleErrors.push(err.message));
    await signInAsGuest(page, '/create');
    const token = await guestToken(page);
    // The Promise provider reads promises/ a few seconds after the start.
    await expect
      .poll(
        async () =>
          (
            await page.request.get(
              '/api/catalog/entities/by-name/api/default/redis-promise',
              { headers: { authorization: `Bearer ${token}` } },
            )
          ).status(),
        { timeout: 60_000 },
      )
      .toBe(200);

    // The form, as a user fills it: a name and a system, the defaults for
    // the rest (the GitOps repository on git.lab.local, which is local here).
    // A fresh name each run: the local repository outlives the backend.
    const name = `e2e-${width}-${Date.now().toString(36)}`;
    await reopen(page, '/create/templates/default/request-redis');
    await page.getByRole('textbox', { name: /^Name/ }).fill(name);
    // the System picker (an autocomplete: a combobox, or its text box)
    await page
      .getByRole('combobox', { name: /^System/ })
      .or(page.getByRole('textbox', { name: /^System/ }))
      .click();
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Redis settings').first()).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('GitOps repository').first()).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Repository' })).toHaveValue(
      'gitops',
    );
    await page.getByRole('button', { name: 'Review' }).click();
    await screenshot(page, 'local-forge-review');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);

    const link = page.getByRole('link', { name: /Pull request/ });
    await expect(link).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    // every step ran, the tracking one last
    await expect(
      page.getByRole('button', { name: /Track the request until it is ready/ }),
    ).toBeVisible();
    await screenshot(page, 'local-forge-task');
    const href = await link.getAttribute('href');
    expect(href).toMatch(
      new RegExp(
        `/kratix/local-git/[0-9a-f]{40}\\?branch=request%2Fredis-${name}&path=platform%2Frequests%2Fdefault%2Fredis-${name}\\.yaml$`,
      ),
    );

    // The link opens the rendered file (in a new tab, as links out do).
    const [view] = await Promise.all([
      page.context().waitForEvent('page'),
      link.click(),
    ]);
    view.on('pageerror', err => consoleErrors.push(err.message));
    await view.setViewportSize({ width, height: 900 });
    const enter = view.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible({ timeout: 5000 }).catch(() => false)) {
      await enter.click();
    }
    await expect(view.getByText(`Request redis ${name}`)).toBeVisible();
    await expect(
      view.getByText(`platform/requests/default/redis-${name}.yaml`).first(),
    ).toBeVisible();
    await expect(view.getByText(`name: ${name}`)).toBeVisible();
    await expect(view.getByText('kind: Redis')).toBeVisible();
    await expect(view.getByText(`merge request/redis-${name}`)).toBeVisible();
    await expect(view.getByText(ERROR_TEXTS)).toHaveCount(0);
    await screenshot(view, 'local-forge-file');
    await view.close();

    // The request is under Requests, waiting for its branch to be merged.
    await reopen(page, '/kratix/requests');
    const table = page.getByRole('table', { name: 'Kratix requests' });
    await expect(
      table.getByRole('link', { name: `Redis ${name}` }),
    ).toBeVisible();
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    await screenshot(page, 'local-forge-requests');
    await table.getByRole('link', { name: `Redis ${name}` }).click();
    await expect(page.getByText('Pull request opened ·')).toBeVisible();
    await expect(
      page.getByText(/on branch request\/redis-.* of the local Git repository/),
    ).toBeVisible();
    await screenshot(page, 'local-forge-request');

    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
}
