import type { Marketplace } from '../core/domain.js';
import { daysBetween } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { Cell, CellMetric } from '../core/cells.js';
import { withCompanions } from '../core/cells.js';
import { CellAccumulator, addOrderCells, addPackageCells } from '../metrics/cells.js';
import { CURRENT_KNOWLEDGE, classifyContext } from '../metrics/classify.js';
import type { MetricsConfig } from '../metrics/config.js';
import { DEFAULT_METRICS_CONFIG, exemptionFingerprint } from '../metrics/config.js';
import { DashboardRollups } from './dashboard-rollups.js';
import { replaceRollupRows } from './rollup-rows.js';
import type { SqlValue } from './sql.js';
import type { DirtyKind, Store } from './store.js';

/**
 * Daily rollups (DESIGN.md §3). Each (marketplace, metric, day) is recomputed from raw rows with the same
 * pure classifier the raw path uses, over current knowledge; only days touched by writes since the last
 * refresh are recomputed: writers mark them in rollup_dirty (migration 008), including the days a row left
 * when an update moved it. The same reads keep the dashboard's scan-delay histogram and defect rows
 * (src/store/dashboard-rollups.ts) for those days.
 */

/** Days recomputed together by an incremental refresh (a full rebuild streams each marketplace in one read). */
const RANGE_SPAN_DAYS = 7;

export interface RefreshOptions {
  config?: MetricsConfig;
  /** Drop every rollup of the seller and count everything again. */
  full?: boolean;
  /**
   * A marketplace whose dirty days cover at least this share of its days is recounted whole, in one pass
   * (`wideMarketplaces`); Infinity never does. Default WIDE_REFRESH_SHARE.
   */
  wideFrom?: number;
}

/**
 * From this share of a marketplace's days on, recounting it whole beats recounting its dirty days. A whole
 * recount reads each package and order once, in key order (~6 µs a package); day ranges read a package once per
 * dirty kind (its promised and its confirm day) through the day indexes (~15 µs), so past ~40% of the days the
 * ranges cost more. Measured: 60k events for 20k of 200k packages, spread over every day: refresh 7.2 s by
 * ranges, 3.6 s whole.
 */
const WIDE_REFRESH_SHARE = 0.4;

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
    // On PostgreSQL the row lock waits for writers whose nextWriteSeq is still uncommitted (their dirty days are
    // not visible yet) and holds new ones back until this refresh commits, so no dirty day is read half-written.
    const seqRow = await tx.sql.all<{ seq: number }>(`SELECT seq FROM write_seq WHERE seller_id = ?${lock}`, [sellerId]);
    const maxSeq = Number(seqRow[0]?.seq ?? 0);
    await tx.sql.run(
      `INSERT INTO rollup_state (seller_id, last_seq, fingerprint, refreshed_at) VALUES (?, -1, ?, 0)
       ON CONFLICT (seller_id) DO NOTHING`,
      [sellerId, fingerprint],
    );
    const state = (await tx.sql.all<State>(`SELECT last_seq, fingerprint FROM rollup_state WHERE seller_id = ?${lock}`, [sellerId]))[0]!;
    const full = options.full === true || state.fingerprint !== fingerprint || Number(state.last_seq) < 0;
    const dirty = full ? await allDays(tx, sellerId) : await dirtyDays(tx, sellerId);
    if (!full && dirty.rows.length === 0) return;
    if (full) {
      for (const table of ['metric_rollups', 'rollup_dirty']) await tx.sql.run(`DELETE FROM ${table} WHERE seller_id = ?`, [sellerId]);
    }
    const whole = full ? null : await wideMarketplaces(tx, sellerId, dirty.byMarketplace, options.wideFrom ?? WIDE_REFRESH_SHARE);
    for (const [marketplace, days] of dirty.byMarketplace) {
      const allOfIt = whole?.get(marketplace);
      if (allOfIt) {
        // Recounted whole: its cells go first, as a full rebuild's did above (its dashboard rows are replaced whole).
        await tx.sql.run('DELETE FROM metric_rollups WHERE seller_id = ? AND marketplace = ?', [sellerId, marketplace]);
        await recomputeMarketplace(tx, sellerId, marketplace, allOfIt, config, true);
      } else {
        await recomputeMarketplace(tx, sellerId, marketplace, days, config, full);
      }
    }
    await forgetDirtyRows(tx, sellerId, dirty.rows);
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
  const rows = await store.sql.all<{ dirty: number; last_seq: number | null }>(
    `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM rollup_dirty WHERE seller_id = ? LIMIT 1) AS d) AS dirty,
            (SELECT last_seq FROM rollup_state WHERE seller_id = ?) AS last_seq`,
    [sellerId, sellerId],
  );
  const lastSeq = rows[0]?.last_seq;
  return lastSeq === null || lastSeq === undefined || Number(lastSeq) < 0 || Number(rows[0]?.dirty ?? 0) > 0;
}

