import type { Cell } from '../core/cells.js';
import type { PackageView } from '../core/views.js';
import { CellAccumulator, carrierLabel, packageCategories } from './cells.js';
import { ALL } from '../core/cells.js';
import { confirmationDefect, isExempt } from './classify.js';
import type { ConfirmationJudge } from './classify.js';
import type { MarketplaceMetricsConfig } from './config.js';
import { vtrCellMetric } from './report.js';

const HOUR = 3_600_000;

/** What the forecast reads of a package awaiting its first scan. */
export type AwaitingView = Pick<
  PackageView,
  'promisedDay' | 'confirmDay' | 'categories' | 'carrierCode' | 'carrierName' | 'trackingNumber' | 'marketplace' | 'shippingMethod' | 'exempt'
  | 'fulfillmentChannel' | 'declaredValue' | 'currency' | 'buyShipping'
>;

/** The confirmations since this instant are within the scan grace period at `now`. */
export function scanGraceStart(cfg: Pick<MarketplaceMetricsConfig, 'scanGraceHours'>, now: number): number {
  return now - cfg.scanGraceHours * HOUR;
}

/**
 * The forecast's one assumption beyond "no new packages": a package confirmed within the scan grace period
 * (default 24 h, the first-scan watch threshold) that has no carrier scan yet will get one. Today it counts as a
 * defect, as definitions.md says; in the forecast days it counts as valid. Without this, every parcel on its
 * way to its first scan looked like a future defect, and healthy categories showed `at_risk`. Packages past
 * the grace period stay defects in the forecast: they are what `vtrguard watch` lists.
 *
 * Takes the packages confirmed since `scanGraceStart` with no carrier scan yet; returns VTR cells (hit = total =
 * packages expected to be scanned) that the forecast adds to its valid counts.
 */
export function awaitingScanCells(awaiting: Iterable<AwaitingView>, cfg: MarketplaceMetricsConfig, judge: ConfirmationJudge): Cell[] {
  const metric = vtrCellMetric(cfg);
  const acc = new CellAccumulator();
  for (const pkg of awaiting) {
    // Only a missing scan may be pending: any other defect stays a defect whatever the carrier does. Rules 1–3 are
    // judged as today's figure judges them (classify.ts), not read from the verdict stored at import: a verdict
    // stored under older carrier rules would have the forecast expect a package to turn valid that today's figure
    // counts as a carrier defect (or the other way round), and the two would disagree on the same package.
    if (pkg.fulfillmentChannel !== 'MFN' || isExempt(pkg, cfg.exemptions, cfg.currency) || confirmationDefect(pkg, judge) !== null) continue;
    const day = metric === 'vtr_pd' ? pkg.promisedDay : pkg.confirmDay;
    if (day === null) continue;
    const carrier = carrierLabel(pkg);
    acc.add(metric, day, ALL, carrier, true);
    for (const category of packageCategories(pkg)) acc.add(metric, day, category, carrier, true);
  }
  return acc.list();
}
