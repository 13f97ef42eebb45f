import type { Cell, CellMetric } from '../core/cells.js';
import { SFP_COMPANIONS } from '../core/cells.js';
import type { Marketplace } from '../core/domain.js';
import type { DayWindow } from '../core/time.js';
import { appendRows, insertRows, prepared } from './sql.js';
import type { SqlValue } from './sql.js';
import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/**
 * The figures vtrguard keeps (DESIGN.md §3) as stored rows: metric cells (metric_rollups), defect rows and their
 * counts (defect_rollups, defect_counts) and the scan-delay histogram (scan_delay_rollups), with the late steps
 * that take them back to a past day (metric_late_steps, defect_late_steps, scan_delay_late_steps). They are sums of
 * per-package and per-order contributions (src/metrics/contributions.ts); src/app/kept-figures.ts adds the
 * delta of each write inside its transaction and rebuilds them from raw rows when the configuration changes.
 * This module only stores: increments applied with upserts, a seller's figures emptied, and the state row that
 * says which configuration and which write they are current with.
 *
 * A count taken back to zero stays as a zero row until the next rebuild (deleting it would cost a statement a
 * key on every write); the reads leave zero rows out.
 */

/** Cells to add to: `[marketplace, metric, day, category, carrier, total, hit]`. */
export type CellRow = readonly [string, string, string, string, string, number, number];
/** Defect counts to add to: `[marketplace, metric, day, sort day, carrier keys, category keys, defects]`. */
export type DefectCountRow = readonly [string, string, string, string, string, string, number];
/** Scan-delay buckets to add to: `[marketplace, metric, day, level, carrier, bucket, packages]`. */
export type ScanDelayRow = readonly [string, string, string, number, string, number, number];
/** Level-0 scan-delay steps to add to: `[marketplace, metric, day, from day, carrier, bucket, packages]`. */
export type ScanDelayStepRow = readonly [string, string, string, string, string, number, number];
/** Late steps to add to: `[marketplace, metric, day, category, carrier, from day, total, hit]`. */
export type LateStepRow = readonly [string, string, string, string, string, string, number, number];
/** Defect rows: `[marketplace, metric, day, sort day, order id, package id, carrier keys, category keys]`. */
export type DefectRow = readonly [string, string, string, string, string, number, string, string];
/** A defect row's key: `[marketplace, metric, sort day, day, order id, package id]`. */
export type DefectKey = readonly [string, string, string, string, string, number];
/**
 * Defect rows' steps: `[marketplace, metric, day, sort day, order id, package id, from day, carrier keys, category
 * keys, step]`.
 */
export type DefectStepRow = readonly [string, string, string, string, string, number, string, string, string, number];
/** A defect step's key: its first seven values. */
export type DefectStepKey = readonly [string, string, string, string, string, number, string];

export interface FigureIncrements {
  cells: readonly CellRow[];
  lateSteps: readonly LateStepRow[];
  defectCounts: readonly DefectCountRow[];
  scanDelays: readonly ScanDelayRow[];
  scanDelaySteps: readonly ScanDelayStepRow[];
  defectDeletes: readonly DefectKey[];
  /** Written after the deletes; a row already stored under the same key is overwritten. */
  defectRows: readonly DefectRow[];
  defectStepDeletes: readonly DefectStepKey[];
  /** As `defectRows`. */
  defectSteps: readonly DefectStepRow[];
}

const KEPT_TABLES = [
  'metric_rollups', 'metric_late_steps', 'defect_rollups', 'defect_late_steps', 'defect_counts', 'scan_delay_rollups', 'scan_delay_late_steps',
] as const;

const byKey = (width: number) => (a: readonly SqlValue[], b: readonly SqlValue[]): number => {
  for (let i = 0; i < width; i++) if (a[i] !== b[i]) return (a[i] as string | number) < (b[i] as string | number) ? -1 : 1;
  return 0;
};

