import type { Marketplace } from '../core/domain.js';
import { compareCodeUnits } from '../core/compare.js';
import { childMap } from '../core/maps.js';
import type { CellMetric } from '../core/cells.js';
import { SFP_COMPANIONS } from '../core/cells.js';
import type { CountedPackageView, OrderView, PackageView } from '../core/views.js';
import type { PackageCellOptions } from './cells.js';
import { CellAccumulator, addOrderVerdictCells, addPackageVerdictCells, carrierLabel } from './cells.js';
import type { ConfirmationJudge } from './classify.js';
import { CURRENT_KNOWLEDGE, classifyContext, classifyOrder, classifyPackageAt, confirmationDefect } from './classify.js';
import type { MetricsConfig } from './config.js';
import { carrierValues, keyList, orderVerdictDefect, packageCategoryValues, packageVerdictDefects } from './defect-rules.js';
import type { LateStepIncrement } from './late-steps.js';
import { LateSteps } from './late-steps.js';

/**
 * What one package or one order contributes to the figures vtrguard keeps (DESIGN.md §3): metric cells, defect
 * rows with their counts, and the scan-delay histogram, all classified with current knowledge, and the cells'
 * late steps that take them back to a past as-of day (src/metrics/late-steps.ts). Every kept figure
 * is a sum of these contributions, so a write that changes a package's or an order's facts takes its old
 * contribution back (`count` -1) and adds its new one; a full rebuild adds every package's and order's once.
 * `FigureDelta` sums them, netting what cancels, into the rows the store applies as increments.
 */

export type ScanDelayMetric = 'vtr_pd' | 'vtr_sc';

const TENTH_MS = 360_000;
/** The scan-delay histogram is kept at levels 0..SCAN_DELAY_TOP_LEVEL, each bucket FANOUT× the one below. */
export const SCAN_DELAY_FANOUT = 10;
export const SCAN_DELAY_TOP_LEVEL = 3;

/**
 * Whole tenths of an hour from confirmation to first scan, as the SQL `(first_scan_at - confirmed_at) / 360000`
 * truncates; a scan before the confirmation (labels scanned, then confirmed late) counts as zero, not negative.
 */
export function scanDelayTenths(confirmedAt: number, firstScanAt: number): number {
  return Math.max(0, Math.trunc((firstScanAt - confirmedAt) / TENTH_MS));
}

/** `[marketplace, metric, day, category, carrier, total, hit]` to add to a metric cell. */
export type CellIncrement = [Marketplace, CellMetric, string, string, string, number, number];
/** `[marketplace, metric, day, sort day, carrier keys, category keys, defects]` to add to a defect count. */
export type DefectCountIncrement = [Marketplace, CellMetric, string, string, string, string, number];
/** `[marketplace, metric, day, level, carrier, bucket, packages]` to add to a scan-delay bucket. */
export type ScanDelayIncrement = [Marketplace, ScanDelayMetric, string, number, string, number, number];
/** `[marketplace, metric, day, sort day, order id, package id (0 for an order), carrier keys, category keys]`. */
export type DefectRowValues = [Marketplace, CellMetric, string, string, string, number, string, string];

/**
 * A package's facts no kept figure reads: its latest status and event are for the watch lists and the status
 * page. Most carrier events change only these (a package is scanned again on its way), so a write whose views
 * differ only in them leaves its contribution as it was, and costs no take-back and re-add.
 */
export const UNCOUNTED_PACKAGE_FACTS: ReadonlySet<keyof PackageView> = new Set(['lastStatus', 'lastEventAt'] satisfies (keyof PackageView)[]);

const PACKAGE_METRICS = ['vtr_pd', 'vtr_sc', 'otdr'] as const;
/** A Prime package's VTR and OTDR defects are listed again under their Prime metrics (the Prime tiles' drill-downs). */
const PRIME_DEFECT_METRICS = [...PACKAGE_METRICS, SFP_COMPANIONS.vtr_pd, SFP_COMPANIONS.vtr_sc, SFP_COMPANIONS.otdr] as const;
const ORDER_METRICS = ['lsr', 'cr'] as const;
/**
 * An order's defect rows: LSR and CR, and SFP's on-time shipment and cancels (a Prime order's own rules, not a
 * share of LSR's and CR's: `orderDefect`), each under its cell metric, by the day its cells use.
 */
