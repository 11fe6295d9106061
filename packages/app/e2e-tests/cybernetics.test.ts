import { test, expect } from '@playwright/test';
import { reopen, signInAsGuest } from './guest';

// The local start has no upstreams: the loop runs on the other plugins'
// demo sources (10 s after start), and its decisions say so.

test('the decisions page lists what the loop decided, and a decision shows its evidence and audit', async ({
  page,
}) => {
  await signInAsGuest(page, '/cybernetics');
  await page.getByRole('tab', { name: 'All' }).click();
  const table = page.getByRole('table', { name: 'Decisions' });
  await expect(async () => {
    await reopen(page, '/cybernetics');
    await page.getByRole('tab', { name: 'All' }).click();
    await expect(table.getByRole('link').first()).toBeVisible({
      timeout: 3000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(
    table.getByTestId('cybernetics-demo-chip').first(),
  ).toBeVisible();
  await table.locator('a[href*="/cybernetics/decisions/"]').first().click();
  await expect(page).toHaveURL(/\/cybernetics\/decisions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('table', { name: 'Evidence' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Audit' })).toContainText(
    'cybernetics',
  );
});

test('the loop page draws sense, analyse, decide, act and verify with live counts', async ({
  page,
}) => {
  await signInAsGuest(page, '/cybernetics/loop');
  for (const stage of ['sense', 'analyse', 'decide', 'act', 'verify']) {
    await expect(page.getByTestId(`loop-stage-${stage}`)).toBeVisible();
  }
  await expect(page.getByTestId('loop-stage-analyse')).toContainText(
    '9 policies',
  );
});

test("an entity's Decisions card lists its open decisions", async ({
  page,
}) => {
  await signInAsGuest(page, '/cybernetics');
  const token = (
    await (
      await page.request.get('/api/auth/guest/refresh?env=development', {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      })
    ).json()
  ).backstageIdentity.token;
  let open: Array<{ entityRef: string; title: string }> = [];
  await expect(async () => {
    const res = await page.request.get(
      '/api/cybernetics/decisions?state=proposed,observed',
      { headers: { authorization: `Bearer ${token}` } },
    );
    open = (await res.json()).items;
    expect(
      open.filter(d => /^(component|resource):/.test(d.entityRef)).length,
    ).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000 });
  const decision = open.find(d => /^(component|resource):/.test(d.entityRef))!;
  const [kind, rest] = decision.entityRef.split(':');
  const [namespace, name] = rest.split('/');
  await page.goto(`/catalog/${namespace}/${kind}/${name}`);
  await expect(page.getByRole('link', { name: decision.title })).toBeVisible();
});
