import { test, expect, Page } from '@playwright/test';
import { recordOutsideRequests, signInAsGuest, stillLoading } from './guest';

// The first five minutes: the local start (the main backend of the browser
// tests: app-config.yaml, no ArgoCD, no cluster, demo data) opens every page
// of a first walk without an error, at a desktop's width and a small
// laptop's. E2E_SCREENS=<dir> keeps a screenshot of each.

const PAGES = [
  { name: 'home', path: '/', shows: 'Welcome to the Homelab Portal' },
  {
    name: 'catalog',
    path: '/catalog?filters[kind]=component&filters[user]=all',
    shows: 'Jellyfin',
  },
  {
    name: 'service',
    path: '/catalog/default/component/jellyfin',
    shows: 'Media server',
  },
  {
    name: 'node',
    path: '/catalog/default/resource/sff-1',
    shows: 'Lenovo ThinkCentre M700 SFF',
  },
  {
    name: 'nas',
    path: '/catalog/default/resource/nas-1',
    shows: 'Synology NAS',
  },
  {
    name: 'vlan',
    path: '/catalog/default/resource/vlan-20-server-lab',
    shows: 'VLAN 20: Server/Lab',
  },
  { name: 'network', path: '/homelab/topology', shows: 'udp 53' },
  {
    name: 'capacity',
    path: '/homelab/capacity',
    shows: 'Current capacity (3 nodes)',
  },
  { name: 'energy', path: '/energy', shows: 'Demo data' },
  { name: 'alerts', path: '/alerts', shows: 'Demo data' },
  { name: 'backups', path: '/backups', shows: 'Demo data' },
  { name: 'decisions', path: '/cybernetics', shows: 'Decisions' },
  { name: 'requests', path: '/kratix/requests', shows: 'Requests' },
];

const WIDTHS = [1440, 900];

// What a broken integration shows instead of its content.
const ERROR_TEXTS =
  /Missing Annotation|Error occurred|Error loading|Error: |Request failed|No resources on any known clusters|Gateway Timeout|Something went wrong/;

type Trouble = { failed: string[]; consoleErrors: string[] };

/** Every 4xx/5xx answer and console error the page gets from now on. */
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

/** Table cells whose text does not fit them (cut off or spilling over). */
async function overflowingCells(page: Page): Promise<string[]> {
  return page.locator('td, th').evaluateAll(cells =>
    cells
      .filter(cell => {
        const el = cell as HTMLElement;
        return el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1;
      })
      .map(cell => (cell.textContent ?? '').trim().slice(0, 60)),
  );
}

/** Words that wrap inside themselves ("Alertm / anage / r") in table cells. */
async function brokenWords(page: Page): Promise<string[]> {
  return page.locator('td, th').evaluateAll(cells => {
    const broken: string[] = [];
    for (const cell of cells) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[A-Za-z]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set(
            [...range.getClientRects()]
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

/** Tables cut off at the edge of a card (or anything else that clips them). */
async function cutOffTables(page: Page): Promise<string[]> {
  return page.locator('table').evaluateAll(tables =>
    tables
      .filter(table => {
        const right = table.getBoundingClientRect().right;
        for (let el = table.parentElement; el; el = el.parentElement) {
          const overflow = getComputedStyle(el).overflowX;
          if (overflow === 'auto' || overflow === 'scroll') return false;
          if (
            (overflow === 'hidden' || overflow === 'clip') &&
            right > el.getBoundingClientRect().right + 1
          ) {
            return true;
          }
        }
        return false;
      })
      .map(table => (table.textContent ?? '').trim().slice(0, 60)),
  );
}

for (const width of WIDTHS) {
  test.describe(`the local start at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    for (const { name, path, shows } of PAGES) {
      test(`${name} opens without an error`, async ({ page }) => {
        const outside = recordOutsideRequests(page);
        const trouble = recordTrouble(page);
        await signInAsGuest(page, path);

        await expect(page.getByText(shows).first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expect(stillLoading(page)).toHaveCount(0);

        await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
        await expect(page.getByRole('alert')).toHaveCount(0);
        // the demo data is labelled, as information, not as an error
        for (const chip of await page.getByText('Demo data').all()) {
          await expect(chip.locator('xpath=..')).not.toHaveClass(
            /colorSecondary/,
          );
        }
        expect(await overflowingCells(page)).toEqual([]);
        expect(await brokenWords(page)).toEqual([]);
        expect(await cutOffTables(page)).toEqual([]);

        if (process.env.E2E_SCREENS) {
          // the page scrolls inside the app's frame: a tall window shows it all
          await page.setViewportSize({ width, height: 2400 });
          await page.screenshot({
            path: `${process.env.E2E_SCREENS}/${name}-${width}.png`,
          });
        }
        expect(trouble.failed).toEqual([]);
        expect(trouble.consoleErrors).toEqual([]);
        expect(outside).toEqual([]);
      });
    }

    test('the sidebar groups the homelab first and fits', async ({ page }) => {
      await signInAsGuest(page, '/');
      const nav = page.getByRole('navigation', { name: 'sidebar nav' });
      const network = nav.getByRole('link', { name: 'Network' });
      // open (pinned, or as a hover opens it)
      await network.hover();
      await expect(nav.getByText('Homelab', { exact: true })).toBeVisible();

      // The search item renders after the rest (its modal loads lazily):
      // read the entries until the sidebar has settled.
      const entries = () =>
        nav
          .locator('a, button')
          .evaluateAll(els =>
            els.map(el => (el.textContent ?? '').trim()).filter(Boolean),
          );
      await expect
        .poll(entries)
        .toEqual([
          'Homelab Portal',
          'Home',
          'Network',
          'DNS',
          'Capacity',
          'Energy',
          'Alerts',
          'Backups',
          'Secrets',
          'Decisions',
          'Requests',
          'Catalog',
          'Create',
          'Docs',
          'Search',
          'Dev tools',
          'Notifications',
          'Settings',
        ]);

      // nothing cut off, nothing below the fold
      const cut = await nav
        .locator('span, p, h6')
        .evaluateAll(els =>
          els
            .filter(el => (el as HTMLElement).scrollWidth > el.clientWidth + 1)
            .map(el => el.textContent),
        );
      expect(cut).toEqual([]);
      await expect(
        nav.getByRole('link', { name: 'Settings' }).last(),
      ).toBeInViewport({ ratio: 1 });

      // the developer tools open on hover, every label whole
      await nav.getByText('Dev tools').hover();
      const flyout = page
        .getByText('Developer tools', { exact: true })
        .locator('xpath=..');
      await expect(
        flyout.getByRole('link', { name: 'Register existing component' }),
      ).toBeVisible();
      const cutTools = await flyout
        .locator('span, p')
        .evaluateAll(els =>
          els
            .filter(el => (el as HTMLElement).scrollWidth > el.clientWidth + 1)
            .map(el => el.textContent),
        );
      expect(cutTools).toEqual([]);
      if (process.env.E2E_SCREENS) {
        await page.screenshot({
          path: `${process.env.E2E_SCREENS}/sidebar-tools-${width}.png`,
        });
      }
    });
  });
}
