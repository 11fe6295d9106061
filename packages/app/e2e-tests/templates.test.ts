import { test, expect, Page } from '@playwright/test';
import { recordOutsideRequests, signInAsGuest } from './guest';

// The Create page lists one template per service, in plain words, and the
// Add-a-VLAN form refuses what the catalog would refuse before it is sent.

async function screenshot(page: Page, name: string) {
  if (process.env.TEMPLATE_SCREENS_DIR) {
    await page.screenshot({
      path: `${process.env.TEMPLATE_SCREENS_DIR}/${name}.png`,
      fullPage: true,
    });
  }
}

/** A field of a form, by the start of its label. */
const field = (page: Page, label: string) =>
  page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}`));

for (const width of [1440, 900]) {
  test(`the Create page lists each template once, and not the internal one, at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 1000 });
    const outside = recordOutsideRequests(page);
    await signInAsGuest(page, '/create');
    await expect(page.getByText('Add a VLAN', { exact: true })).toBeVisible();
    // The provider reads promises/ a few seconds after the backend starts:
    // once the generated templates could be there, none duplicates Redis.
    await expect(page.getByText('Redis', { exact: true })).toHaveCount(1);
    await expect(page.getByText(/\(Kratix request\)/)).toHaveCount(0);
    await expect(page.getByText('Carry out a cybernetic decision')).toHaveCount(
      0,
    );
    await expect(
      page.getByText('PostgreSQL database', { exact: true }),
    ).toHaveCount(1);
    // the count beside "All" is of the cards shown, the internal one left out
    const cards = await page.getByRole('button', { name: 'Choose' }).count();
    expect(cards).toBeGreaterThan(5);
    const filters = page.getByRole('button', { name: 'Filters' });
    const narrow = await filters.isVisible();
    if (narrow) await filters.click(); // narrow: a drawer
    const all = page.getByRole('menuitem', { name: /^All/ });
    await expect(all).toHaveText(new RegExp(`^All\\s*${cards}$`));
    await screenshot(page, `create-${width}`);
    if (narrow) {
      // the drawer and its backdrop cover the cards until it has closed; an
      // Escape sent while it still slides in is lost on a busy machine
      await expect(async () => {
        await page.keyboard.press('Escape');
        await expect(all).toBeHidden({ timeout: 2_000 });
      }).toPass({ timeout: 15_000 });
    }
    // a card opens its form
    await page
      .getByText('Redis', { exact: true })
      .locator('xpath=ancestor::*[.//button[normalize-space()="Choose"]][1]')
      .getByRole('button', { name: 'Choose' })
      .click();
    await expect(page).toHaveURL(
      /\/create\/templates\/default\/request-redis$/,
    );
    expect(outside).toEqual([]);
  });

  test(`Add a VLAN refuses a VLAN id in use, an overlapping subnet and a gateway outside it before submit, at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 1000 });
    await signInAsGuest(page, '/create/templates/default/add-vlan');
    await field(page, 'VLAN id').fill('20');
    await field(page, 'Name').fill('Cameras');
    await field(page, 'Catalog name').fill('vlan-60-cameras');
    await field(page, 'What it is for').fill('Security cameras');
    await field(page, 'Subnet').fill('10.0.20.0/23');
    await field(page, 'Gateway address').fill('10.0.30.1');
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(
      page.getByText(
        'VLAN id 20 is already used by resource:default/vlan-20-server-lab',
      ),
    ).not.toHaveCount(0);
    await expect(
      page.getByText(
        '10.0.20.0/23 overlaps 10.0.20.0/24 of resource:default/vlan-20-server-lab',
      ),
    ).not.toHaveCount(0);
    await expect(
      page.getByText('10.0.30.1 is outside the subnet 10.0.20.0/23'),
    ).not.toHaveCount(0);
    await screenshot(page, `add-vlan-refused-${width}`);
    // Still on the first step: nothing was sent.
    await expect(page.getByText('Rules, in order')).toHaveCount(0);

    // Corrected, it moves on to the firewall rules.
    await field(page, 'VLAN id').fill('60');
    await field(page, 'Subnet').fill('10.0.60.0/24');
    await field(page, 'Gateway address').fill('10.0.60.1');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Rules, in order')).toBeVisible();
    await expect(page.getByText('Rule', { exact: true }).first()).toBeVisible();
    await screenshot(page, `add-vlan-rules-${width}`);
  });

  test(`a Kratix request form speaks in plain words, at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 1000 });
    await signInAsGuest(page, '/create/templates/default/request-redis');
    await expect(field(page, 'Name')).toBeVisible();
    await expect(field(page, 'Kubernetes namespace')).toHaveValue('default');
    await screenshot(page, `redis-${width}`);
    await field(page, 'Name').fill('photos-cache');
    await field(page, 'System').click();
    await page
      .getByRole('option', { name: /applications/i })
      .first()
      .click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Redis settings').first()).toBeVisible();
    await expect(field(page, 'Memory (MiB)')).toHaveValue('256');
    await expect(page.getByText('memoryMi')).toHaveCount(0);
    await screenshot(page, `redis-settings-${width}`);
  });
}
