import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, endOfLocalDay } from '../src/core/time.js';
import { rebuildKeptFigures } from '../src/app/kept-figures.js';
import { computeReports } from '../src/app/metrics.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { rawSql } from '../src/store/testing.js';
import { onScratchSchema } from './postgres.js';

/**
 * Metrics over N packages (default 10M; VTRGUARD_BENCH_PACKAGES overrides): 90 days, 20 categories,
 * 15 carriers, 3 marketplaces, one package per order. Rows are generated inside the database
 * (a recursive CTE on SQLite, generate_series on PostgreSQL). Prints: all metrics of one marketplace from
 * kept figures (bar < 100 ms), a recompute of them from raw rows (bar < 30 s), the full rebuild of the kept
 * figures (bar < 60 s at 10M), and all metrics of one marketplace as of a past day from the kept figures and
 * from raw rows (bar < 2 s at 10M either way; the two must agree).
 */
const SELLER = 'bench';
const START_DAY = '2026-08-01';
const DAYS = 90;
const H = 3_600_000;
const DAY = 24 * H;

/** SQL for "the i-th row": shared by both dialects except for the row source and date arithmetic. */
function generateSql(dialect: 'sqlite' | 'postgres', n: number, startMs: number): string[] {
  const rows = dialect === 'sqlite'
    ? `(WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${n - 1}) SELECT i FROM c)`
    : `(SELECT generate_series(0, ${n - 1})::bigint AS i)`;
  const day = (offset: string) =>
    dialect === 'sqlite' ? `date('${START_DAY}', (${offset}) || ' days')` : `to_char(date '${START_DAY}' + (${offset})::int, 'YYYY-MM-DD')`;
  const mp = `(CASE i % 3 WHEN 0 THEN 'US' WHEN 1 THEN 'UK' ELSE 'DE' END)`;
  // Promised day d = i % 90; purchase 4 days earlier, ship-by 3, confirm 2 (a few late); times at 18:00Z.
  const d = `(i % ${DAYS})`;
  const at = (offsetDays: string, hours = 18) => `(${startMs} + (${d} + ${offsetDays}) * ${DAY} + ${hours * H})`;
  const carrier = `(CASE i % 15 ${Array.from({ length: 15 }, (_, k) => `WHEN ${k} THEN 'CARRIER${k}'`).join(' ')} END)`;
  return [
    `INSERT INTO orders (seller_id, order_id, marketplace, purchase_date, purchase_day, latest_ship_date, ship_by_day,
       latest_delivery_date, promised_day, fulfillment_channel, cancelled_at, cancelled_by)
     SELECT '${SELLER}', 'o' || i, ${mp}, ${at('-4')}, ${day(`${d} - 4`)}, ${at('-3')}, ${day(`${d} - 3`)},
       ${at('0', 23)}, ${day(d)}, 'MFN',
       CASE WHEN i % 97 = 0 THEN ${at('-4', 20)} END, CASE WHEN i % 97 = 0 THEN 'seller' END FROM ${rows} r`,
    `INSERT INTO order_items (seller_id, order_id, order_item_id, sku, category, quantity)
     SELECT '${SELLER}', 'o' || i, 'a', 'sku' || (i % 1000), 'Category ' || (i % 20), 1 FROM ${rows} r`,
    `INSERT INTO packages (package_id, seller_id, order_id, package_ref, carrier_code, shipping_method, tracking_raw, tracking_number,
       ship_date, confirmed_at, confirm_day, exempt, carrier_key, static_defect, problems, first_scan_at, delivered_at,
       first_attempt_at, last_status, last_event_at)
     SELECT i + 1, '${SELLER}', 'o' || i, '1', ${carrier}, 'Standard', 'T' || i, 'T' || i,
       ${at('-3')}, ${at('-2')} + (CASE WHEN i % 41 = 0 THEN ${2 * DAY} ELSE 0 END), ${day(`${d} - 2`)}, 0, NULL,
       CASE WHEN i % 53 = 0 THEN 'carrier_mismatch' END, '',
       CASE WHEN i % 37 = 0 THEN NULL ELSE ${at('-3', 22)} END,
       CASE WHEN i % 37 = 0 THEN NULL ELSE ${at('0', 15)} + (CASE WHEN i % 29 = 0 THEN ${DAY} ELSE 0 END) END,
       CASE WHEN i % 37 = 0 THEN NULL ELSE ${at('0', 15)} + (CASE WHEN i % 29 = 0 THEN ${DAY} ELSE 0 END) END,
       'delivered', NULL FROM ${rows} r`,
    `INSERT INTO package_items (seller_id, order_id, package_ref, order_item_id, quantity) SELECT '${SELLER}', 'o' || i, '1', 'a', 1 FROM ${rows} r`,
    `INSERT INTO write_seq (seller_id, seq) VALUES ('${SELLER}', 1)`,
  ];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await fn();
  const cpu = process.cpuUsage(cpu0);
  return [result, performance.now() - t0, (cpu.user + cpu.system) / 1000];
}

