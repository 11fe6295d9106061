import { test, expect } from '@playwright/test';
import { reopen, signInAsGuest } from './guest';

// The local start has no Alertmanager: the alerts plugin serves its demo,
// through the same routes (silences included), labelled as demo. The guest
// is an admin there, so silence and acknowledge are offered.

test('a node shows its alerts; acknowledging one silences it', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/resource/sff-2');
  const active = page.getByRole('table', { name: 'Active alerts' }).first();
  await expect(active.getByText('HighCPU')).toBeVisible();
  await expect(active.getByText('warning')).toBeVisible();
  await expect(page.getByTestId('alerts-demo-chip').first()).toBeVisible();
  await active.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByText('HighCPU acknowledged')).toBeVisible();
  await expect(active.getByRole('row', { name: /HighCPU/ })).toContainText(
    'silenced',
  );
});

test('the alerts page groups by severity and entity, and a silence made there shows and expires', async ({
  page,
}) => {
  await signInAsGuest(page, '/alerts');
  const critical = page.getByRole('table', { name: 'critical alerts' });
  await expect(critical.getByText('DiskFull')).toBeVisible();
  await expect(
    critical.getByRole('link', { name: 'Synology NAS' }),
  ).toBeVisible();
  const warning = page.getByRole('table', { name: 'warning alerts' });
  await expect(warning.getByText('CertExpiring')).toBeVisible();
  await expect(warning.getByRole('link', { name: 'Keycloak' })).toBeVisible();

  await critical
    .getByRole('row', { name: /DiskFull/ })
    .getByRole('button', { name: 'Silence' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Matchers')).toHaveValue(
    'alertname="DiskFull", node="nas"',
  );
  await dialog.getByLabel(/Why/).fill('replacing disk 3');
  await dialog.getByRole('button', { name: 'Silence' }).click();
  await expect(page.getByText('DiskFull silenced')).toBeVisible();
  const silences = page.getByRole('table', { name: 'Silences' });
  const row = silences.getByRole('row', { name: /replacing disk 3/ });
  await expect(row).toContainText('alertname="DiskFull", node="nas"');
  await expect(row).toContainText('user:default/guest');
  await expect(critical.getByRole('row', { name: /DiskFull/ })).toContainText(
    'silenced',
  );

  await row.getByRole('button', { name: 'Expire' }).click();
  await expect(
    silences.getByRole('row', { name: /replacing disk 3/ }),
  ).toHaveCount(0);
  await expect(critical.getByRole('row', { name: /DiskFull/ })).toContainText(
    'active',
  );
});

test('an entity’s alerts tab shows the history the poll recorded', async ({
  page,
}) => {
  const path = '/catalog/default/resource/nas-1/alerts';
  await signInAsGuest(page, path);
  const history = page.getByRole('table', { name: 'Alert history' });
  // Until the poll has run; afresh, as a reload asks the guest to enter again.
  await expect(async () => {
    await reopen(page, path);
    await expect(
      history.getByRole('row', { name: /DiskFull/ }).first(),
    ).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(
    history.getByRole('row', { name: /DiskFull/ }).first(),
  ).toContainText('fired');
  await expect(page.getByTestId('alerts-firings-30d')).toHaveText('1');
});
