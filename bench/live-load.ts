import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { postDelivery } from '../test/mock-carriers/webhook-load.js';
import type { Delivery } from '../test/mock-carriers/webhook-load.js';
import { deliveryBody, PROVIDER_NAMES, SIGNERS } from '../test/mock-carriers/webhook-senders.js';
import { rebuildKeptFigures } from '../src/app/kept-figures.js';
import { addDays } from '../src/core/time.js';
import { configuredSecretResolver, webhookSecretsFromEnv } from '../src/ingest/webhooks/secrets.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { rawSql } from '../src/store/testing.js';
import { DASHBOARD_REQUESTS } from './dashboard.js';
import { BENCH_LAST_DAY, BENCH_NOW, BENCH_SELLER, generateBenchData } from './metrics.js';
import { onScratchSchema } from './postgres.js';

/**
 * Live load (DESIGN.md §4, issue 16): signed webhook deliveries for packages that exist — first scans of
 * packages that had none and deliveries of random ones — posted over HTTP to the real server (`createApp`,
 * listening, in a thread of its own as `vtrguard serve` runs in its own process) at a paced rate, while
 * dashboard reads (every request of bench/dashboard.ts, in turn) run beside them. Bar at 10M packages: >= 2,000
 * deliveries/s with the reads at p95 < 100 ms, none lost.
 *
 * Prints, per dialect and size: the reads alone (before any load), then the paced phase (offered and achieved
 * rate, webhook answer times, read times), then other deliveries unpaced (32 in flight: the capacity), and
 * whether every event was stored exactly once. Each phase offers deliveries for VTRGUARD_BENCH_LIVE_SECONDS and
 * then waits for the answers still out, so a server that cannot keep up shows a lower rate, not a longer run. Settings: VTRGUARD_BENCH_LIVE_PACKAGES (comma-separated sizes,
 * default 300000; 10M wants a bigger machine), VTRGUARD_BENCH_LIVE_RATE (offered deliveries/s, default 2000),
 * VTRGUARD_BENCH_LIVE_SECONDS (length of each phase, default 10).
 */
const RATE = Number(process.env.VTRGUARD_BENCH_LIVE_RATE ?? 2000);
const SECONDS = Number(process.env.VTRGUARD_BENCH_LIVE_SECONDS ?? 10);
/** Concurrent dashboard readers (a few browser tabs). */
const READERS = 2;
/** Requests in flight at most while pacing: a server that falls behind shows as a lower achieved rate. */
const MAX_IN_FLIGHT = 256;
const SECRET = 'bench-secret';
/** Every 37th package of the data set has no scan (bench/metrics.ts). */
const UNSCANNED_EVERY = 37;

interface ServerData {
  role: 'live-server';
  db: string;
  schema?: string;
}