interface DirtySets {
  promised: Set<string>;
  confirmed: Set<string>;
  shipBy: Set<string>;
  purchased: Set<string>;
}

interface DirtyRow {
  marketplace: Marketplace;
  kind: DirtyKind;
  day: string;
  stamp: number;
}

const SET_OF_KIND: Readonly<Record<DirtyKind, keyof DirtySets>> = {
  promised: 'promised', confirm: 'confirmed', ship_by: 'shipBy', purchase: 'purchased',
};

interface Dirty {
  byMarketplace: Map<Marketplace, DirtySets>;
  /** What was read, to be forgotten once recomputed (empty for a full rebuild, which drops them all). */
  rows: DirtyRow[];
}

function groupDays(rows: readonly Omit<DirtyRow, 'stamp'>[]): Map<Marketplace, DirtySets> {
  const result = new Map<Marketplace, DirtySets>();
  for (const row of rows) {
    let sets = result.get(row.marketplace);
    if (!sets) {
      sets = { promised: new Set(), confirmed: new Set(), shipBy: new Set(), purchased: new Set() };
      result.set(row.marketplace, sets);
    }
    sets[SET_OF_KIND[row.kind]].add(row.day);
  }
  return result;
}

/** The days writes marked since the last refresh (rollup_dirty, see migration 008). */
async function dirtyDays(store: Store, sellerId: string): Promise<Dirty> {
  const rows = (await store.sql.all<DirtyRow>(
    'SELECT marketplace, kind, day, stamp FROM rollup_dirty WHERE seller_id = ?',
    [sellerId],
  )).map((r) => ({ ...r, stamp: Number(r.stamp) }));
  return { byMarketplace: groupDays(rows), rows };
}

/**
 * A marketplace's first and last promised and purchase days, as the dirty sets a whole recount reads
 * (recomputeMarketplace takes their hull); null when it has no orders. Four index seeks: a GROUP BY over the
 * seller's orders walked a day index whole (62 ms at 200k orders, seconds at 10M).
 */
async function marketplaceDays(store: Store, sellerId: string, marketplace: Marketplace): Promise<DirtySets | null> {
  const edge = (fn: 'MIN' | 'MAX', column: string) =>
    `(SELECT ${fn}(${column}) FROM orders WHERE seller_id = ? AND marketplace = ? AND ${column} IS NOT NULL)`;
  const [row] = await store.sql.all<{ pmin: string | null; pmax: string | null; bmin: string | null; bmax: string | null }>(
    `SELECT ${edge('MIN', 'promised_day')} AS pmin, ${edge('MAX', 'promised_day')} AS pmax,
       ${edge('MIN', 'purchase_day')} AS bmin, ${edge('MAX', 'purchase_day')} AS bmax`,
    [sellerId, marketplace, sellerId, marketplace, sellerId, marketplace, sellerId, marketplace],
  );
  if (!row || row.bmin === null || row.bmax === null) return null;
  const promised = row.pmin === null || row.pmax === null ? [] : [row.pmin, row.pmax];
  return { promised: new Set(promised), confirmed: new Set(), shipBy: new Set(), purchased: new Set([row.bmin, row.bmax]) };
}

