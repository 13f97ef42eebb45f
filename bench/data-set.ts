import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildKeptFigures } from '../src/app/kept-figures.js';
import { DEFAULT_REBUILD_THREADS } from '../src/config.js';
import type { Delivery } from '../test/mock-carriers/webhook-load.js';
import { deliveryBody, PROVIDER_NAMES, SIGNERS } from '../test/mock-carriers/webhook-senders.js';
import { addDays, endOfLocalDay } from '../src/core/time.js';
import { configuredSecretResolver, webhookSecretsFromEnv } from '../src/ingest/webhooks/secrets.js';
import type { WebhookSecretResolver } from '../src/ingest/webhooks/secrets.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { openStore, SERVER_STORE_OPTIONS } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { rawSql } from '../src/store/testing.js';
import { onScratchSchema } from './postgres.js';

/**
 * The data set the metrics, freshness, live-load and dashboard benches share, and their common set-up: N packages
 * over 90 days, 20 categories, 15 carriers, 3 marketplaces, one package per order, generated inside the database
 * (a recursive CTE on SQLite, generate_series on PostgreSQL). Package i is `T<i>`, promised on day i % 90; every
 * 37th has no scan yet, every 53rd carries a static defect, every 41st was confirmed late, every 97th order was
 * cancelled.
 *
 * The times follow a real seller's day: the order is placed four days before the promised day and must ship by
 * the next; the seller ships and confirms on that ship-by day, before its cut-off, and the carrier's first scan
 * comes that evening — or, for every third package, the next morning, local time in all three marketplaces (a
 * package waiting overnight for its first scan, which the late steps and the watch list have to carry).
 */
const SELLER = 'bench';
const START_DAY = '2026-08-01';
const DAYS = 90;
const H = 3_600_000;
const DAY = 24 * H;
/** Every UNSCANNED_EVERY-th package has no scan. */
const UNSCANNED_EVERY = 37;

/**
 * Amazon carrier codes accepted in all three marketplaces. The numbers (`T<i>`) are in no carrier's known format,
 * which the carrier rules leave valid (never confidently wrong), so the packages' defects are the ones the data set
 * plants — not, as with made-up codes, every package a VTR defect (`carrier_not_accepted`).
 */
export const BENCH_CARRIERS = [
  'UPS', 'USPS', 'FedEx', 'DHL', 'OnTrac', 'Amazon Shipping', 'DHL eCommerce', 'Canada Post', 'Royal Mail', 'Yodel', 'Parcelforce', 'DPD', 'Hermes',
  'Deutsche Post', 'GLS',
] as const;

export const BENCH_SELLER = SELLER;
export const BENCH_LAST_DAY = addDays(START_DAY, DAYS - 1);
export const BENCH_NOW = endOfLocalDay(BENCH_LAST_DAY, 'America/Los_Angeles') - H;

