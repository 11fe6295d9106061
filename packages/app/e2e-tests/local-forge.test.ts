import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { recordOutsideRequests, reopen, signInAsGuest } from './guest';

// The local start has no forge: a request template's run commits the request
// to a branch of the local Git repository (homelab.localForge), its link opens
// the rendered file, and the request shows under Requests. The form is filled
// as a user fills it. E2E_SCREENS=<dir> keeps screenshots.

/** The signed-in guest's Backstage token, as the app gets it. */
async function guestToken(page: Page): Promise<string> {
  const res = await page.request.get(
    '/api/auth/guest/refresh?env=development',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

const ERROR_TEXTS =
  /Error occurred|Error loading|Error: |Request failed|Something went wrong|failed: fetch failed/;

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENS) return;
  const { width } = page.viewportSize()!;
  await page.screenshot({
    path: `${process.env.E2E_SCREENS}/${name}-${width}.png`,
    fullPage: true,
  });
}

for (const width of [1440, 900]) {
  test(`a Redis request with no forge, at ${width} px: committed locally, its file one click away, tracked under Requests`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    const outside = recordOutsideRequests(page);
    const consoleErrors: string[] = [];
    page.on('pageerror', err => consoleErrors.push(err.message));
    await signInAsGuest(page, '/create');
    const token = await guestToken(page);
    // The Promise provider reads promises/ a few seconds after the start.
    await expect
      .poll(
        async () =>
          (
            await page.request.get(
              '/api/catalog/entities/by-name/api/default/redis-promise',
              { headers: { authorization: `Bearer ${token}` } },
            )
          ).status(),
        { timeout: 60_000 },
      )
      .toBe(200);

    // The form, as a user fills it: a name and a system, the defaults for
    // the rest (the GitOps repository on git.lab.local, which is local here).
    // A fresh name each run: the local repository outlives the backend.
    const name = `e2e-${width}-${Date.now().toString(36)}`;
    await reopen(page, '/create/templates/default/request-redis');
    await page.getByRole('textbox', { name: /^Name/ }).fill(name);
    // the System picker (an autocomplete: a combobox, or its text box)
    await page
      .getByRole('combobox', { name: /^System/ })
      .or(page.getByRole('textbox', { name: /^System/ }))
      .click();
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Redis settings').first()).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('GitOps repository').first()).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Repository' })).toHaveValue(
      'gitops',
    );
    await page.getByRole('button', { name: 'Review' }).click();
    // the repository in words, not as host?owner=&repo=
    await expect(
      page.getByRole('row', { name: /^GitOps repository/ }),
    ).toContainText('The local Git repository');
    await expect(page.getByText(/\?owner=/)).toHaveCount(0);
    await screenshot(page, 'local-forge-review');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);

    const link = page.getByRole('link', {
      name: /^Commit on branch .* in the local Git repository/,
    });
    await expect(link).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    // every step ran, the tracking one last
    await expect(
      page.getByRole('button', { name: /Track the request until it is ready/ }),
    ).toBeVisible();
    await screenshot(page, 'local-forge-task');
    const href = await link.getAttribute('href');
    expect(href).toMatch(
      new RegExp(
        `/kratix/local-git/[0-9a-f]{40}\\?branch=request%2Fredis-${name}&path=platform%2Frequests%2Fdefault%2Fredis-${name}\\.yaml$`,
      ),
    );

    // The link opens the rendered file (in a new tab, as links out do).
    const [view] = await Promise.all([
      page.context().waitForEvent('page'),
      link.click(),
    ]);
    view.on('pageerror', err => consoleErrors.push(err.message));
    await view.setViewportSize({ width, height: 900 });
    const enter = view.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible({ timeout: 5000 }).catch(() => false)) {
      await enter.click();
    }
    await expect(view.getByText(`Request redis ${name}`)).toBeVisible();
    await expect(
      view.getByText(`platform/requests/default/redis-${name}.yaml`).first(),
    ).toBeVisible();
    await expect(view.getByText(`name: ${name}`)).toBeVisible();
    await expect(view.getByText('kind: Redis')).toBeVisible();
    await expect(view.getByText(`merge request/redis-${name}`)).toBeVisible();
    await expect(view.getByText(ERROR_TEXTS)).toHaveCount(0);
    await screenshot(view, 'local-forge-file');
    await view.close();

    // The request is under Requests, waiting for its branch to be merged.
    await reopen(page, '/kratix/requests');
    const table = page.getByRole('table', { name: 'Kratix requests' });
    await expect(
      table.getByRole('link', { name: `Redis ${name}` }),
    ).toBeVisible();
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    await screenshot(page, 'local-forge-requests');
    await table.getByRole('link', { name: `Redis ${name}` }).click();
    await expect(
      page.getByText('Committed to the local Git repository ·'),
    ).toBeVisible();
    await expect(
      page.getByText(/on branch request\/redis-.* of the local Git repository/),
    ).toBeVisible();
    await screenshot(page, 'local-forge-request');

    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
}

