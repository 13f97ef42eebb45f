import type { Delivery } from '../test/mock-carriers/webhook-load.js';
import { addDays } from '../src/core/time.js';
import { createApp } from '../src/server/app.js';
import type { Store } from '../src/store/store.js';
import { BENCH_LAST_DAY, BENCH_NOW, BENCH_SELLER, BENCH_WEBHOOK_WRITER, benchWebhookSecrets, onEachDialect, percentile, prepareDataSet, scanTargets, signedDelivery } from './data-set.js';

/**
 * Freshness (DESIGN.md §4): 1,000 scan events — first scans of packages that had none and deliveries of random
 * packages — posted to `POST /v1/imports` on the benches' data set (bench/data-set.ts), then the next
 * `GET /v1/metrics`: the two together (bar < 200 ms at 300k packages, < 1 s at 10M), five rounds; then five more
 * rounds of such events as 1,000 signed webhook deliveries of one event each, all posted at once (group commit
 * stores them in a few transactions); eight rounds each, the first two warming up (WARM_UP_ROUNDS). Each round's node CPU time is printed beside (the machine's load inflates
 * wall times; on PostgreSQL the server's CPU is not in it). Then the metrics read alone after
 * those writes (bar p95 < 50 ms), and a read as of a past day (from raw rows: it says so; bar < 2 s at 10M).
 * Sizes: VTRGUARD_BENCH_FRESHNESS_PACKAGES, comma-separated (default 300000). The full rebuild of the kept
 * figures that precedes the rounds is timed too (bar < 60 s at 10M). The deliveries are stored by a writer thread as
 * `vtrguard serve` stores them (its CPU is in the node CPU printed), or on the server's thread with
 * VTRGUARD_BENCH_WEBHOOK_WRITER=inline.
 */
/** Rounds of each path: 16 rounds' 8,000 first scans leave no package scanned twice at 300k (8,108 without a scan). */
const ROUNDS = 8;
/**
 * Rounds at the start of each path that warm up the JIT (and, for webhooks, start the writer thread): printed, and
 * left out of the warm median, which is what a server that has been running answers; the median of every round is
 * printed beside it.
 */
const WARM_UP_ROUNDS = 2;
const EVENTS = 1000;
const READS = 30;

/** A round's events: first scans of unscanned packages; deliveries (a day early) of any package. */
function roundEvents(n: number, round: number): { trackingNumber: string; at: number; firstScan: boolean }[] {
  return scanTargets(n, 7 + round, (round - 1) * EVENTS, EVENTS).map(({ trackingNumber, promisedMs, firstScan }) => ({
    trackingNumber, firstScan, at: firstScan ? promisedMs - 2 * 86_400_000 + 20 * 3_600_000 : promisedMs - 86_400_000 + round * 60_000,
  }));
}

function eventsFile(n: number, round: number): string {
  const lines = roundEvents(n, round).map(({ trackingNumber, at, firstScan }) =>
    JSON.stringify({ carrier: 'UPS', tracking_number: trackingNumber, occurred_at: new Date(at).toISOString(), status: firstScan ? 'in_transit' : 'delivered' }));
  return `${lines.join('\n')}\n`;
}

/**
 * Such events as signed webhook deliveries of one event each, for other packages than the files' rounds (events
 * that repeat a package's first scan or delivery a second later would change none of its counted facts).
 */
function deliveries(n: number, round: number): Delivery[] {
  return roundEvents(n, ROUNDS + round).map(({ trackingNumber, at, firstScan }, k) => signedDelivery(round * EVENTS + k, trackingNumber, at, !firstScan));
}

