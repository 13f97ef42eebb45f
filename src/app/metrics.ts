import type { Marketplace } from '../core/domain.js';
import { addDays, dayInWindow, localDay } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import { figuresCurrent, readRollupCells } from '../store/rollups.js';
import type { RollupQuery } from '../store/rollups.js';
import type { Store } from '../store/store.js';
import type { Cell } from '../core/cells.js';
import { CellAccumulator, addOrderCells, addPackageCells } from '../metrics/cells.js';
import { asOfInstant, classifyContext } from '../metrics/classify.js';
import { configForView, exemptionFingerprint } from '../metrics/config.js';
import type { MarketplaceMetricsConfig, MetricsConfig, MetricsView } from '../metrics/config.js';
import type { BuiltReports, ForecastReport, MetricsReport, MetricsSource } from '../metrics/report.js';
import { readAwaitingScanCells } from './awaiting-scan.js';
import { assertAsOfNotAhead, buildReports, neededRanges, vtrCellMetric } from '../metrics/report.js';
import { assertKnownCategorySomewhere } from './known-names.js';
import { staticTrackingDefect } from '../validate/assess.js';

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
  const ctx = classifyContext(cfg, asOfInstant(asOf, cfg.zone), staticTrackingDefect);
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

/** The windows of cells a read needs (the kept figures' query without its as-of day). */
export type CellWindows = Omit<RollupQuery, 'asOf'>;

export interface CellRead {
  /** The store, the seller and the marketplace read. */
  store: Store;
  sellerId: string;
  marketplace: Marketplace;
  /** The configuration as set (its fingerprint is the one the kept figures must have been counted with). */
  config: MetricsConfig;
  asOf: string;
  /** Today in the marketplace's zone. */
  today: string;
  /** Raw rows even when the kept figures could answer. */
  recompute?: boolean;
  windows: CellWindows;
  /** The same cells classified from raw rows as of the end of `asOf`. */
  raw: () => Promise<Cell[]>;
}

/**
 * The cells of a read and where they came from: one rule for /v1/metrics, the trend and the scorecard. The kept
 * figures answer when they include every write and were counted with this configuration: as they stand as of
 * today (current knowledge is what it sees), as of the end of a past day with their late steps from after it taken
 * back (src/metrics/late-steps.ts; exact for every window a report as of that day reads: `firstReaderOffset`).
 * Raw rows answer when they lag a write made without them, were counted with another configuration, or a
 * recompute is asked.
 */
export async function readCells(read: CellRead): Promise<{ source: MetricsSource; cells: Cell[] }> {
  const { store, sellerId, asOf } = read;
  assertAsOfNotAhead(asOf, read.today);
  if (read.recompute === true || !(await figuresCurrent(store, sellerId, exemptionFingerprint(read.config)))) return { source: 'raw', cells: await read.raw() };
  const past = asOf < read.today ? { asOf } : {};
  return { source: 'rollups', cells: await readRollupCells(store, sellerId, read.marketplace, { ...read.windows, ...past }) };
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
  const { source, cells } = await readCells({
    store, sellerId, marketplace, config: options.config, asOf, today, recompute: options.recompute,
    windows: { vtrMetric: vtrCellMetric(cfg), ...neededRanges(asOf, cfg) },
    raw: () => cellsFromRaw(store, sellerId, marketplace, asOf, cfg),
  });
  // What is in flight only matters for a forecast from today: a past as-of already knows how it ended.
  const awaiting = asOf >= today ? await readAwaitingScanCells(store, sellerId, marketplace, cfg, options.now) : [];
  return buildReports(cells, asOf, marketplace, cfg, source, awaiting, view);
}

/** One marketplace when asked, else every marketplace the seller has orders in. */
export async function marketplacesFor(store: Store, sellerId: string, marketplace?: Marketplace): Promise<Marketplace[]> {
  return marketplace ? [marketplace] : store.marketplaces(sellerId);
}

/**
 * `vtrguard metrics` and `GET /v1/metrics`: the report of one marketplace when asked, else of every marketplace the
 * seller has orders in.
 */
export async function readMetrics(
  store: Store,
  sellerId: string,
  marketplace: Marketplace | undefined,
  options: ComputeOptions,
): Promise<MetricsReport[]> {
  const reports: MetricsReport[] = [];
  for (const m of await marketplacesFor(store, sellerId, marketplace)) reports.push((await computeReports(store, sellerId, m, options)).metrics);
  return reports;
}

/** `vtrguard forecast` and `GET /v1/forecast`: as `readMetrics`, narrowed to one category (any case) when asked. */
export async function readForecasts(
  store: Store,
  sellerId: string,
  marketplace: Marketplace | undefined,
  category: string | undefined,
  options: ComputeOptions,
): Promise<ForecastReport[]> {
  const wanted = category?.toLowerCase();
  const forecasts: ForecastReport[] = [];
  const marketplaces = await marketplacesFor(store, sellerId, marketplace);
  // A category sold nowhere is a typo: say so, with the nearest name, rather than forecast nothing.
  if (category) await assertKnownCategorySomewhere(store, sellerId, marketplaces, category, options.config);
  for (const m of marketplaces) {
    const { forecast } = await computeReports(store, sellerId, m, options);
    forecasts.push(wanted ? { ...forecast, categories: forecast.categories.filter((c) => c.category.toLowerCase() === wanted) } : forecast);
  }
  return forecasts;
}
