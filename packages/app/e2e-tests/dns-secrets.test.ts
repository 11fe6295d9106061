import { test, expect, Page } from '@playwright/test';
import { recordOutsideRequests, signInAsGuest, stillLoading } from './guest';
import { guestHeaders, keepScreenshot, scrollingSideways } from './fit';

// The DNS and Secrets pages on the local start: the DNS view reads the
// repository's example GitOps tree and the seed's secrets come from the demo
// Vault, both labelled "Demo data". Two exposed-service requests made here
// plant DNS problems the way a user would: one asks for a name Jellyfin
// already has, one for a name with no record.

const ERROR_TEXTS =
  /Error occurred|Error loading|Error: |Request failed|Something went wrong|ServiceUnavailable/;

/** Words that wrap inside themselves, and cells whose text spills over. */
async function badFits(page: Page): Promise<string[]> {
  return page.locator('td, th').evaluateAll(cells => {
    const bad: string[] = [];
    for (const cell of cells) {
      const el = cell as HTMLElement;
      if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) {
        bad.push(`spills: ${(el.textContent ?? '').trim().slice(0, 60)}`);
      }
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[A-Za-z]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set(
            [...range.getClientRects()]
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (lines.size > 1) bad.push(`broken: ${match[0]}`);
        }
      }
    }
    return bad;
  });
}

/** Every 4xx/5xx answer and console error from now on. */
function recordTrouble(page: Page) {
  const trouble = { failed: [] as string[], consoleErrors: [] as string[] };
  page.on('response', res => {
    if (res.status() >= 400)
      trouble.failed.push(`${res.status()} ${res.url()}`);
  });
  page.on('console', msg => {
    if (msg.type() === 'error') trouble.consoleErrors.push(msg.text());
  });
  page.on('pageerror', err => trouble.consoleErrors.push(err.message));
  return trouble;
}

/** An exposed-service request, as the template registers it (idempotent). */
async function requestName(
  page: Page,
  name: string,
  hostname: string,
  pull: number,
) {
  const res = await page.request.post('/api/kratix/requests', {
    headers: await guestHeaders(page),
    data: {
      promiseEntityRef: 'api:default/exposed-service-promise',
      manifest: {
        apiVersion: 'platform.lab.local/v1alpha1',
        kind: 'ExposedService',
        metadata: { name, namespace: 'default' },
        spec: { hostname, serviceName: name, servicePort: 80 },
      },
      forge: 'gitea',
      pullRequestUrl: `https://git.lab.local/homelab/gitops/pulls/${pull}`,
    },
  });
  expect([200, 201]).toContain(res.status());
}

for (const width of [1440, 900]) {
  test.describe(`DNS and Secrets at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('the DNS page flags the planted problems with what to do, and lists each name', async ({
      page,
    }) => {
      const outside = recordOutsideRequests(page);
      await signInAsGuest(page, '/');
      await requestName(page, 'e2e-tv', 'jellyfin.lab.local', 901);
      await requestName(page, 'e2e-photos', 'photos.lab.local', 902);
      const trouble = recordTrouble(page);

      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'DNS' })
        .click();
      await expect(page).toHaveURL(/\/homelab\/dns$/);
      const problems = page.getByTestId('dns-problems');
      await expect(problems).toContainText(
        'Shared name: jellyfin.lab.local is used by 2 services: component:default/jellyfin, request default/e2e-tv.',
      );
      await expect(problems).toContainText(
        'No record: photos.lab.local has no record, but request default/e2e-photos (exposed-service request) uses it.',
      );
      await expect(problems).toContainText(
        'Add a record for it to platform/dns/gozones/zones.yml in the GitOps repository',
      );
      await expect(page.getByText('Demo data')).toBeVisible();

      const row = page
        .getByRole('row')
        .filter({ hasText: 'registry.lab.local' });
      await expect(row).toContainText('CNAME ingress.lab.local (TTL 1 h)');
      await expect(row).toContainText('GoZones 10.0.20.53');
      await expect(row.getByRole('link', { name: /registry/i })).toBeVisible();

      await page.waitForLoadState('networkidle');
      await expect(stillLoading(page)).toHaveCount(0);
      await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
      expect(await scrollingSideways(page)).toEqual([]);
      expect(await badFits(page)).toEqual([]);
      await keepScreenshot(page, 'dns');
      expect(trouble.failed).toEqual([]);
      expect(trouble.consoleErrors).toEqual([]);
      expect(outside).toEqual([]);
    });

    test('the Secrets page lists the seed’s secrets per service and flags the overdue ones', async ({
      page,
    }) => {
      const outside = recordOutsideRequests(page);
      const trouble = recordTrouble(page);
      await signInAsGuest(page, '/');
      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Secrets' })
        .click();
      await expect(page).toHaveURL(/\/homelab\/secrets$/);
      const findings = page.getByTestId('secrets-findings');
      await expect(findings).toContainText('2 overdue');
      await expect(findings).toContainText(
        'secret/homelab/grafana/admin-api-key (grafana): Last rotated 130 d ago',
      );
      await expect(findings).toContainText(
        'secret/homelab/restic/ssh-key (restic): A stored SSH key',
      );
      await expect(page.getByText('Demo data')).toBeVisible();

      const row = page
        .getByRole('row')
        .filter({ hasText: 'secret/homelab/gitea/api-token' });
      await expect(row).toContainText('API keys · version 2');
      await expect(row).toContainText('41 d ago');
      await expect(row).toContainText('Within policy');
      await expect(
        page
          .getByRole('row')
          .filter({ hasText: 'secret/homelab/grafana/admin-api-key' }),
      ).toContainText('Overdue');
      await expect(
        page.getByRole('row').filter({ hasText: 'TLS certs' }).last(),
      ).toContainText('Automatic (90 d)');

      await page.waitForLoadState('networkidle');
      await expect(stillLoading(page)).toHaveCount(0);
      await expect(page.getByText(ERROR_TEXTS)).toHaveCount(0);
      expect(await scrollingSideways(page)).toEqual([]);
      expect(await badFits(page)).toEqual([]);
      await keepScreenshot(page, 'secrets');
      expect(trouble.failed).toEqual([]);
      expect(trouble.consoleErrors).toEqual([]);
      expect(outside).toEqual([]);
      // never a value: the answer holds metadata only
      const answer = await page.request.get('/api/homelab/secrets', {
        headers: await guestHeaders(page),
      });
      const body = await answer.json();
      expect(Object.keys(body.secrets[0]).sort()).not.toContain('data');
      expect(JSON.stringify(body)).not.toMatch(/"(value|data|password)"/);
    });
  });
}
