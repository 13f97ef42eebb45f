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

/** Where cells are counted: a `count` of packages or orders (negative to take a contribution back). */
export interface CellSink {
  add(metric: CellMetric, day: string, category: string, carrier: string, hit: boolean, count?: number): void;
}

export class CellAccumulator implements CellSink {
  /**
   * metric → day → category → carrier. Nested maps, not one key joined from the four: the strings are fresh for
   * every row read, and a joined key is built, flattened and hashed each time (2–3× dearer in all).
   */
  private readonly index = new Map<CellMetric, Map<string, Map<string, Map<string, Cell>>>>();
  private readonly cells: Cell[] = [];

  add(metric: CellMetric, day: string, category: string, carrier: string, hit: boolean, count = 1): void {
    const byCarrier = childMap(childMap(childMap(this.index, metric), day), category);
    let cell = byCarrier.get(carrier);
    if (!cell) {
      cell = { metric, day, category, carrier, total: 0, hit: 0 };
      byCarrier.set(carrier, cell);
      this.cells.push(cell);
    }
    cell.total += count;
    if (hit) cell.hit += count;
  }

  /** The cells in the order they were first added. */
  list(): Cell[] {
    return [...this.cells];
  }
}

function addVtr(acc: CellSink, metric: 'vtr_pd' | 'vtr_sc', day: string, pkg: PackageView, valid: boolean, count: number): void {
  const carrier = carrierLabel(pkg);
  acc.add(metric, day, ALL, carrier, valid, count);
  if (pkg.isPrime) acc.add(SFP_COMPANIONS[metric], day, ALL, carrier, valid, count);
  const categories = pkg.categories;
  if (categories.length === 1 && categories[0] !== '') acc.add(metric, day, categories[0]!, carrier, valid, count);
  else for (const category of categories.length === 0 ? UNCATEGORISED_LIST : packageCategories(pkg)) acc.add(metric, day, category, carrier, valid, count);
}

export interface PackageCellOptions extends ClassifyContext {
  /** Which package metrics to emit; each names its attribution day. */
  metrics: readonly ('vtr_pd' | 'vtr_sc' | 'otdr')[];
}

/** Counts the package in the cells of `options.metrics`; `count` -1 takes that contribution back (deltas). */
export function addPackageCells(acc: CellSink, pkg: PackageView, options: PackageCellOptions, count = 1): void {
  addPackageVerdictCells(acc, pkg, classifyPackage(pkg, options), options.metrics, count);
}

/** Counts the package in the cells of `metrics` as `verdict` judges it. */
export function addPackageVerdictCells(acc: CellSink, pkg: PackageView, verdict: PackageVerdict, metrics: PackageCellOptions['metrics'], count: number): void {
  for (const metric of metrics) {
    if (metric === 'otdr') {
      if (verdict.otdrCounted) {
        acc.add('otdr', pkg.promisedDay, ALL, carrierLabel(pkg), verdict.onTime, verdict.otdrWeight * count);
        if (pkg.isPrime) acc.add(SFP_COMPANIONS.otdr, pkg.promisedDay, ALL, carrierLabel(pkg), verdict.onTime, verdict.otdrWeight * count);
      }
    } else if (verdict.vtrCounted) {
      const day = metric === 'vtr_pd' ? pkg.promisedDay : pkg.confirmDay;
      if (day !== null) addVtr(acc, metric, day, pkg, verdict.reasons.length === 0, count);
    }
  }
}

/** Counts the order in the cells of `metrics`; `count` -1 takes that contribution back (deltas). */
export function addOrderCells(acc: CellSink, order: OrderView, metrics: readonly ('lsr' | 'cr')[], before: number, count = 1): void {
  addOrderVerdictCells(acc, order, classifyOrder(order, before), metrics, count);
}

/** Counts the order in the cells of `metrics` as `verdict` judges it. */
export function addOrderVerdictCells(acc: CellSink, order: OrderView, verdict: OrderVerdict, metrics: readonly ('lsr' | 'cr')[], count: number): void {
  for (const metric of metrics) {
    if (metric === 'lsr' && verdict.lsrCounted && order.shipByDay !== null) {
      acc.add('lsr', order.shipByDay, ALL, ALL, verdict.late, count);
      if (verdict.sfpShipCounted) acc.add(SFP_COMPANIONS.lsr, order.shipByDay, ALL, ALL, verdict.sfpShippedOnTime, count);
    }
    if (metric === 'cr' && verdict.crCounted) {
      acc.add('cr', order.purchaseDay, ALL, ALL, verdict.sellerCancelled, count);
      if (verdict.sfpCancelCounted) acc.add(SFP_COMPANIONS.cr, order.purchaseDay, ALL, ALL, verdict.sellerCancelled, count);
    }
  }
}
