import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface ImportFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  rollupSeconds: number;
  cpuSeconds: number;
  fileMB: number;
  peakRssMB: number;
  importRssGrowthMB: number;
}

/** Import throughput into SQLite at growing sizes; flat memory shows as the same peak for every size. */
export async function benchImport(): Promise<void> {
  const worker = fileURLToPath(new URL('./import-worker.js', import.meta.url));
  const full = Number(process.env.VTRGUARD_BENCH_IMPORT_ROWS ?? 1_000_000);
  console.log('\n## import: shipments CSV into SQLite (bar: >= 200,000 rows/s, memory flat as the file grows)');
  for (const rows of [full / 4, full / 2, full]) {
    const output = execFileSync(process.execPath, [worker, String(rows)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const f = JSON.parse(output.trim().split('\n').pop()!) as ImportFigures;
    const rows = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(
      `import ${rows(f.rows)} rows (${f.fileMB.toFixed(0)} MB): ${f.seconds.toFixed(2)} s wall, ${f.cpuSeconds.toFixed(2)} s CPU, ` +
        `${rows(f.rowsPerSecond)} rows/s; without the rollup refresh (${f.rollupSeconds.toFixed(2)} s) ` +
        `${rows(f.rows / (f.seconds - f.rollupSeconds))} rows/s; peak RSS ${f.peakRssMB.toFixed(0)} MB ` +
        `(+${f.importRssGrowthMB.toFixed(0)} MB during import)`,
    );
  }
}