/** A full rebuild reads each marketplace from its first to its last day. */
async function allDays(store: Store, sellerId: string): Promise<Dirty> {
  const byMarketplace = new Map<Marketplace, DirtySets>();
  for (const marketplace of await store.marketplaces(sellerId)) {
    const days = await marketplaceDays(store, sellerId, marketplace);
    if (days) byMarketplace.set(marketplace, days);
  }
  return { byMarketplace, rows: [] };
}

/** Days from the first to the last of each range, counted. */
function daysIn(ranges: readonly DayWindow[]): number {
  return ranges.reduce((sum, r) => sum + daysBetween(r.from, r.to) + 1, 0);
}

/**
 * The marketplaces whose dirty days, as the ranges they would be read in, cover at least `share` of their days
 * (four kinds × the days from their first to their last promised or purchase day), each with all of its days.
 */
async function wideMarketplaces(store: Store, sellerId: string, dirty: ReadonlyMap<Marketplace, DirtySets>, share: number): Promise<Map<Marketplace, DirtySets>> {
  const wide = new Map<Marketplace, DirtySets>();
  if (!Number.isFinite(share)) return wide;
  for (const [marketplace, sets] of dirty) {
    const everything = await marketplaceDays(store, sellerId, marketplace);
    const hull = everything && hullOf([...everything.promised, ...everything.purchased]);
    if (!everything || !hull) continue;
    const covered = [sets.promised, sets.confirmed, sets.shipBy, sets.purchased].reduce((sum, days) => sum + daysIn(dayRanges(days)), 0);
    if (covered >= share * 4 * (daysBetween(hull.from, hull.to) + 1)) wide.set(marketplace, everything);
  }
  return wide;
}

const FORGET_CHUNK = 200;

/**
 * Deletes the dirty rows that were recomputed, each only if its stamp is still the one read: a day a writer
 * marked again meanwhile stays for the next refresh.
 */
async function forgetDirtyRows(store: Store, sellerId: string, rows: readonly DirtyRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += FORGET_CHUNK) {
    const chunk = rows.slice(i, i + FORGET_CHUNK);
    await store.sql.run(
      `DELETE FROM rollup_dirty WHERE seller_id = ?
         AND (${chunk.map(() => '(marketplace = ? AND kind = ? AND day = ? AND stamp = ?)').join(' OR ')})`,
      [sellerId, ...chunk.flatMap((r): SqlValue[] => [r.marketplace, r.kind, r.day, r.stamp])],
    );
  }
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

