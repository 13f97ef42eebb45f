import type { CellMetric } from '../core/cells.js';
import type { Marketplace } from '../core/domain.js';
import { childMap } from '../core/maps.js';
import { addDays, localDay } from '../core/time.js';
import type { OrderView, PackageView } from '../core/views.js';
import type { OrderMetric, PackageCellOptions } from './cells.js';
import { CellAccumulator, addOrderChangeCells, addPackageChangeCells, orderCellDay, packageCellDay } from './cells.js';
import { asOfInstant, classifyOrder, classifyPackageAt, confirmationDefect } from './classify.js';
import type { OrderVerdict, PackageVerdict } from './classify.js';
import { firstReaderOffset } from './report.js';

/**
 * What the kept cells need to answer as of a past day (definitions.md: as of D only what was stamped before the
 * end of D counts). A package's or an order's contribution, as a function of the as-of day, is a step function:
 * its verdicts compare the as-of instant only with its own instants (confirmation, first scan, network and
 * non-delivery scans, first attempt; for an order its packages' confirmations, its cancellations and its
 * ship-by), and an instant is seen as of D exactly when its local day is D or earlier. So
 * as of D a cell holds its current count minus the steps its contributions take on days after D.
 *
 * Only steps after the first as-of that reads a cell are kept (`firstReaderOffset`): every report reading the
 * cell sees the earlier ones, so they are in its current count already. Most facts arrive before that (a
 * confirmation days before the promised day, within the forecast's reach of VTR), so most contributions keep no
 * step at all; what stays are the late ones — scans and deliveries after the day a report first counted the
 * package, confirmations after the ship-by, late cancellations.
 *
 * The kept defect rows follow the same argument: a package's or an order's row under a list (there or not) changes
 * only on those days, and only its steps after the first list that holds it are kept (`FigureDelta` hears each
 * change through `VerdictChange`: the lists' membership is decided by the verdict fields the cells compare).
 */

/** `[marketplace, metric, day, category, carrier, from day, total, hit]`: a cell's step that applies from `from day`. */
export type LateStepIncrement = [Marketplace, CellMetric, string, string, string, string, number, number];

/**
 * The instants a package's verdicts compare with the as-of instant. Its delivery is not one of them: it matters
 * only with a confirmation at or after it (VTR rule 5), and is seen by the day that confirmation is.
 */
const packageInstants = (pkg: PackageView): (number | null)[] => [pkg.confirmedAt, pkg.firstScanAt, pkg.nonDeliveryScanAt, pkg.networkScanAt, pkg.firstAttemptAt];

/** The distinct local days of `instants`, in order. */
function changeDays(instants: readonly (number | null)[], zone: string): string[] {
  const days: string[] = [];
  for (const ms of instants) {
    if (ms === null) continue;
    const day = localDay(ms, zone);
    if (!days.includes(day)) days.push(day);
  }
  return days.sort();
}

/** What the cells take from a package's verdict (its reasons only as valid or not). */
const samePackageVerdict = (a: PackageVerdict, b: PackageVerdict): boolean =>
  a.vtrCounted === b.vtrCounted && (a.reasons.length === 0) === (b.reasons.length === 0) && a.otdrCounted === b.otdrCounted && a.onTime === b.onTime;

const sameOrderVerdict = (a: OrderVerdict, b: OrderVerdict): boolean =>
  a.lsrCounted === b.lsrCounted && a.late === b.late && a.crCounted === b.crCounted && a.sellerCancelled === b.sellerCancelled
  && a.sfpShipCounted === b.sfpShipCounted && a.sfpShippedOnTime === b.sfpShippedOnTime && a.sfpCancelCounted === b.sfpCancelCounted;

/** A verdict that changes on local day `day` (seen as of its end), from `from` to `to`. */
export type VerdictChange<V> = (day: string, from: V, to: V) => void;

export class LateSteps {
  /** marketplace → from day → cells. */
  private readonly byFrom = new Map<Marketplace, Map<string, CellAccumulator>>();
  private readonly shifted = new Map<number, Map<string, string>>();
  private readonly dayEnds = new Map<string, Map<string, number>>();

  /** The first as-of day whose report reads `metric` on `day`. */
  private firstReader(metric: CellMetric, day: string): string {
    const offset = firstReaderOffset(metric);
    if (offset === 0) return day;
    const byDay = childMap(this.shifted, offset);
    let shifted = byDay.get(day);
    if (shifted === undefined) byDay.set(day, (shifted = addDays(day, offset)));
    return shifted;
  }

  /** `asOfInstant` memoised per zone and day: a rebuild asks it for every step of millions of packages. */
  private dayEnd(day: string, zone: string): number {
    const byDay = childMap(this.dayEnds, zone);
    let end = byDay.get(day);
    if (end === undefined) byDay.set(day, (end = asOfInstant(day, zone)));
    return end;
  }

