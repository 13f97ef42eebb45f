import type { Marketplace } from '../core/domain.js';
import { daysBetween } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { Cell, CellMetric } from '../metrics/cells.js';
import { CellAccumulator, addOrderCells, addPackageCells } from '../metrics/cells.js';
import { CURRENT_KNOWLEDGE } from '../metrics/classify.js';
import type { MetricsConfig } from '../metrics/config.js';
import { DEFAULT_METRICS_CONFIG, exemptionFingerprint } from '../metrics/config.js';
import type { SqlValue } from './sql.js';
import type { Store } from './store.js';

/**
 * Daily rollups (DESIGN.md §3). Each (marketplace, metric, day) is recomputed from raw rows with the same
 * pure classifier the raw path uses, over current knowledge; only days touched by writes since the last
 * refresh are recomputed. Writes are found through `change_seq`; the days a row was counted under before
 * are kept in rollup_packages / rollup_orders so that a row whose day moved leaves its old day too.
 */

/** Days recomputed together by an incremental refresh (a full rebuild streams each marketplace in one read). */
const RANGE_SPAN_DAYS = 7;
const INSERT_CHUNK = 500;

export interface RefreshOptions {
  config?: MetricsConfig;
  /** Drop every rollup of the seller and count everything again. */
  full?: boolean;
}

interface State {
  last_seq: number;
  fingerprint: string;
}

/** Called by the import pipeline and event ingestion after each committed batch. */
export async function refreshRollups(store: Store, sellerId: string, options: RefreshOptions = {}): Promise<void> {
  const config = options.config ?? DEFAULT_METRICS_CONFIG;
  const fingerprint = exemptionFingerprint(config);
  await store.transaction(async (tx) => {
    const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    // On PostgreSQL the row lock waits for writers whose nextWriteSeq is still uncommitted, so no seq is skipped.
    const seqRow = await tx.sql.all<{ seq: number }>(`SELECT seq FROM write_seq WHERE seller_id = ?${lock}`, [sellerId]);
    const maxSeq = Number(seqRow[0]?.seq ?? 0);
    await tx.sql.run(
      `INSERT INTO rollup_state (seller_id, last_seq, fingerprint, refreshed_at) VALUES (?, -1, ?, 0)
       ON CONFLICT (seller_id) DO NOTHING`,
      [sellerId, fingerprint],
    );
    const state = (await tx.sql.all<State>(`SELECT last_seq, fingerprint FROM rollup_state WHERE seller_id = ?${lock}`, [sellerId]))[0]!;
    const full = options.full === true || state.fingerprint !== fingerprint || Number(state.last_seq) < 0;
    const last = full ? -1 : Number(state.last_seq);
    if (!full && maxSeq <= last) return;
    if (full) {
      for (const table of ['metric_rollups', 'rollup_packages', 'rollup_orders']) {
        await tx.sql.run(`DELETE FROM ${table} WHERE seller_id = ?`, [sellerId]);
      }
    }
    const dirty = await dirtyDays(tx, sellerId, last, full);
    await recordDays(tx, sellerId, last, full);
    for (const [marketplace, days] of dirty) {
      await recomputeMarketplace(tx, sellerId, marketplace, days, config, full);
    }
    await tx.sql.run('UPDATE rollup_state SET last_seq = ?, fingerprint = ?, refreshed_at = ? WHERE seller_id = ?', [
      maxSeq,
      fingerprint,
      Date.now(),
      sellerId,
    ]);
  });
}

/** Whether rollups lag behind the writes (a read then refreshes first). */
export async function rollupsStale(store: Store, sellerId: string): Promise<boolean> {
  const rows = await store.sql.all<{ seq: number | null; last_seq: number | null }>(
    `SELECT (SELECT seq FROM write_seq WHERE seller_id = ?) AS seq,
            (SELECT last_seq FROM rollup_state WHERE seller_id = ?) AS last_seq`,
    [sellerId, sellerId],
  );
  const seq = Number(rows[0]?.seq ?? 0);
  const last = rows[0]?.last_seq === null || rows[0]?.last_seq === undefined ? -1 : Number(rows[0].last_seq);
  return last < 0 ? true : seq > last;
}

