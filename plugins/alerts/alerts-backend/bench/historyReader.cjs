// @ts-check
/*
 * The history bench's reader, in a worker thread: it reads as a browser
 * would, from outside the server's JavaScript heap, so that the garbage its
 * own fetches and JSON leave is collected on its own thread and does not
 * pause the server it measures (a browser is another process). Given the
 * server's address, it reads each entity's card, its history page, and the
 * next page by cursor, one request at a time, with the floor (one request
 * doing SELECT 1) before each; posts back the times in ms.
 */
const { parentPort, workerData } = require('node:worker_threads');

/** @type {{ base: string, root: string, reads: number, services: number, systems: number }} */
const { base, root, reads, services, systems } = workerData;

async function get(path, into) {
  const started = process.hrtime.bigint();
  // the generated router asks every route for a token (the spec's
  // security); the bench's httpAuth stands in for checking it
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: 'Bearer bench-user' },
  });
  const body = await res.json();
  into.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (!res.ok)
    throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function main() {
  const times = {
    baseline: [],
    card: [],
    page: [],
    next: [],
    systemCard: [],
    systemPage: [],
  };
  let firings = 0;
  // warm up, not counted
  await get(`/entity?entityRef=component:default/svc-0`, []);
  await get(`/entity?entityRef=component:default/svc-0`, []);
  for (let i = 0; i < reads; i++) {
    const system = i % 10 === 9;
    const ref = system
      ? `system:default/system-${i % systems}`
      : `component:default/svc-${(i * 37) % services}`;
    const q = `entityRef=${encodeURIComponent(ref)}`;
    const b = process.hrtime.bigint();
    await (await fetch(`${root}/baseline`)).json();
    times.baseline.push(Number(process.hrtime.bigint() - b) / 1e6);
    const c = await get(`/entity?${q}`, system ? times.systemCard : times.card);
    firings += c.stats.firings30d;
    const h = await get(
      `/history?${q}&days=30&limit=50`,
      system ? times.systemPage : times.page,
    );
    if (h.events.length !== Math.min(50, h.total)) {
      throw new Error(`${ref}: a short page`);
    }
    if (h.nextCursor) {
      await get(
        `/history?${q}&days=30&limit=50&cursor=${h.nextCursor}`,
        times.next,
      );
    }
    if (i % 50 === 0) parentPort?.postMessage({ progress: i });
  }
  parentPort?.postMessage({ times, firings });
}

main().catch(error => {
  parentPort?.postMessage({ error: String(error?.stack ?? error) });
});
