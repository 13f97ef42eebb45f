import type { Marketplace } from '../core/domain.js';
import { childMap } from '../core/maps.js';
import { addDays, localDay } from '../core/time.js';
import type { CellMetric } from '../core/cells.js';
import { SFP_COMPANIONS, isOtdrMetric } from '../core/cells.js';
import type { CountedPackageView, OrderView, PackageView } from '../core/views.js';
import type { PackageCellOptions } from './cells.js';
import { CellAccumulator, addOrderVerdictCells, addPackageVerdictCells, carrierLabel } from './cells.js';
import type { ConfirmationJudge } from './classify.js';
import { CURRENT_KNOWLEDGE, classifyContext, classifyOrder, classifyPackageAt, confirmationDefect } from './classify.js';
import type { MetricsConfig } from './config.js';
import { carrierValues, isOtdrDefect, isVtrDefect, keyList, orderVerdictDefect, packageCategoryValues } from './defect-rules.js';
import { defectFirstListingOffset } from './report.js';
import type { LateStepIncrement } from './late-steps.js';
import { LateSteps } from './late-steps.js';

/**
 * What one package or one order contributes to the figures vtrguard keeps (DESIGN.md §3): metric cells, defect
 * rows with their counts, and the scan-delay histogram, all classified with current knowledge, and the late steps
 * of the cells, of the defect rows and of the histogram's level 0 that take them back to a past as-of day
 * (src/metrics/late-steps.ts). Every kept figure
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
/**
 * `[marketplace, metric, day, from day, carrier, tenths, packages]` to add to a level-0 scan-delay bucket's late step:
 * its packages counted from the end of `from day` on (src/metrics/late-steps.ts).
 */
export type ScanDelayStepIncrement = [Marketplace, ScanDelayMetric, string, string, string, number, number];
/** `[marketplace, metric, day, sort day, order id, package id (0 for an order), carrier keys, category keys]`. */
export type DefectRowValues = [Marketplace, CellMetric, string, string, string, number, string, string];
/** A defect row's key in primary-key order: `[marketplace, metric, sort day, day, order id, package id]`. */
export type DefectRowKey = [Marketplace, CellMetric, string, string, string, number];
/**
 * A defect row's step (src/metrics/late-steps.ts): `[marketplace, metric, day, sort day, order id, package id,
 * from day, carrier keys, category keys, step]`, step 1 when the row enters the list on `from day`, -1 when it
 * leaves it.
 */
export type DefectStepValues = [Marketplace, CellMetric, string, string, string, number, string, string, string, 1 | -1];
/** A defect step's key, its first seven values (primary-key order). */
export type DefectStepKey = [Marketplace, CellMetric, string, string, string, number, string];

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

type RowValue = string | number;

