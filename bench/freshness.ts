import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildKeptFigures } from '../src/app/kept-figures.js';
import { addDays } from '../src/core/time.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { rawSql } from '../src/store/testing.js';
import { BENCH_LAST_DAY, BENCH_NOW, BENCH_SELLER, generateBenchData } from './metrics.js';
import { onScratchSchema } from './postgres.js';

/**
 * Freshness (DESIGN.md §4): 1,000 scan events — first scans of packages that had none and deliveries of random
 * packages — posted to `POST /v1/imports` on the metrics bench's data set, then the next `GET /v1/metrics`: the
 * two together (bar < 200 ms at 300k packages, < 1 s at 10M), five rounds. Then the metrics read alone after
 * those writes (bar p95 < 50 ms), and a read as of a past day (from raw rows: it says so; bar < 2 s at 10M).
 * Sizes: VTRGUARD_BENCH_FRESHNESS_PACKAGES, comma-separated (default 300000). The full rebuild of the kept
 * figures that precedes the rounds is timed too (bar < 60 s at 10M).
 */
const ROUNDS = 5;
const EVENTS = 1000;
const READS = 30;

/** Every 37th package of the data set has no scan (bench/metrics.ts). */
const UNSCANNED_EVERY = 37;

function eventsFile(n: number, round: number): string {
  let seed = 7 + round;
  const next = () => (seed = (seed * 48271) % 2147483647);
  const lines: string[] = [];
  const startMs = Date.parse(`${addDays(BENCH_LAST_DAY, -89)}T00:00:00Z`);
  for (let k = 0; k < EVENTS; k++) {
    const first = k % 2 === 0;
    // First scans of unscanned packages; deliveries (a day early) of any package.
    const i = first ? (next() % Math.floor(n / UNSCANNED_EVERY)) * UNSCANNED_EVERY : next() % n;
    const promised = startMs + (i % 90) * 86_400_000;
    const at = first ? promised - 2 * 86_400_000 + 20 * 3_600_000 : promised - 86_400_000 + round * 60_000;
    lines.push(JSON.stringify({ carrier: 'UPS', tracking_number: `T${i}`, occurred_at: new Date(at).toISOString(), status: first ? 'in_transit' : 'delivered' }));
  }
  return `${lines.join('\n')}\n`;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function benchOn(name: string, store: Store, n: number): Promise<void> {
  const t0 = performance.now();
  await generateBenchData(store, n);
  console.log(`${name} ${n.toLocaleString('en')}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  await rebuildKeptFigures(store, BENCH_SELLER, DEFAULT_METRICS_CONFIG);
  console.log(`${name} ${n.toLocaleString('en')}: full rebuild of the kept figures ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  if (store.dialect === 'postgres') await rawSql(store).exec('VACUUM ANALYZE');
  const app = await createApp({ store, defaultSellerId: BENCH_SELLER, now: () => BENCH_NOW, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  const read = async (query = '') => {
    const response = await app.inject({ url: `/v1/metrics?marketplace=US${query}`, remoteAddress: '127.0.0.1' });
    if (response.statusCode !== 200) throw new Error(`metrics: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return response.json<{ source: string; vtr: { overall: { total: number; valid: number } } }>();
  };
  try {
    await read();
    const together: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const body = eventsFile(n, round);
      const started = performance.now();
      const posted = await app.inject({
        method: 'POST', url: `/v1/imports?format=events&fileName=round-${round}.jsonl`, payload: body,
        headers: { 'content-type': 'application/octet-stream' }, remoteAddress: '127.0.0.1',
      });
      if (posted.statusCode !== 200) throw new Error(`import: ${posted.statusCode} ${posted.body.slice(0, 200)}`);
      const written = performance.now();
      const metrics = await read();
      const done = performance.now();
      together.push(done - started);
      console.log(`${name} ${n.toLocaleString('en')}: round ${round}: ${EVENTS} events posted ${(written - started).toFixed(0)} ms + next metrics read `
        + `${(done - written).toFixed(0)} ms = ${(done - started).toFixed(0)} ms (source ${metrics.source}, VTR valid ${metrics.vtr.overall.valid.toLocaleString('en')})`);
    }
    together.sort((a, b) => a - b);
    console.log(`${name} ${n.toLocaleString('en')}: freshness median ${percentile(together, 50).toFixed(0)} ms, worst ${together[together.length - 1]!.toFixed(0)} ms `
      + `(bar < ${n > 1_000_000 ? '1000' : '200'} ms)`);
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
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'vtrguard-bench-'));
    const sqlite = await openStore(join(dir, 'bench.db'));
    try {
      await benchOn('sqlite', sqlite, n);
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await onScratchSchema((postgres) => benchOn('postgres', postgres, n));
  }
}

if (process.argv[1]?.endsWith('freshness.ts') || process.argv[1]?.endsWith('freshness.js')) await benchFreshness();
