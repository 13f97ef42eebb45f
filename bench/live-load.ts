import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { postDelivery } from '../test/mock-carriers/webhook-load.js';
import type { Delivery } from '../test/mock-carriers/webhook-load.js';
import { createApp } from '../src/server/app.js';
import { openStore, SERVER_STORE_OPTIONS } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { DASHBOARD_REQUESTS } from './dashboard.js';
import { BENCH_NOW, BENCH_SELLER, BENCH_WEBHOOK_WRITER, benchWebhookSecrets, onEachDialect, percentile, prepareDataSet, scanTargets, signedDelivery } from './data-set.js';
import type { StoreTarget } from './data-set.js';

/**
 * Live load (DESIGN.md §4, issue 16): signed webhook deliveries for packages that exist — first scans of
 * packages that had none and deliveries of random ones — posted over HTTP to the real server (`createApp`,
 * listening, in a thread of its own as `vtrguard serve` runs in its own process) at a paced rate, while
 * dashboard reads (every request of bench/dashboard.ts, in turn) run beside them. Bar at 10M packages: >= 2,000
 * deliveries/s with the reads at p95 < 100 ms, none lost.
 *
 * Prints, per dialect and size: the reads alone (before any load), then the paced phase (offered and achieved
 * rate, webhook answer times, read times), then other deliveries unpaced (32 in flight: the capacity), then others
 * unpaced with no reads beside them (what deliveries alone cost the server), and whether every event was stored
 * exactly once. Each phase offers deliveries for VTRGUARD_BENCH_LIVE_SECONDS and
 * then waits for the answers still out, so a server that cannot keep up shows a lower rate, not a longer run. Settings: VTRGUARD_BENCH_LIVE_PACKAGES (comma-separated sizes,
 * default 300000; 10M wants a bigger machine), VTRGUARD_BENCH_LIVE_RATE (offered deliveries/s, default 2000),
 * VTRGUARD_BENCH_LIVE_SECONDS (length of each phase, default 10), VTRGUARD_BENCH_WEBHOOK_WRITER (`thread`, as `serve`
 * stores deliveries by default, or `inline` on the server's thread). Beside the server thread's event loop, each phase
 * prints the node CPU per delivery: the whole process's, and how much of it the server thread, the load generator and
 * the other threads (the writer thread, GC and I/O helpers) spent (Linux: per-thread CPU from /proc).
 */
const RATE = Number(process.env.VTRGUARD_BENCH_LIVE_RATE ?? 2000);
const SECONDS = Number(process.env.VTRGUARD_BENCH_LIVE_SECONDS ?? 10);
/** Concurrent dashboard readers (a few browser tabs). */
const READERS = 2;
/** Requests in flight at most while pacing: a server that falls behind shows as a lower achieved rate. */
const MAX_IN_FLIGHT = 256;

interface ServerData extends StoreTarget {
  role: 'live-server';
}

/** The server thread's event-loop time so far (ms): what it spent working, and waiting; and its CPU time. */
interface LoopTime {
  active: number;
  idle: number;
  cpu: number;
}

/**
 * The CPU time (ms) of the calling thread so far, from Linux's /proc/thread-self (Node 20 has no per-thread CPU
 * clock); NaN elsewhere. The machine's load inflates wall and event-loop times; CPU times per thread say where a
 * delivery's work is done.
 */
