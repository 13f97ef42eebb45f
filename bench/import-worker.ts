import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ZONES } from '../src/core/time.js';
import { afterImport } from '../src/ingest/after-import.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { importFile } from '../src/ingest/import.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { onScratchSchema } from './postgres.js';
import { writeShipmentsFile } from './shipments-file.js';

/**
 * One import measured in its own process, so that its peak memory is its own. Prints one JSON line.
 * Arguments: the number of rows, and `sqlite` (default) or `postgres` (a scratch schema on BENCH_PG_URL).
 */
const rows = Number(process.argv[2] ?? 1_000_000);
const dialect = process.argv[3] === 'postgres' ? 'postgres' : 'sqlite';
const dir = mkdtempSync(join(tmpdir(), 'vtrguard-bench-'));

async function measure(store: Store, file: string): Promise<void> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const refresh = afterImport(DEFAULT_METRICS_CONFIG);
  let rollupSeconds = 0;
  const cpu = process.cpuUsage();
  const summary = await importFile(store, {
    file, sellerId: 'bench', context: { zones: DEFAULT_ZONES, defaultMarketplace: 'US' },
    beforeCommit: async (tx, seller) => {
      const started = performance.now();
      await refresh(tx, seller);
      rollupSeconds = (performance.now() - started) / 1000;
    },
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(sampler);
  process.stdout.write(`${JSON.stringify({
    dialect, rows: summary.rowsImported, seconds: summary.seconds, rowsPerSecond: summary.rowsImported / summary.seconds,
    rollupSeconds, cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
    fileMB: statSync(file).size / 1e6, peakRssMB: peak / 1e6, importRssGrowthMB: (peak - baseline) / 1e6,
  })}\n`);
}

try {
  const file = join(dir, 'shipments.csv');
  await writeShipmentsFile(file, rows);
  if (dialect === 'postgres') {
    await onScratchSchema((store) => measure(store, file), (line) => process.stdout.write(`${JSON.stringify({ skipped: line })}\n`));
  } else {
    const store = await openStore(join(dir, 'bench.db'));
    try {
      await measure(store, file);
    } finally {
      await store.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