/** Wall time and this process's CPU time (on PostgreSQL the server's CPU is not in it). */
const seconds = (wallMs: number, cpuMs: number) => `${(wallMs / 1000).toFixed(1)} s (node CPU ${(cpuMs / 1000).toFixed(1)} s)`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Fills `store` with the bench data set of `n` packages (seller `bench`). */
export async function generateBenchData(store: Store, n: number): Promise<void> {
  await store.ensureSeller(SELLER);
  for (const statement of generateSql(store.dialect, n, Date.parse(`${START_DAY}T00:00:00Z`))) await rawSql(store).run(statement);
  // Statistics for the planner, and the visibility map that lets index-only scans skip the heap.
  if (store.dialect === 'postgres') await rawSql(store).exec('VACUUM ANALYZE');
}

export const BENCH_SELLER = SELLER;
export const BENCH_LAST_DAY = addDays(START_DAY, DAYS - 1);
export const BENCH_NOW = endOfLocalDay(BENCH_LAST_DAY, 'America/Los_Angeles') - H;

async function benchOn(name: string, store: Store, n: number): Promise<void> {
  const lastDay = BENCH_LAST_DAY;
  const now = BENCH_NOW;
  const [, genMs] = await timed(() => generateBenchData(store, n));
  console.log(`${name}: generated ${n.toLocaleString('en')} packages in ${(genMs / 1000).toFixed(1)} s`);
  const [, buildMs, buildCpu] = await timed(() => rebuildKeptFigures(store, SELLER, DEFAULT_METRICS_CONFIG));
  console.log(`${name}: full rebuild of the kept figures ${seconds(buildMs, buildCpu)} (bar < 60 s at 10M)`);
  const options = { config: DEFAULT_METRICS_CONFIG, now, asOf: lastDay };
  const samples: number[] = [];
  let total = 0;
  for (let k = 0; k < 7; k++) {
    const [built, ms] = await timed(() => computeReports(store, SELLER, 'US', options));
    samples.push(ms);
    total = built.metrics.vtr.overall.total;
  }
  console.log(`${name}: all metrics of US from kept figures: median ${median(samples).toFixed(1)} ms (bar < 100 ms; VTR window holds ${total.toLocaleString('en')} packages)`);
  const [raw, rawMs, rawCpu] = await timed(() => computeReports(store, SELLER, 'US', { ...options, recompute: true }));
  console.log(`${name}: all metrics of US recomputed from raw rows: ${seconds(rawMs, rawCpu)} (bar < 30 s; agrees: ${raw.metrics.vtr.overall.total === total})`);
  const past = { ...options, asOf: addDays(lastDay, -PAST_DAYS) };
  const pastSamples: number[] = [];
  let kept = raw.metrics;
  for (let k = 0; k < 7; k++) {
    const [built, ms] = await timed(() => computeReports(store, SELLER, 'US', past));
    pastSamples.push(ms);
    kept = built.metrics;
  }
  console.log(`${name}: all metrics of US as of ${past.asOf} from ${kept.source === 'rollups' ? 'kept figures' : 'raw rows (the kept figures could not answer)'}: `
    + `median ${median(pastSamples).toFixed(1)} ms (bar < 2 s at 10M)`);
  const [pastRaw, pastRawMs, pastRawCpu] = await timed(() => computeReports(store, SELLER, 'US', { ...past, recompute: true }));
  const agrees = JSON.stringify({ ...kept, source: 'raw' }) === JSON.stringify(pastRaw.metrics);
  console.log(`${name}: the same from raw rows: ${seconds(pastRawMs, pastRawCpu)} (bar < 2 s at 10M; the two agree: ${agrees})`);
}

/** How far back the past as-of read goes: deliveries late by a day and confirmations late by two fall after it. */
const PAST_DAYS = 10;

export async function benchMetrics(): Promise<void> {
  const n = Number(process.env.VTRGUARD_BENCH_PACKAGES ?? 10_000_000);
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

if (process.argv[1]?.endsWith('metrics.ts') || process.argv[1]?.endsWith('metrics.js')) await benchMetrics();
