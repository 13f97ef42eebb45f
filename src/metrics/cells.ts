import { childMap } from '../core/maps.js';
import type { Cell, CellMetric } from '../core/cells.js';
import { ALL, NO_CARRIER, SFP_COMPANIONS, UNCATEGORISED } from '../core/cells.js';
import type { OrderView, PackageView } from '../core/views.js';
import type { ClassifyContext, OrderVerdict, PackageVerdict } from './classify.js';
import { classifyOrder, classifyPackage } from './classify.js';

/** How a package is grouped "per carrier": the Amazon code, with the typed name for `Other`. */
export function carrierLabel(pkg: Pick<PackageView, 'carrierCode' | 'carrierName'>): string {
  if (pkg.carrierCode === null || pkg.carrierCode === '') return NO_CARRIER;
  if (pkg.carrierCode === 'Other' && pkg.carrierName) return `Other: ${pkg.carrierName}`;
  return pkg.carrierCode;
}

const UNCATEGORISED_LIST: readonly string[] = [UNCATEGORISED];

export function packageCategories(pkg: Pick<PackageView, 'categories'>): string[] {
  const categories = pkg.categories;
  // One category (the common case): no filtering, no Set.
  if (categories.length === 1 && categories[0] !== '') return [categories[0]!];
  const unique = [...new Set(categories.filter((c) => c !== ''))];
  return unique.length > 0 ? unique : [UNCATEGORISED];
}

/** Where cells are counted: `total` packages, units or orders, `hit` of them hits (negative to take them back). */
export interface CellSink {
  addCounts(metric: CellMetric, day: string, category: string, carrier: string, total: number, hit: number): void;
}

export class CellAccumulator implements CellSink {
  /**
   * metric → day → category → carrier. Nested maps, not one key joined from the four: the strings are fresh for
   * every row read, and a joined key is built, flattened and hashed each time (2–3× dearer in all).
   */
  private readonly index = new Map<CellMetric, Map<string, Map<string, Map<string, Cell>>>>();
  private readonly cells: Cell[] = [];

  /** Counts `count` packages or orders in the cell, as hits when `hit`. */
  add(metric: CellMetric, day: string, category: string, carrier: string, hit: boolean, count = 1): void {
    this.addCounts(metric, day, category, carrier, count, hit ? count : 0);
  }

  addCounts(metric: CellMetric, day: string, category: string, carrier: string, total: number, hit: number): void {
    const byCarrier = childMap(childMap(childMap(this.index, metric), day), category);
    let cell = byCarrier.get(carrier);
    if (!cell) {
      cell = { metric, day, category, carrier, total: 0, hit: 0 };
      byCarrier.set(carrier, cell);
      this.cells.push(cell);
    }
    cell.total += total;
    cell.hit += hit;
  }

  /** The cells in the order they were first added. */
  list(): Cell[] {
    return [...this.cells];
  }
}

export type PackageMetric = 'vtr_pd' | 'vtr_sc' | 'otdr';
export type OrderMetric = 'lsr' | 'cr';

export interface PackageCellOptions extends ClassifyContext {
  /** Which package metrics to emit; each names its attribution day. */
  metrics: readonly PackageMetric[];
}

/** The day of the package's cells of `metric` (VTR by ship confirmation: its confirmation day; else its promised day). */
export function packageCellDay(pkg: PackageView, metric: PackageMetric): string | null {
  return metric === 'vtr_sc' ? pkg.confirmDay : pkg.promisedDay;
}

/** What the package counts in the cells of `metric` as `verdict` judges it: a package, or OTDR's weight; 0 when not counted. */
function packageTotal(verdict: PackageVerdict, metric: PackageMetric): number {
  if (metric === 'otdr') return verdict.otdrCounted ? verdict.otdrWeight : 0;
  return verdict.vtrCounted ? 1 : 0;
}

/** The part of `packageTotal` that is a hit: valid tracking (VTR), delivered on time (OTDR). */
function packageHit(verdict: PackageVerdict, metric: PackageMetric): number {
  if (metric === 'otdr') return verdict.otdrCounted && verdict.onTime ? verdict.otdrWeight : 0;
  return verdict.vtrCounted && verdict.reasons.length === 0 ? 1 : 0;
}

/**
 * Adds `total` and `hit` to every cell of `metric` that holds the package: its day per carrier, its SFP
 * companion's when Prime, and for VTR its day per category.
 */