function replaceCells(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  metrics: readonly CellMetric[],
  range: DayWindow | null,
  cells: readonly Cell[],
): Promise<void> {
  // No range: a full rebuild, whose rows refreshRollups has already deleted.
  return replaceRollupRows(
    store,
    'metric_rollups',
    // The SFP metrics are counted with the ones they accompany, so their rows go with them.
    { sellerId, marketplace, metrics: withCompanions(metrics), days: range ?? 'none' },
    ['metric', 'day', 'category', 'carrier', 'total', 'hit'],
    cells.map((c) => [c.metric, c.day, c.category, c.carrier, c.total, c.hit]),
  );
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
  const ctx = classifyContext(cfg, CURRENT_KNOWLEDGE);
  // A full rebuild reads each package once (by promised day) and collects ship-confirm cells on the side.
  const byConfirm = full ? new CellAccumulator() : null;
  const byPromise = { ...ctx, metrics: ['vtr_pd', 'otdr'] as const };
  const byShipConfirm = { ...ctx, metrics: ['vtr_sc'] as const };
  if (full) {
    // Everything was deleted: one streamed read of every day (on PostgreSQL each weekly range scanned the tables).
    const all = hullOf(days.promised);
    const acc = new CellAccumulator();
    const extras = new DashboardRollups(cfg, ['vtr_pd', 'otdr', 'vtr_sc']);
    if (all) {
      await store.eachPackageByDay(sellerId, marketplace, all, 'promised_delivery', (pkg) => {
        addPackageCells(acc, pkg, byPromise);
        addPackageCells(byConfirm!, pkg, byShipConfirm);
        extras.addPackage(pkg);
      }, { readAll: true });
    }
    await replaceCells(store, sellerId, marketplace, ['vtr_pd', 'otdr'], null, acc.list());
    await extras.write(store, sellerId, marketplace, 'all');
  } else {
    for (const range of dayRanges(days.promised)) {
      const acc = new CellAccumulator();
      const extras = new DashboardRollups(cfg, ['vtr_pd', 'otdr']);
      await store.eachPackageByDay(sellerId, marketplace, range, 'promised_delivery', (pkg) => {
        addPackageCells(acc, pkg, byPromise);
        extras.addPackage(pkg);
      });
      await replaceCells(store, sellerId, marketplace, ['vtr_pd', 'otdr'], range, acc.list());
      await extras.write(store, sellerId, marketplace, range);
    }
  }
  if (byConfirm) {
    await replaceCells(store, sellerId, marketplace, ['vtr_sc'], null, byConfirm.list());
  } else {
    for (const range of dayRanges(days.confirmed)) {
      const acc = new CellAccumulator();
      const extras = new DashboardRollups(cfg, ['vtr_sc']);
      for (const pkg of await store.packagesByDay(sellerId, marketplace, range, 'ship_confirm')) {
        addPackageCells(acc, pkg, byShipConfirm);
        extras.addPackage(pkg);
      }
      await replaceCells(store, sellerId, marketplace, ['vtr_sc'], range, acc.list());
      await extras.write(store, sellerId, marketplace, range);
    }
  }
  if (full) {
    // A full rebuild reads each order once (by purchase day: every order has one) and counts both metrics.
    const acc = new CellAccumulator();
    const extras = new DashboardRollups(cfg, ORDER_METRICS);
    const all = hullOf(days.purchased);
    if (all) {
      await store.eachOrderByDay(sellerId, marketplace, 'purchase', all, (order) => {
        addOrderCells(acc, order, ORDER_METRICS, CURRENT_KNOWLEDGE);
        extras.addOrder(order);
      }, { readAll: true });
    }
    await replaceCells(store, sellerId, marketplace, ORDER_METRICS, null, acc.list());
    await extras.write(store, sellerId, marketplace, 'all');
    return;
  }
  const orderMetrics = [
    { metric: 'lsr', field: 'ship_by', days: days.shipBy },
    { metric: 'cr', field: 'purchase', days: days.purchased },
  ] as const;
  for (const { metric, field, days: set } of orderMetrics) {
    for (const range of dayRanges(set)) {
      const acc = new CellAccumulator();
      const extras = new DashboardRollups(cfg, [metric]);
      for (const order of await store.ordersByDay(sellerId, marketplace, field, range)) {
        addOrderCells(acc, order, [metric], CURRENT_KNOWLEDGE);
        extras.addOrder(order);
      }
      await replaceCells(store, sellerId, marketplace, [metric], range, acc.list());
      await extras.write(store, sellerId, marketplace, range);
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
       AND ((metric = ? AND day >= ? AND day <= ?) OR (metric IN ('otdr', 'sfp_otdr') AND day >= ? AND day <= ?)
         OR (metric IN ('lsr', 'sfp_ship') AND day >= ? AND day <= ?) OR (metric IN ('cr', 'sfp_cr') AND day >= ? AND day <= ?))`,
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

/**
 * Every category and carrier label the rollups hold for a marketplace (any day, any metric): the names a filter
 * can match. Read from the rollups, not the orders, so it costs a few thousand rows at any size.
 */
export async function rollupNames(store: Store, sellerId: string, marketplace: Marketplace): Promise<{ categories: string[]; carriers: string[] }> {
  const categories = await store.sql.all<{ name: string }>(
    `SELECT DISTINCT category AS name FROM metric_rollups WHERE seller_id = ? AND marketplace = ? AND category <> '' ORDER BY name`,
    [sellerId, marketplace],
  );
  const carriers = await store.sql.all<{ name: string }>(
    `SELECT DISTINCT carrier AS name FROM metric_rollups WHERE seller_id = ? AND marketplace = ? AND category = '' AND carrier <> '' ORDER BY name`,
    [sellerId, marketplace],
  );
  return { categories: categories.map((r) => r.name), carriers: carriers.map((r) => r.name) };
}
