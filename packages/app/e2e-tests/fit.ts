import { expect, Page } from '@playwright/test';

// The checks every page of the polish walk makes at a small laptop's width.

/**
 * Tables, and the boxes that scroll them, wider than they show: each must
 * fit (scrollWidth <= clientWidth) at this width.
 */
export async function scrollingSideways(page: Page): Promise<string[]> {
  return page.locator('table').evaluateAll(tables =>
    tables.flatMap(table => {
      const wide: string[] = [];
      const name =
        table.getAttribute('aria-label') ??
        (table.textContent ?? '').trim().slice(0, 40);
      if (table.scrollWidth > table.clientWidth + 1) {
        wide.push(`${name}: table ${table.scrollWidth} > ${table.clientWidth}`);
      }
      for (let el = table.parentElement; el; el = el.parentElement) {
        const overflow = getComputedStyle(el).overflowX;
        if (
          (overflow === 'auto' || overflow === 'scroll') &&
          el.scrollWidth > el.clientWidth + 1
        ) {
          wide.push(
            `${name}: scrolls sideways in ${el.className
              .toString()
              .slice(0, 40)} (${el.scrollWidth} > ${el.clientWidth})`,
          );
        }
      }
      return wide;
    }),
  );
}

export async function keepScreenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENS) return;
  const { width } = page.viewportSize()!;
  await page.setViewportSize({ width, height: 2400 });
  await page.screenshot({
    path: `${process.env.E2E_SCREENS}/${name}-${width}.png`,
  });
  await page.setViewportSize({ width, height: 900 });
}

/**
 * Once the page has settled: no table scrolls sideways, and (with
 * E2E_SCREENS=<dir>) a screenshot of it all is kept.
 */
export async function expectToFitTheWindow(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await scrollingSideways(page)).toEqual([]);
  await keepScreenshot(page, name);
}

/** The signed-in guest's Authorization header, as the app sends it. */
export async function guestHeaders(page: Page) {
  const res = await page.request.get(
    '/api/auth/guest/refresh?env=development',
    {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    },
  );
  expect(res.ok()).toBe(true);
  const token = (await res.json()).backstageIdentity.token;
  return { authorization: `Bearer ${token}` };
}