/** Orders rows by the values of `columns`, in turn (strings by code unit, as the primary keys compare them). */
function byColumns(columns: readonly number[]): (a: readonly RowValue[], b: readonly RowValue[]) => number {
  return (a, b) => {
    for (const c of columns) {
      const x = a[c]!;
      const y = b[c]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/**
 * Kept rows that are there or not (defect rows and their steps), each owned by one package or order: its
 * contribution adds the row and takes it back whole, so the delta nets them by key. An entry's `stored` holds the
 * values in the store when the row was taken back first (null for a row the store lacks); `row` what stays, if
 * anything. From empty (a rebuild) rows are listed as they come.
 */
class PresenceRows<R extends RowValue[], K extends RowValue[]> {
  private readonly entries = new Map<string, { row: R | null; stored: R | null }>();
  private readonly appended: R[] = [];
  private readonly order: (a: readonly RowValue[], b: readonly RowValue[]) => number;

  /** `keyColumns`: the columns of the primary key, in its order. */
  constructor(private readonly keyColumns: readonly number[], private readonly fromEmpty: boolean) {
    this.order = byColumns(keyColumns);
  }

  add(row: R, count: 1 | -1): void {
    if (this.fromEmpty) {
      this.appended.push(row);
      return;
    }
    const key = this.keyColumns.map((c) => row[c]).join('\u0000');
    const entry = this.entries.get(key);
    if (count > 0) {
      if (entry) entry.row = row;
      else this.entries.set(key, { row, stored: null });
    } else if (entry) {
      entry.row = null;
      if (entry.stored === null) this.entries.delete(key);
    } else {
      this.entries.set(key, { row: null, stored: row });
    }
  }

  /** Keys of stored rows that go. */
  deletes(): K[] {
    const keys: K[] = [];
    for (const { row, stored } of this.entries.values()) if (stored !== null && row === null) keys.push(this.keyColumns.map((c) => stored[c]!) as K);
    return keys;
  }

  /**
   * Rows to write, in primary-key order (b-tree appends): new ones, and stored ones whose other values changed (a
   * package whose facts changed but whose row reads the same — most scans — costs no write).
   */
  inserts(): R[] {
    const rows = this.fromEmpty
      ? this.appended
      : [...this.entries.values()].flatMap((e) => (e.row === null || (e.stored !== null && sameRow(e.row, e.stored)) ? [] : [e.row]));
    return rows.sort(this.order);
  }

  clear(): void {
    this.entries.clear();
    this.appended.length = 0;
  }
}

const sameRow = (a: readonly RowValue[], b: readonly RowValue[]): boolean => a.every((v, i) => v === b[i]);

/** Defect rows' primary key: marketplace, metric, sort day, day, order, package. */
const DEFECT_KEY_COLUMNS = [0, 1, 3, 2, 4, 5];
/** Defect steps' primary key: marketplace, metric, day, sort day, order, package, from day. */
const STEP_KEY_COLUMNS = [0, 1, 2, 3, 4, 5, 6];

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
  /** marketplace → metric → day → from day → carrier → tenths → packages (level 0 only). */
  private readonly delaySteps = new Map<Marketplace, Map<ScanDelayMetric, Map<string, Map<string, Map<string, Map<number, number>>>>>>();
  private readonly defects: PresenceRows<DefectRowValues, DefectRowKey>;
  private readonly defectSteps: PresenceRows<DefectStepValues, DefectStepKey>;
  private readonly steps = new LateSteps();
  private readonly filterKeys = new FilterKeys();
  private contributions = 0;

  constructor(private readonly config: MetricsConfig, private readonly judge: ConfirmationJudge, options: FigureDeltaOptions = {}) {
    this.defects = new PresenceRows(DEFECT_KEY_COLUMNS, options.fromEmpty === true);
    this.defectSteps = new PresenceRows(STEP_KEY_COLUMNS, options.fromEmpty === true);
  }

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
      // The defect rows' keys, listed once a row or a step needs them (most packages are no defect, then or now).
      let rows: DefectRowValues[] | null = null;
      const defectRows = () => (rows ??= this.packageDefectRows(view));
      this.steps.addPackage(view, ctx, count, staticDefect, (day, from, to) => {
        // Most changes (a confirmation, a scan, a delivery before the promised day) come before any list holds the
        // package: its VTR rows are listed from their own days, its OTDR rows a week after the promised day.
        const vtr = isVtrDefect(from) !== isVtrDefect(to) && (this.listedBefore('vtr_pd', view.promisedDay, day) || this.listedBefore('vtr_sc', view.confirmDay, day));
        const otdr = isOtdrDefect(from) !== isOtdrDefect(to) && this.listedBefore('otdr', view.promisedDay, day);
        if (!vtr && !otdr) return;
        for (const row of defectRows()) {
          const isOtdr = isOtdrMetric(row[1]);
          if ((isOtdr ? otdr : vtr) && this.listedBefore(row[1], row[2], day)) {
            this.defectStep(row, day, (isOtdr ? isOtdrDefect(to) : isVtrDefect(to)) ? 1 : -1, count);
          }
        }
      });
      const vtr = isVtrDefect(verdict);
      const otdr = isOtdrDefect(verdict);
      if (vtr || otdr) {
        for (const row of defectRows()) if (isOtdrMetric(row[1]) ? otdr : vtr) this.defect(row, count);
      }
    }
    this.addDelays(pkg, count);
  }

  /**
   * A package's defect row under each metric it could be listed in, whether it is a defect or not (the caller
   * decides): the VTR and OTDR lists, and a Prime package's again under their Prime metrics.
   */
  private packageDefectRows(pkg: PackageView): DefectRowValues[] {
    const carriers = this.filterKeys.carrierKeys(pkg);
    const categories = this.filterKeys.categoryKeys(pkg);
    const rows: DefectRowValues[] = [];
    for (const metric of pkg.isPrime ? PRIME_DEFECT_METRICS : PACKAGE_METRICS) {
      const day = metric === 'vtr_sc' || metric === 'sfp_vtr_sc' ? pkg.confirmDay : pkg.promisedDay;
      if (day !== null) rows.push([pkg.marketplace, metric, day, pkg.promisedDay!, pkg.orderId, pkg.packageId, carriers, categories]);
    }
    return rows;
  }

  /** Adds the order's contribution (`count` 1) or takes it back (-1). */
  addOrder(order: OrderView, count: 1 | -1): void {
    this.contributions++;
    const verdict = classifyOrder(order, CURRENT_KNOWLEDGE);
    addOrderVerdictCells(this.cellsOf(order.marketplace), order, verdict, ORDER_METRICS, count);
    const rowOf = (metric: CellMetric, day: string): DefectRowValues =>
      // Orders carry no carrier (a carrier filter finds none) and no package (id 0).
      [order.marketplace, metric, day, order.promisedDay ?? '', order.orderId, 0, keyList([]), keyList(order.categories.map((c) => c.toLowerCase()))];
    this.steps.addOrder(order, ORDER_METRICS, this.context(order.marketplace).zone, count, (changeDay, from, to) => {
      for (const { metric, rule, byShipBy } of ORDER_DEFECTS) {
        const day = byShipBy ? order.shipByDay : order.purchaseDay;
        if (!this.listedBefore(metric, day, changeDay)) continue;
        const now = orderVerdictDefect(to, rule) !== null;
        if ((orderVerdictDefect(from, rule) !== null) !== now) this.defectStep(rowOf(metric, day!), changeDay, now ? 1 : -1, count);
      }
    });
    for (const { metric, rule, byShipBy } of ORDER_DEFECTS) {
      const day = byShipBy ? order.shipByDay : order.purchaseDay;
      if (day !== null && orderVerdictDefect(verdict, rule) !== null) this.defect(rowOf(metric, day), count);
    }
  }

  /**
   * A package's histogram buckets, under its promised day (promised packages only, as the cells) and its
   * confirmation day (every confirmed, scanned MFN package), and their late steps: the raw histogram as of D counts
   * the package once its confirmation and its first scan are both before the end of D, so it appears on the local
   * day of the later of the two. A step is kept only when that day comes after the first as-of that reads the
   * histogram day: the scorecard reads `vtrWindow(asOf, lagDays)`, which ends lagDays ≥ 0 before as-of, so the day
   * itself is the earliest reader whatever the lag (offset 0, worked out as `firstReaderOffset` does for the cells);
   * every reader sees an appearance on or before it.
   */
  private addDelays(pkg: CountedPackageView, count: number): void {
    if (pkg.fulfillmentChannel !== 'MFN' || pkg.confirmedAt === null || pkg.firstScanAt === null) return;
    const carrier = carrierLabel(pkg);
    const tenths = scanDelayTenths(pkg.confirmedAt, pkg.firstScanAt);
    const seen = localDay(Math.max(pkg.confirmedAt, pkg.firstScanAt), this.context(pkg.marketplace).zone);
    if (pkg.promisedDay !== null) this.delay(pkg.marketplace, 'vtr_pd', pkg.promisedDay, carrier, tenths, seen, count);
    if (pkg.confirmDay !== null) this.delay(pkg.marketplace, 'vtr_sc', pkg.confirmDay, carrier, tenths, seen, count);
  }

  private delay(marketplace: Marketplace, metric: ScanDelayMetric, day: string, carrier: string, tenths: number, seen: string, count: number): void {
    this.addScanDelay(marketplace, metric, day, carrier, tenths, count);
    if (seen <= day) return;
    const byTenths = childMap(childMap(childMap(childMap(childMap(this.delaySteps, marketplace), metric), day), seen), carrier);
    byTenths.set(tenths, (byTenths.get(tenths) ?? 0) + count);
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
    this.defects.add(row, count);
  }

  /**
   * The defect row `row` enters (`step` 1) or leaves (-1) its list as of the end of `fromDay` (callers keep only
   * the steps a list could miss: `listedBefore`).
   */
  private defectStep(row: DefectRowValues, fromDay: string, step: 1 | -1, count: 1 | -1): void {
    const [marketplace, metric, day, sortDay, orderId, packageId, carriers, categories] = row;
    this.defectSteps.add([marketplace, metric, day, sortDay, orderId, packageId, fromDay, carriers, categories, step], count);
  }

  /**
   * Whether a list could hold the defect row of `metric` on `day` as of a day before `changeDay` (its first listing
   * day, `defectFirstListingOffset`, is earlier): only then does a change on `changeDay` need a step. Every list
   * after it sees the change already, as every cell reader sees a cell's early steps (src/metrics/late-steps.ts).
   */
  private listedBefore(metric: CellMetric, day: string | null, changeDay: string): boolean {
    return day !== null && addDays(day, defectFirstListingOffset(metric)) < changeDay;
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

  /** Late-step increments of the level-0 histogram that change something. */
  scanDelayStepIncrements(): ScanDelayStepIncrement[] {
    const rows: ScanDelayStepIncrement[] = [];
    for (const [marketplace, byMetric] of this.delaySteps) {
      for (const [metric, byDay] of byMetric) {
        for (const [day, byFrom] of byDay) {
          for (const [fromDay, byCarrier] of byFrom) {
            for (const [carrier, byTenths] of byCarrier) {
              for (const [tenths, n] of byTenths) if (n !== 0) rows.push([marketplace, metric, day, fromDay, carrier, tenths, n]);
            }
          }
        }
      }
    }
    return rows;
  }

  /** Keys of stored defect rows that go. */
  defectDeletes(): DefectRowKey[] {
    return this.defects.deletes();
  }

  /** Defect rows to write, in primary-key order: new ones, and stored ones whose filter keys changed. */
  defectInserts(): DefectRowValues[] {
    return this.defects.inserts();
  }

  /** Keys of stored defect steps that go. */
  defectStepDeletes(): DefectStepKey[] {
    return this.defectSteps.deletes();
  }

  /** Defect steps to write, in primary-key order. */
  defectStepInserts(): DefectStepValues[] {
    return this.defectSteps.inserts();
  }

  clear(): void {
    this.cells.clear();
    this.counts.clear();
    this.countList.length = 0;
    this.delays.clear();
    this.delaySteps.clear();
    this.defects.clear();
    this.defectSteps.clear();
    this.steps.clear();
    this.contributions = 0;
  }
}