/** `INSERT … ON CONFLICT (key) DO UPDATE SET v = v + excluded.v`: concurrent writers add, none overwrites. */
function increment(table: string, columns: readonly string[], key: readonly string[], added: readonly string[]): string {
  return `INSERT INTO ${table} (seller_id, ${columns.join(', ')}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})
    ON CONFLICT (seller_id, ${key.join(', ')}) DO UPDATE SET ${added.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
}

const CELLS = increment('metric_rollups', ['marketplace', 'metric', 'day', 'category', 'carrier', 'total', 'hit'],
  ['marketplace', 'metric', 'day', 'category', 'carrier'], ['total', 'hit']);
const STEPS = increment('metric_late_steps', ['marketplace', 'metric', 'day', 'category', 'carrier', 'from_day', 'total', 'hit'],
  ['marketplace', 'metric', 'day', 'category', 'carrier', 'from_day'], ['total', 'hit']);
const COUNTS = increment('defect_counts', ['marketplace', 'metric', 'day', 'sort_day', 'carrier_keys', 'category_keys', 'defects'],
  ['marketplace', 'metric', 'day', 'sort_day', 'carrier_keys', 'category_keys'], ['defects']);
const DELAYS = increment('scan_delay_rollups', ['marketplace', 'metric', 'day', 'level', 'carrier', 'bucket', 'packages'],
  ['marketplace', 'metric', 'level', 'day', 'carrier', 'bucket'], ['packages']);
const DELAY_STEPS = increment('scan_delay_late_steps', ['marketplace', 'metric', 'day', 'from_day', 'carrier', 'bucket', 'packages'],
  ['marketplace', 'metric', 'day', 'from_day', 'carrier', 'bucket'], ['packages']);
const DEFECT_COLUMNS = ['marketplace', 'metric', 'day', 'sort_day', 'order_id', 'package_id', 'carrier_keys', 'category_keys'];
const DEFECT_INSERT = `INSERT INTO defect_rollups (seller_id, ${DEFECT_COLUMNS.join(', ')}) VALUES (${['?', ...DEFECT_COLUMNS.map(() => '?')].join(', ')})`;
const DEFECTS = `${DEFECT_INSERT}
  ON CONFLICT (seller_id, marketplace, metric, sort_day, day, order_id, package_id)
  DO UPDATE SET carrier_keys = excluded.carrier_keys, category_keys = excluded.category_keys`;
const STEP_COLUMNS = ['marketplace', 'metric', 'day', 'sort_day', 'order_id', 'package_id', 'from_day', 'carrier_keys', 'category_keys', 'step'];
const STEP_INSERT = `INSERT INTO defect_late_steps (seller_id, ${STEP_COLUMNS.join(', ')}) VALUES (${['?', ...STEP_COLUMNS.map(() => '?')].join(', ')})`;
const STEPS_UPSERT = `${STEP_INSERT}
  ON CONFLICT (seller_id, marketplace, metric, day, sort_day, order_id, package_id, from_day)
  DO UPDATE SET carrier_keys = excluded.carrier_keys, category_keys = excluded.category_keys, step = excluded.step`;

/** A table's primary key after seller_id, with each column's PostgreSQL type (for its deletes' column arrays). */
interface TableKey {
  table: string;
  columns: readonly string[];
  types: readonly string[];
}

const DEFECT_KEY: TableKey = {
  table: 'defect_rollups', columns: ['marketplace', 'metric', 'sort_day', 'day', 'order_id', 'package_id'], types: ['text', 'text', 'text', 'text', 'text', 'bigint'],
};
const STEP_KEY: TableKey = {
  table: 'defect_late_steps', columns: ['marketplace', 'metric', 'day', 'sort_day', 'order_id', 'package_id', 'from_day'],
  types: ['text', 'text', 'text', 'text', 'text', 'bigint', 'text'],
};

export interface ApplyOptions {
  /**
   * No defect row or step of `increments` is stored yet (a rebuild after `clearFigures`: each package's rows come
   * once): they are appended, without the upsert's staging and merge (~40% of writing them on SQLite).
   */
  newDefectRows?: boolean;
}

/**
 * Adds `increments` to the seller's kept figures. Rows go in key order, so two PostgreSQL writers adding to the
 * same rows lock them in the same order (callers also hold the seller's write lock: see `lockSellerWrites`).
 */
export async function applyFigureIncrements(store: Store, sellerId: string, increments: FigureIncrements, options: ApplyOptions = {}): Promise<void> {
  const withSeller = (rows: readonly (readonly SqlValue[])[], width: number) => [...rows].sort(byKey(width)).map((r) => [sellerId, ...r]);
  await deleteRows(store, sellerId, DEFECT_KEY, increments.defectDeletes);
  await deleteRows(store, sellerId, STEP_KEY, increments.defectStepDeletes);
  if (increments.cells.length > 0) await insertRows(sqlOf(store), CELLS, withSeller(increments.cells, 5));
  if (increments.lateSteps.length > 0) await insertRows(sqlOf(store), STEPS, withSeller(increments.lateSteps, 6));
  if (increments.defectCounts.length > 0) await insertRows(sqlOf(store), COUNTS, withSeller(increments.defectCounts, 6));
  if (increments.scanDelays.length > 0) await insertRows(sqlOf(store), DELAYS, withSeller(increments.scanDelays, 6));
  if (increments.scanDelaySteps.length > 0) await insertRows(sqlOf(store), DELAY_STEPS, withSeller(increments.scanDelaySteps, 6));
  // Already in key order (FigureDelta sorts them): SQLite appends to the b-tree instead of splitting pages.
  await writePresenceRows(store, sellerId, DEFECT_INSERT, DEFECTS, increments.defectRows, options);
  await writePresenceRows(store, sellerId, STEP_INSERT, STEPS_UPSERT, increments.defectSteps, options);
}

async function writePresenceRows(
  store: Store, sellerId: string, insert: string, upsert: string, rows: readonly (readonly SqlValue[])[], options: ApplyOptions,
): Promise<void> {
  if (rows.length === 0) return;
  if (options.newDefectRows) await appendRows(sqlOf(store), insert, rows, [sellerId]);
  else await insertRows(sqlOf(store), upsert, rows.map((r) => [sellerId, ...r]));
}

async function deleteRows(store: Store, sellerId: string, key: TableKey, keys: readonly (readonly SqlValue[])[]): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...keys].sort(byKey(key.columns.length));
  const sql = sqlOf(store);
  if (sql.runColumns) {
    // PostgreSQL: one statement, the keys bound as column arrays.
    const columns = ['seller_id', ...key.columns];
    const types = ['text', ...key.types];
    await sql.runColumns(
      prepared(`DELETE FROM ${key.table} d USING unnest(${types.map((t) => `?::${t}[]`).join(', ')}) AS k(${columns.join(', ')})
       WHERE ${columns.map((c) => `d.${c} = k.${c}`).join(' AND ')}`),
      [sorted.map(() => sellerId), ...key.columns.map((_, i) => sorted.map((k) => k[i]!))],
    );
    return;
  }
  await sql.runMany(
    `DELETE FROM ${key.table} WHERE seller_id = ? AND ${key.columns.map((c) => `${c} = ?`).join(' AND ')}`,
    sorted.map((k) => [sellerId, ...k]),
  );
}

/** Empties the seller's kept figures (a full rebuild adds every contribution again). */
export async function clearFigures(store: Store, sellerId: string): Promise<void> {
  for (const table of KEPT_TABLES) await sqlOf(store).run(`DELETE FROM ${table} WHERE seller_id = ?`, [sellerId]);
}

export interface FigureState {
  /** The write (`write_seq`) the figures include. */
  seq: number;
  /** The configuration they were counted with (`exemptionFingerprint`). */
  fingerprint: string;
}

/**
 * Takes the seller's write lock and a fresh write number: the `write_seq` row, held to the end of the
 * transaction. Every write of a seller's facts takes it first, so on PostgreSQL two writers of one seller apply
 * their deltas one after the other (no lost update) and always lock in the same order (no deadlock); SQLite has
 * one writer anyway. Returns the number and the state of the figures before this write.
 */
export async function lockSellerWrites(store: Store, sellerId: string): Promise<{ seq: number; figures: FigureState | null }> {
  const seq = await store.nextWriteSeq(sellerId);
  return { seq, figures: await figureState(store, sellerId) };
}

export async function figureState(store: Store, sellerId: string): Promise<FigureState | null> {
  const rows = await sqlOf(store).all<{ last_seq: number | string; fingerprint: string }>(
    'SELECT last_seq, fingerprint FROM rollup_state WHERE seller_id = ?',
    [sellerId],
  );
  const row = rows[0];
  return row && Number(row.last_seq) >= 0 ? { seq: Number(row.last_seq), fingerprint: row.fingerprint } : null;
}

/** Records that the figures include every write up to the current one, counted with `fingerprint`. */
export async function markFiguresCurrent(store: Store, sellerId: string, fingerprint: string): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO rollup_state (seller_id, last_seq, fingerprint, refreshed_at)
     VALUES (?, COALESCE((SELECT seq FROM write_seq WHERE seller_id = ?), 0), ?, ?)
     ON CONFLICT (seller_id) DO UPDATE SET last_seq = excluded.last_seq, fingerprint = excluded.fingerprint, refreshed_at = excluded.refreshed_at`,
    [sellerId, sellerId, fingerprint, Date.now()],
  );
}