const ORDER_DEFECTS = [
  { metric: 'lsr', rule: 'lsr', byShipBy: true },
  { metric: 'cr', rule: 'cr', byShipBy: false },
  { metric: SFP_COMPANIONS.lsr, rule: 'sfp_ship', byShipBy: true },
  { metric: SFP_COMPANIONS.cr, rule: 'sfp_cancel', byShipBy: false },
] as const;

/**
 * A defect row of the delta: `stored` holds the values in the store when the row was taken back first (null for a
 * row the store lacks); `row` what stays, if anything.
 */
interface DefectEntry {
  row: DefectRowValues | null;
  stored: DefectRowValues | null;
}

const sameRow = (a: DefectRowValues, b: DefectRowValues): boolean => a.every((v, i) => v === b[i]);

const rowKey = (r: DefectRowValues): string => `${r[0]}\u0000${r[1]}\u0000${r[3]}\u0000${r[2]}\u0000${r[4]}\u0000${r[5]}`;

/** Defect rows in primary-key order (marketplace, metric, sort day, day, order, package): b-tree appends. */
function byRowKey(a: DefectRowValues, b: DefectRowValues): number {
  return compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]) || compareCodeUnits(a[3], b[3]) || compareCodeUnits(a[2], b[2])
    || compareCodeUnits(a[4], b[4]) || a[5] - b[5];
}

/** Distinct carriers or categories past which `FilterKeys` starts afresh (a bound, far above a seller's). */
const FILTER_KEYS_LIMIT = 10_000;

/**
 * A package's carrier and category filter keys (`keyList`), memoised by carrier and by category: a rebuild lists
 * the defect rows of millions of packages that share a few hundred of each. The same string object for equal keys
 * also makes the defect counts' map lookups cheaper (its hash is computed once).
 */
class FilterKeys {
  /** carrier code → carrier name ('' for none) → keys */
  private readonly carriers = new Map<string | null, Map<string, string>>();
  private readonly categories = new Map<string, string>();

  carrierKeys(pkg: PackageView): string {
    if (this.carriers.size > FILTER_KEYS_LIMIT) this.carriers.clear();
    const byName = childMap(this.carriers, pkg.carrierCode);
    let keys = byName.get(pkg.carrierName ?? '');
    if (keys === undefined) byName.set(pkg.carrierName ?? '', (keys = keyList(carrierValues(pkg))));
    return keys;
  }

  categoryKeys(pkg: PackageView): string {
    // One category (the common case) is memoised; several are rare enough to list each time.
    if (pkg.categories.length !== 1) return keyList(packageCategoryValues(pkg));
    if (this.categories.size > FILTER_KEYS_LIMIT) this.categories.clear();
    const category = pkg.categories[0]!;
    let keys = this.categories.get(category);
    if (keys === undefined) this.categories.set(category, (keys = keyList(packageCategoryValues(pkg))));
    return keys;
  }
}

export interface FigureDeltaOptions {
  /**
   * Every contribution is added to figures that were just emptied (a full rebuild): no row is taken back, so
   * defect rows are listed as they come instead of netted by key.
   */
  fromEmpty?: boolean;
}

export class FigureDelta {
  /** Per marketplace: how packages are classified now, and which cells they are counted in. */
  private readonly contexts = new Map<Marketplace, PackageCellOptions>();
  private readonly cells = new Map<Marketplace, CellAccumulator>();
  /** marketplace → metric → day → sort day → carrier keys → category keys (nested maps: see CellAccumulator). */
  private readonly counts = new Map<Marketplace, Map<CellMetric, Map<string, Map<string, Map<string, Map<string, DefectCountIncrement>>>>>>();
  private readonly countList: DefectCountIncrement[] = [];
  /** marketplace → metric → day → carrier → tenths → packages (level 0; the other levels are sums of it). */
  private readonly delays = new Map<Marketplace, Map<ScanDelayMetric, Map<string, Map<string, Map<number, number>>>>>();
  private readonly defects = new Map<string, DefectEntry>();
  private readonly appended: DefectRowValues[] = [];
  private readonly steps = new LateSteps();
  private readonly filterKeys = new FilterKeys();
  private contributions = 0;

  constructor(private readonly config: MetricsConfig, private readonly judge: ConfirmationJudge, private readonly options: FigureDeltaOptions = {}) {}

  /** How many contributions were added or taken back since the last `clear` (to bound memory). */
  get size(): number {
    return this.contributions;
  }

