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
  await signInAsGuest(page, '/cybernetics');
  await expect(page.getByRole('tab', { name: 'All' })).toBeVisible();
  // The loop runs on the demo sources 10 s after start and follows the
  // runbook: HighCPU and HighMemory open investigations, which approving
  // would not carry out (a change needing cybernetics.gitops, which the
  // local start lacks, is covered by cybernetics-common's executable.test.ts
  // and ReviewButtons.test.tsx).
  const headers = await guestHeaders(page);
  let open: { id: string; title: string; executability: any } | undefined;
  await expect(async () => {
    const { items } = await (
      await page.request.get('/api/cybernetics/decisions', { headers })
    ).json();
    open = items.find(
      (d: any) =>
        d.action.type === 'investigation' &&
        ['proposed', 'observed'].includes(d.state) &&
        !d.executability.executable,
    );
    expect(open, 'an open investigation from the local start').toBeTruthy();
  }).toPass({ timeout: 60_000 });

  // (choosing a tab reads the decisions again)
  await page.getByRole('tab', { name: 'All' }).click();
  const table = page.getByRole('table', { name: 'Decisions' });
  const link = table.getByRole('link', { name: open!.title });
  await expect(link).toBeVisible();
  await expectToFitTheWindow(page, 'decisions');

  await link.click();
  await expect(page).toHaveURL(
    new RegExp(`/cybernetics/decisions/${open!.id}$`),
  );
  // the guest is an admin here: Reject is offered, Approve is not
  await expect(page.getByRole('button', { name: 'Reject' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const note = page.getByRole('note', {
    name: 'Why this decision cannot be approved',
  });
  await expect(note).toContainText('opens an investigation, not a change');
  await expect(note).toContainText('What you can do:');
  await keepScreenshot(page, 'decision-not-executable');

  // and the backend refuses it too, leaving it open
  const refused = await page.request.post(
    `/api/cybernetics/decisions/${open!.id}/approve`,
    { headers, data: {} },
  );
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(
    /^This decision cannot be carried out/,
  );
  const after = await (
    await page.request.get(`/api/cybernetics/decisions/${open!.id}`, {
      headers,
    })
  ).json();
  expect(after.state).toBe(open!.state);
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