function addToPackageCells(acc: CellSink, pkg: PackageView, metric: PackageMetric, total: number, hit: number): void {
  const day = packageCellDay(pkg, metric);
  if (day === null) return;
  const carrier = carrierLabel(pkg);
  acc.addCounts(metric, day, ALL, carrier, total, hit);
  if (pkg.isPrime) acc.addCounts(SFP_COMPANIONS[metric], day, ALL, carrier, total, hit);
  if (metric === 'otdr') return;
  const categories = pkg.categories;
  if (categories.length === 1 && categories[0] !== '') acc.addCounts(metric, day, categories[0]!, carrier, total, hit);
  else for (const category of categories.length === 0 ? UNCATEGORISED_LIST : packageCategories(pkg)) acc.addCounts(metric, day, category, carrier, total, hit);
}

/** Counts the package in the cells of `options.metrics`; `count` -1 takes that contribution back (deltas). */
export function addPackageCells(acc: CellSink, pkg: PackageView, options: PackageCellOptions, count = 1): void {
  addPackageVerdictCells(acc, pkg, classifyPackage(pkg, options), options.metrics, count);
}

/** Counts the package in the cells of `metrics` as `verdict` judges it. */
export function addPackageVerdictCells(acc: CellSink, pkg: PackageView, verdict: PackageVerdict, metrics: readonly PackageMetric[], count: number): void {
  for (const metric of metrics) {
    const counted = metric === 'otdr' ? verdict.otdrCounted : verdict.vtrCounted;
    if (counted) addToPackageCells(acc, pkg, metric, packageTotal(verdict, metric) * count, packageHit(verdict, metric) * count);
  }
}

/** Adds to the package's cells of `metric` what changes when its verdict goes from `from` to `to` (`count` -1: takes it back). */
export function addPackageChangeCells(acc: CellSink, pkg: PackageView, from: PackageVerdict, to: PackageVerdict, metric: PackageMetric, count: number): void {
  const total = packageTotal(to, metric) - packageTotal(from, metric);
  const hit = packageHit(to, metric) - packageHit(from, metric);
  if (total !== 0 || hit !== 0) addToPackageCells(acc, pkg, metric, total * count, hit * count);
}

/** An order's cells: each metric's and its SFP companion's, with what the verdict counts in them. */
interface OrderCell {
  metric: CellMetric;
  of: OrderMetric;
  counted: (verdict: OrderVerdict) => boolean;
  hit: (verdict: OrderVerdict) => boolean;
}

const ORDER_CELLS: readonly OrderCell[] = [
  { metric: 'lsr', of: 'lsr', counted: (v) => v.lsrCounted, hit: (v) => v.late },
  { metric: SFP_COMPANIONS.lsr, of: 'lsr', counted: (v) => v.sfpShipCounted, hit: (v) => v.sfpShippedOnTime },
  { metric: 'cr', of: 'cr', counted: (v) => v.crCounted, hit: (v) => v.sellerCancelled },
  { metric: SFP_COMPANIONS.cr, of: 'cr', counted: (v) => v.sfpCancelCounted, hit: (v) => v.sellerCancelled },
];

/** The day of the order's cells of `metric`: LSR's ship-by day (none while the ship-by is unknown), CR's purchase day. */
export function orderCellDay(order: OrderView, metric: OrderMetric): string | null {
  return metric === 'lsr' ? order.shipByDay : order.purchaseDay;
}

/** Counts the order in the cells of `metrics`; `count` -1 takes that contribution back (deltas). */
export function addOrderCells(acc: CellSink, order: OrderView, metrics: readonly OrderMetric[], before: number, count = 1): void {
  addOrderVerdictCells(acc, order, classifyOrder(order, before), metrics, count);
}

/** Counts the order in the cells of `metrics` as `verdict` judges it. */
export function addOrderVerdictCells(acc: CellSink, order: OrderView, verdict: OrderVerdict, metrics: readonly OrderMetric[], count: number): void {
  for (const cell of ORDER_CELLS) {
    const day = orderCellDay(order, cell.of);
    if (day !== null && cell.counted(verdict) && metrics.includes(cell.of)) acc.addCounts(cell.metric, day, ALL, ALL, count, cell.hit(verdict) ? count : 0);
  }
}

/** Adds to the order's cells of `metric` what changes when its verdict goes from `from` to `to` (`count` -1: takes it back). */
export function addOrderChangeCells(acc: CellSink, order: OrderView, from: OrderVerdict, to: OrderVerdict, metric: OrderMetric, count: number): void {
  const day = orderCellDay(order, metric);
  if (day === null) return;
  for (const cell of ORDER_CELLS) {
    if (cell.of !== metric) continue;
    const total = Number(cell.counted(to)) - Number(cell.counted(from));
    const hit = Number(cell.counted(to) && cell.hit(to)) - Number(cell.counted(from) && cell.hit(from));
    if (total !== 0 || hit !== 0) acc.addCounts(cell.metric, day, ALL, ALL, total * count, hit * count);
  }
}