/**
 * Whether the kept figures answer for `fingerprint`: counted with it, and including the latest write (a write
 * that did not keep them — one made through the store directly — leaves them behind until the next rebuild).
 */
export async function figuresCurrent(store: Store, sellerId: string, fingerprint: string): Promise<boolean> {
  const rows = await sqlOf(store).all<{ seq: number | string | null; last_seq: number | string | null; fingerprint: string | null }>(
    `SELECT (SELECT seq FROM write_seq WHERE seller_id = ?) AS seq,
            (SELECT last_seq FROM rollup_state WHERE seller_id = ?) AS last_seq,
            (SELECT fingerprint FROM rollup_state WHERE seller_id = ?) AS fingerprint`,
    [sellerId, sellerId, sellerId],
  );
  const row = rows[0];
  if (!row || row.last_seq === null || Number(row.last_seq) < 0 || row.fingerprint !== fingerprint) return false;
  return Number(row.last_seq) === Number(row.seq ?? 0);
}

export interface RollupQuery {
  vtrMetric: 'vtr_pd' | 'vtr_sc';
  vtr: DayWindow;
  otdr: DayWindow;
  lsr: DayWindow;
  cr: DayWindow;
  /**
   * A past as-of day: the cells as they stood then, their late steps from later days taken back. Absent: the
   * current counts.
   */
  asOf?: string;
}

