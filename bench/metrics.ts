import { computeReports } from '../src/app/metrics.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import type { Store } from '../src/store/store.js';
import { BENCH_LAST_DAY, BENCH_NOW, BENCH_SELLER, onEachDialect, prepareDataSet, seconds, timed } from './data-set.js';

/**
 * Metrics over N packages of the benches' data set (bench/data-set.ts; default 10M, VTRGUARD_BENCH_PACKAGES
 * overrides). Prints: the full rebuild of the kept figures, all metrics of one marketplace from kept figures (bar
 * < 100 ms), and a recompute of them from raw rows (bar < 30 s).
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
}

export async function benchMetrics(): Promise<void> {
  const n = Number(process.env.VTRGUARD_BENCH_PACKAGES ?? 10_000_000);
  await onEachDialect((name, store) => benchOn(name, store, n));
}

if (process.argv[1]?.endsWith('metrics.ts') || process.argv[1]?.endsWith('metrics.js')) await benchMetrics();
