import { SFP_COMPANIONS, isOtdrMetric } from '../core/cells.js';
import type { Marketplace } from '../core/domain.js';
import { addDays, localDay } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import { compareSortDays, defectChangesAfter, defectCountsByDay, defectCountsBySortDay, defectRefs } from '../store/defect-rollups.js';
import type { DefectChange, DefectFilter, DefectRef, DefectRollupMetric } from '../store/defect-rollups.js';
import { figuresCurrent } from '../store/rollups.js';
import type { Store } from '../store/store.js';
import { packageCategories } from '../metrics/cells.js';
import { CURRENT_KNOWLEDGE, asOfInstant, classifyContext } from '../metrics/classify.js';
import { exemptionFingerprint } from '../metrics/config.js';
import type { MarketplaceMetricsConfig, MetricsConfig } from '../metrics/config.js';
import { carrierMatches, categoryMatches, keyNeedle } from '../metrics/defect-rules.js';
import type { DefectMetric, DefectQuery, DefectRow } from '../metrics/defects.js';
import { compareDefectRows, compareText, defectWindow, isOrderDefectMetric, orderDefectRow, packageDefectRow } from '../metrics/defects.js';
import { assertAsOfNotAhead, vtrCellMetric } from '../metrics/report.js';
import type { MetricsSource } from '../metrics/report.js';
import { staticTrackingDefect } from '../validate/assess.js';

/**
 * Defect rows classified from raw rows of the window as of the end of `asOf` (where the kept figures do not
 * answer; see `listDefects`). Sorted by promised day, then order id (`compareDefectRows`).
 * OTDR reasons: `late_delivery` or `not_delivered`. LSR: `late_confirmation` or `not_confirmed`. CR: `seller_cancelled`.
 * SFP VTR and OTDR: the VTR and OTDR defects of Prime packages, with their reasons; SFP's on-time shipment and
 * cancels: see `orderDefect`.
 */
export async function defectRows(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  cfg: MarketplaceMetricsConfig,
  query: DefectQuery,
): Promise<DefectRow[]> {
  const before = asOfInstant(query.asOf, cfg.zone);
  const ctx = classifyContext(cfg, before, staticTrackingDefect);
  const window = defectWindow(query.metric, query.asOf, cfg, query.days);
  const rows: DefectRow[] = [];
  const metric = query.metric;
  if (!isOrderDefectMetric(metric)) {
    const packages = await store.packagesByDay(sellerId, marketplace, window, isOtdrMetric(metric) ? 'promised_delivery' : cfg.attribution);
    for (const pkg of packages) {
      if (!carrierMatches(pkg, query.carrier) || !categoryMatches(packageCategories(pkg), query.category)) continue;
      const row = packageDefectRow(pkg, metric, ctx);
      if (row) rows.push(row);
    }
  } else {
    // Orders carry no carrier: a carrier filter leaves LSR/CR reports empty rather than silently ignored.
    if (query.carrier) return [];
    for (const order of await store.ordersByDay(sellerId, marketplace, metric === 'lsr' || metric === 'sfp_ship' ? 'ship_by' : 'purchase', window)) {
      if (!categoryMatches(order.categories, query.category)) continue;
      const row = orderDefectRow(order, metric, before);
      if (row) rows.push(row);
    }
  }
  return rows.sort(compareDefectRows);
}

/** The kept defect rows' metric of a list. */
function keptMetric(metric: DefectMetric, cfg: MarketplaceMetricsConfig): DefectRollupMetric {
  switch (metric) {
    case 'vtr':
      return vtrCellMetric(cfg);
    case 'sfp_vtr':
      return SFP_COMPANIONS[vtrCellMetric(cfg)];
    case 'sfp_cancel':
      return SFP_COMPANIONS.cr;
    default:
      return metric;
  }
}

export interface DefectPage {
  /** Every defect of the query. */
  total: number;
  /** Those from `offset`, at most `limit`. */
  rows: DefectRow[];
  /** Where they came from: the kept defect rows (`rollups`), or raw rows classified as of the end of as-of. */
  source: MetricsSource;
}