interface DirtySets {
  promised: Set<string>;
  confirmed: Set<string>;
  shipBy: Set<string>;
  purchased: Set<string>;
}

/**
 * Packages changed since `last`: written or re-derived (events), or of an order that changed, or sharing a
 * tracking number with one that did (a recycled twin whose events were re-attributed without a new stamp).
 */
function dirtyPackages(full: boolean): { sql: string; params: (seller: string, last: number) => SqlValue[] } {
  if (full) return { sql: '1 = 1', params: () => [] };
  return {
    sql: `(p.change_seq > ? OR o.change_seq > ? OR p.tracking_number IN (
      SELECT q.tracking_number FROM packages q WHERE q.seller_id = ? AND q.change_seq > ? AND q.tracking_number IS NOT NULL))`,
    params: (seller, last) => [last, last, seller, last],
  };
}

/** Orders changed since `last`, or with a package that changed (first confirmation may have moved). */
function dirtyOrders(full: boolean): { sql: string; params: (last: number) => SqlValue[] } {
  if (full) return { sql: '1 = 1', params: () => [] };
  return {
    sql: `(o.change_seq > ? OR EXISTS (SELECT 1 FROM packages p
      WHERE p.seller_id = o.seller_id AND p.order_id = o.order_id AND p.change_seq > ?))`,
    params: (last) => [last, last],
  };
}

const PKG_JOIN = 'packages p JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id';

async function dirtyDays(store: Store, sellerId: string, last: number, full: boolean): Promise<Map<Marketplace, DirtySets>> {
  const result = new Map<Marketplace, DirtySets>();
  const setsOf = (m: Marketplace): DirtySets => {
    let sets = result.get(m);
    if (!sets) {
      sets = { promised: new Set(), confirmed: new Set(), shipBy: new Set(), purchased: new Set() };
      result.set(m, sets);
    }
    return sets;
  };
  const pkg = dirtyPackages(full);
  const pkgRows = await store.sql.all<{ mp: Marketplace; pday: string | null; cday: string | null }>(
    `SELECT DISTINCT o.marketplace AS mp, o.promised_day AS pday, p.confirm_day AS cday FROM ${PKG_JOIN}
       WHERE p.seller_id = ? AND ${pkg.sql}
     UNION
     SELECT DISTINCT m.marketplace AS mp, m.promised_day AS pday, m.confirm_day AS cday
       FROM rollup_packages m JOIN packages p ON p.seller_id = m.seller_id AND p.package_id = m.package_id
         JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
       WHERE m.seller_id = ? AND ${pkg.sql}`,
    [sellerId, ...pkg.params(sellerId, last), sellerId, ...pkg.params(sellerId, last)],
  );
  for (const r of pkgRows) {
    const sets = setsOf(r.mp);
    if (r.pday !== null) sets.promised.add(r.pday);
    if (r.cday !== null) sets.confirmed.add(r.cday);
  }
  const ord = dirtyOrders(full);
  const orderRows = await store.sql.all<{ mp: Marketplace; sday: string | null; uday: string | null }>(
    `SELECT DISTINCT o.marketplace AS mp, o.ship_by_day AS sday, o.purchase_day AS uday FROM orders o
       WHERE o.seller_id = ? AND ${ord.sql}
     UNION
     SELECT DISTINCT m.marketplace AS mp, m.ship_by_day AS sday, m.purchase_day AS uday
       FROM rollup_orders m JOIN orders o ON o.seller_id = m.seller_id AND o.order_id = m.order_id
       WHERE m.seller_id = ? AND ${ord.sql}`,
    [sellerId, ...ord.params(last), sellerId, ...ord.params(last)],
  );
  for (const r of orderRows) {
    const sets = setsOf(r.mp);
    if (r.sday !== null) sets.shipBy.add(r.sday);
    if (r.uday !== null) sets.purchased.add(r.uday);
  }
  return result;
}