// The local repository, as app-config.yaml's homelab.localForge names it
// (relative to packages/backend, where the backend runs).
const LOCAL_REPO = path.resolve(__dirname, '../../../.local-state/gitops');

for (const width of [1440, 900]) {
  test(`a backup schedule with no forge, at ${width} px: from the Backups page's unprotected service to a local commit, then merged`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    const outside = recordOutsideRequests(page);
    const consoleErrors: string[] = [];
    page.on('pageerror', err => consoleErrors.push(err.message));

    // The local repository outlives the backend: a branch left unmerged by an
    // earlier run that stopped half-way is deleted, as its refusal suggests.
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', LOCAL_REPO, ...args], {
        encoding: 'utf8',
      }).trim();
    if (fs.existsSync(LOCAL_REPO)) {
      try {
        git('branch', '-D', 'backups/ollama');
      } catch {
        // no such branch
      }
    }

    // As a user gets there: Backups, an unprotected service, "Protect this service".
    await signInAsGuest(page, '/backups');
    await page
      .getByRole('table', { name: 'Unprotected services' })
      .getByRole('row', { name: /Ollama/ })
      .getByRole('link', { name: 'Protect this service' })
      .click();
    await expect(page.getByText('Back up a service').first()).toBeVisible();
    const namespace = page.getByRole('textbox', {
      name: /^Kubernetes namespace/,
    });
    if (!(await namespace.inputValue())) await namespace.fill('ollama');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('GitOps repository').first()).toBeVisible();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);

    const link = page.getByRole('link', {
      name: /^Commit on branch .* in the local Git repository/,
    });
    await expect(link).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
    await screenshot(page, 'local-forge-backup-task');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(
      /\/kratix\/local-git\/[0-9a-f]{40}\?branch=backups%2Follama&path=platform%2Fvelero%2Fschedules%2Follama\.yaml$/,
    );

    // The commit is on its branch of the real repository, main untouched.
    const sha = /local-git\/([0-9a-f]{40})/.exec(href)![1];
    expect(git('rev-parse', 'refs/heads/backups/ollama')).toBe(sha);
    // (a run after an earlier one was merged commits the same file again)
    const files = git(
      'ls-tree',
      '-r',
      '--name-only',
      sha,
      'platform/velero/schedules/',
    ).split('\n');
    const file = files.find(f => f.endsWith('/ollama.yaml'));
    expect(file).toBeDefined();
    const schedule = git('show', `${sha}:${file}`);
    expect(schedule).toContain('kind: Schedule');
    expect(schedule).toContain('- ollama');

    // Merged as the README says (git merge <branch>), so the next run reuses
    // the branch instead of finding an unmerged request on it.
    git('merge', '--no-edit', '-q', 'backups/ollama');
    expect(git('merge-base', '--is-ancestor', sha, 'main')).toBe('');

    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
}
