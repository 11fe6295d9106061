/* eslint-disable no-console */
/*
 * yarn bench:footprint [--duration seconds] [--users n]
 *
 * The portal's budget on a homelab node: the production backend (every
 * plugin, app-config.production.yaml, a fresh set of PostgreSQL databases,
 * the production build of the app; bench/portal.ts), under the load of a
 * person using it. The load is what the pages of bench:pages ask for: each
 * page is opened once in Chromium (holding /work/ui.lock) and every request
 * it makes to the portal recorded (its HTML, JavaScript, CSS, images and
 * API calls, methods and bodies as sent); then, for the run, plain HTTP
 * replays them page after page, each page's requests at once after its
 * HTML, as a person clicking from page to page without reading (--users
 * runs several such persons at once). The sign-in refresh that each full
 * load makes (/api/auth/) is left out: it needs the browser's cookie, which
 * it rotates. 5 minutes by default.
 *
 * Measured inside the backend by bench/loopDelay.cjs (preloaded with
 * `node -r`, enabled by HOMELAB_LOOP_DELAY_FILE; not in the image): RSS,
 * heap and the event loop's delay, every 5 s, and p99 over the start and over
 * the load. Outside: the RSS of the backend with its child processes
 * (TechDocs' mkdocs builds), from /proc.
 *
 * The backend runs with the Dockerfile's ENV lines, so with its allocator
 * (jemalloc, LD_PRELOAD); the report says which malloc the process has.
 *
 * Baseline in the same run: the same backend idle, before the load (from
 * ready to the load's start) - the RSS the load adds.
 *
 * Targets: RSS <= 1 GiB, p99 event-loop delay < 50 ms, no growth (the RSS
 * slope over the load's second half would not reach 1 GiB within a day).
 * Prints the figures and the verdict last.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareImage, startPortal, log, ROOT } from './portal';
import {
  percentile,
  printProfile,
  record,
  fitLine,
  slope,
  treeRss,
} from './footprintTools';
import type { Load } from './browser';
import { dockerfileEnv, hasLoaded } from '../e2e-production/imageEnv';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DURATION_S = Number(flag('duration') ?? 300);
const USERS = Number(flag('users') ?? 1);
// --profile: the backend runs with --cpu-prof (which slows it: figures from
// a profiled run are not the benchmark's); the busiest functions printed.
const PROFILE = args.includes('--profile');
const IDLE_S = 30;
const SAMPLE_MS = 5000;
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

type Sample = {
  kind: 'sample' | 'period';
  t: number;
  rss: number;
  rssAnon?: number;
  rssFile?: number;
  heapUsed: number;
  heapTotal?: number;
  external?: number;
  arrayBuffers?: number;
  spaces?: Record<string, number>;
  p99: number;
  max: number;
  totalP99: number;
  totalMax: number;
  totalCount: number;
};

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-footprint-'));
  const image = prepareImage(work);
  const samplesFile = path.join(work, 'loop-delay.jsonl');
  const portal = await startPortal({
    image,
    work,
    name: 'footprint',
    preload: [path.join(ROOT, 'bench/loopDelay.cjs')],
    nodeOptions: PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${path.join(work, 'profile')}`]
      : [],
    env: {
      HOMELAB_LOOP_DELAY_FILE: samplesFile,
      HOMELAB_LOOP_DELAY_INTERVAL_MS: String(SAMPLE_MS),
    },
  });
  const tree: Array<{ t: number; rss: number }> = [];
  let loadWindow: [number, number] | undefined;
  let verdict = '';
  const treeTimer = setInterval(
    () => tree.push({ t: Date.now(), rss: treeRss(portal.pid) }),
    SAMPLE_MS,
  );
  try {
    const headers = { authorization: `Bearer ${portal.token}` };
    const allocator = mallocOf(portal.pid);
    const recorded = await record(portal);
    const total = recorded.reduce((n, p) => n + p.sent.length, 0);
    log(
      `recorded ${total} requests over ${recorded.length} pages; idle ${IDLE_S} s (the baseline), then ${DURATION_S} s of load by ${USERS} person(s)`,
    );
    await new Promise(r => setTimeout(r, IDLE_S * 1000));
    process.kill(portal.pid, 'SIGUSR2'); // closes the start's period
    const loadStart = Date.now();
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    const failures = new Map<string, number>();
    let bytes = 0;
    let pageViews = 0;
    let requests = 0;
    const send = async (r: Load['sent'][number]) => {
      const api = r.path.startsWith('/api/');
      const t0 = performance.now();
      requests++;
      try {
        const res = await fetch(portal.base + r.path, {
          method: r.method,
          body: r.body,
          headers: api
            ? {
                ...headers,
                ...(r.body ? { 'content-type': 'application/json' } : {}),
              }
            : {},
        });
        bytes += (await res.arrayBuffer()).byteLength;
        const key = `${res.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res.status >= 400) {
          const what = `${res.status} ${r.method} ${r.path.split('?')[0]}`;
          failures.set(what, (failures.get(what) ?? 0) + 1);
        }
      } catch (error: any) {
        const key = error.cause?.code ?? error.message;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
      if (api) latencies.push(performance.now() - t0);
    };
    // A pass over the pages is one visit: a new tab, so the HTML and each
    // script, style and image once (the browser caches the rest of the
    // visit: the app's files are hashed), then each page's API calls.
    const person = async () => {
      while (Date.now() - loadStart < DURATION_S * 1000) {
        const cached = new Set<string>();
        for (const page of recorded) {
          if (Date.now() - loadStart >= DURATION_S * 1000) break;
          const [document, ...rest] = page.sent;
          if (!cached.has(document.path)) await send(document);
          cached.add(document.path);
          const toSend = rest.filter(
            r => r.path.startsWith('/api/') || !cached.has(r.path),
          );
          for (const r of toSend)
            if (!r.path.startsWith('/api/')) cached.add(r.path);
          await Promise.all(toSend.map(send));
          pageViews++;
        }
      }
    };
    const progress = setInterval(
      () =>
        log(
          `load: ${Math.round(
            (Date.now() - loadStart) / 1000,
          )} s, ${pageViews} pages`,
        ),
      60_000,
    );
    await Promise.all(Array.from({ length: USERS }, person));
    clearInterval(progress);
    const loadEnd = Date.now();
    loadWindow = [loadStart, loadEnd];
    process.kill(portal.pid, 'SIGUSR2'); // closes the load's period
    await new Promise(r => setTimeout(r, 1000));
    clearInterval(treeTimer);

    const samples: Sample[] = fs
      .readFileSync(samplesFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l));
    const periods = samples.filter(s => s.kind === 'period');
    const [startPeriod, loadPeriod] = periods;
    const during = samples.filter(
      s => s.kind === 'sample' && s.t > loadStart && s.t <= loadEnd,
    );
    const idle = samples.filter(
      s =>
        s.kind === 'sample' &&
        s.t > loadStart - IDLE_S * 1000 &&
        s.t <= loadStart,
    );
    const treeDuring = tree.filter(s => s.t > loadStart && s.t <= loadEnd);

    console.log(
      `\nload: ${pageViews} page views in ${Math.round(
        (loadEnd - loadStart) / 1000,
      )} s by ${USERS} person(s), ${
        latencies.length
      } API calls (p50 ${percentile(latencies, 50).toFixed(
        0,
      )} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms), ${(
        bytes / MIB
      ).toFixed(0)} MiB received`,
    );
    console.log(
      `answers: ${[...statuses].map(([k, n]) => `${k} x${n}`).join(', ')}`,
    );
    for (const [what, n] of [...failures].sort((a, b) => b[1] - a[1]))
      console.log(`  ${what} x${n}`);
    console.log(
      '\n  time   RSS (MiB)  heap (MiB)  tree RSS (MiB)  loop p99 / max (ms)',
    );
    // one row per `step` samples: RSS and heap at its end, the highest
    // interval p99 and the longest delay within it
    const step = Math.max(1, Math.round(during.length / 20));
    for (let i = 0; i < during.length; i += step) {
      const group = during.slice(i, i + step);
      const s = group[group.length - 1];
      const t = tree.reduce((best, x) =>
        Math.abs(x.t - s.t) < Math.abs(best.t - s.t) ? x : best,
      );
      const p99 = Math.max(...group.map(g => g.p99));
      const max = Math.max(...group.map(g => g.max));
      console.log(
        `  ${String(Math.round((s.t - loadStart) / 1000)).padStart(4)} s  ${(
          s.rss / MIB
        )
          .toFixed(0)
          .padStart(9)}  ${(s.heapUsed / MIB).toFixed(0).padStart(10)}  ${(
          t.rss / MIB
        )
          .toFixed(0)
          .padStart(14)}  ${p99.toFixed(1)} / ${max.toFixed(1)}`,
      );
    }
    for (let i = 1; i < during.length; i++) {
      const s = during[i];
      if (s.max < 500) continue;
      console.log(
        `  a ${s.max.toFixed(0)} ms delay at ${Math.round(
          (s.t - loadStart) / 1000,
        )} s; heap ${(during[i - 1].heapUsed / MIB).toFixed(0)} -> ${(
          s.heapUsed / MIB
        ).toFixed(0)} MiB, RSS ${(during[i - 1].rss / MIB).toFixed(0)} -> ${(
          s.rss / MIB
        ).toFixed(0)} MiB`,
      );
    }

    const idleRss = Math.max(...idle.map(s => s.rss));
    const peakRss = Math.max(...during.map(s => s.rss));
    const peakTree = Math.max(...treeDuring.map(s => s.rss));
    const half = during.filter(
      s => s.t >= loadStart + (loadEnd - loadStart) / 2,
    );
    const rssPoints = half.map(
      s => [(s.t - loadStart) / 60_000, s.rss / MIB] as [number, number],
    );
    const { slope: rssSlope, margin: rssMargin } = fitLine(rssPoints);
    const heapSlope = slope(
      half.map(s => [(s.t - loadStart) / 60_000, s.heapUsed / MIB]),
    );
    // Where the second half's growth is: each part of the RSS, its size at
    // the half and at the end, and its slope.
    const parts: Array<[string, (s: Sample) => number | undefined]> = [
      ['anonymous pages (kernel)', s => s.rssAnon],
      ['file pages (kernel)', s => s.rssFile],
      ['V8 heap, committed', s => s.heapTotal],
      ['  old space', s => s.spaces?.old_space],
      ['  code space', s => s.spaces?.code_space],
      ['  large objects', s => s.spaces?.large_object_space],
      ['native, external', s => s.external],
      ['  of which ArrayBuffers', s => s.arrayBuffers],
    ];
    if (half.length > 1) {
      console.log(
        '\nthe second half, by part:    at the half   at the end   slope',
      );
      for (const [name, of] of parts) {
        const points = half
          .map(s => [(s.t - loadStart) / 60_000, of(s)] as const)
          .filter((p): p is [number, number] => p[1] !== undefined)
          .map(([t, v]) => [t, v / MIB] as [number, number]);
        if (points.length < 2) continue;
        console.log(
          `  ${name.padEnd(26)} ${points[0][1]
            .toFixed(1)
            .padStart(9)} MiB ${points[points.length - 1][1]
            .toFixed(1)
            .padStart(8)} MiB  ${slope(points).toFixed(2)} MiB/min`,
        );
      }
    }
    const lastRss = during[during.length - 1]?.rss ?? peakRss;
    const dayRss = lastRss / MIB + rssSlope * 60 * 24;
    const loopP99 = loadPeriod?.totalP99 ?? NaN;

    console.log(`\nthe backend's allocator: ${allocator}`);
    console.log(
      `\nbaseline, idle before the load: RSS ${(idleRss / MIB).toFixed(
        0,
      )} MiB; event loop at the start (ready to load) p99 ${startPeriod?.totalP99.toFixed(
        1,
      )} ms, max ${startPeriod?.totalMax.toFixed(0)} ms`,
    );
    console.log(
      `under load: RSS peak ${(peakRss / MIB).toFixed(0)} MiB (${(
        (peakRss - idleRss) /
        MIB
      ).toFixed(0)} MiB over idle), with child processes ${(
        peakTree / MIB
      ).toFixed(0)} MiB; event loop p99 ${loopP99.toFixed(
        1,
      )} ms, max ${loadPeriod?.totalMax.toFixed(0)} ms over ${
        loadPeriod?.totalCount
      } ticks`,
    );
    console.log(
      `growth over the second half: RSS ${rssSlope.toFixed(
        2,
      )} ± ${rssMargin.toFixed(2)} MiB/min (95%), heap ${heapSlope.toFixed(
        2,
      )} MiB/min (RSS in 24 h at that slope: ${dayRss.toFixed(0)} MiB)`,
    );
    // The rule takes the slope itself; when its margin reaches across what a
    // day allows, the run was too short (or too noisy) to be sure either way.
    const allowed = (GIB / MIB - lastRss / MIB) / (60 * 24);
    if (Math.abs(rssSlope - allowed) < rssMargin)
      console.log(
        `  not sure either way: the slope's margin reaches across the ${allowed.toFixed(
          2,
        )} MiB/min a day allows; a longer run (--duration 2700) narrows it`,
      );
    const checks = [
      [`RSS <= 1 GiB`, Math.max(peakRss, peakTree) <= GIB],
      [`event loop p99 < 50 ms`, loopP99 < 50],
      [`no growth`, dayRss <= GIB / MIB],
    ] as const;
    verdict = `\nfootprint: RSS ${(peakTree / MIB).toFixed(
      0,
    )} MiB, loop p99 ${loopP99.toFixed(1)} ms, growth ${rssSlope.toFixed(
      2,
    )} MiB/min: ${checks
      .map(([what, ok]) => `${what} ${ok ? 'met' : 'NOT MET'}`)
      .join(', ')}`;
    console.log(verdict);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    clearInterval(treeTimer);
    await portal.stop();
    if (PROFILE && loadWindow)
      printProfile(path.join(work, 'profile'), loadWindow, Date.now());
    // the verdict last, after the profile (written when the backend exits)
    if (PROFILE && verdict) console.log(verdict);
    if (!process.env.BENCH_KEEP)
      fs.rmSync(work, { recursive: true, force: true });
    else log(`files kept in ${work}`);
  }
}

/**
 * Which malloc the backend runs with: the Dockerfile's LD_PRELOAD (jemalloc)
 * when the process has it mapped, else glibc's.
 */
function mallocOf(pid: number): string {
  const preload = dockerfileEnv().LD_PRELOAD;
  if (!preload) return "glibc's malloc (the Dockerfile sets no LD_PRELOAD)";
  return hasLoaded(pid, preload)
    ? `${preload} (the Dockerfile's LD_PRELOAD)`
    : `glibc's malloc: ${preload}, the Dockerfile's LD_PRELOAD, is NOT loaded (scripts/system-packages.sh installs it)`;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
