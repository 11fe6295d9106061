/* eslint-disable no-console */
/*
 * yarn bench:pages [--runs N] [--only name,name]
 *
 * What a person waits for: the production build of the app, served by the
 * production backend (bench/portal.ts: app-config.production.yaml on a fresh
 * PostgreSQL database, signed in through an OpenID provider as the seed's
 * `operator`), opened in Chromium (playwright-core, /usr/bin/chromium).
 *
 * Pages: home, the catalog list, a service's entity page with every card
 * (Jellyfin: our Energy, Alerts, Backups, Recovery and Decisions cards,
 * Roadie's ArgoCD card, the catalog graph), a node's entity page (SFF node
 * 1), and the Energy, Alerts, Backups, Decisions, Network, Capacity and
 * Kratix requests pages. Baseline, in the same run: the same service page on
 * a second backend, same image and data, whose config turns our cards off
 * (app.extensions: entity-card:<id>: false).
 *
 * Each page: N cold loads (a new browser context: empty cache) and N warm
 * ones (one context that has loaded the page once), the pages in turn,
 * the baseline among them. "Last card rendered": the page counts as ready
 * when no progress indicator is shown, its main cards' texts are present
 * (bench/pageList.ts) and no /api/ request has been in flight for 1 s; the
 * time reported is that of the last DOM change that added an element before
 * then, from the start of the navigation. Also per page: the JavaScript it
 * loaded ("JS": compressed, as served, from the Resource Timing entries;
 * "JS sent": what crossed the network, 0 from the cache) and its request
 * count.
 *
 * Then: the share of the first page's JavaScript (home, cold; uncompressed)
 * that comes from our plugins (@homelab-portal/*), each chunk attributed to
 * packages by its source map (bench/chunks.ts); each card's requests on the
 * service page (when sent, when answered); and whether any card waits on
 * another: each card's answers held 3 s in turn (one cold load each), a
 * card that waits on it would send its first request about 3 s late.
 *
 * The upstreams of app-config.production.yaml do not exist here (see
 * bench/portal.ts): Energy and Alerts show their error, Backups and Recovery
 * what they could not read, ArgoCD the proxy's 504.
 *
 * Prints the ratio entity page with cards / baseline (median of cold loads)
 * last.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { BrowserContext } from '@playwright/test';
import { log, prepareImage, startPortal, Portal } from './portal';
import {
  holdUiLock,
  launch,
  load,
  newContext,
  Load,
  PageDef,
  READY_TIMEOUT_MS,
} from './browser';
import { BASELINE, OUR_CARDS, PAGES } from './pageList';
import { attributeChunks } from './chunks';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(flag('runs') ?? 10);
const ONLY = flag('only')?.split(',');

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;

/** The service page's cards with requests of their own, by path. */
const CARDS: Array<[string, RegExp]> = [
  ['energy', /^\/api\/energy\//],
  ['alerts', /^\/api\/alerts\//],
  ['backups', /^\/api\/backups\/entity/],
  ['recovery', /^\/api\/backups\/readiness/],
  ['decisions', /^\/api\/cybernetics\//],
  ['argocd (Roadie)', /^\/api\/proxy\/argocd\//],
];
const HOLD_MS = 3000;

/** When each card's first request left and its last answer came. */
function cardTimes(load: Load) {
  const times = new Map<string, { start: number; end: number }>();
  for (const a of load.api) {
    const p = new URL(a.url).pathname;
    const card = CARDS.find(([, re]) => re.test(p))?.[0];
    if (!card) continue;
    const c = times.get(card) ?? { start: Infinity, end: 0 };
    c.start = Math.min(c.start, a.start);
    c.end = Math.max(c.end, a.end);
    times.set(card, c);
  }
  return times;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
  const image = prepareImage(work);
  const production = parse(
    fs.readFileSync(path.join(image, 'app-config.production.yaml'), 'utf8'),
  );
  // app.extensions is a list: an overlay replaces it, so the baseline's
  // list is production's plus our cards turned off.
  const baselineConfig = {
    app: {
      extensions: [
        ...production.app.extensions,
        ...OUR_CARDS.map(id => ({ [id]: false })),
      ],
    },
  };
  log('starting two production backends (with our cards, and without)');
  const [withCards, baseline] = await Promise.all([
    startPortal({ image, work, name: 'pages' }),
    startPortal({
      image,
      work,
      name: 'pages_baseline',
      config: baselineConfig,
    }),
  ]);
  const stops = [withCards.stop, baseline.stop];
  try {
    // the catalog is read after readiness: wait for the pages' entities
    for (const portal of [withCards, baseline]) {
      for (let i = 0; ; i++) {
        const res = await fetch(
          `${portal.base}/api/catalog/entities/by-name/resource/default/sff-1`,
          { headers: { authorization: `Bearer ${portal.token}` } },
        );
        const res2 = await fetch(
          `${portal.base}/api/catalog/entities/by-name/component/default/jellyfin`,
          { headers: { authorization: `Bearer ${portal.token}` } },
        );
        if (res.ok && res2.ok) break;
        if (i > 120)
          throw new Error('the catalog never held sff-1 and jellyfin');
        await new Promise(r => setTimeout(r, 1000));
      }
    }
    log(
      `backends ready; Chromium, ${RUNS} cold and ${RUNS} warm loads per page`,
    );
    const results = await runBrowser(withCards, baseline);
    report(results, path.join(image, 'packages/app/dist'));
  } finally {
    await Promise.all(stops.map(s => s()));
    if (!process.env.BENCH_KEEP)
      fs.rmSync(work, { recursive: true, force: true });
    else log(`files kept in ${work}`);
  }
}

type Results = Map<string, { cold: Load[]; warm: Load[] }>;

async function runBrowser(withCards: Portal, baseline: Portal) {
  // Chromium runs with /work/ui.lock held: this process takes it through a
  // child flock that holds it until we are done.
  log('waiting for /work/ui.lock');
  const release = await holdUiLock();
  const browser = await launch();
  const results: Results = new Map();
  const held = new Map<string, Load>();
  const pages = [
    ...PAGES.filter(p => !ONLY || ONLY.includes(p.name)),
    BASELINE,
  ];
  const portalOf = (def: PageDef) => (def === BASELINE ? baseline : withCards);
  try {
    const warmContexts = new Map<PageDef, BrowserContext>();
    for (const def of pages) {
      const context = await newContext(browser, portalOf(def));
      const first = await load(context, portalOf(def), def, {
        shot: process.env.BENCH_SHOTS
          ? path.join(
              process.env.BENCH_SHOTS,
              `${def.name.replace(/\W+/g, '-')}.png`,
            )
          : undefined,
      });
      if (first.present.length)
        throw new Error(`${def.name}: shows ${first.present.join(', ')}`);
      if (first.timedOut)
        log(
          `${def.name}: not ready in ${READY_TIMEOUT_MS / 1000} s (${
            first.why
          })`,
        );
      warmContexts.set(def, context);
      results.set(def.name, { cold: [], warm: [] });
    }
    for (let run = 1; run <= RUNS; run++) {
      for (const def of pages) {
        const r = results.get(def.name)!;
        const cold = await newContext(browser, portalOf(def));
        r.cold.push(await load(cold, portalOf(def), def));
        await cold.close();
        r.warm.push(await load(warmContexts.get(def)!, portalOf(def), def));
      }
      log(`run ${run}/${RUNS} done`);
    }
    // Does a card wait on another? Each card's answers held 3 s in turn
    // (one cold load each): another card that waits on it starts 3 s late.
    const service = PAGES.find(p => p.name === 'service')!;
    if (results.has(service.name)) {
      for (const [card, re] of CARDS) {
        const context = await newContext(browser, withCards);
        held.set(
          card,
          await load(context, withCards, service, {
            delay: { path: re, ms: HOLD_MS },
          }),
        );
        await context.close();
      }
      log('cards held in turn: done');
    }
  } finally {
    await browser.close();
    release();
  }
  return { results, held };
}

function report(
  { results, held }: Awaited<ReturnType<typeof runBrowser>>,
  dist: string,
) {
  const rows: string[][] = [];
  for (const [name, r] of results) {
    const row = (kind: string, loads: Load[]) => {
      const timeouts = loads.filter(l => l.timedOut).length;
      rows.push([
        name,
        kind,
        `${median(loads.map(l => l.ms)).toFixed(0)} ms`,
        `${Math.max(...loads.map(l => l.ms)).toFixed(0)} ms`,
        kib(median(loads.map(l => l.jsBytes))),
        kib(median(loads.map(l => l.jsTransferred))),
        `${median(loads.map(l => l.requests))}`,
        timeouts ? `${timeouts} not ready` : '',
      ]);
    };
    row('cold', r.cold);
    row('warm', r.warm);
  }
  const header = [
    'page',
    'cache',
    'last card (median)',
    'max',
    'JS',
    'JS sent',
    'requests',
    '',
  ];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  console.log(
    [header, ...rows]
      .map(r => r.map((c, i) => c.padEnd(widths[i])).join('  '))
      .join('\n'),
  );

  // JavaScript of the first page (home, cold), by package, from the source maps.
  const home = results.get('home');
  if (home) {
    const scripts = home.cold[0].scripts;
    const byPackage = attributeChunks(scripts, dist);
    const total = [...byPackage.values()].reduce((s, v) => s + v, 0);
    const ours = [...byPackage].filter(([p]) =>
      p.startsWith('@homelab-portal/'),
    );
    const oursBytes = ours.reduce((s, [, v]) => s + v, 0);
    console.log(
      `\nfirst page (home, cold): ${scripts.length} scripts, ${kib(
        total,
      )} of JavaScript; our plugins: ${kib(oursBytes)} (${(
        (100 * oursBytes) /
        total
      ).toFixed(1)}%)`,
    );
    for (const [p, v] of ours.sort((a, b) => b[1] - a[1]))
      console.log(`  ${p}: ${kib(v)}`);
  }
  const service = results.get('service');
  if (service) {
    // each card's requests, cold: when the first left, when the last answered
    const typical = new Map<string, { start: number[]; end: number[] }>();
    for (const l of service.cold) {
      for (const [card, c] of cardTimes(l)) {
        const t = typical.get(card) ?? { start: [], end: [] };
        t.start.push(c.start);
        t.end.push(c.end);
        typical.set(card, t);
      }
    }
    console.log(
      "\nservice page, cold, each card's requests (medians, ms from the navigation):\n  card             sent  answered  took",
    );
    for (const [card, t] of typical) {
      const start = median(t.start);
      const end = median(t.end);
      console.log(
        `  ${card.padEnd(16)} ${start.toFixed(0).padStart(5)} ${end
          .toFixed(0)
          .padStart(9)} ${(end - start).toFixed(0).padStart(5)}`,
      );
    }
    const waiting: string[] = [];
    for (const [card, l] of held) {
      const times = cardTimes(l);
      const late = [...times]
        .filter(([other]) => other !== card && typical.has(other))
        .map(
          ([other, c]) =>
            [other, c.start - median(typical.get(other)!.start)] as const,
        );
      for (const [other, by] of late)
        if (by > HOLD_MS / 2)
          waiting.push(`${other} waits on ${card} (+${by.toFixed(0)} ms)`);
      console.log(
        `  ${card} held ${HOLD_MS / 1000} s: last card at ${l.ms.toFixed(
          0,
        )} ms${l.timedOut ? ' (not ready)' : ''}; the others sent ${late
          .map(([o, by]) => `${o} ${by >= 0 ? '+' : ''}${by.toFixed(0)}`)
          .join(', ')} ms from usual`,
      );
    }
    console.log(
      waiting.length
        ? `cards waiting on another: ${waiting.join('; ')}`
        : `no card waits on another: holding any card's answers ${
            HOLD_MS / 1000
          } s sent no other card's request more than ${HOLD_MS / 2000} s late`,
    );
    const base = results.get(BASELINE.name)!;
    const ratioCold =
      median(service.cold.map(l => l.ms)) / median(base.cold.map(l => l.ms));
    const ratioWarm =
      median(service.warm.map(l => l.ms)) / median(base.warm.map(l => l.ms));
    console.log(
      `service page with our cards / without them, warm: ${ratioWarm.toFixed(
        2,
      )}`,
    );
    console.log(
      `service page with our cards / without them, cold (target <= 1.2): ${ratioCold.toFixed(
        2,
      )}`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