/** SQL for "the i-th row": shared by both dialects except for the row source and date arithmetic. */
function generateSql(dialect: 'sqlite' | 'postgres', n: number, startMs: number): string[] {
  const rows = dialect === 'sqlite'
    ? `(WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${n - 1}) SELECT i FROM c)`
    : `(SELECT generate_series(0, ${n - 1})::bigint AS i)`;
  const day = (offset: string) =>
    dialect === 'sqlite' ? `date('${START_DAY}', (${offset}) || ' days')` : `to_char(date '${START_DAY}' + (${offset})::int, 'YYYY-MM-DD')`;
  const mp = `(CASE i % 3 WHEN 0 THEN 'US' WHEN 1 THEN 'UK' ELSE 'DE' END)`;
  // Promised day d = i % 90; purchase 4 days earlier at 18:00Z, ship-by 3 days earlier at 18:00Z, shipped at
  // 12:00Z and confirmed at 14:00Z that day (every 41st two days late), first scan at 20:00Z or the next day at 09:00Z.
  const d = `(i % ${DAYS})`;
  const lateConfirm = `(CASE WHEN i % 41 = 0 THEN 2 ELSE 0 END)`;
  const at = (offsetDays: string, hours = 18) => `(${startMs} + (${d} + ${offsetDays}) * ${DAY} + ${hours * H})`;
  const carrier = `(CASE i % ${BENCH_CARRIERS.length} ${BENCH_CARRIERS.map((code, k) => `WHEN ${k} THEN '${code}'`).join(' ')} END)`;
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
       ${at('-3', 12)}, ${at(`-3 + ${lateConfirm}`, 14)}, ${day(`${d} - 3 + ${lateConfirm}`)}, 0, NULL,
       CASE WHEN i % 53 = 0 THEN 'carrier_mismatch' END, '',
       CASE WHEN i % ${UNSCANNED_EVERY} = 0 THEN NULL WHEN i % 3 = 0 THEN ${at('-2', 9)} ELSE ${at('-3', 20)} END,
       CASE WHEN i % ${UNSCANNED_EVERY} = 0 THEN NULL ELSE ${at('0', 15)} + (CASE WHEN i % 29 = 0 THEN ${DAY} ELSE 0 END) END,
       CASE WHEN i % ${UNSCANNED_EVERY} = 0 THEN NULL ELSE ${at('0', 15)} + (CASE WHEN i % 29 = 0 THEN ${DAY} ELSE 0 END) END,
       'delivered', NULL FROM ${rows} r`,
    `INSERT INTO package_items (seller_id, order_id, package_ref, order_item_id, quantity) SELECT '${SELLER}', 'o' || i, '1', 'a', 1 FROM ${rows} r`,
    `INSERT INTO write_seq (seller_id, seq) VALUES ('${SELLER}', 1)`,
  ];
}

/** Fills `store` with the data set of `n` packages (seller `bench`). */
export async function generateBenchData(store: Store, n: number): Promise<void> {
  await store.ensureSeller(SELLER);
  for (const statement of generateSql(store.dialect, n, Date.parse(`${START_DAY}T00:00:00Z`))) await rawSql(store).run(statement);
  // Statistics for the planner, and the visibility map that lets index-only scans skip the heap.
  if (store.dialect === 'postgres') await rawSql(store).exec('VACUUM ANALYZE');
}

/** Wall time and this process's CPU time of `fn` (on PostgreSQL the server's CPU is not in it). */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await fn();
  const cpu = process.cpuUsage(cpu0);
  return [result, performance.now() - t0, (cpu.user + cpu.system) / 1000];
}

/** `12.3 s (node CPU 4.5 s)`. */
export const seconds = (wallMs: number, cpuMs: number) => `${(wallMs / 1000).toFixed(1)} s (node CPU ${(cpuMs / 1000).toFixed(1)} s)`;

/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * Generates the data set of `n` packages into `store` and builds its kept figures from raw rows, printing both
 * times under `label` (the rebuild's bar: < 60 s at 10M).
 */
export async function prepareDataSet(label: string, store: Store, n: number): Promise<void> {
  const [, genMs] = await timed(() => generateBenchData(store, n));
  console.log(`${label}: generated ${n.toLocaleString('en')} packages in ${(genMs / 1000).toFixed(1)} s`);
  const [, buildMs, buildCpu] = await timed(() => rebuildKeptFigures(store, SELLER, DEFAULT_METRICS_CONFIG, { spanThreads: { threads: DEFAULT_REBUILD_THREADS } }));
  console.log(`${label}: full rebuild of the kept figures ${seconds(buildMs, buildCpu)} (bar < 60 s at 10M)`);
  // The rebuild's rows, like generateBenchData's, want statistics and a visibility map.
  if (store.dialect === 'postgres') await rawSql(store).exec('VACUUM ANALYZE');
}

/** Where a bench's store lives, for a server thread that opens its own. */
export interface StoreTarget {
  db: string;
  schema?: string;
}

type Dialect = 'sqlite' | 'postgres';

/** The dialects the benches run on: VTRGUARD_BENCH_DIALECTS, comma-separated (default both). */
export function benchDialects(): ReadonlySet<Dialect> {
  const named = (process.env.VTRGUARD_BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  const unknown = named.find((d) => d !== 'sqlite' && d !== 'postgres');
  if (unknown !== undefined) throw new Error(`VTRGUARD_BENCH_DIALECTS names sqlite and postgres, got "${unknown}"`);
  return new Set(named as Dialect[]);
}

/**
 * Runs `fn` on an empty SQLite store in a temporary file, then on an empty PostgreSQL schema (said and skipped
 * when no server is reachable), each unless VTRGUARD_BENCH_DIALECTS leaves it out; both are removed afterwards.
 */
export async function onEachDialect(fn: (name: Dialect, store: Store, target: StoreTarget) => Promise<void>): Promise<void> {
  const dialects = benchDialects();
  if (dialects.has('sqlite')) await onSqlite(fn);
  if (dialects.has('postgres')) await onScratchSchema((postgres, where) => fn('postgres', postgres, { db: where.url, schema: where.schema }));
}

async function onSqlite(fn: (name: Dialect, store: Store, target: StoreTarget) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vtrguard-bench-'));
  const db = join(dir, 'bench.db');
  try {
    // As `vtrguard serve` would: the benches' servers run on it (the log checkpointed beside the writes).
    const sqlite = await openStore(db, { walCheckpoint: SERVER_STORE_OPTIONS.walCheckpoint });
    try {
      await fn('sqlite', sqlite, { db });
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A package a bench's scan event is for. */
export interface ScanTarget {
  trackingNumber: string;
  /** Start of its promised day (UTC), in ms. */
  promisedMs: number;
  /** A first scan of a package that had none (else the delivery of any package). */
  firstScan: boolean;
}

const greatestCommonDivisor = (a: number, b: number): number => (b === 0 ? a : greatestCommonDivisor(b, a % b));

/**
 * `count` packages for scan events, numbered from `first`, reproducible from `seed`: even ones a package without
 * a scan (for its first), odd ones any package (for its delivery). The packages without a scan are drawn without
 * repeats across every number from 0 until they run out (a 37th of the packages), so that calls numbered apart
 * scan packages that still had no scan: a first scan drawn twice would not be one the second time, and cheaper.
 */
export function scanTargets(n: number, seed: number, first: number, count: number): ScanTarget[] {
  let state = seed;
  const next = () => (state = (state * 48271) % 2147483647);
  const unscanned = Math.floor(n / UNSCANNED_EVERY);
  // A stride prime to the pool walks all of it before any package comes again.
  let stride = 7919;
  while (greatestCommonDivisor(stride, unscanned) !== 1) stride++;
  const startMs = Date.parse(`${START_DAY}T00:00:00Z`);
  const targets: ScanTarget[] = [];
  for (let k = first; k < first + count; k++) {
    const firstScan = k % 2 === 0;
    const i = firstScan ? ((Math.floor(k / 2) * stride) % unscanned) * UNSCANNED_EVERY : next() % n;
    targets.push({ trackingNumber: `T${i}`, promisedMs: startMs + (i % DAYS) * DAY, firstScan });
  }
  return targets;
}

const WEBHOOK_SECRET = 'bench-secret';

/**
 * Where the benches' servers store webhook deliveries (VTRGUARD_BENCH_WEBHOOK_WRITER): `thread`, a writer thread
 * as `vtrguard serve` runs it by default (VTRGUARD_WEBHOOK_WRITER), or `inline`, on the server's thread, to
 * compare the two on one build.
 */
export const BENCH_WEBHOOK_WRITER: 'thread' | 'inline' = (() => {
  const writer = process.env.VTRGUARD_BENCH_WEBHOOK_WRITER ?? 'thread';
  if (writer !== 'thread' && writer !== 'inline') throw new Error(`VTRGUARD_BENCH_WEBHOOK_WRITER must be thread or inline, got "${writer}"`);
  return writer;
})();

/** The webhook secrets of a bench's server: one secret for every provider. */
export function benchWebhookSecrets(): WebhookSecretResolver {
  const env = Object.fromEntries(PROVIDER_NAMES.map((p) => [`VTRGUARD_WEBHOOK_SECRET_${p.toUpperCase()}`, WEBHOOK_SECRET]));
  return configuredSecretResolver(webhookSecretsFromEnv(env));
}

/** Delivery number `k` (its provider by turn), signed with the benches' secret: one scan event, at `at`. */
export function signedDelivery(k: number, trackingNumber: string, at: number, delivered: boolean): Delivery {
  const provider = PROVIDER_NAMES[k % PROVIDER_NAMES.length]!;
  const body = deliveryBody(provider, { trackingNumber, time: new Date(at).toISOString(), seq: k, delivered });
  return { provider, body, headers: { 'content-type': 'application/json', ...SIGNERS[provider](body, WEBHOOK_SECRET) }, good: true, trackingNumber };
}
