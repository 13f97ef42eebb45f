import type { Cell } from '../core/cells.js';
import { compareCodeUnits } from '../core/compare.js';
import type { Marketplace } from '../core/domain.js';
import { addDays, localDay } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import { CellAccumulator, addPackageCells, carrierLabel } from '../metrics/cells.js';
import { asOfInstant, classifyContext } from '../metrics/classify.js';
import type { MarketplaceMetricsConfig, MetricsConfig } from '../metrics/config.js';
import type { ScorecardReport, TrendReport } from '../metrics/dashboard.js';
import { buildScorecard, buildTrend, mediansOfBuckets, sortMarketplaces, trendRange } from '../metrics/dashboard.js';
import { vtrWindow } from '../metrics/forecast.js';
import { otdrWindow, vtrCellMetric } from '../metrics/report.js';
import type { MetricsSource } from '../metrics/report.js';
import { readScanDelayMedians, readScanDelays, scanDelayBuckets } from '../store/scan-delays.js';
import type { ScanDelayBucket } from '../store/scan-delays.js';
import type { Store } from '../store/store.js';
import { readAwaitingScanCells } from './awaiting-scan.js';
import { readCells } from './metrics.js';
import { staticTrackingDefect } from '../validate/assess.js';

/**
 * The dashboard's reads: the marketplace list, the VTR trend and the carrier scorecard. The figures are built by
 * src/metrics/dashboard.ts from the same cells /v1/metrics reads; this module fetches them.
 */

/** Who reads, with which settings, at which instant. */
export interface DashboardReader {
  store: Store;
  sellerId: string;
  config: MetricsConfig;
  now: number;
  /** Raw rows even where the kept figures answer (what they are compared with in tests and benches). */
  recompute?: boolean;
}

export interface MarketplaceEntry {
  code: Marketplace;
  timeZone: string;
  /** Today's local date there. */
  today: string;
}

/** The seller's marketplaces in Amazon's own order (US first), so a page opens on the same one every time. */
export async function dashboardMarketplaces(reader: DashboardReader): Promise<MarketplaceEntry[]> {
  const codes = sortMarketplaces(await reader.store.marketplaces(reader.sellerId));
  return codes.map((code) => ({ code, timeZone: reader.config[code].zone, today: localDay(reader.now, reader.config[code].zone) }));
}

/** VTR per day of the `days` days up to `asOf`, overall and per category. */
export async function readTrend(reader: DashboardReader, marketplace: Marketplace, asOf: string, days: number): Promise<TrendReport> {
  const cfg = reader.config[marketplace];
  const { source, cells } = await loadCells(reader, marketplace, asOf, { vtr: trendRange(asOf, days, cfg.lagDays), otdr: null });
  return buildTrend(cells, marketplace, asOf, days, cfg, source);
}

/** Per carrier: VTR, median hours from confirmation to first scan, on-time delivery. */
export async function readScorecard(reader: DashboardReader, marketplace: Marketplace, asOf: string): Promise<ScorecardReport> {
  const { store, sellerId, now } = reader;
  const cfg = reader.config[marketplace];
  const today = localDay(now, cfg.zone);
  const vtrDays = vtrWindow(asOf, cfg.lagDays);
  // The report's forecast looks 14 days ahead; a carrier's at-risk status needs those days, as in /v1/metrics.
  const ranges = { vtr: { from: vtrDays.from, to: addDays(vtrDays.to, 14) }, otdr: otdrWindow(asOf) };
  const { source, cells } = await loadCells(reader, marketplace, asOf, ranges);
  // From the same source as the cells: the kept histogram as it stands today (its levels descended), or as of the
  // end of a past day (level 0 less its later steps); raw rows where the kept figures do not answer.
  const medians = source === 'raw'
    ? mediansOfBuckets(await rawScanDelays(store, sellerId, marketplace, cfg, vtrDays, asOf))
    : asOf < today
    ? mediansOfBuckets(await readScanDelays(store, sellerId, marketplace, vtrCellMetric(cfg), vtrDays, asOf))
    : await readScanDelayMedians(store, sellerId, marketplace, vtrCellMetric(cfg), vtrDays);
  // As in computeReports: what is in flight only matters for a status as of today.
  const awaiting = asOf >= today ? await readAwaitingScanCells(store, sellerId, marketplace, cfg, now) : [];
  return buildScorecard(cells, medians, marketplace, asOf, cfg, source, awaiting);
}

/**
 * The scan-delay histogram of the packages attributed to `range` as of the end of `asOf`, from raw rows: packages
 * per carrier label and tenths of an hour (the raw rows name a label's carrier in several ways: summed), in order.
 */
export async function rawScanDelays(
  store: Store, sellerId: string, marketplace: Marketplace, cfg: MarketplaceMetricsConfig, range: DayWindow, asOf: string,
): Promise<ScanDelayBucket[]> {
  const sums = new Map<string, ScanDelayBucket>();
  for (const b of await scanDelayBuckets(store, sellerId, marketplace, range, cfg.attribution, asOfInstant(asOf, cfg.zone))) {
    const carrier = carrierLabel(b);
    const key = `${carrier}\u0000${b.tenths}`;
    const sum = sums.get(key);
    if (sum) sum.count += b.count;
    else sums.set(key, { carrier, tenths: b.tenths, count: b.count });
  }
  return [...sums.values()].sort(byCarrierAndTenths);
}

/** Buckets in order of carrier label (code units), then tenths. */
export const byCarrierAndTenths = (a: ScanDelayBucket, b: ScanDelayBucket): number => compareCodeUnits(a.carrier, b.carrier) || a.tenths - b.tenths;

/** A window no day falls in (from > to): for the rollup reader's metrics a view does not need. */
const NO_DAYS: DayWindow = { from: '9999-12-31', to: '0000-01-01' };

export interface CellRanges {
  vtr: DayWindow;
  otdr: DayWindow | null;
}

/**
 * VTR (and OTDR) cells for the given days, from the source /v1/metrics reads (`readCells`): the kept figures,
 * as of a past day with their late steps taken back (a few thousand rows whatever the number of packages), or
 * raw rows classified as of the end of `asOf` when the kept figures do not answer.
 */
function loadCells(reader: DashboardReader, marketplace: Marketplace, asOf: string, ranges: CellRanges): Promise<{ source: MetricsSource; cells: Cell[] }> {
  const { store, sellerId, config } = reader;
  const cfg = config[marketplace];
  const vtrMetric = vtrCellMetric(cfg);
  const raw = async () => {
    const context = classifyContext(cfg, asOfInstant(asOf, cfg.zone), staticTrackingDefect);
    const acc = new CellAccumulator();
    for (const pkg of await store.packagesByDay(sellerId, marketplace, ranges.vtr, cfg.attribution)) {
      addPackageCells(acc, pkg, { ...context, metrics: [vtrMetric] });
    }
    if (ranges.otdr) {
      for (const pkg of await store.packagesByDay(sellerId, marketplace, ranges.otdr, 'promised_delivery')) {
        addPackageCells(acc, pkg, { ...context, metrics: ['otdr'] });
      }
    }
    return acc.list();
  };
  return readCells({
    store, sellerId, marketplace, config, asOf, today: localDay(reader.now, cfg.zone), recompute: reader.recompute,
    windows: { vtrMetric, vtr: ranges.vtr, otdr: ranges.otdr ?? NO_DAYS, lsr: NO_DAYS, cr: NO_DAYS },
    raw,
  });
}
