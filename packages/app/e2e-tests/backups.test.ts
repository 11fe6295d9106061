import { test, expect } from '@playwright/test';
import { signInAsGuest } from './guest';

// The local start has no cluster and no restic repository: the backups
// plugin serves its demo through the same routes, labelled as demo.

test('a database service shows its backup card, and its tab shows failures as text', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/keycloak');
  await expect(page.getByTestId('backups-demo-chip').first()).toBeVisible();
  await expect(page.getByText('databases', { exact: true })).toBeVisible();
  await expect(page.getByText('No restore drill on record')).toHaveCount(0);
  await page.locator('a[href$="/component/keycloak/backups"]').click();
  const runs = page.getByRole('table', { name: 'Backup runs' });
  await expect(
    runs.getByText(/pre-hook "pg_dump" in keycloak\/keycloak-0 exited with 1/),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Restores' })).toContainText(
    'drill-keycloak',
  );
});

test('the backups page shows compliance per policy, the unprotected services and the run calendar', async ({
  page,
}) => {
  await signInAsGuest(page, '/backups');
  await expect(
    page
      .getByRole('table', { name: 'Databases compliance' })
      .getByRole('link', { name: 'Keycloak' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Media compliance' })
      .getByRole('link', { name: 'Jellyfin' }),
  ).toBeVisible();
  const unprotected = page.getByRole('table', { name: 'Unprotected services' });
  await expect(unprotected.getByRole('link', { name: 'Ollama' })).toBeVisible();
  await expect(
    page.getByTestId('backups-calendar').locator('div').first(),
  ).toBeVisible();
  await unprotected
    .getByRole('row', { name: /Ollama/ })
    .getByRole('link', { name: 'Protect this service' })
    .click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/backup-schedule/);
  await expect(page.getByText('Back up a service')).toBeVisible();
  // the form arrives filled in with the service
  await expect(page.getByRole('textbox', { name: 'Service' })).toHaveValue(
    'component:default/ollama',
  );
});

test('recovery readiness shows the four procedures with their runbooks, and says what to configure', async ({
  page,
}) => {
  // the local start has no ArgoCD, no cluster and no off-site copy
  await signInAsGuest(page, '/backups');
  await page.getByRole('link', { name: 'Recovery readiness' }).click();
  await expect(page).toHaveURL(/\/backups\/readiness$/);
  await expect(page.getByTestId('recovery-partial')).toContainText(
    'Set backups.argocd.baseUrl',
  );
  await expect(page.getByTestId('recovery-node')).toContainText(
    'kubernetes.clusterLocatorMethods',
  );
  await expect(page.getByTestId('recovery-cluster')).toContainText(
    /Latest cluster-state backup \d+ (min|h) ago \(RPO 24 h\)/,
  );
  await expect(page.getByTestId('recovery-site')).toContainText(
    'No off-site copy',
  );
  const runbooks = page.getByRole('link', { name: /runbook/i });
  await expect(runbooks).toHaveCount(4);
  await expect(runbooks.first()).toHaveAttribute(
    'href',
    '/docs/default/component/runbooks/recovery/partial-failure/',
  );
  await expect(page.getByText(/error/i)).toHaveCount(0);
});

test("a service's recovery card offers a restore drill, filled in with the service", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/keycloak');
  const card = page.getByTestId('recovery-card-last-restore');
  await expect(card).toContainText('Never verified.');
  await card.getByRole('link', { name: 'Start a restore drill' }).click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/restore-drill/);
  await expect(page.getByText('Restore drill').first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Service' })).toHaveValue(
    'component:default/keycloak',
  );
});
