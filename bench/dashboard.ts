import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import { rebuildKeptFigures } from '../src/app/kept-figures.js';
import { FigureDelta } from '../src/metrics/contributions.js';
import { DEFAULT_METRICS_CONFIG, exemptionFingerprint } from '../src/metrics/config.js';
import { applyFigureIncrements, figuresCurrent } from '../src/store/rollups.js';
import { readScanDelayMedians, readScanDelays } from '../src/store/scan-delays.js';
import type { Store } from '../src/store/store.js';
import { vtrWindow } from '../src/metrics/forecast.js';
import { rawSql } from '../src/store/testing.js';
import { addDays } from '../src/core/time.js';
import { BENCH_CARRIERS, BENCH_LAST_DAY, BENCH_NOW, BENCH_SELLER, benchDialects, generateBenchData, percentile, seconds, timed } from './data-set.js';
import { BENCH_PG_URL } from './postgres.js';
import { staticTrackingDefect } from '../src/validate/assess.js';

/**
 * Every read the dashboard makes, over the benches' data set (bench/data-set.ts; default 10M packages;
 * VTRGUARD_BENCH_PACKAGES overrides), through `createApp(…).inject` as of the data set's last day: marketplaces,
 * metrics, trend, forecast, the packages without a first scan, the carrier scorecard, and the VTR defects as the page asks for them (first 250; by a carrier; by a category), an API page
 * of 1,000 and a deep page of 100. Prints p50/p95 of each (bar: p95 < 50 ms, DESIGN.md). Then the trend, the
 * scorecard, the VTR defects (first 250) and the watch list as of a past day (`PAST_DAY_REQUESTS`, with the source of their figures), which the live bench does not
 * mix into its load. VTRGUARD_BENCH_DIALECTS picks the dialects (default both).
 *
 * Building the data set takes many minutes, so it can be kept: VTRGUARD_BENCH_DASHBOARD_DB names a SQLite file
 * (generated and its figures built when missing, reused when present) and VTRGUARD_BENCH_DASHBOARD_PG_SCHEMA a PostgreSQL
 * schema (same). Without them both are built in a temporary place and dropped. Figures that are not current (new
 * writes, or a migration that dropped their state) are rebuilt first, and the rebuild is timed.
 *
 * The generated packages' first scans come six or nineteen hours after their confirmation (two delay buckets per
 * carrier and day), which flatters the scan-delay histogram; a second seller gets a dense one — US volume (22k
 * packages per carrier and day, five carriers, 90 days) with delays spread over days — and its median read is
 * timed on its own.
 */
const SAMPLES = Number(process.env.VTRGUARD_BENCH_SAMPLES ?? 30);
/** Calls before the measured ones (caches, prepared statements, JIT). */
const WARMUP = Number(process.env.VTRGUARD_BENCH_WARMUP ?? 3);

export const DASHBOARD_REQUESTS: [string, string][] = [
  ['marketplaces', '/v1/marketplaces'],
  ['metrics', '/v1/metrics?marketplace=US'],
  ['trend (60 days)', '/v1/trend?marketplace=US'],
  ['forecast', '/v1/forecast?marketplace=US'],
  ['no first scan yet (500 oldest)', '/v1/watch?limit=500'],
  ['scorecard', '/v1/scorecard?marketplace=US'],
  ['defects, as the page asks (250)', '/v1/defects?metric=vtr&marketplace=US&offset=0&limit=250'],
  ['defects, by carrier (250)', `/v1/defects?metric=vtr&marketplace=US&carrier=${encodeURIComponent(BENCH_CARRIERS[3])}&offset=0&limit=250`],
  ['defects, by category (250)', '/v1/defects?metric=vtr&marketplace=US&category=Category%207&offset=0&limit=250'],
  ['defects, API page of 1,000', '/v1/defects?metric=vtr&marketplace=US&offset=0&limit=1000'],
  ['defects, page 20 (of 100)', '/v1/defects?metric=vtr&marketplace=US&offset=1900&limit=100'],
];

