import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ZONES } from '../src/core/time.js';
import { keptFigures } from '../src/app/kept-figures.js';
import type { FactWrites } from '../src/store/store.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { importFile } from '../src/ingest/import.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { onScratchSchema } from './postgres.js';
import { writeEventsFile, writeShipmentsFile } from './shipments-file.js';

/**
 * One import measured in its own process, so that its peak memory is its own. Prints one JSON line.
 * Arguments: the number of rows; `sqlite` (default) or `postgres` (a scratch schema on BENCH_PG_URL); and
 * `shipments` (default) or `events`: that many packages imported first, unmeasured, then their carrier scans
 * (three a package) measured.
 */
const rows = Number(process.argv[2] ?? 1_000_000);
const dialect = process.argv[3] === 'postgres' ? 'postgres' : 'sqlite';
const what = process.argv[4] === 'events' ? 'events' : 'shipments';
const context = { zones: DEFAULT_ZONES, defaultMarketplace: 'US' } as const;
const dir = mkdtempSync(join(tmpdir(), 'vtrguard-bench-'));

/** The file to measure: the shipments, or (after importing them) their carrier scans. */
async function measuredFile(store: Store, shipments: string): Promise<string> {
  if (what === 'shipments') return shipments;
  await importFile(store, { file: shipments, sellerId: 'bench', context, figures: keptFigures(DEFAULT_METRICS_CONFIG) });
  const events = join(dir, 'events.jsonl');
  await writeEventsFile(events, rows);
  return events;
}

/** The kept figures, with the time spent on them (per batch and at the end) added up by `add`. */
function timedFigures(add: (seconds: number) => void): FactWrites {
  const figures = keptFigures(DEFAULT_METRICS_CONFIG);
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      add((performance.now() - started) / 1000);
    }
  };
  return {
    async begin(tx, sellerId) {
      const session = await timed(() => figures.begin(tx, sellerId));
      return {
        // What the figures add around a batch: its reads before and after, and the deltas (not the write itself).
        change: async (keys, write, done) => {
          let writing = 0;
          const result = await timed(() => session.change(keys, async () => {
            const started = performance.now();
            try {
              return await write();
            } finally {
              writing = (performance.now() - started) / 1000;
            }
          }, done));
          add(-writing);
          return result;
        },
        finish: () => timed(() => session.finish()),
      };
    },
  };
}

async function measure(store: Store, shipments: string): Promise<void> {
  const file = await measuredFile(store, shipments);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  let rollupSeconds = 0;
  const cpu = process.cpuUsage();
  const summary = await importFile(store, {
    file, sellerId: 'bench', context, figures: timedFigures((s) => (rollupSeconds += s)),
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(sampler);
  process.stdout.write(`${JSON.stringify({
    dialect, what, rows: summary.rowsImported, seconds: summary.seconds, rowsPerSecond: summary.rowsImported / summary.seconds,
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
