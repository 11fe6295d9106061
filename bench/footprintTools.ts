import fs from 'node:fs';
import path from 'node:path';
import { log, Portal } from './portal';
import { holdUiLock, launch, load, newContext, Load } from './browser';
import { PAGES } from './pageList';

/*
 * bench:footprint's measuring tools: a process tree's memory from /proc,
 * statistics, the pages recorded in Chromium to replay, and the backend's
 * CPU profile summed by package and function.
 */

/** RSS of a process and its descendants, from /proc. */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/**
 * The least-squares line through the points: its slope, and half the width
 * of the slope's 95% confidence interval (1.96 standard errors; NaN under
 * three points), how far the samples' scatter (the heap's collections)
 * leaves the slope uncertain.
 */
export function fitLine(points: Array<[number, number]>) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const slope = den ? num / den : 0;
  const residuals = points.reduce(
    (s, p) => s + (p[1] - my - slope * (p[0] - mx)) ** 2,
    0,
  );
  const margin =
    n < 3 || !den ? NaN : 1.96 * Math.sqrt(residuals / (n - 2) / den);
  return { slope, margin };
}

export const slope = (points: Array<[number, number]>) => fitLine(points).slope;

export const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/**
 * Each page of bench:pages opened once in Chromium, its requests to the
 * portal as sent (the sign-in refresh left out).
 */
export async function record(portal: Portal) {
  log('recording the pages in Chromium (waiting for /work/ui.lock)');
  const release = await holdUiLock();
  const browser = await launch();
  try {
    const recorded: Array<{ name: string; sent: Load['sent'] }> = [];
    for (const def of PAGES) {
      const context = await newContext(browser, portal);
      const loaded = await load(context, portal, def);
      await context.close();
      if (loaded.timedOut)
        log(
          `${def.name}: not ready in 30 s (${loaded.why}); recorded what it asked for`,
        );
      const sent = loaded.sent.filter(r => !r.path.startsWith('/api/auth/'));
      if (sent[0]?.type !== 'document')
        throw new Error(`${def.name}: the first request is not the page`);
      recorded.push({ name: def.name, sent });
    }
    return recorded;
  } finally {
    await browser.close();
    release();
  }
}

/**
 * Self time by package and function during the load, from --cpu-prof's
 * profile (written at exit; its clock is mapped to ours by its end).
 */
export function printProfile(
  dir: string,
  [from, to]: [number, number],
  exitedAt: number,
) {
  const file = fs.existsSync(dir) ? fs.readdirSync(dir)[0] : undefined;
  if (!file) {
    console.log('no CPU profile written');
    return;
  }
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  // sample times before the profile's end (about the exit), in µs
  const hits = new Map<number, number>();
  let t = profile.startTime;
  const endsBefore = (exitedAt - to) * 1000;
  const startsBefore = (exitedAt - from) * 1000;
  profile.samples.forEach((id: number, i: number) => {
    t += profile.timeDeltas[i];
    const before = profile.endTime - t;
    if (before >= endsBefore && before <= startsBefore)
      hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  const sampled = [...hits.values()].reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const ms = hits.get(node.id) ?? 0;
    total += ms;
    const where = url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    const pkg =
      /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      /\/((plugins\/[^/]+|packages)\/[^/]+)\//.exec(url)?.[1] ??
      (url ? url.split('/').slice(0, 3).join('/') : functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  console.log(
    `\nCPU profile of the backend during the load (${sampled} samples), self time:`,
  );
  for (const [pkg, ms] of [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12))
    console.log(`  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${pkg}`);
  console.log('busiest functions:');
  for (const [fn, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${fn}`);
}