function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function serveInThread(data: ServerData): Promise<void> {
  // As `vtrguard serve` opens its store and stores webhook deliveries (src/cli/serve.ts).
  const store = await openStore(data.db, { ...SERVER_STORE_OPTIONS, ...(data.schema ? { schema: data.schema } : {}) });
  const app = await createApp({
    store, defaultSellerId: BENCH_SELLER, now: () => BENCH_NOW, webhookSecrets: benchWebhookSecrets(), rateLimit: { max: 100_000_000, windowMs: 60_000 },
    webhookWriter: BENCH_WEBHOOK_WRITER,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  parentPort?.postMessage({ url });
  parentPort?.on('message', async (message: string) => {
    if (message === 'loop') {
      const { active, idle } = performance.eventLoopUtilization();
      parentPort?.postMessage({ active, idle, cpu: threadCpuMs() } satisfies LoopTime);
      return;
    }
    if (message !== 'count') return;
    const { events } = await store.counts(BENCH_SELLER);
    await app.close();
    await store.close();
    parentPort?.postMessage({ count: events });
  });
}

if (!isMainThread && (workerData as ServerData | undefined)?.role === 'live-server') await serveInThread(workerData as ServerData);

/**
 * `count` deliveries of one event each, numbered from `first` (every event distinct): even ones a first scan of
 * an unscanned package, odd ones the delivery of a random package, a day before its promised day.
 */
function planLoad(n: number, first: number, count: number): Delivery[] {
  return scanTargets(n, 11 + first, first, count).map(({ trackingNumber, promisedMs, firstScan }, j) => {
    const k = first + j;
    // A second apart per delivery, so no two events of one package are the same event.
    const at = (firstScan ? promisedMs - 2 * 86_400_000 + 20 * 3_600_000 : promisedMs - 86_400_000) + k * 1000;
    return signedDelivery(k, trackingNumber, at, !firstScan);
  });
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function get(url: URL, agent: Agent, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Dashboard reads in turn from READERS loops until `stop()` says so; latencies by request. */
function startReaders(url: URL): { stop: () => Promise<Map<string, number[]>> } {
  const times = new Map<string, number[]>(DASHBOARD_REQUESTS.map(([label]) => [label, []]));
  let running = true;
  const loops = Array.from({ length: READERS }, async (_, r) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let k = r; running; k++) {
      const [label, path] = DASHBOARD_REQUESTS[k % DASHBOARD_REQUESTS.length]!;
      const t0 = performance.now();
      const status = await get(url, agent, path);
      if (status !== 200) throw new Error(`${path}: ${status}`);
      times.get(label)!.push(performance.now() - t0);
    }
    agent.destroy();
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return times;
    },
  };
}

function readSummary(times: Map<string, number[]>): string {
  const all = [...times.values()].flat().sort((a, b) => a - b);
  let worst = { label: '', p95: 0 };
  for (const [label, list] of times) {
    const p95 = percentile([...list].sort((a, b) => a - b), 95);
    if (p95 > worst.p95) worst = { label, p95 };
  }
  return `${all.length} reads, p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))} (bar < 100 ms), worst request p95 ${ms(worst.p95)} (${worst.label})`;
}

interface PhaseResult {
  /** Deliveries posted (the phase stops offering after SECONDS, so a slow server does not stretch it). */
  sent: number;
  elapsedMs: number;
  answers: number[];
  failed: number;
}

/**
 * Posts `deliveries` at `rate` a second (or as fast as `maxInFlight` allows, when `rate` is Infinity) for
 * SECONDS at most, then waits for the answers still out.
 */
async function post(url: URL, deliveries: readonly Delivery[], rate: number, maxInFlight: number): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const answers: number[] = [];
  let failed = 0;
  let sent = 0;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const started = performance.now();
  const fire = (d: Delivery) => {
    inFlight++;
    const t0 = performance.now();
    void postDelivery(url, agent, d).then((status) => {
      answers.push(performance.now() - t0);
      if (status !== 200) failed++;
    }, () => failed++).finally(() => {
      inFlight--;
      wake?.();
    });
  };
  let offered = deliveries.length;
  while (sent < offered || inFlight > 0) {
    if (performance.now() - started > SECONDS * 1000) offered = sent;
    const due = Math.min(offered, rate === Infinity ? offered : Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    while (sent < due && inFlight < maxInFlight) fire(deliveries[sent++]!);
    // Sleep until an answer comes back or (pacing) the next delivery is due.
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (rate !== Infinity && sent < offered) setTimeout(resolve, 2);
    });
    wake = null;
  }
  agent.destroy();
  answers.sort((a, b) => a - b);
  return { sent, elapsedMs: performance.now() - started, answers, failed };
}

/** Asks the server thread for its event-loop time; `since` turns it into the share of a phase it was busy. */
function serverLoop(worker: Worker): Promise<LoopTime> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage('loop');
  });
}

const busy = (from: LoopTime, to: LoopTime) => {
  const active = to.active - from.active;
  return { active, share: active / (active + to.idle - from.idle) };
};

