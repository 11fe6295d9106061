import { test, expect, Page } from '@playwright/test';
import { recordOutsideRequests, reopen, signInAsGuest } from './guest';

// TechDocs in the local start: the runbooks and the architecture in docs/,
// built by the backend with Debian's mkdocs (search-backend-module-techdocs-
// prebuild builds and indexes them 20 s after start). The Docs page lists
// them, a runbook renders, a node's Docs tab is its runbook, and docs search
// finds a runbook's text, or says what to do when nothing matches.

const WIDTHS = [1440, 900];

const ERROR_TEXTS =
  /Missing Annotation|Error occurred|Error loading|Error: |Request failed|Something went wrong|Building a newer version|failed to build/i;

type Trouble = { failed: string[]; consoleErrors: string[] };

function recordTrouble(page: Page): Trouble {
  const trouble: Trouble = { failed: [], consoleErrors: [] };
  page.on('response', res => {
    if (res.status() >= 400) {
      trouble.failed.push(
        `${res.status()} ${res.request().method()} ${res.url()}`,
      );
    }
  });
  page.on('console', msg => {
    if (msg.type() === 'error') trouble.consoleErrors.push(msg.text());
  });
  page.on('pageerror', err => trouble.consoleErrors.push(err.message));
  return trouble;
}

async function guestToken(page: Page): Promise<string> {
  const res = await page.request.get(
    '/api/auth/guest/refresh?env=development',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

/** Waits until the runbooks are built and indexed. */
async function waitForDocsIndex(page: Page) {
  const token = await guestToken(page);
  await expect
    .poll(
      async () => {
        const res = await page.request.get(
          '/api/search/query?term=velero&types%5B0%5D=techdocs',
          { headers: { authorization: `Bearer ${token}` } },
        );
        return res.ok() ? (await res.json()).numberOfResults : -res.status();
      },
      { timeout: 150_000, intervals: [3_000] },
    )
    .toBeGreaterThan(0);
}

async function shoot(page: Page, name: string) {
  if (process.env.DOCS_SCREENS_DIR) {
    await page.screenshot({
      path: `${process.env.DOCS_SCREENS_DIR}/${name}.png`,
      fullPage: true,
    });
  }
}

for (const width of WIDTHS) {
  test(`docs at ${width} px: the runbooks are listed, render, sit on their node, and docs search finds them`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: 900 });
    const outside = recordOutsideRequests(page);
    await signInAsGuest(page, '/docs');
    await waitForDocsIndex(page);
    const trouble = recordTrouble(page);
    await reopen(page, '/docs');

    // the Docs page lists both sites (all of them, not only the guest's)
    const runbooks = page.getByRole('link', { name: 'Homelab runbooks' });
    await expect(runbooks).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Homelab architecture' }),
    ).toBeVisible();
    await shoot(page, `docs-page-${width}`);

    // a runbook renders (TechDocs' shadow DOM; locators pierce it)
    await runbooks.click();
    await expect(page).toHaveURL(/\/docs\/default\/component\/runbooks/);
    await expect(
      page.getByRole('heading', { name: 'When an alert fires' }),
    ).toBeVisible({ timeout: 60_000 });
    // the page's own link (the site's navigation sits under the sidebar)
    await page
      .getByRole('article')
      .getByRole('link', { name: 'Cluster failure', exact: true })
      .first()
      .click();
    await expect(
      page.getByRole('heading', {
        name: /Cluster failure: Velero restore to a new cluster/,
        level: 1,
      }),
    ).toBeVisible();
    await expect(page.getByText('velero restore create').first()).toBeVisible();
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    await shoot(page, `docs-runbook-${width}`);

    // a node's Docs tab is its runbook
    await reopen(page, '/catalog/default/resource/sff-1/docs');
    const nodeDown = page.getByRole('heading', { name: 'NodeDown', level: 1 });
    // Known gap, not yet understood: in 2 of 4 CI runs (one width each) the
    // first open of this tab stayed an empty article for 60 s while the same
    // page opened at the other width, and locally, in seconds; TechDocs
    // republishing the site as it is read is the suspect. A person would
    // reload: the test does so once and says so in its report, and still
    // fails if the runbook does not show after that.
    const shown = await nodeDown
      .waitFor({ state: 'visible', timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    if (!shown) {
      test.info().annotations.push({
        type: 'known gap',
        description: "the node's Docs tab needed a reload to show its runbook",
      });
      await reopen(page, '/catalog/default/resource/sff-1/docs');
    }
    await expect(nodeDown).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    await shoot(page, `docs-node-tab-${width}`);

    // docs search finds a runbook phrase, with the Documentation filter
    await reopen(page, '/search');
    const box = page.getByRole('textbox', { name: /search/i }).first();
    await box.fill('immediate cleanup');
    await expect(page).toHaveURL(/query=immediate/);
    await page.getByRole('button', { name: /^Documentation/ }).click();
    await expect(page).toHaveURL(/types[^=]*=techdocs/);
    const results = page.getByRole('article').getByRole('listitem');
    await expect(results.first()).toContainText('DiskFull');
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    await shoot(page, `docs-search-${width}`);
    await results.first().getByRole('link').first().click();
    await expect(
      page.getByRole('heading', { name: 'DiskFull', level: 1 }),
    ).toBeVisible({ timeout: 60_000 });

    // nothing matches: the empty state says what to do
    await reopen(page, '/search?query=zzqxnosuchword&types[]=techdocs');
    await expect(page.getByText('No documentation matches')).toBeVisible();
    await expect(page.getByText(/backstage\.io\/techdocs-ref/)).toBeVisible();
    await shoot(page, `docs-search-empty-${width}`);

    expect(trouble.failed).toEqual([]);
    expect(trouble.consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
}