/** Ten days before the data set's last day: late scans and deliveries of the window still arrive after it. */
const PAST_DAY = addDays(BENCH_LAST_DAY, -10);

/** The dashboard's reads as of a past day (not in `DASHBOARD_REQUESTS`: bench/live-load.ts replays that list). */
export const PAST_DAY_REQUESTS: [string, string][] = [
  [`trend (60 days) as of ${PAST_DAY}`, `/v1/trend?marketplace=US&asOf=${PAST_DAY}`],
  [`scorecard as of ${PAST_DAY}`, `/v1/scorecard?marketplace=US&asOf=${PAST_DAY}`],
  [`defects as of ${PAST_DAY} (250)`, `/v1/defects?metric=vtr&marketplace=US&asOf=${PAST_DAY}&offset=0&limit=250`],
  [`no first scan at the end of ${PAST_DAY} (500 oldest)`, `/v1/watch?marketplace=US&limit=500&asOf=${PAST_DAY}`],
];

async function prepare(name: string, store: Store, fresh: boolean, n: number): Promise<void> {
  if (fresh) {
    const [, genMs] = await timed(() => generateBenchData(store, n));
    console.log(`${name}: generated ${n.toLocaleString('en')} packages in ${(genMs / 1000).toFixed(1)} s`);
  }
  if (fresh || !(await figuresCurrent(store, BENCH_SELLER, exemptionFingerprint(DEFAULT_METRICS_CONFIG)))) {
    const [, buildMs, buildCpu] = await timed(() => rebuildKeptFigures(store, BENCH_SELLER, DEFAULT_METRICS_CONFIG));
    console.log(`${name}: full rebuild of the kept figures ${seconds(buildMs, buildCpu)}`);
  }
  await analyze(store);
}

/**
 * Statistics and the visibility map for the freshly written rollup tables (PostgreSQL), as generateBenchData does
 * for the raw ones: autovacuum would get there in time; without the map an index-only scan visits the heap.
 */
async function analyze(store: Store): Promise<void> {
  if (store.dialect === 'postgres') await rawSql(store).exec('VACUUM ANALYZE metric_rollups, scan_delay_rollups, defect_rollups, defect_counts');
}