  private context(marketplace: Marketplace): PackageCellOptions {
    let ctx = this.contexts.get(marketplace);
    if (ctx === undefined) {
      ctx = { ...classifyContext(this.config[marketplace], CURRENT_KNOWLEDGE, this.judge), metrics: PACKAGE_METRICS };
      this.contexts.set(marketplace, ctx);
    }
    return ctx;
  }

  private cellsOf(marketplace: Marketplace): CellAccumulator {
    let acc = this.cells.get(marketplace);
    if (acc === undefined) this.cells.set(marketplace, (acc = new CellAccumulator()));
    return acc;
  }

  /** Adds the package's contribution (`count` 1) or takes it back (-1). */
  addPackage(pkg: CountedPackageView, count: 1 | -1): void {
    this.contributions++;
    if (pkg.promisedDay !== null) {
      // Only packages of promised orders count in cells and defects (the raw reads select them by promised day).
      const view = pkg as PackageView;
      const ctx = this.context(pkg.marketplace);
      // Judged once: the carrier rules' judgement of a confirmation does not change with the as-of instant.
      const staticDefect = view.confirmedAt !== null && view.fulfillmentChannel === 'MFN' ? confirmationDefect(view, ctx.judge) : null;
      const verdict = classifyPackageAt(view, ctx, CURRENT_KNOWLEDGE, staticDefect);
      addPackageVerdictCells(this.cellsOf(pkg.marketplace), view, verdict, PACKAGE_METRICS, count);
      this.steps.addPackage(view, ctx, count, staticDefect);
      const defects = packageVerdictDefects(view, verdict, CURRENT_KNOWLEDGE);
      if (defects.vtr !== null || defects.otdr !== null) {
        const carriers = this.filterKeys.carrierKeys(view);
        const categories = this.filterKeys.categoryKeys(view);
        for (const metric of view.isPrime ? PRIME_DEFECT_METRICS : PACKAGE_METRICS) {
          const day = metric === 'vtr_sc' || metric === 'sfp_vtr_sc' ? view.confirmDay : view.promisedDay;
          if (day === null || defects[metric === 'otdr' || metric === 'sfp_otdr' ? 'otdr' : 'vtr'] === null) continue;
          this.defect([pkg.marketplace, metric, day, view.promisedDay, view.orderId, view.packageId, carriers, categories], count);
        }
      }
      this.delay('vtr_pd', pkg.promisedDay, pkg, count);
    }
    // The ship-confirm histogram counts every confirmed, scanned MFN package, promised or not.
    this.delay('vtr_sc', pkg.confirmDay, pkg, count);
  }

  /** Adds the order's contribution (`count` 1) or takes it back (-1). */
  addOrder(order: OrderView, count: 1 | -1): void {
    this.contributions++;
    const verdict = classifyOrder(order, CURRENT_KNOWLEDGE);
    addOrderVerdictCells(this.cellsOf(order.marketplace), order, verdict, ORDER_METRICS, count);
    this.steps.addOrder(order, ORDER_METRICS, this.context(order.marketplace).zone, count);
    for (const { metric, rule, byShipBy } of ORDER_DEFECTS) {
      const day = byShipBy ? order.shipByDay : order.purchaseDay;
      if (day === null || orderVerdictDefect(verdict, rule) === null) continue;
      // Orders carry no carrier (a carrier filter finds none) and no package (id 0).
      const categories = keyList(order.categories.map((c) => c.toLowerCase()));
      this.defect([order.marketplace, metric, day, order.promisedDay ?? '', order.orderId, 0, keyList([]), categories], count);
    }
  }

  private delay(metric: ScanDelayMetric, day: string | null, pkg: CountedPackageView, count: number): void {
    if (day === null || pkg.fulfillmentChannel !== 'MFN' || pkg.confirmedAt === null || pkg.firstScanAt === null) return;
    this.addScanDelay(pkg.marketplace, metric, day, carrierLabel(pkg), scanDelayTenths(pkg.confirmedAt, pkg.firstScanAt), count);
  }

  /** Counts `count` packages of `carrier` scanned `tenths` after confirmation under `day` (what `addPackage` adds). */
  addScanDelay(marketplace: Marketplace, metric: ScanDelayMetric, day: string, carrier: string, tenths: number, count: number): void {
    const byTenths = childMap(childMap(childMap(childMap(this.delays, marketplace), metric), day), carrier);
    byTenths.set(tenths, (byTenths.get(tenths) ?? 0) + count);
  }

