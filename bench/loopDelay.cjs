/*
 * A measurement hook for bench:footprint, preloaded into the backend with
 * `node -r bench/loopDelay.cjs packages/backend ...`; it is not part of the
 * image or of any production code path, and it does nothing unless
 * HOMELAB_LOOP_DELAY_FILE names a file.
 *
 * Every HOMELAB_LOOP_DELAY_INTERVAL_MS (default 5000) it appends one JSON line
 * to that file: the process's RSS (and the kernel's split of it into
 * anonymous and file pages), the heap (used, committed, and each V8 space's
 * resident size), native buffers (external, arrayBuffers), and the event
 * loop's delay over the interval, then resets the histogram. The delay is
 * perf_hooks.monitorEventLoopDelay's at 1 ms resolution, less that 1 ms: its
 * histogram records the time between two ticks of its timer, so an idle loop
 * reads about the resolution itself (p50, p99 and max, in ms). Each line also
 * carries the totals since the last SIGUSR2 (totalP99, totalMax); on SIGUSR2
 * it writes a line of kind "period" and starts the totals again.
 */
const file = process.env.HOMELAB_LOOP_DELAY_FILE;
if (file) {
  const fs = require('node:fs');
  const { monitorEventLoopDelay } = require('node:perf_hooks');
  const RESOLUTION_MS = 1;
  const interval = Number(process.env.HOMELAB_LOOP_DELAY_INTERVAL_MS || 5000);
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const total = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  total.enable();
  const ms = ns =>
    Math.max(0, Math.round(ns / 1e4 - RESOLUTION_MS * 100) / 100);
  const v8 = require('node:v8');
  // RSS split as the kernel counts it: anonymous memory (the heap, native
  // buffers, the allocator's arenas) apart from pages of mapped files (the
  // node binary and libraries, touched as more code runs).
  const status = () => {
    const fields = {};
    for (const l of fs.readFileSync('/proc/self/status', 'utf8').split('\n')) {
      const m = /^(RssAnon|RssFile|RssShmem):\s+(\d+) kB/.exec(l);
      if (m) fields[m[1]] = Number(m[2]) * 1024;
    }
    return fields;
  };
  const write = kind => {
    const memory = process.memoryUsage();
    const kernel = status();
    const spaces = Object.fromEntries(
      v8
        .getHeapSpaceStatistics()
        .map(s => [s.space_name, s.physical_space_size]),
    );
    const line = {
      kind,
      t: Date.now(),
      rss: memory.rss,
      rssAnon: kernel.RssAnon,
      rssFile: kernel.RssFile,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
      spaces,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      count: histogram.count,
      totalP99: ms(total.percentile(99)),
      totalMax: ms(total.max),
      totalCount: total.count,
    };
    histogram.reset();
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  setInterval(() => write('sample'), interval).unref();
  // SIGUSR2 (sent by the bench) closes a period: a line with the totals since
  // the last one, and a new period starts.
  process.on('SIGUSR2', () => {
    write('period');
    total.reset();
  });
}