  private cellsFrom(marketplace: Marketplace, fromDay: string): CellAccumulator {
    const byFrom = childMap(this.byFrom, marketplace);
    let acc = byFrom.get(fromDay);
    if (acc === undefined) byFrom.set(fromDay, (acc = new CellAccumulator()));
    return acc;
  }

  /**
   * Adds the steps of a view over `days`, its change days: on each, what changes from its verdict as of the change
   * day before (before the first one nothing of the view is seen: instant -∞) to its verdict as of that day, in the
   * cells of each metric a report could still miss then (whose first reader, `readers[i]` for metric i, is before
   * that day). A day on which the verdict stays adds nothing; days up to the earliest first reader are skipped:
   * their steps are in every reading. `changed` hears every change after that reader (the defect rows' steps:
   * their first readers are never earlier than the cells', so no change they need is skipped).
   */
  private addSteps<V>(
    marketplace: Marketplace, days: readonly string[], readers: readonly (string | null)[], zone: string,
    verdictAt: (before: number) => V, same: (a: V, b: V) => boolean,
    addChange: (acc: CellAccumulator, from: V, to: V, metricIndex: number, count: number) => void, count: number,
    changed: VerdictChange<V> | undefined,
  ): void {
    let earliest: string | null = null;
    for (const reader of readers) if (reader !== null && (earliest === null || reader < earliest)) earliest = reader;
    if (earliest === null) return;
    let first = 0;
    while (first < days.length && days[first]! <= earliest) first++;
    if (first === days.length) return;
    let previous = verdictAt(first === 0 ? Number.NEGATIVE_INFINITY : this.dayEnd(days[first - 1]!, zone));
    for (let i = first; i < days.length; i++) {
      const day = days[i]!;
      const verdict = verdictAt(this.dayEnd(day, zone));
      if (!same(previous, verdict)) {
        const acc = this.cellsFrom(marketplace, day);
        for (let m = 0; m < readers.length; m++) {
          const reader = readers[m]!;
          if (reader !== null && reader < day) addChange(acc, previous, verdict, m, count);
        }
        changed?.(day, previous, verdict);
      }
      previous = verdict;
    }
  }

  /**
   * The steps of a package's cells (`count` -1 takes them back); `options` as the current cells are counted.
   * `staticDefect`: its confirmation judged by the carrier rules (`confirmationDefect`), when the caller has it;
   * `changed` hears the changes of its verdict after the first reader of its cells.
   */
  addPackage(
    pkg: PackageView, options: PackageCellOptions, count: 1 | -1, staticDefect = confirmationDefect(pkg, options.judge), changed?: VerdictChange<PackageVerdict>,
  ): void {
    if (pkg.confirmedAt === null || pkg.fulfillmentChannel !== 'MFN') return; // in no cell as of any day
    const metrics = options.metrics;
    // Each metric's cell day (its SFP companion shares it): the day from which a report reads it.
    const readers = metrics.map((metric) => {
      const day = packageCellDay(pkg, metric);
      return day === null ? null : this.firstReader(metric, day);
    });
    this.addSteps(
      pkg.marketplace, changeDays(packageInstants(pkg), options.zone), readers, options.zone,
      (before) => classifyPackageAt(pkg, options, before, staticDefect), samePackageVerdict,
      (acc, from, to, m, n) => addPackageChangeCells(acc, pkg, from, to, metrics[m]!, n), count, changed,
    );
  }

  /** The steps of an order's cells (LSR and CR with their SFP companions); `changed` as for a package. */
  addOrder(order: OrderView, metrics: readonly OrderMetric[], zone: string, count: 1 | -1, changed?: VerdictChange<OrderVerdict>): void {
    if (order.fulfillmentChannel !== 'MFN') return;
    // Its packages' first scans are not among them: a Prime order's first scan after the ship-by makes it late
    // whether seen or not once the ship-by has passed, and no report reads its cells before that.
    const instants: (number | null)[] = [order.latestShipDate, order.cancelledAt];
    for (const item of order.items) instants.push(item.cancelledAt);
    for (const p of order.packages) instants.push(p.confirmedAt);
    // Each metric's cell day (its SFP companion shares it).
    const readers = metrics.map((metric) => {
      const day = orderCellDay(order, metric);
      return day === null ? null : this.firstReader(metric, day);
    });
    this.addSteps(
      order.marketplace, changeDays(instants, zone), readers, zone, (before) => classifyOrder(order, before), sameOrderVerdict,
      (acc, from, to, m, n) => addOrderChangeCells(acc, order, from, to, metrics[m]!, n), count, changed,
    );
  }

  /** The steps that change something. */
  increments(): LateStepIncrement[] {
    const rows: LateStepIncrement[] = [];
    for (const [marketplace, byFrom] of this.byFrom) {
      for (const [fromDay, acc] of byFrom) {
        for (const c of acc.list()) if (c.total !== 0 || c.hit !== 0) rows.push([marketplace, c.metric, c.day, c.category, c.carrier, fromDay, c.total, c.hit]);
      }
    }
    return rows;
  }

  clear(): void {
    this.byFrom.clear();
  }
}