export interface DefectListOptions {
  config: MetricsConfig;
  /** The current instant: as of today the kept defect rows list as they stand, as of a past day their steps taken back. */
  now: number;
  offset?: number;
  /** Default: all of them. */
  limit?: number;
}

/** The kept defect rows that answer a query: their metric, and the past as-of day to take them back to (null: today). */
interface KeptList {
  metric: DefectRollupMetric;
  pastAsOf: string | null;
}

/**
 * The kept defect rows answer when the figures are current with every write and were counted with this
 * configuration (the rule of `readCells` in src/app/metrics.ts), as of today or a past day; else raw rows do (null).
 */
async function keptAnswers(
  store: Store, sellerId: string, marketplace: Marketplace, query: Pick<DefectQuery, 'metric' | 'asOf'>, options: DefectListOptions,
): Promise<KeptList | null> {
  const cfg = options.config[marketplace];
  const today = localDay(options.now, cfg.zone);
  assertAsOfNotAhead(query.asOf, today);
  if (!(await figuresCurrent(store, sellerId, exemptionFingerprint(options.config)))) return null;
  return { metric: keptMetric(query.metric, cfg), pastAsOf: query.asOf < today ? query.asOf : null };
}

/** The kept rows' changes as of `kept.pastAsOf` (none as of today). */
function changesOf(
  store: Store, sellerId: string, marketplace: Marketplace, kept: KeptList, window: DayWindow, filter: DefectFilter,
): Promise<DefectChange[]> | DefectChange[] {
  return kept.pastAsOf === null ? [] : defectChangesAfter(store, sellerId, marketplace, kept.metric, window, filter, kept.pastAsOf);
}

/** Counts per day (or sort day) with each change added to its day's, those left at zero dropped, in day order. */
function withChanges(counts: readonly [string, number][], changes: readonly DefectChange[], dayOf: (change: DefectChange) => string): [string, number][] {
  const sums = new Map(counts);
  for (const change of changes) sums.set(dayOf(change), (sums.get(dayOf(change)) ?? 0) + change.change);
  return [...sums].filter(([, count]) => count !== 0).sort(([a], [b]) => compareSortDays(a, b));
}

/**
 * A metric's defects counted per day of `query.days` (the day they are attributed to), days without any left out:
 * one read of the kept counts (and, as of a past day, of their steps) where they answer, else a count from raw
 * rows per day.
 */
export async function countDefectsByDay(
  store: Store, sellerId: string, marketplace: Marketplace, query: Pick<DefectQuery, 'metric' | 'asOf'> & { days: DayWindow }, options: DefectListOptions,
): Promise<{ day: string; count: number }[]> {
  const kept = await keptAnswers(store, sellerId, marketplace, query, options);
  if (kept !== null) {
    const counts = await defectCountsByDay(store, sellerId, marketplace, kept.metric, query.days);
    if (kept.pastAsOf === null) return counts;
    const changes = await changesOf(store, sellerId, marketplace, kept, query.days, {});
    return withChanges(counts.map((c) => [c.day, c.count]), changes, (c) => c.day).map(([day, count]) => ({ day, count }));
  }
  const counts: { day: string; count: number }[] = [];
  for (let day = query.days.from; day <= query.days.to; day = addDays(day, 1)) {
    const { total } = await listDefects(store, sellerId, marketplace, { ...query, days: { from: day, to: day } }, { ...options, limit: 0 });
    if (total > 0) counts.push({ day, count: total });
  }
  return counts;
}

const refKey = (ref: DefectRef): string => `${ref.orderId}\u0000${ref.packageId}`;

/**
 * A page of the defect list (and the total), as `defectRows` sorts them. Where the kept figures answer, the
 * defect rollups give the total and the days the page spans (defect_counts), the keys of those days' defects are
 * sorted, and only the page's packages or orders are read and classified: the rows are the same. As of today
 * they are classified with current knowledge (stamps after the end of today count, as in the rollup cells); as of
 * a past day the kept rows' steps from later days are taken back first (a package is a defect as of D otherwise
 * than now only when it has an instant on a day after D: src/metrics/late-steps.ts), and the page's rows are
 * classified as of the end of that day. Raw rows of the window answer where the figures are not current.
 */
