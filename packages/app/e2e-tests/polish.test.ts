import { test, expect } from '@playwright/test';
import { signInAsGuest } from './guest';
import { expectToFitTheWindow, guestHeaders, keepScreenshot } from './fit';

// What a user sees in the first five minutes, at a small laptop's width:
// the Promise tab, the decisions, the backups calendar and the alerts fit
// the window (no table scrolls sideways), the calendar has a legend, and
// Approve is not offered on a decision that cannot be carried out (the
// local start has no GitOps repository). E2E_SCREENS=<dir> keeps screenshots.

test.use({ viewport: { width: 900, height: 900 } });

test("a Promise's tab reads as a Promise, and its fields and YAML fit the window", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/api/postgresql-promise/kratix');
  await expect(page.getByText('What it offers')).toBeVisible();
  const fields = page.getByRole('table', { name: 'Request fields' });
  await expect(
    fields.getByRole('row', { name: /^storageGi/ }).getByRole('cell'),
  ).toHaveText(['storageGi', 'integer', '5', /Volume size in GiB/]);
  await expect(
    page
      .getByRole('list', { name: 'Pipelines' })
      .getByText(/postgresql-pipeline/),
  ).toBeVisible();
  const yaml = page.getByTestId('promise-yaml');
  await expect(yaml).toContainText('kind: Promise');
  // the YAML wraps inside its card instead of running off the page
  expect(
    await yaml.evaluate(
      el =>
        [el, ...el.querySelectorAll('*')].filter(
          e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0,
        ).length,
    ),
  ).toBe(0);
  const box = await yaml.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(900);
  await expectToFitTheWindow(page, 'promise');
});

test("a Promise's Definition tab (API docs) reads as a Promise too, not as raw YAML off the page", async ({
  page,
}) => {
  await signInAsGuest(
    page,
    '/catalog/default/api/postgresql-promise/definition',
  );
  await expect(page.getByRole('tab', { name: 'Kratix Promise' })).toBeVisible();
  await expect(page.getByText('What it offers')).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Request fields' })
      .getByRole('row', { name: /^storageGi/ }),
  ).toBeVisible();
  const yaml = page.getByTestId('promise-yaml');
  await expect(yaml).toContainText('kind: Promise');
  const box = await yaml.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(900);
  await expectToFitTheWindow(page, 'promise-definition');
});

test('the decisions fit the window, and Approve is not offered where approving would carry nothing out', async ({
  page,
}) => {
  // Known gap, open in #19/#20: with the runbook's policies the local start's
  // loop proposes no change that cannot be carried out (DiskFull needs
  // Prometheus evidence it has not got there). Expected to fail until the
  // test's premise is planted again; it reports as a failure the day it passes.
  test.fail(true, 'no non-executable proposal in the local start (#19)');
  await signInAsGuest(page, '/cybernetics');
  await expect(page.getByRole('tab', { name: 'All' })).toBeVisible();
  // Without cybernetics.gitops, a proposed change cannot become a pull
  // request. The loop runs on the demo sources 10 s after start.
  const headers = await guestHeaders(page);
  let change: { id: string; title: string } | undefined;
  await expect(async () => {
    const { items } = await (
      await page.request.get('/api/cybernetics/decisions?state=proposed', {
        headers,
      })
    ).json();
    change = items.find(
      (d: any) =>
        d.action.type === 'gitops-change' && !d.executability.executable,
    );
    expect(
      change,
      'a proposed change the local start cannot carry out',
    ).toBeTruthy();
  }).toPass({ timeout: 60_000 });

  // (choosing a tab reads the decisions again)
  await page.getByRole('tab', { name: 'All' }).click();
  const table = page.getByRole('table', { name: 'Decisions' });
  const link = table.getByRole('link', { name: change!.title });
  await expect(link).toBeVisible();
  await expectToFitTheWindow(page, 'decisions');

  await link.click();
  await expect(page).toHaveURL(
    new RegExp(`/cybernetics/decisions/${change!.id}$`),
  );
  // the guest is an admin here: Reject is offered, Approve is not
  await expect(page.getByRole('button', { name: 'Reject' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const note = page.getByRole('note', {
    name: 'Why this decision cannot be approved',
  });
  await expect(note).toContainText('cybernetics.gitops');
  await expect(note).toContainText('What you can do:');
  await keepScreenshot(page, 'decision-not-executable');

  // and the backend refuses it too, leaving it open
  const refused = await page.request.post(
    `/api/cybernetics/decisions/${change!.id}/approve`,
    { headers, data: {} },
  );
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(
    /^This decision cannot be carried out/,
  );
  const after = await (
    await page.request.get(`/api/cybernetics/decisions/${change!.id}`, {
      headers,
    })
  ).json();
  expect(after.state).toBe('proposed');
});

test('the backups calendar has a legend and its window, and the tables fit', async ({
  page,
}) => {
  await signInAsGuest(page, '/backups');
  await expect(page.getByTestId('backups-calendar')).toBeVisible();
  await expect(
    page.getByText(
      /^Backup runs per day, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(UTC\)/,
    ),
  ).toBeVisible();
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveText([
    'No run that day',
    /^Good runs, none failed/,
    'At least one run failed',
  ]);
  await expectToFitTheWindow(page, 'backups');
});

test('the alerts and a silence with a long reason fit the window', async ({
  page,
}) => {
  await signInAsGuest(page, '/');
  const headers = await guestHeaders(page);
  const created = await page.request.post('/api/alerts/silences', {
    headers,
    data: {
      alertmanager: 'demo',
      matchers: 'alertname="HighMemory", node="sff-1"',
      durationMinutes: 60,
      comment:
        'Ollama is loading a larger model on sff-1 tonight; memory stays high until it finishes',
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  try {
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Alerts' })
      .click();
    await expect(
      page.getByRole('table', { name: 'critical alerts' }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Silences' })
        .getByRole('row', { name: /Ollama is loading/ }),
    ).toContainText('user:default/guest');
    await expectToFitTheWindow(page, 'alerts');
  } finally {
    await page.request.delete(`/api/alerts/silences/demo/${id}`, { headers });
  }
});