type CellSums = { metric: CellMetric; day: string; category: string; carrier: string; total: number | string; hit: number | string };

/**
 * The cells `where` selects as they stood at the end of the past day `asOf`, with `carrier` as their carrier
 * column (`''` sums over carriers): the current counts minus the late steps from after that day. A cell whose
 * count is zero now may hold one then (an order cancelled since): its steps alone.
 */
function cellsAsOf(store: Store, carrier: string, where: string, params: readonly SqlValue[], asOf: string): Promise<CellSums[]> {
  return sqlOf(store).all<CellSums>(
    `SELECT metric, day, category, carrier, SUM(total) AS total, SUM(hit) AS hit FROM (
       SELECT metric, day, category, ${carrier} AS carrier, total, hit FROM metric_rollups WHERE ${where} AND total <> 0
       UNION ALL
       SELECT metric, day, category, ${carrier} AS carrier, -total, -hit FROM metric_late_steps WHERE from_day > ? AND ${where}
     ) c GROUP BY metric, day, category, carrier HAVING SUM(total) <> 0`,
    [...params, asOf, ...params],
  );
}

/**
 * The cells a report needs, summed in SQL to two shapes: per (day, category) and per (day, carrier) of the
 * category '' rows — a few thousand rows whatever the number of packages.
 */