export async function listDefects(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  query: DefectQuery,
  options: DefectListOptions,
): Promise<DefectPage> {
  const cfg = options.config[marketplace];
  const offset = options.offset ?? 0;
  const end = options.limit === undefined ? Number.POSITIVE_INFINITY : offset + options.limit;
  const kept = await keptAnswers(store, sellerId, marketplace, query, options);
  if (kept === null) {
    const rows = await defectRows(store, sellerId, marketplace, cfg, query);
    return { total: rows.length, rows: rows.slice(offset, end), source: 'raw' };
  }
  // Orders carry no carrier: a carrier filter leaves LSR/CR reports empty, as in `defectRows`.
  if (query.carrier && isOrderDefectMetric(query.metric)) return { total: 0, rows: [], source: 'rollups' };
  const { metric } = kept;
  const window = defectWindow(query.metric, query.asOf, cfg, query.days);
  const filter: DefectFilter = {
    ...(query.carrier ? { carrier: keyNeedle(query.carrier) } : {}),
    ...(query.category ? { category: keyNeedle(query.category) } : {}),
  };
  const changes = await changesOf(store, sellerId, marketplace, kept, window, filter);
  const counts = await defectCountsBySortDay(store, sellerId, marketplace, metric, window, filter);
  const days = changes.length === 0 ? counts : withChanges(counts.map((c) => [c.sortDay, c.count]), changes, (c) => c.sortDay).map(([sortDay, count]) => ({ sortDay, count }));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  // The list sorts by promised day first, so the page lies within a run of whole days: read only those.
  let before = 0;
  let first: string | null = null;
  let last: string | null = null;
  let skipped = 0;
  for (const { sortDay, count } of days) {
    if (before + count > offset && before < end) {
      if (first === null) {
        first = sortDay;
        skipped = before;
      }
      last = sortDay;
    }
    before += count;
  }
  if (first === null || last === null) return { total, rows: [], source: 'rollups' };
  const span = { from: first, to: last };
  const inSpan = changes.filter((c) => compareSortDays(c.sortDay, span.from) >= 0 && compareSortDays(c.sortDay, span.to) <= 0);
  const gone = new Set(inSpan.filter((c) => c.change < 0).map(refKey));
  const current = await defectRefs(store, sellerId, marketplace, metric, window, filter, span);
  // The list's order (`compareDefectRows`), decided on the keys alone: sort day, order id, and the package id,
  // which breaks ties as the raw read's package id order does under its stable sort. Only the page's rows are read.
  const refs = [...(gone.size === 0 ? current : current.filter((r) => !gone.has(refKey(r)))), ...inSpan.filter((c) => c.change > 0)]
    .sort((a, b) => compareSortDays(a.sortDay, b.sortDay) || compareText(a.orderId, b.orderId) || a.packageId - b.packageId)
    .slice(offset - skipped, end - skipped);
  const seenBefore = kept.pastAsOf === null ? CURRENT_KNOWLEDGE : asOfInstant(kept.pastAsOf, cfg.zone);
  const rows: (DefectRow | null)[] = [];
  const listed = query.metric;
  if (isOrderDefectMetric(listed)) {
    const orders = new Map((await store.ordersByIds(sellerId, refs.map((r) => r.orderId))).map((o) => [o.orderId, o]));
    for (const ref of refs) {
      const order = orders.get(ref.orderId);
      rows.push(order ? orderDefectRow(order, listed, seenBefore) : null);
    }
  } else {
    const ctx = classifyContext(cfg, seenBefore, staticTrackingDefect);
    const packages = new Map((await store.packagesByIds(sellerId, refs.map((r) => r.packageId))).map((p) => [p.packageId, p]));
    for (const ref of refs) {
      const pkg = packages.get(ref.packageId);
      rows.push(pkg ? packageDefectRow(pkg, listed, ctx) : null);
    }
  }
  // A row written after the refresh may have stopped being a defect (or gone): it is left out, not shown empty.
  return { total, rows: rows.filter((row): row is DefectRow => row !== null), source: 'rollups' };
}