async function measure(name: string, store: Store): Promise<void> {
  const app = await createApp({ store, defaultSellerId: BENCH_SELLER, now: () => BENCH_NOW, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  try {
    for (const [label, url] of [...DASHBOARD_REQUESTS, ...PAST_DAY_REQUESTS]) {
      const times: number[] = [];
      let summary = '';
      for (let k = 0; k < WARMUP + SAMPLES; k++) {
        const t0 = performance.now();
        const response = await app.inject({ url, remoteAddress: '127.0.0.1' });
        const ms = performance.now() - t0;
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        if (k >= WARMUP) times.push(ms);
        if (k === 0) {
          const body = response.json<{
            total?: number; items?: unknown[]; source?: string; overall?: unknown;
            carriers?: { carrier: string; medianHoursToFirstScan: number | null }[];
          }>();
          summary = body.carriers
            ? `${body.carriers.length} carriers, median hours ${body.carriers[0]?.medianHoursToFirstScan}`
            : Array.isArray(body.overall)
            ? `${body.overall.length} days, last rate ${(body.overall.at(-1) as { rate: number | null } | undefined)?.rate}`
            : `total ${body.total?.toLocaleString('en')}, ${body.items?.length} rows`;
          if (body.source !== undefined) summary += `, source ${body.source}`;
          console.log(`${name}: ${label}: first call ${ms.toFixed(1)} ms (${summary})`);
        }
      }
      times.sort((a, b) => a - b);
      console.log(`${name}: ${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${SAMPLES} calls)`);
    }
  } finally {
    await app.close();
  }
}

const DENSE_SELLER = 'bench-dense';

/** The dense histogram: exponential delays with a mean of 15–27 hours, so most tenths up to ~4 days are hit daily. */
async function denseHistogram(store: Store): Promise<void> {
  const have = await rawSql(store).all('SELECT 1 FROM scan_delay_rollups WHERE seller_id = ? LIMIT 1', [DENSE_SELLER]);
  if (have.length > 0) return;
  const acc = new FigureDelta(DEFAULT_METRICS_CONFIG, staticTrackingDefect, { fromEmpty: true });
  let seed = 1;
  const uniform = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let d = 0; d < 90; d++) {
    const day = new Date(Date.parse(`${BENCH_LAST_DAY}T00:00:00Z`) - d * 86_400_000).toISOString().slice(0, 10);
    for (let c = 0; c < 5; c++) {
      const mean = 150 + 30 * c;
      for (let k = 0; k < 22_222; k++) {
        const tenths = Math.floor(-Math.log(uniform()) * mean);
        acc.addScanDelay('US', 'vtr_pd', day, `CARRIER${3 * c}`, tenths, 1);
      }
    }
  }
  await store.transaction((tx) => applyFigureIncrements(tx, DENSE_SELLER, {
    cells: [], lateSteps: [], defectCounts: [], scanDelays: acc.scanDelayIncrements(), scanDelaySteps: [], defectDeletes: [], defectRows: [], defectStepDeletes: [], defectSteps: [],
  }));
  await analyze(store);
}

async function timeCalls(label: string, fn: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let k = 0; k < WARMUP + SAMPLES; k++) {
    const t0 = performance.now();
    await fn();
    if (k >= WARMUP) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${SAMPLES} calls)`);
}

async function measureDense(name: string, store: Store): Promise<void> {
  const t0 = performance.now();
  await denseHistogram(store);
  const window = vtrWindow(BENCH_LAST_DAY, 0);
  const level0 = await readScanDelays(store, DENSE_SELLER, 'US', 'vtr_pd', window);
  console.log(`${name}: dense histogram ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; the window holds ${level0.length.toLocaleString('en')} carrier × tenth buckets`);
  await timeCalls(`${name}: dense histogram, median read (levels)`, () => readScanDelayMedians(store, DENSE_SELLER, 'US', 'vtr_pd', window));
  await timeCalls(`${name}: dense histogram, whole level 0 summed (for comparison)`, () => readScanDelays(store, DENSE_SELLER, 'US', 'vtr_pd', window));
}

async function onSqlite(n: number): Promise<void> {
  const kept = process.env.VTRGUARD_BENCH_DASHBOARD_DB;
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'vtrguard-bench-'));
  const file = kept ?? join(dir!, 'bench.db');
  const fresh = !existsSync(file);
  const store = await openStore(file);
  try {
    await prepare('sqlite', store, fresh, n);
    await measure('sqlite', store);
    await measureDense('sqlite', store);
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(n: number): Promise<void> {
  const url = BENCH_PG_URL;
  const kept = process.env.VTRGUARD_BENCH_DASHBOARD_PG_SCHEMA;
  const schema = kept ?? `vtrguard_bench_${process.pid}`;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    console.log(`postgres: skipped (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  try {
    const existing = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, 'packages']);
    const store = await openStore(url, { schema });
    try {
      await prepare('postgres', store, existing.rowCount === 0, n);
      await measure('postgres', store);
      await measureDense('postgres', store);
    } finally {
      await store.close();
    }
  } finally {
    if (!kept) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

export async function benchDashboard(): Promise<void> {
  const n = Number(process.env.VTRGUARD_BENCH_PACKAGES ?? 10_000_000);
  const dialects = benchDialects();
  if (dialects.has('sqlite')) await onSqlite(n);
  if (dialects.has('postgres')) await onPostgres(n);
}

if (process.argv[1]?.endsWith('dashboard.ts') || process.argv[1]?.endsWith('dashboard.js')) await benchDashboard();
