import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchDialects } from './data-set.js';

interface ImportFigures {
  dialect: 'sqlite' | 'postgres';
  what: 'shipments' | 'events';
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  rollupSeconds: number;
  cpuSeconds: number;
  fileMB: number;
  peakRssMB: number;
  importRssGrowthMB: number;
}

interface FloorFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  entriesPerRow: number;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs a bench script in its own process (its peak memory is its own) and parses the JSON line it ends with. */
function runScript<T>(script: string, args: string[]): T {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const output = execFileSync(process.execPath, [path, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop()!) as T;
}

function runImport(rows: number, dialect: 'sqlite' | 'postgres', what: ImportFigures['what'] = 'shipments'): ImportFigures | { skipped: string } {
  return runScript('./import-worker.js', [String(rows), dialect, what]);
}

function describe(f: ImportFigures): string {
  const unit = f.what === 'events' ? 'events' : 'rows';
  return (
    `import ${count(f.rows)} ${unit} (${f.fileMB.toFixed(0)} MB) into ${f.dialect}: ${f.seconds.toFixed(2)} s wall, ` +
    `${f.cpuSeconds.toFixed(2)} s CPU, ${count(f.rowsPerSecond)} ${unit}/s; without keeping the figures (${f.rollupSeconds.toFixed(2)} s) ` +
    `${count(f.rows / (f.seconds - f.rollupSeconds))} ${unit}/s; peak RSS ${f.peakRssMB.toFixed(0)} MB ` +
    `(+${f.importRssGrowthMB.toFixed(0)} MB during import)`
  );
}

/**
 * Import throughput into SQLite at growing sizes; flat memory shows as the same peak for every size. Then one
 * import into PostgreSQL (a fifth of the largest size), for the scale backend's figure; then the carrier scans of
 * that many packages into SQLite (DESIGN.md §4: tracking events in batch).
 */
export async function benchImport(): Promise<void> {
  const full = Number(process.env.VTRGUARD_BENCH_IMPORT_ROWS ?? 1_000_000);
  const dialects = benchDialects();
  if (dialects.has('sqlite')) {
    console.log('\n## import: shipments CSV into SQLite (bar: >= 40,000 rows/s with the metrics current at the end, memory flat as the file grows)');
    for (const size of [full / 4, full / 2, full]) {
      const figures = runImport(size, 'sqlite');
      console.log('skipped' in figures ? figures.skipped : describe(figures));
    }
    const floor = runScript<FloorFigures>('./import-floor.js', [String(full)]);
    console.log(
      `SQLite alone, the same ${count(floor.rows)} rows as plain INSERTs into the store's tables (${floor.entriesPerRow} b-tree ` +
      `entries a row; no mapping, upserts, checks or rollups): ${floor.seconds.toFixed(2)} s, ${count(floor.rowsPerSecond)} rows/s, ` +
      `${((floor.seconds * 1e6) / (floor.rows * floor.entriesPerRow)).toFixed(2)} µs an entry`,
    );
  }
  if (dialects.has('postgres')) {
    const figures = runImport(full / 5, 'postgres');
    console.log('skipped' in figures ? figures.skipped : describe(figures));
  }
  if (dialects.has('sqlite')) {
    console.log('\n## import: carrier events JSONL into SQLite (bar: >= 50,000 events/s), three scans for each of a fifth as many packages');
    const events = runImport(full / 5, 'sqlite', 'events');
    console.log('skipped' in events ? events.skipped : describe(events));
  }
}