  private defect(row: DefectRowValues, count: 1 | -1): void {
    const [marketplace, metric, day, sortDay, , , carriers, categories] = row;
    const byCategories = childMap(childMap(childMap(childMap(childMap(this.counts, marketplace), metric), day), sortDay), carriers);
    const counted = byCategories.get(categories);
    if (counted) counted[6] += count;
    else {
      const created: DefectCountIncrement = [marketplace, metric, day, sortDay, carriers, categories, count];
      byCategories.set(categories, created);
      this.countList.push(created);
    }
    if (this.options.fromEmpty) {
      this.appended.push(row);
      return;
    }
    const key = rowKey(row);
    const entry = this.defects.get(key);
    if (count > 0) {
      if (entry) entry.row = row;
      else this.defects.set(key, { row, stored: null });
    } else if (entry) {
      entry.row = null;
      if (entry.stored === null) this.defects.delete(key);
    } else {
      this.defects.set(key, { row: null, stored: row });
    }
  }

  /** Cell increments that change something. */
  cellIncrements(): CellIncrement[] {
    const rows: CellIncrement[] = [];
    for (const [marketplace, acc] of this.cells) {
      for (const c of acc.list()) if (c.total !== 0 || c.hit !== 0) rows.push([marketplace, c.metric, c.day, c.category, c.carrier, c.total, c.hit]);
    }
    return rows;
  }

  /** Late-step increments that change something. */
  lateStepIncrements(): LateStepIncrement[] {
    return this.steps.increments();
  }

  defectCountIncrements(): DefectCountIncrement[] {
    return this.countList.filter((r) => r[6] !== 0);
  }

  /** Increments of every level of the histogram, derived from the level-0 counts. */
  scanDelayIncrements(): ScanDelayIncrement[] {
    const rows: ScanDelayIncrement[] = [];
    for (const [marketplace, byMetric] of this.delays) {
      for (const [metric, byDay] of byMetric) {
        for (const [day, byCarrier] of byDay) {
          for (const [carrier, byTenths] of byCarrier) {
            const levels = new Map<number, ScanDelayIncrement>();
            for (const [tenths, n] of byTenths) {
              if (n === 0) continue;
              for (let level = 0, size = 1; level <= SCAN_DELAY_TOP_LEVEL; level++, size *= SCAN_DELAY_FANOUT) {
                const bucket = Math.floor(tenths / size);
                // Level and bucket in one number: buckets of one (level, carrier) stay apart.
                const key = bucket * (SCAN_DELAY_TOP_LEVEL + 1) + level;
                const row = levels.get(key);
                if (row) row[6] += n;
                else levels.set(key, [marketplace, metric, day, level, carrier, bucket, n]);
              }
            }
            for (const row of levels.values()) if (row[6] !== 0) rows.push(row);
          }
        }
      }
    }
    return rows;
  }

  /** Keys `[marketplace, metric, sort day, day, order id, package id]` of stored defect rows that go. */
  defectDeletes(): [Marketplace, CellMetric, string, string, string, number][] {
    const keys: [Marketplace, CellMetric, string, string, string, number][] = [];
    for (const [key, { row, stored }] of this.defects) {
      if (stored === null || row !== null) continue;
      const [marketplace, metric, sortDay, day, orderId, packageId] = key.split('\u0000') as [Marketplace, CellMetric, string, string, string, string];
      keys.push([marketplace, metric, sortDay, day, orderId, Number(packageId)]);
    }
    return keys;
  }

  /**
   * Defect rows to write, in primary-key order: new ones, and stored ones whose filter keys changed (a package
   * whose facts changed but whose defect row reads the same — most scans — costs no write).
   */
  defectInserts(): DefectRowValues[] {
    const rows = this.options.fromEmpty
      ? this.appended
      : [...this.defects.values()].flatMap((e) => (e.row === null || (e.stored !== null && (sameRow(e.row, e.stored))) ? [] : [e.row]));
    return rows.sort(byRowKey);
  }

  clear(): void {
    this.cells.clear();
    this.counts.clear();
    this.countList.length = 0;
    this.delays.clear();
    this.defects.clear();
    this.appended.length = 0;
    this.steps.clear();
    this.contributions = 0;
  }
}
