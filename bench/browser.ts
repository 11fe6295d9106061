/*
 * Chromium for bench:pages and bench:footprint: a signed-in browser context,
 * one page load measured, and /work/ui.lock held while Chromium runs.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium, Browser, BrowserContext, Request } from '@playwright/test';
import type { Portal } from './portal';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const READY_TIMEOUT_MS = 30_000;
const QUIET_MS = 1000;

export type PageDef = {
  name: string;
  path: string;
  /** Texts the page shows once rendered (not in the sidebar). */
  expect: string[];
  /** Texts it must not show (the baseline: none of our cards). */
  absent?: string[];
};

export type Load = {
  /** Time to the last card rendered, from the start of the navigation. */
  ms: number;
  timedOut: boolean;
  /** What it was still waiting for, when it timed out. */
  why: string;
  missing: string[];
  present: string[];
  jsBytes: number;
  jsTransferred: number;
  requests: number;
  scripts: string[];
  /** /api/ requests from Resource Timing (ms from the navigation's start). */
  api: Array<{ url: string; start: number; end: number }>;
  /** Every request the page made, in order, for bench:footprint to replay. */
  sent: Array<{ method: string; path: string; body?: string; type: string }>;
};

/**
 * Holds /work/ui.lock (flock in a child that waits on its stdin) until the
 * returned function is called.
 */
export async function holdUiLock(): Promise<() => void> {
  const lock = process.env.HOMELAB_UI_LOCK ?? '/work/ui.lock';
  if (!fs.existsSync(lock)) return () => {};
  const holder = spawn('flock', [lock, 'sh', '-c', 'echo locked; exec cat'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', code => reject(new Error(`flock exited ${code}`)));
  });
  return () => holder.stdin!.end();
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

// The time of the last DOM change that added an element.
const INIT_SCRIPT = `
  window.__lastAdded = 0;
  new MutationObserver(records => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1) { window.__lastAdded = performance.now(); return; }
      }
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** A new context (empty cache), signed in as the portal's user. */
export async function newContext(browser: Browser, portal: Portal) {
  const url = new URL(portal.base);
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    storageState: {
      // the refresh token's cookie, as the sign-in left it
      cookies: portal.cookies.map(c => ({
        ...c,
        domain: url.hostname,
        path: '/api/auth',
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: 'Lax' as const,
      })),
      // the sign-in page refreshes silently with the provider used last
      origins: [
        {
          origin: portal.base,
          localStorage: [
            { name: '@backstage/core:SignInPage:provider', value: 'keycloak' },
          ],
        },
      ],
    },
  });
  await context.addInitScript(INIT_SCRIPT);
  return context;
}

/**
 * Opens `def` in a new tab of `context` and waits for its last card: no
 * progress indicator, every expected text shown, no /api/ request in
 * flight, all of it for 1 s. Reports the last DOM change that added an
 * element before then.
 */
export async function load(
  context: BrowserContext,
  portal: Portal,
  def: PageDef,
  options: {
    shot?: string;
    /** Holds the answers of the /api/ paths that match, for `ms`. */
    delay?: { path: RegExp; ms: number };
  } = {},
): Promise<Load> {
  const page = await context.newPage();
  const delay = options.delay;
  if (delay) {
    await page.route(
      url => delay.path.test(url.pathname),
      async route => {
        await new Promise(r => setTimeout(r, delay.ms));
        await route.continue();
      },
    );
  }
  const inFlight = new Set<Request>();
  let lastApiChange = Date.now();
  const sent: Load['sent'] = [];
  page.on('request', r => {
    const u = new URL(r.url());
    if (u.origin === portal.base) {
      sent.push({
        method: r.method(),
        path: u.pathname + u.search,
        body: r.postData() ?? undefined,
        type: r.resourceType(),
      });
    }
    if (!u.pathname.startsWith('/api/')) return;
    inFlight.add(r);
    lastApiChange = Date.now();
  });
  const done = (r: Request) => {
    if (inFlight.delete(r)) lastApiChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const navStart = Date.now();
  await page.goto(portal.base + def.path, { waitUntil: 'commit' });
  let readySince: number | undefined;
  let timedOut = false;
  let missing: string[] = def.expect;
  let present: string[] = [];
  let why = '';
  for (;;) {
    const state = await page
      .evaluate(
        ({ expect, absent }) => {
          const text = document.body?.innerText ?? '';
          return {
            progress: document.querySelectorAll(
              '[role="progressbar"], [data-testid="progress"]',
            ).length,
            signIn: /Sign in with your homelab account/.test(text),
            missing: expect.filter(e => !text.includes(e)),
            present: absent.filter(e => text.includes(e)),
          };
        },
        { expect: def.expect, absent: def.absent ?? [] },
      )
      .catch(() => ({
        progress: 1,
        signIn: false,
        missing: def.expect,
        present: [],
      }));
    if (state.signIn) throw new Error(`${def.name}: the sign-in page showed`);
    missing = state.missing;
    present = state.present;
    why = `${state.progress} progress indicators, missing [${missing.join(
      ', ',
    )}], ${inFlight.size} requests in flight (${[...inFlight]
      .map(r => new URL(r.url()).pathname)
      .join(' ')}), last request change ${Date.now() - lastApiChange} ms ago`;
    const ready =
      state.progress === 0 && missing.length === 0 && inFlight.size === 0;
    if (ready) {
      readySince ??= Date.now();
      if (
        Date.now() - readySince >= QUIET_MS &&
        Date.now() - lastApiChange >= QUIET_MS
      )
        break;
    } else {
      readySince = undefined;
    }
    if (Date.now() - navStart > READY_TIMEOUT_MS) {
      timedOut = true;
      break;
    }
    await new Promise(r => setTimeout(r, 50));
  }
  const measured = await page.evaluate(() => {
    const resources = performance.getEntriesByType(
      'resource',
    ) as PerformanceResourceTiming[];
    const js = resources.filter(r => /\.js(\?|$)/.test(r.name));
    return {
      lastAdded: (window as any).__lastAdded as number,
      requests: resources.length + 1,
      jsBytes: js.reduce((s, r) => s + r.encodedBodySize, 0),
      jsTransferred: js.reduce((s, r) => s + r.transferSize, 0),
      scripts: js.map(r => new URL(r.name).pathname),
      api: resources
        .filter(r => new URL(r.name).pathname.startsWith('/api/'))
        .map(r => ({ url: r.name, start: r.startTime, end: r.responseEnd })),
    };
  });
  if (options.shot)
    await page.screenshot({ path: options.shot, fullPage: true });
  await page.close();
  return {
    ms: timedOut ? READY_TIMEOUT_MS : measured.lastAdded,
    timedOut,
    why: timedOut ? why : '',
    missing,
    present,
    jsBytes: measured.jsBytes,
    jsTransferred: measured.jsTransferred,
    requests: measured.requests,
    scripts: measured.scripts,
    api: measured.api,
    sent,
  };
}
