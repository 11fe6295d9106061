import { Page } from '@playwright/test';

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
