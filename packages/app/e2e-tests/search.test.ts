import { test, expect, Locator, Page } from '@playwright/test';
import { recordOutsideRequests, signInAsGuest } from './guest';

// Search that knows the homelab (plugins/homelab/search-backend-module-homelab): an
// IP, a MAC, a VLAN id or a hostname finds its entity first, and the
// Documentation filter answers without an error. The catalog is indexed 20 s
// after the backend starts; the docs (docs/, TechDocs) once they are built,
// which docs.test.ts waits for and checks.

const WIDTHS = [1440, 900];

/** The signed-in guest's Backstage token, as the app gets it. */
async function guestToken(page: Page): Promise<string> {
  const res = await page.request.get(
    '/api/auth/guest/refresh?env=development',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

/** Waits until the catalog is indexed (until then a search finds nothing). */
async function waitForIndex(page: Page) {
  const token = await guestToken(page);
  await expect
    .poll(
      async () => {
        const res = await page.request.get(
          '/api/search/query?term=10.0.20.11',
          { headers: { authorization: `Bearer ${token}` } },
        );
        return res.ok() ? (await res.json()).numberOfResults : -res.status();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
}

/**
 * Words that wrap mid-word: a line that starts between two letters or
 * digits. A break after a hyphen, slash or dot ("sff-/3", "10.0./50.12") is
 * one the browser may make in a long token, not a broken word.
 */
async function wordsBrokenAcrossLines(items: Locator): Promise<string[]> {
  return items.evaluateAll(elements => {
    const broken: string[] = [];
    for (const element of elements) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const range = document.createRange();
        let previousTop: number | undefined;
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = range.getBoundingClientRect().top;
          if (
            previousTop !== undefined &&
            Math.abs(top - previousTop) > 2 &&
            /[\p{L}\p{N}]/u.test(text[i - 1]) &&
            /[\p{L}\p{N}]/u.test(text[i])
          ) {
            // the word, with the break marked
            broken.push(
              `${text.slice(Math.max(0, i - 12), i)}|${text.slice(i, i + 12)}`,
            );
          }
          previousTop = top;
        }
      }
    }
    return broken;
  });
}

for (const width of WIDTHS) {
  test(`search at ${width} px: an IP finds its node first, and the Documentation filter shows no error`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    const outside = recordOutsideRequests(page);
    const failed: string[] = [];
    page.on('response', response => {
      if (response.status() >= 400 && response.url().includes('/api/')) {
        failed.push(`${response.status()} ${response.url()}`);
      }
    });
    await signInAsGuest(page, '/search');
    await waitForIndex(page);

    const box = page.getByRole('textbox', { name: /search/i }).first();
    await box.fill('10.0.20.11');
    await expect(page).toHaveURL(/query=10\.0\.20\.11/);
    const results = page.getByRole('article').getByRole('listitem');
    await expect(results.first()).toContainText('SFF node 1');
    await expect(
      page.getByRole('article').getByText('VLAN 20: Server/Lab'),
    ).toBeVisible();
    // only the node and the VLAN that holds its address, not 25 others
    await expect(page.getByRole('article').getByText('SFF node 2')).toHaveCount(
      0,
    );
    // every label and result fits its box: no "Docume", no "work/er"
    const frame = page.getByTestId('homelab-search-page');
    await expect(frame.getByText('experimental')).toBeVisible();
    expect(
      await frame
        .locator('.MuiListItemText-root, label')
        .evaluateAll(els =>
          els
            .filter(el => el.scrollWidth > el.clientWidth + 1)
            .map(el => el.textContent),
        ),
    ).toEqual([]);
    expect(await wordsBrokenAcrossLines(frame.getByRole('listitem'))).toEqual(
      [],
    );
    if (process.env.SEARCH_SCREENS_DIR) {
      await page.screenshot({
        path: `${process.env.SEARCH_SCREENS_DIR}/search-ip-${width}.png`,
        fullPage: true,
      });
    }

    await box.fill('nas.lab.local');
    await expect(results.first()).toContainText('Synology NAS');
    await box.fill('vlan 20');
    await expect(results.first()).toContainText('VLAN 20: Server/Lab');

    await page.getByRole('button', { name: /^Documentation/ }).click();
    await expect(page).toHaveURL(/types[^=]*=techdocs/);
    // the runbooks and the architecture mention VLAN 20, once they are
    // indexed; until then the empty state says what to do
    await expect(
      results.first().or(page.getByText('No documentation matches')),
    ).toBeVisible();
    await expect(page.getByText(/error|went wrong/i)).toHaveCount(0);
    if (process.env.SEARCH_SCREENS_DIR) {
      await page.screenshot({
        path: `${process.env.SEARCH_SCREENS_DIR}/search-documentation-${width}.png`,
        fullPage: true,
      });
    }

    expect(failed).toEqual([]);
    expect(outside).toEqual([]);
  });
}
