import { Page, Request } from '@playwright/test';

/** Opens a page and enters as the guest. */
export async function signInAsGuest(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** Opens a page afresh (a reload asks the guest to enter again). */
export async function reopen(page: Page, path: string) {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 2000 }).catch(() => false)) {
    await enter.click();
  }
}

/**
 * What is still loading: progress indicators without a value (Backstage's
 * Progress, MUI's indeterminate bars and spinners). A determinate bar, which
 * carries aria-valuenow (a volume's fill on the NAS's page), is a figure, not
 * something loading.
 */
export const stillLoading = (page: Page) =>
  page.locator('[role="progressbar"]:not([aria-valuenow])');

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Every request that would leave the machine: the portal must work air-gapped. */
export function recordOutsideRequests(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (req: Request) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!LOCAL_HOSTS.has(url.hostname)) outside.push(req.url());
  });
  return outside;
}

/**
 * The second backend of playwright.config.ts: the local start plus a cluster
 * and ArgoCD (their fakes), with the integrations' cards and tabs on.
 */
export const INTEGRATIONS_URL =
  process.env.E2E_INTEGRATIONS_URL ?? 'http://localhost:7017';