/**
 * Runs one phase (with the dashboard readers beside the deliveries unless `readers` is false); returns how many
 * deliveries were posted. Besides the rates and latencies it prints how busy the server thread's event loop was:
 * near 100% it is the limit, and its busy time per delivery is what a delivery costs it (reads included when they
 * ran beside).
 */
async function phase(name: string, url: URL, worker: Worker, deliveries: readonly Delivery[], rate: number, maxInFlight: number, readers = true): Promise<number> {
  const loop0 = await serverLoop(worker);
  const cpu0 = process.cpuUsage();
  const ours0 = threadCpuMs();
  const reading = readers ? startReaders(url) : null;
  const result = await post(url, deliveries, rate, maxInFlight);
  const reads = await reading?.stop();
  const loop1 = await serverLoop(worker);
  const server = busy(loop0, loop1);
  const cpu = process.cpuUsage(cpu0);
  const ours = threadCpuMs() - ours0;
  const achieved = Math.round(result.sent / (result.elapsedMs / 1000));
  console.log(`${name}: ${result.sent.toLocaleString('en')} deliveries ${rate === Infinity ? `unpaced (${maxInFlight} in flight)` : `offered at ${rate}/s`}`
    + `${readers ? '' : ', no reads'}: achieved ${achieved}/s (bar >= 2000/s), answered p50 ${ms(percentile(result.answers, 50))}, `
    + `p95 ${ms(percentile(result.answers, 95))}, ${result.failed} not 200; server loop busy ${(server.share * 100).toFixed(0)}%, `
    + `${(server.active / Math.max(1, result.sent)).toFixed(2)} ms a delivery`);
  const all = (cpu.user + cpu.system) / 1000;
  const serverCpu = loop1.cpu - loop0.cpu;
  const perDelivery = (ms: number) => (ms / Math.max(1, result.sent)).toFixed(2);
  console.log(`${name}:   node CPU a delivery: ${perDelivery(all)} ms (${(all / result.elapsedMs * 100).toFixed(0)}% of a core), of which the server thread `
    + `${perDelivery(serverCpu)} ms, the load generator ${perDelivery(ours)} ms, other threads (the webhook writer thread, GC and I/O helpers) `
    + `${perDelivery(all - serverCpu - ours)} ms`);
  if (reads) console.log(`${name}:   dashboard reads beside them: ${readSummary(reads)}`);
  return result.sent;
}

async function benchOn(name: string, store: Store, n: number, target: StoreTarget): Promise<void> {
  const label = `${name} ${n.toLocaleString('en')}`;
  await prepareDataSet(label, store, n);
  const before = (await store.counts(BENCH_SELLER)).events;
  const count = RATE * SECONDS;
  const paced = planLoad(n, 0, count);
  const unpaced = planLoad(n, count, count);
  const alone = planLoad(n, 2 * count, count);
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'live-server', ...target } satisfies ServerData });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  try {
    const url = new URL(((await next()) as { url: string }).url);
    // The reads alone first (warm caches and JIT), then with the deliveries beside them, then the deliveries alone.
    const loop0 = await serverLoop(worker);
    const reading = startReaders(url);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const reads = await reading.stop();
    console.log(`${label}: dashboard reads alone: ${readSummary(reads)}; server loop busy ${(busy(loop0, await serverLoop(worker)).share * 100).toFixed(0)}%`);
    const sent = await phase(label, url, worker, paced, RATE, MAX_IN_FLIGHT)
      + await phase(label, url, worker, unpaced, Infinity, 32)
      + await phase(label, url, worker, alone, Infinity, 32, false);
    worker.postMessage('count');
    const { count: stored } = (await next()) as { count: number };
    console.log(`${label}: events stored ${(stored - before).toLocaleString('en')} of ${sent.toLocaleString('en')} posted (none lost: ${stored === before + sent ? 'yes' : 'NO'})`);
  } finally {
    await worker.terminate();
  }
}

export async function benchLiveLoad(): Promise<void> {
  const sizes = (process.env.VTRGUARD_BENCH_LIVE_PACKAGES ?? '300000').split(',').map(Number);
  for (const n of sizes) await onEachDialect((name, store, target) => benchOn(name, store, n, target));
}

// A worker's argv names this file too: only the main thread runs the bench.
if (isMainThread && (process.argv[1]?.endsWith('live-load.ts') || process.argv[1]?.endsWith('live-load.js'))) await benchLiveLoad();