export async function readRollupCells(store: Store, sellerId: string, marketplace: Marketplace, q: RollupQuery): Promise<Cell[]> {
  const byCategoryWhere = `seller_id = ? AND marketplace = ? AND metric = ? AND day >= ? AND day <= ? AND category <> ''`;
  const byCategoryParams = [sellerId, marketplace, q.vtrMetric, q.vtr.from, q.vtr.to];
  // The metrics and the days of all four windows bound the key read; the OR then keeps each metric's own window.
  // Without them SQLite read the OR's ranges as a filter only, over every day the seller's marketplace has kept.
  const windows = [q.vtr, q.otdr, q.lsr, q.cr];
  const overallWhere = `seller_id = ? AND marketplace = ? AND category = ''
       AND metric IN (?, ?, 'otdr', 'sfp_otdr', 'lsr', 'sfp_ship', 'cr', 'sfp_cr') AND day >= ? AND day <= ?
       AND ((metric IN (?, ?) AND day >= ? AND day <= ?) OR (metric IN ('otdr', 'sfp_otdr') AND day >= ? AND day <= ?)
         OR (metric IN ('lsr', 'sfp_ship') AND day >= ? AND day <= ?) OR (metric IN ('cr', 'sfp_cr') AND day >= ? AND day <= ?))`;
  const overallParams = [
    sellerId, marketplace, q.vtrMetric, SFP_COMPANIONS[q.vtrMetric], windows.map((w) => w.from).sort()[0]!, windows.map((w) => w.to).sort().at(-1)!,
    q.vtrMetric, SFP_COMPANIONS[q.vtrMetric], q.vtr.from, q.vtr.to, q.otdr.from, q.otdr.to, q.lsr.from, q.lsr.to, q.cr.from, q.cr.to,
  ];
  const [byCategory, overall] = q.asOf === undefined
    ? [
        await sqlOf(store).all<CellSums>(
          `SELECT metric, day, category, '' AS carrier, SUM(total) AS total, SUM(hit) AS hit FROM metric_rollups
           WHERE ${byCategoryWhere} AND total <> 0 GROUP BY metric, day, category`,
          byCategoryParams,
        ),
        await sqlOf(store).all<CellSums>(`SELECT metric, day, category, carrier, total, hit FROM metric_rollups WHERE ${overallWhere} AND total <> 0`, overallParams),
      ]
    : [
        await cellsAsOf(store, `''`, byCategoryWhere, byCategoryParams, q.asOf),
        await cellsAsOf(store, 'carrier', overallWhere, overallParams, q.asOf),
      ];
  return [...byCategory, ...overall].map((r) => ({
    metric: r.metric,
    day: r.day,
    category: r.category,
    carrier: r.carrier,
    total: Number(r.total),
    hit: Number(r.hit),
  }));
}

/**
 * Every category and carrier label the kept figures hold for a marketplace (any day, any metric): the names a
 * filter can match. Read from the cells, not the orders, so it costs a few thousand rows at any size.
 */
export async function rollupNames(store: Store, sellerId: string, marketplace: Marketplace): Promise<{ categories: string[]; carriers: string[] }> {
  const categories = await sqlOf(store).all<{ name: string }>(
    `SELECT DISTINCT category AS name FROM metric_rollups WHERE seller_id = ? AND marketplace = ? AND category <> '' AND total <> 0 ORDER BY name`,
    [sellerId, marketplace],
  );
  const carriers = await sqlOf(store).all<{ name: string }>(
    `SELECT DISTINCT carrier AS name FROM metric_rollups WHERE seller_id = ? AND marketplace = ? AND category = '' AND carrier <> '' AND total <> 0 ORDER BY name`,
    [sellerId, marketplace],
  );
  return { categories: categories.map((r) => r.name), carriers: carriers.map((r) => r.name) };
}