/** Remembers the days each changed row is now counted under. */
async function recordDays(store: Store, sellerId: string, last: number, full: boolean): Promise<void> {
  const pkg = dirtyPackages(full);
  await store.sql.run(
    `INSERT INTO rollup_packages (seller_id, package_id, marketplace, promised_day, confirm_day)
     SELECT p.seller_id, p.package_id, o.marketplace, o.promised_day, p.confirm_day FROM ${PKG_JOIN}
     WHERE p.seller_id = ? AND ${pkg.sql}
     ON CONFLICT (seller_id, package_id) DO UPDATE SET marketplace = excluded.marketplace,
       promised_day = excluded.promised_day, confirm_day = excluded.confirm_day`,
    [sellerId, ...pkg.params(sellerId, last)],
  );
  const ord = dirtyOrders(full);
  await store.sql.run(
    `INSERT INTO rollup_orders (seller_id, order_id, marketplace, ship_by_day, purchase_day)
     SELECT o.seller_id, o.order_id, o.marketplace, o.ship_by_day, o.purchase_day FROM orders o
     WHERE o.seller_id = ? AND ${ord.sql}
     ON CONFLICT (seller_id, order_id) DO UPDATE SET marketplace = excluded.marketplace,
       ship_by_day = excluded.ship_by_day, purchase_day = excluded.purchase_day`,
    [sellerId, ...ord.params(last)],
  );
}

/** Groups days into ranges of at most RANGE_SPAN_DAYS; days in between are recomputed too (harmless). */
export function dayRanges(days: Iterable<string>, span = RANGE_SPAN_DAYS): DayWindow[] {
  const sorted = [...new Set(days)].sort();
  const ranges: DayWindow[] = [];
  for (const day of sorted) {
    const current = ranges[ranges.length - 1];
    if (current && daysBetween(current.from, day) < span) current.to = day;
    else ranges.push({ from: day, to: day });
  }
  return ranges;
}

/** The first to the last of `days`, or null when there are none. */
function hullOf(days: Iterable<string>): DayWindow | null {
  const sorted = [...new Set(days)].sort();
  return sorted.length === 0 ? null : { from: sorted[0]!, to: sorted[sorted.length - 1]! };
}