async function benchOn(name: string, store: Store, n: number): Promise<void> {
  await prepareDataSet(`${name} ${n.toLocaleString('en')}`, store, n);
  const app = await createApp({
    store, defaultSellerId: BENCH_SELLER, now: () => BENCH_NOW, webhookSecrets: benchWebhookSecrets(), rateLimit: { max: 1_000_000, windowMs: 60_000 },
    webhookWriter: BENCH_WEBHOOK_WRITER,
  });
  const read = async (query = '') => {
    const response = await app.inject({ url: `/v1/metrics?marketplace=US${query}`, remoteAddress: '127.0.0.1' });
    if (response.statusCode !== 200) throw new Error(`metrics: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return response.json<{ source: string; vtr: { overall: { total: number; valid: number } } }>();
  };
  try {
    await read();
    // The same kind of events, as one file through the import API, then as one webhook delivery each.
    const viaImport = async (round: number) => {
      const posted = await app.inject({
        method: 'POST', url: `/v1/imports?format=events&fileName=round-${round}.jsonl`, payload: eventsFile(n, round),
        headers: { 'content-type': 'application/octet-stream' }, remoteAddress: '127.0.0.1',
      });
      if (posted.statusCode !== 200) throw new Error(`import: ${posted.statusCode} ${posted.body.slice(0, 200)}`);
    };
    const viaWebhooks = async (round: number) => {
      const answers = await Promise.all(deliveries(n, round).map((d) => app.inject({
        method: 'POST', url: `/v1/webhooks/${d.provider}`, payload: d.body, headers: d.headers, remoteAddress: '127.0.0.1',
      })));
      const refused = answers.find((a) => a.statusCode !== 200);
      if (refused) throw new Error(`webhook: ${refused.statusCode} ${refused.body.slice(0, 200)}`);
    };
    for (const [path, write] of [['POST /v1/imports', viaImport], ['webhooks', viaWebhooks]] as const) {
      const together: number[] = [];
      const cpu: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const cpu0 = process.cpuUsage();
        const started = performance.now();
        await write(round);
        const written = performance.now();
        const metrics = await read();
        const done = performance.now();
        const used = process.cpuUsage(cpu0);
        together.push(done - started);
        cpu.push((used.user + used.system) / 1000);
        console.log(`${name} ${n.toLocaleString('en')}: ${path}: round ${round}: ${EVENTS} events ${(written - started).toFixed(0)} ms + next metrics read `
          + `${(done - written).toFixed(0)} ms = ${(done - started).toFixed(0)} ms, node CPU ${cpu.at(-1)!.toFixed(0)} ms (source ${metrics.source}, VTR valid ${metrics.vtr.overall.valid.toLocaleString('en')})`);
      }
      const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);
      const warm = ascending(together.slice(WARM_UP_ROUNDS));
      const all = ascending(together);
      console.log(`${name} ${n.toLocaleString('en')}: ${path}: freshness median ${percentile(warm, 50).toFixed(0)} ms, worst ${warm.at(-1)!.toFixed(0)} ms `
        + `after ${WARM_UP_ROUNDS} warm-up rounds (bar < ${n > 1_000_000 ? '1000' : '200'} ms), node CPU median ${percentile(ascending(cpu.slice(WARM_UP_ROUNDS)), 50).toFixed(0)} ms; `
        + `every round: median ${percentile(all, 50).toFixed(0)} ms, worst ${all.at(-1)!.toFixed(0)} ms`);
    }
    const reads: number[] = [];
    for (let k = 0; k < READS; k++) {
      const started = performance.now();
      await read();
      reads.push(performance.now() - started);
    }
    reads.sort((a, b) => a - b);
    console.log(`${name} ${n.toLocaleString('en')}: metrics read after the writes p50 ${percentile(reads, 50).toFixed(1)} ms, p95 ${percentile(reads, 95).toFixed(1)} ms (bar p95 < 50 ms)`);
    const pastDay = addDays(BENCH_LAST_DAY, -10);
    const started = performance.now();
    const past = await read(`&asOf=${pastDay}`);
    console.log(`${name} ${n.toLocaleString('en')}: metrics as of ${pastDay} ${(performance.now() - started).toFixed(0)} ms, source ${past.source} (bar < 2 s at 10M)`);
  } finally {
    await app.close();
  }
}

export async function benchFreshness(): Promise<void> {
  const sizes = (process.env.VTRGUARD_BENCH_FRESHNESS_PACKAGES ?? '300000').split(',').map(Number);
  for (const n of sizes) await onEachDialect((name, store) => benchOn(name, store, n));
}

if (process.argv[1]?.endsWith('freshness.ts') || process.argv[1]?.endsWith('freshness.js')) await benchFreshness();