async function serveInThread(data: ServerData): Promise<void> {
  const store = await openStore(data.db, data.schema ? { schema: data.schema } : {});
  const webhookSecrets = configuredSecretResolver(webhookSecretsFromEnv({
    VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: SECRET, VTRGUARD_WEBHOOK_SECRET_EASYPOST: SECRET,
    VTRGUARD_WEBHOOK_SECRET_SHIPPO: SECRET, VTRGUARD_WEBHOOK_SECRET_17TRACK: SECRET,
  }));
  const app = await createApp({
    store, defaultSellerId: BENCH_SELLER, now: () => BENCH_NOW, webhookSecrets, rateLimit: { max: 100_000_000, windowMs: 60_000 },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  parentPort?.postMessage({ url });
  parentPort?.on('message', async (message: string) => {
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
  let seed = 11 + first;
  const next = () => (seed = (seed * 48271) % 2147483647);
  const startMs = Date.parse(`${addDays(BENCH_LAST_DAY, -89)}T00:00:00Z`);
  const deliveries: Delivery[] = [];
  for (let k = first; k < first + count; k++) {
    const scan = k % 2 === 0;
    const i = scan ? (next() % Math.floor(n / UNSCANNED_EVERY)) * UNSCANNED_EVERY : next() % n;
    const promised = startMs + (i % 90) * 86_400_000;
    // A second apart per delivery, so no two events of one package are the same event.
    const at = (scan ? promised - 2 * 86_400_000 + 20 * 3_600_000 : promised - 86_400_000) + k * 1000;
    const provider = PROVIDER_NAMES[k % PROVIDER_NAMES.length]!;
    const trackingNumber = `T${i}`;
    const body = deliveryBody(provider, { trackingNumber, time: new Date(at).toISOString(), seq: k, delivered: !scan });
    deliveries.push({ provider, body, headers: { 'content-type': 'application/json', ...SIGNERS[provider](body, SECRET) }, good: true, trackingNumber });
  }
  return deliveries;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
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

/** Runs one phase; returns how many deliveries were posted. */
async function phase(name: string, url: URL, deliveries: readonly Delivery[], rate: number, maxInFlight: number): Promise<number> {
  const readers = startReaders(url);
  const result = await post(url, deliveries, rate, maxInFlight);
  const reads = await readers.stop();
  const achieved = Math.round(result.sent / (result.elapsedMs / 1000));
  console.log(`${name}: ${result.sent.toLocaleString('en')} deliveries ${rate === Infinity ? `unpaced (${maxInFlight} in flight)` : `offered at ${rate}/s`}: `
    + `achieved ${achieved}/s (bar >= 2000/s), answered p50 ${ms(percentile(result.answers, 50))}, p95 ${ms(percentile(result.answers, 95))}, `
    + `${result.failed} not 200`);
  console.log(`${name}:   dashboard reads beside them: ${readSummary(reads)}`);
  return result.sent;
}

async function benchOn(name: string, store: Store, n: number, server: Omit<ServerData, 'role'>): Promise<void> {
  const label = `${name} ${n.toLocaleString('en')}`;
  const t0 = performance.now();
  await generateBenchData(store, n);
  const t1 = performance.now();
  await rebuildKeptFigures(store, BENCH_SELLER, DEFAULT_METRICS_CONFIG);
  console.log(`${label}: generated in ${((t1 - t0) / 1000).toFixed(1)} s, kept figures built in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  if (store.dialect === 'postgres') await rawSql(store).exec('VACUUM ANALYZE');
  const before = (await store.counts(BENCH_SELLER)).events;
  const count = RATE * SECONDS;
  const paced = planLoad(n, 0, count);
  const unpaced = planLoad(n, count, count);
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'live-server', ...server } satisfies ServerData });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  try {
    const url = new URL(((await next()) as { url: string }).url);
    // The reads alone first (warm caches and JIT), then with the deliveries beside them.
    const alone = startReaders(url);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    console.log(`${label}: dashboard reads alone: ${readSummary(await alone.stop())}`);
    const sent = await phase(label, url, paced, RATE, MAX_IN_FLIGHT) + await phase(label, url, unpaced, Infinity, 32);
    worker.postMessage('count');
    const { count: stored } = (await next()) as { count: number };
    console.log(`${label}: events stored ${(stored - before).toLocaleString('en')} of ${sent.toLocaleString('en')} posted (none lost: ${stored === before + sent ? 'yes' : 'NO'})`);
  } finally {
    await worker.terminate();
  }
}

export async function benchLiveLoad(): Promise<void> {
  const sizes = (process.env.VTRGUARD_BENCH_LIVE_PACKAGES ?? '300000').split(',').map(Number);
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'vtrguard-bench-live-'));
    const db = join(dir, 'bench.db');
    const sqlite = await openStore(db);
    try {
      await benchOn('sqlite', sqlite, n, { db });
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await onScratchSchema((postgres, where) => benchOn('postgres', postgres, n, { db: where.url, schema: where.schema }));
  }
}

// A worker's argv names this file too: only the main thread runs the bench.
if (isMainThread && (process.argv[1]?.endsWith('live-load.ts') || process.argv[1]?.endsWith('live-load.js'))) await benchLiveLoad();