async function replaceCells(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  metrics: readonly CellMetric[],
  range: DayWindow | null,
  cells: readonly Cell[],
): Promise<void> {
  if (range) {
    await store.sql.run(
      `DELETE FROM metric_rollups WHERE seller_id = ? AND marketplace = ? AND metric IN (${metrics.map(() => '?').join(', ')})
         AND day >= ? AND day <= ?`,
      [sellerId, marketplace, ...metrics, range.from, range.to],
    );
  }
  for (let i = 0; i < cells.length; i += INSERT_CHUNK) {
    const chunk = cells.slice(i, i + INSERT_CHUNK);
    await store.sql.run(
      `INSERT INTO metric_rollups (seller_id, marketplace, metric, day, category, carrier, total, hit) VALUES
       ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((c) => [sellerId, marketplace, c.metric, c.day, c.category, c.carrier, c.total, c.hit]),
    );
  }
}

const ORDER_METRICS = ['lsr', 'cr'] as const;

async function recomputeMarketplace(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  days: DirtySets,
  config: MetricsConfig,
  full: boolean,
): Promise<void> {
  const cfg = config[marketplace];
  const ctx = { before: CURRENT_KNOWLEDGE, zone: cfg.zone, exemptions: cfg.exemptions };
  // A full rebuild reads each package once (by promised day) and collects ship-confirm cells on the side.
  const byConfirm = full ? new CellAccumulator() : null;
  const byPromise = { ...ctx, metrics: ['vtr_pd', 'otdr'] as const };
  const byShipConfirm = { ...ctx, metrics: ['vtr_sc'] as const };
  if (full) {
    // Everything was deleted: one streamed read of every day (on PostgreSQL each weekly range scanned the tables).
    const all = hullOf(days.promised);
    const acc = new CellAccumulator();
    if (all) {
      await store.eachPackageByDay(sellerId, marketplace, all, 'promised_delivery', (pkg) => {
        addPackageCells(acc, pkg, byPromise);
        addPackageCells(byConfirm!, pkg, byShipConfirm);
      });
    }
    await replaceCells(store, sellerId, marketplace, ['vtr_pd', 'otdr'], null, acc.list());
  } else {
    for (const range of dayRanges(days.promised)) {
      const acc = new CellAccumulator();
      await store.eachPackageByDay(sellerId, marketplace, range, 'promised_delivery', (pkg) => addPackageCells(acc, pkg, byPromise));
      await replaceCells(store, sellerId, marketplace, ['vtr_pd', 'otdr'], range, acc.list());
    }
  }
  if (byConfirm) {
    await replaceCells(store, sellerId, marketplace, ['vtr_sc'], null, byConfirm.list());
  } else {
    for (const range of dayRanges(days.confirmed)) {
      const acc = new CellAccumulator();
      for (const pkg of await store.packagesByDay(sellerId, marketplace, range, 'ship_confirm')) {
        addPackageCells(acc, pkg, byShipConfirm);
      }
      await replaceCells(store, sellerId, marketplace, ['vtr_sc'], range, acc.list());
    }
  }
  if (full) {
    // A full rebuild reads each order once (by purchase day: every order has one) and counts both metrics.
    const acc = new CellAccumulator();
    const all = hullOf(days.purchased);
    if (all) {
      await store.eachOrderByDay(sellerId, marketplace, 'purchase', all, (order) =>
        addOrderCells(acc, order, ORDER_METRICS, CURRENT_KNOWLEDGE));
    }
    await replaceCells(store, sellerId, marketplace, ORDER_METRICS, null, acc.list());
    return;
  }
  const orderMetrics = [
    { metric: 'lsr', field: 'ship_by', days: days.shipBy },
    { metric: 'cr', field: 'purchase', days: days.purchased },
  ] as const;
  for (const { metric, field, days: set } of orderMetrics) {
    for (const range of dayRanges(set)) {
      const acc = new CellAccumulator();
      for (const order of await store.ordersByDay(sellerId, marketplace, field, range)) {
        addOrderCells(acc, order, [metric], CURRENT_KNOWLEDGE);
      }
      await replaceCells(store, sellerId, marketplace, [metric], range, acc.list());
    }
  }
}

export interface RollupQuery {
  vtrMetric: 'vtr_pd' | 'vtr_sc';
  vtr: DayWindow;
  otdr: DayWindow;
  lsr: DayWindow;
  cr: DayWindow;
}

/**
 * The cells a report needs, summed in SQL to two shapes: per (day, category) and per (day, carrier) of the
 * category '' rows — a few thousand rows whatever the number of packages.
 */
export async function readRollupCells(store: Store, sellerId: string, marketplace: Marketplace, q: RollupQuery): Promise<Cell[]> {
  type Row = { metric: CellMetric; day: string; category: string; carrier: string; total: number; hit: number };
  const byCategory = await store.sql.all<Row>(
    `SELECT metric, day, category, '' AS carrier, SUM(total) AS total, SUM(hit) AS hit FROM metric_rollups
     WHERE seller_id = ? AND marketplace = ? AND metric = ? AND day >= ? AND day <= ? AND category <> ''
     GROUP BY metric, day, category`,
    [sellerId, marketplace, q.vtrMetric, q.vtr.from, q.vtr.to],
  );
  const overall = await store.sql.all<Row>(
    `SELECT metric, day, category, carrier, total, hit FROM metric_rollups
     WHERE seller_id = ? AND marketplace = ? AND category = ''
       AND ((metric = ? AND day >= ? AND day <= ?) OR (metric = 'otdr' AND day >= ? AND day <= ?)
         OR (metric = 'lsr' AND day >= ? AND day <= ?) OR (metric = 'cr' AND day >= ? AND day <= ?))`,
    [sellerId, marketplace, q.vtrMetric, q.vtr.from, q.vtr.to, q.otdr.from, q.otdr.to, q.lsr.from, q.lsr.to, q.cr.from, q.cr.to],
  );
  return [...byCategory, ...overall].map((r) => ({
    metric: r.metric,
    day: r.day,
    category: r.category,
    carrier: r.carrier,
    total: Number(r.total),
    hit: Number(r.hit),
  }));
}
