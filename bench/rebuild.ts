import { loadavg } from 'node:os';
import { rebuildKeptFigures } from '../src/app/kept-figures.js';
import { DEFAULT_REBUILD_THREADS } from '../src/config.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { rawSql } from '../src/store/testing.js';
import { BENCH_SELLER, generateBenchData, onEachDialect, seconds, timed } from './data-set.js';

/**
 * The full rebuild of the kept figures (bar < 60 s at 10M) with its spans counted on 0, 1, 2… counter threads
 * (VTRGUARD_REBUILD_THREADS), the settings alternated round after round on one data set (bench/data-set.ts), each
 * run's wall time and node CPU (every thread of the process; on PostgreSQL the server's is not in it) printed with
 * the load average, and the defect rows it wrote (the same for every setting). Sizes:
 * VTRGUARD_BENCH_REBUILD_PACKAGES (default 300000); settings: VTRGUARD_BENCH_REBUILD_THREADS, comma-separated
 * (default 0,1,2); rounds: VTRGUARD_BENCH_REBUILD_ROUNDS (default 2); dialects: VTRGUARD_BENCH_DIALECTS (default
 * sqlite,postgres, as every bench).
 */
export async function benchRebuild(): Promise<void> {
  const packages = Number(process.env.VTRGUARD_BENCH_REBUILD_PACKAGES ?? 300_000);
  const settings = (process.env.VTRGUARD_BENCH_REBUILD_THREADS ?? '0,1,2').split(',').map(Number);
  const rounds = Number(process.env.VTRGUARD_BENCH_REBUILD_ROUNDS ?? 2);
  await onEachDialect(async (name, store) => {
    const [, genMs] = await timed(() => generateBenchData(store, packages));
    console.log(`rebuild ${name}: generated ${packages.toLocaleString('en')} packages in ${(genMs / 1000).toFixed(1)} s`);
    for (let round = 1; round <= rounds; round++) {
      for (const threads of settings) {
        const load = loadavg()[0]!.toFixed(1);
        const [, ms, cpu] = await timed(() => rebuildKeptFigures(store, BENCH_SELLER, DEFAULT_METRICS_CONFIG, { spanThreads: { threads } }));
        const [defects] = await rawSql(store).all<{ n: number }>('SELECT COUNT(*) AS n FROM defect_rollups WHERE seller_id = ?', [BENCH_SELLER]);
        console.log(`rebuild ${name} ${packages.toLocaleString('en')}, round ${round}, ${threads} counter threads${threads === DEFAULT_REBUILD_THREADS ? ' (default)' : ''}: `
          + `${seconds(ms, cpu)}, load ${load}, ${Number(defects!.n).toLocaleString('en')} defect rows`);
      }
    }
  });
}
