import type { Marketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { addDays, dayInWindow, localDay } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import { figuresCurrent, readRollupCells } from '../store/rollups.js';
import type { Store } from '../store/store.js';
import type { Cell } from '../core/cells.js';
import { CellAccumulator, addOrderCells, addPackageCells } from './cells.js';
import { asOfInstant } from './classify.js';
import { configForView, exemptionFingerprint } from './config.js';
import type { MarketplaceMetricsConfig, MetricsConfig, MetricsView } from './config.js';
import type { BuiltReports, MetricsSource } from './report.js';
import { awaitingScanCells } from './awaiting-scan.js';
import { buildReports, neededRanges, vtrCellMetric } from './report.js';

export interface ComputeOptions {
  config: MetricsConfig;
  /** The current instant (time is a parameter, never read here). */
  now: number;
  /** Local as-of day; default: today in the marketplace's zone. */
  asOf?: string;
  /** Compute from raw rows even when rollups could answer. */
  recompute?: boolean;
  /** `live` (default): windows end on as-of; `amazon`: VTR lagged as Seller Central shows it. */
  view?: MetricsView;
}

/**
 * The kept figures hold current knowledge, which is what "as of today" sees. A past as-of must not see what
 * arrived after it, so it is computed from raw rows (docs/metrics.md). An as-of after today (in the marketplace's
 * zone) is refused: nothing is known about it yet, and a report for it would pass for one.
 */
export function chooseSource(asOf: string, today: string, recompute: boolean): MetricsSource {
  if (asOf > today) {
    throw new VtrguardError('BAD_REQUEST', `as-of ${asOf} is in the future (today is ${today} in the marketplace's time zone)`, {
      field: 'asOf', value: asOf,
    });
  }
  return recompute || asOf < today ? 'raw' : 'rollups';
}

/**
 * Cells for one report, classified from raw rows as of the end of `asOf`. Each window is one streamed query
 * (memory stays bounded however large the window; on PostgreSQL a query per week scanned the tables once a
 * week), and when VTR is attributed by promised day the VTR and OTDR windows are read together: each package
 * is read once and counted in each window its day falls in.
 */
export async function cellsFromRaw(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  asOf: string,
  cfg: MarketplaceMetricsConfig,
): Promise<Cell[]> {
  const ranges = neededRanges(asOf, cfg);
  const ctx = { before: asOfInstant(asOf, cfg.zone), zone: cfg.zone, exemptions: cfg.exemptions };
  const acc = new CellAccumulator();
  const vtrMetric = vtrCellMetric(cfg);
  const vtrOnly = { ...ctx, metrics: [vtrMetric] as const };
  const otdrOnly = { ...ctx, metrics: ['otdr'] as const };
  const packages = async () => {
    if (cfg.attribution === 'promised_delivery') {
      const both = { ...ctx, metrics: ['vtr_pd', 'otdr'] as const };
      // One range when the windows overlap or touch; two when a long lag leaves a gap between them.
      const reads = overlaps(ranges.vtr, { from: addDays(ranges.otdr.from, -1), to: addDays(ranges.otdr.to, 1) })
        ? [{
            from: ranges.vtr.from < ranges.otdr.from ? ranges.vtr.from : ranges.otdr.from,
            to: ranges.vtr.to > ranges.otdr.to ? ranges.vtr.to : ranges.otdr.to,
          }]
        : [ranges.vtr, ranges.otdr];
      for (const range of reads) {
        await store.eachPackageByDay(sellerId, marketplace, range, 'promised_delivery', (pkg) => {
          const vtr = dayInWindow(pkg.promisedDay, ranges.vtr);
          const otdr = dayInWindow(pkg.promisedDay, ranges.otdr);
          if (vtr || otdr) addPackageCells(acc, pkg, vtr ? (otdr ? both : vtrOnly) : otdrOnly);
        });
      }
    } else {
      await store.eachPackageByDay(sellerId, marketplace, ranges.vtr, cfg.attribution, (pkg) => addPackageCells(acc, pkg, vtrOnly));
      await store.eachPackageByDay(sellerId, marketplace, ranges.otdr, 'promised_delivery', (pkg) => addPackageCells(acc, pkg, otdrOnly));
    }
  };
  // LSR (by ship-by day) and CR (by purchase day) in one read: an order counts in each window its day is in.
  const orders = () =>
    store.eachOrderByDays(sellerId, marketplace, ranges.lsr, ranges.cr, (order) => {
      const lsr = order.shipByDay !== null && dayInWindow(order.shipByDay, ranges.lsr);
      const cr = dayInWindow(order.purchaseDay, ranges.cr);
      if (lsr || cr) addOrderCells(acc, order, lsr ? (cr ? LSR_CR : LSR) : CR, ctx.before);
    });
  // The two reads are independent and only add to `acc` (batch by batch, on one thread): on PostgreSQL they run
  // at once on separate connections (the server works on both in parallel); SQLite's driver runs them in turn.
  await Promise.all([packages(), orders()]);
  return acc.list();
}

const LSR = ['lsr'] as const;
const CR = ['cr'] as const;
const LSR_CR = ['lsr', 'cr'] as const;

function overlaps(a: DayWindow, b: DayWindow): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export async function cellsFromRollups(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  asOf: string,
  config: MetricsConfig,
): Promise<Cell[]> {
  const cfg = config[marketplace];
  const ranges = neededRanges(asOf, cfg);
  return readRollupCells(store, sellerId, marketplace, { vtrMetric: vtrCellMetric(cfg), ...ranges });
}

export async function computeReports(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  options: ComputeOptions,
): Promise<BuiltReports> {
  const view = options.view ?? 'live';
  const config = configForView(options.config, view);
  const cfg = config[marketplace];
  const today = localDay(options.now, cfg.zone);
  const asOf = options.asOf ?? today;
  // Kept figures that lag the writes or were counted with another configuration do not answer: raw rows do.
  const source = chooseSource(asOf, today, options.recompute === true) === 'rollups'
    && await figuresCurrent(store, sellerId, exemptionFingerprint(options.config)) ? 'rollups' : 'raw';
  const cells =
    source === 'raw'
      ? await cellsFromRaw(store, sellerId, marketplace, asOf, cfg)
      : await cellsFromRollups(store, sellerId, marketplace, asOf, config);
  // What is in flight only matters for a forecast from today: a past as-of already knows how it ended.
  const awaiting = asOf >= today ? await awaitingScanCells(store, sellerId, marketplace, cfg, options.now) : [];
  return buildReports(cells, asOf, marketplace, cfg, source, awaiting, view);
}

/** One marketplace when asked, else every marketplace the seller has orders in. */
export async function marketplacesFor(store: Store, sellerId: string, marketplace?: Marketplace): Promise<Marketplace[]> {
  return marketplace ? [marketplace] : store.marketplaces(sellerId);
}
