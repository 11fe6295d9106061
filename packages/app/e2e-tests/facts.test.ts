import { test, expect, Page } from '@playwright/test';
import {
  INTEGRATIONS_URL,
  recordOutsideRequests,
  reopen,
  signInAsGuest,
} from './guest';

// Figures say their window and add up (the Energy page), and entity pages
// carry the facts a homelab owner looks for: what runs on a node, how full
// the NAS is, and each VLAN member's address. The local start serves demo
// data; the second backend sees the fake Kubernetes API (e2e/fake-kube.ts).

const WIDTHS = [1440, 900];

/** Energy in kWh from "1.06 kWh" or "792 Wh". */
function kWh(text: string): number {
  const match = text.trim().match(/^([\d.]+) (kWh|Wh)$/);
  if (!match) throw new Error(`not an energy figure: "${text}"`);
  return Number(match[1]) / (match[2] === 'Wh' ? 1000 : 1);
}

/** Cells whose text is wider than the cell (cut off or spilling out). */
async function overflowingCells(page: Page, table: string) {
  return page
    .getByRole('table', { name: table })
    .locator('td, th')
    .evaluateAll(cells =>
      cells
        .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
        .map(cell => cell.textContent),
    );
}

for (const width of WIDTHS) {
  test(`energy at ${width} px: one window on every figure, systems add up to the total, every bar labelled`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const outside = recordOutsideRequests(page);
    await signInAsGuest(page, '/energy');
    await expect(page.getByTestId('energy-total-power')).toHaveText(/^\d+ W$/);
    for (const tile of ['energy', 'cost', 'co2']) {
      await expect(
        page.getByTestId(`energy-total-${tile}-window`),
      ).toContainText('Last 24 hours');
    }
    await expect(page.getByText('Lab power, last 24 hours')).toBeVisible();
    await expect(
      page.getByTestId('energy-power-chart').locator('.recharts-area-area'),
    ).toBeVisible();
    await expect(page.getByText('Lab power (W)')).toBeVisible();

    // every bar has its name and its figure
    const bars = page
      .getByTestId('energy-bars-chart')
      .locator('.recharts-bar-rectangle');
    await expect(bars.first()).toBeVisible();
    const hardwareRows = page
      .getByRole('table', { name: 'Hardware' })
      .locator('tbody tr');
    const devices = await hardwareRows.count();
    await expect(bars).toHaveCount(devices);
    await expect(
      page
        .getByTestId('energy-bars-chart')
        .locator('.recharts-yAxis .recharts-cartesian-axis-tick'),
    ).toHaveCount(devices);
    await expect(
      page
        .getByTestId('energy-bars-chart')
        .locator('.recharts-label-list .recharts-label'),
    ).toHaveCount(devices);

    // the systems and "not attributed" add up to the total (to rounding)
    const systems = page.getByRole('table', { name: 'System' });
    const energyColumn = async (row: ReturnType<typeof systems.locator>) =>
      kWh(await row.locator('td').nth(2).innerText());
    const rows = systems.locator('tbody tr');
    const count = await rows.count();
    let parts = 0;
    for (let i = 0; i < count - 1; i++)
      parts += await energyColumn(rows.nth(i));
    const total = await energyColumn(page.getByTestId('energy-systems-total'));
    expect(Math.abs(parts - total)).toBeLessThan(0.01 * count);
    await expect(page.getByTestId('energy-unattributed')).toContainText(
      'Not attributed to a system',
    );

    // the user picks the window; every figure follows
    await page.getByRole('button', { name: 'last 7 days' }).click();
    await expect(page.getByText('Lab power, last 7 days')).toBeVisible();
    await expect(page.getByTestId('energy-total-energy-window')).toContainText(
      'Last 7 days',
    );
    await expect(
      systems.getByRole('columnheader', { name: 'Energy, 7 days' }),
    ).toBeVisible();
    await expect(page.getByText('Top consumers, last 7 days')).toBeVisible();

    for (const table of ['System', 'Hardware', 'Top consumers']) {
      expect(await overflowingCells(page, table)).toEqual([]);
    }
    expect(outside).toEqual([]);
  });
}

test('a node without a cluster says it runs on the cluster and lists the cluster’s services', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/resource/sff-1');
  const workloads = page.getByTestId('node-workloads');
  await expect(workloads).toContainText(
    'Runs on the cluster Homelab Kubernetes cluster',
  );
  await expect(workloads).toContainText(
    'Configure kubernetes to see placement',
  );
  await expect(workloads.getByRole('link', { name: 'Jellyfin' })).toBeVisible();
  await expect(page.getByText('None recorded')).toHaveCount(0);
});

test('the NAS shows its used and total capacity, with units and the time it was read', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/resource/nas-1');
  await expect(page.getByTestId('storage-filesystem')).toHaveText(
    /^\/volume1 \(btrfs\): [\d.]+ TB used of 23\.0 TB \(9\d% full, [\d.]+ TB free\)$/,
  );
  await expect(page.getByTestId('storage-read-at')).toContainText(
    /Read at \d+ \w+, \d\d:\d\d, from the demo source/,
  );
  await expect(
    page.getByTestId('storage-usage').getByText('Demo data'),
  ).toBeVisible();
});

for (const width of WIDTHS) {
  test(`a VLAN lists each member with its address on it, at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAsGuest(page, '/catalog/default/resource/vlan-20-server-lab');
    const members = page.getByRole('table', { name: 'Member devices' });
    for (const [name, address] of [
      ['SFF node 1', '10.0.20.11'],
      ['SFF node 2', '10.0.20.12'],
      ['SFF node 3', '10.0.20.13'],
    ]) {
      await expect(
        members.getByRole('row', { name: new RegExp(name) }),
      ).toContainText(address);
    }
    expect(await overflowingCells(page, 'Member devices')).toEqual([]);
  });
}

test.describe('with a cluster', () => {
  test.use({ baseURL: INTEGRATIONS_URL });

  test('a node lists the pods that run on it, read through the Kubernetes plugin', async ({
    page,
  }) => {
    const outside = recordOutsideRequests(page);
    await page.setViewportSize({ width: 900, height: 900 });
    await signInAsGuest(page, '/catalog/default/resource/sff-1');
    const pods = page.getByRole('table', { name: 'Pods on this node' });
    const jellyfin = pods.getByRole('row', { name: /jellyfin\// });
    await expect(jellyfin).toContainText('CrashLoopBackOff');
    await expect(
      jellyfin.getByRole('link', { name: 'Jellyfin' }),
    ).toBeVisible();
    await expect(page.getByTestId('node-workloads')).toContainText(
      /\d+ pods, read from the cluster homelab-cluster through the Kubernetes plugin at/,
    );
    expect(await overflowingCells(page, 'Pods on this node')).toEqual([]);

    // the fake spreads the workloads over the nodes (seedCluster): Ollama
    // and the observability stack run on sff-2
    await reopen(page, '/catalog/default/resource/sff-2');
    await expect(
      page
        .getByRole('table', { name: 'Pods on this node' })
        .getByRole('row', { name: /ollama\// }),
    ).toContainText('1.00 core / 0.93 cores');
    await expect(page.getByTestId('node-resources')).toContainText(
      'CPU: 1.85 cores requested of 3.00 cores allocatable (62%)',
    );
    expect(outside).toEqual([]);
  });
});
