import { computeReports } from '../src/app/metrics.js';
import { addDays } from '../src/core/time.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import type { Store } from '../src/store/store.js';
import { BENCH_LAST_DAY, BENCH_NOW, BENCH_SELLER, onEachDialect, prepareDataSet, seconds, timed } from './data-set.js';

/**
 * Metrics over N packages of the benches' data set (bench/data-set.ts; default 10M, VTRGUARD_BENCH_PACKAGES
 * overrides). Prints: the full rebuild of the kept figures (bar < 60 s at 10M), all metrics of one marketplace
 * from kept figures (bar < 100 ms), a recompute of them from raw rows (bar < 30 s), and all metrics of one
 * marketplace as of a past day from the kept figures and from raw rows (bar < 2 s at 10M either way; the two must
 * agree).
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** How far back the past as-of read goes: deliveries late by a day and confirmations late by two fall after it. */
const PAST_DAYS = 10;

async function benchOn(name: string, store: Store, n: number): Promise<void> {
  await prepareDataSet(name, store, n);
  const options = { config: DEFAULT_METRICS_CONFIG, now: BENCH_NOW, asOf: BENCH_LAST_DAY };
  const samples: number[] = [];
  let total = 0;
  for (let k = 0; k < 7; k++) {
    const [built, ms] = await timed(() => computeReports(store, BENCH_SELLER, 'US', options));
    samples.push(ms);
    total = built.metrics.vtr.overall.total;
  }
  console.log(`${name}: all metrics of US from kept figures: median ${median(samples).toFixed(1)} ms (bar < 100 ms; VTR window holds ${total.toLocaleString('en')} packages)`);
  const [raw, rawMs, rawCpu] = await timed(() => computeReports(store, BENCH_SELLER, 'US', { ...options, recompute: true }));
  console.log(`${name}: all metrics of US recomputed from raw rows: ${seconds(rawMs, rawCpu)} (bar < 30 s; agrees: ${raw.metrics.vtr.overall.total === total})`);
  const past = { ...options, asOf: addDays(BENCH_LAST_DAY, -PAST_DAYS) };
  const pastSamples: number[] = [];
  let kept = raw.metrics;
  for (let k = 0; k < 7; k++) {
    const [built, ms] = await timed(() => computeReports(store, BENCH_SELLER, 'US', past));
    pastSamples.push(ms);
    kept = built.metrics;
  }
  console.log(`${name}: all metrics of US as of ${past.asOf} from ${kept.source === 'rollups' ? 'kept figures' : 'raw rows (the kept figures could not answer)'}: `
    + `median ${median(pastSamples).toFixed(1)} ms (bar < 2 s at 10M)`);
  const [pastRaw, pastRawMs, pastRawCpu] = await timed(() => computeReports(store, BENCH_SELLER, 'US', { ...past, recompute: true }));
  const agrees = JSON.stringify({ ...kept, source: 'raw' }) === JSON.stringify(pastRaw.metrics);
  console.log(`${name}: the same from raw rows: ${seconds(pastRawMs, pastRawCpu)} (bar < 2 s at 10M; the two agree: ${agrees})`);
}

export async function benchMetrics(): Promise<void> {
  const n = Number(process.env.VTRGUARD_BENCH_PACKAGES ?? 10_000_000);
  await onEachDialect((name, store) => benchOn(name, store, n));
}

if (process.argv[1]?.endsWith('metrics.ts') || process.argv[1]?.endsWith('metrics.js')) await benchMetrics();
