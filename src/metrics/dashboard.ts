import type { Cell } from '../core/cells.js';
import { ALL } from '../core/cells.js';
import type { Marketplace } from '../core/domain.js';
import { MARKETPLACES } from '../core/domain.js';
import { addDays } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { MarketplaceMetricsConfig } from './config.js';
import type { DailySeries } from './forecast.js';
import { sumWindow, vtrWindow } from './forecast.js';
import { rate } from './rates.js';
import type { MetricsSource, VtrLine } from './report.js';
import { buildReports, otdrWindow, vtrCellMetric } from './report.js';

/**
 * The dashboard's own read models: the marketplace list, the 60-day VTR trend and the carrier scorecard.
 * Every figure comes from metric cells (src/core/cells.ts) through the metrics module's own window and
 * rate functions, so the trend's last point is the VTR of /v1/metrics and the scorecard's VTR is its
 * `byCarrier` — nothing here redefines a metric.
 */

export const TREND_DEFAULT_DAYS = 60;
export const TREND_MAX_DAYS = 180;

export interface RatePoint {
  date: string;
  valid: number;
  total: number;
  rate: number | null;
}

export interface TrendReport {
  marketplace: Marketplace;
  asOf: string;
  /** Where the cells came from, as in /v1/metrics: the kept figures (`rollups`) or raw rows. */
  source: MetricsSource;
  days: number;
  target: number;
  overall: RatePoint[];
  byCategory: { category: string; points: RatePoint[] }[];
}

export interface CarrierScore {
  carrier: string;
  packages: number;
  vtr: VtrLine;
  medianHoursToFirstScan: number | null;
  onTime: { onTime: number; total: number; rate: number | null };
}

export interface ScorecardReport {
  marketplace: Marketplace;
  asOf: string;
  /**
   * Where the VTR and on-time cells came from, as in /v1/metrics, and the medians with them (a past as-of's from the
   * kept histogram's level 0 less its late steps).
   */
  source: MetricsSource;
  /** The VTR target the statuses are judged against. */
  target: number;
  window: DayWindow;
  otdrWindow: DayWindow;
  carriers: CarrierScore[];
}

type MutableSeries = Map<string, { total: number; hit: number }>;

function addCell(groups: Map<string, MutableSeries>, key: string, cell: Cell): void {
  let series = groups.get(key);
  if (!series) {
    series = new Map();
    groups.set(key, series);
  }
  const day = series.get(cell.day) ?? { total: 0, hit: 0 };
  day.total += cell.total;
  day.hit += cell.hit;
  series.set(cell.day, day);
}

export function sortMarketplaces(codes: readonly Marketplace[]): Marketplace[] {
  return [...codes].sort((a, b) => MARKETPLACES.indexOf(a) - MARKETPLACES.indexOf(b));
}

/** The days of cells the trend needs: the window of the oldest as-of day through the newest. */
export function trendRange(asOf: string, days: number, lagDays: number): DayWindow {
  return { from: vtrWindow(addDays(asOf, -(days - 1)), lagDays).from, to: vtrWindow(asOf, lagDays).to };
}

function pointsOf(series: DailySeries, asOf: string, days: number, lagDays: number): RatePoint[] {
  const points: RatePoint[] = [];
  for (let k = days - 1; k >= 0; k--) {
    const date = addDays(asOf, -k);
    const { valid, total } = sumWindow(series, vtrWindow(date, lagDays));
    points.push({ date, valid, total, rate: rate(valid, total) });
  }
  return points;
}

/**
 * Each point is the VTR a report as of that day would show, with what is known as of `asOf` — the same
 * knowledge the forecast uses, so the trend and the forecast join into one line.
 */
export function buildTrend(
  cells: readonly Cell[],
  marketplace: Marketplace,
  asOf: string,
  days: number,
  cfg: MarketplaceMetricsConfig,
  source: MetricsSource,
): TrendReport {
  const metric = vtrCellMetric(cfg);
  const overall: MutableSeries = new Map();
  const byCategory = new Map<string, MutableSeries>();
  for (const cell of cells) {
    if (cell.metric !== metric) continue;
    if (cell.category === ALL) {
      const day = overall.get(cell.day) ?? { total: 0, hit: 0 };
      day.total += cell.total;
      day.hit += cell.hit;
      overall.set(cell.day, day);
    } else {
      addCell(byCategory, cell.category, cell);
    }
  }
  const categories = [...byCategory]
    .map(([category, series]) => ({ category, points: pointsOf(series, asOf, days, cfg.lagDays) }))
    .filter((s) => s.points.some((p) => p.total > 0))
    .sort((a, b) => a.category.localeCompare(b.category));
  return {
    marketplace,
    asOf,
    source,
    days,
    target: cfg.targets.vtr,
    overall: pointsOf(overall, asOf, days, cfg.lagDays),
    byCategory: categories,
  };
}

/**
 * The median of a histogram of tenth-of-an-hour buckets. Bucketing lets the database aggregate instead of
 * shipping every package to the server; a tenth of an hour is finer than anyone reads a median.
 */
export function medianOfBuckets(buckets: readonly { tenths: number; count: number }[]): number | null {
  const sorted = [...buckets].filter((b) => b.count > 0).sort((a, b) => a.tenths - b.tenths);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  // Lower and upper middle ranks (equal for odd totals); the median is their mean.
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let seen = 0;
  let low: number | null = null;
  let high: number | null = null;
  for (const bucket of sorted) {
    const next = seen + bucket.count;
    if (low === null && lowRank < next) low = bucket.tenths;
    if (high === null && highRank < next) high = bucket.tenths;
    if (high !== null) break;
    seen = next;
  }
  return ((low ?? 0) + (high ?? 0)) / 2 / 10;
}

/** Packages of one carrier whose first scan came `tenths` tenths of an hour after confirmation. */
export interface DelayBucket {
  carrier: string;
  tenths: number;
  count: number;
}

/** The median hours to first scan of each carrier in `buckets` (a level-0 histogram, raw or kept). */
export function mediansOfBuckets(buckets: readonly DelayBucket[]): Map<string, number | null> {
  const byCarrier = new Map<string, DelayBucket[]>();
  for (const bucket of buckets) {
    const list = byCarrier.get(bucket.carrier) ?? [];
    list.push(bucket);
    byCarrier.set(bucket.carrier, list);
  }
  return new Map([...byCarrier].map(([carrier, list]) => [carrier, medianOfBuckets(list)]));
}

export function buildScorecard(
  cells: readonly Cell[],
  medians: ReadonlyMap<string, number | null>,
  marketplace: Marketplace,
  asOf: string,
  cfg: MarketplaceMetricsConfig,
  source: MetricsSource,
  /** Packages still within their scan grace period (awaiting-scan.ts): the status rule of /v1/metrics needs them. */
  awaitingScan: readonly Cell[] = [],
): ScorecardReport {
  // VTR per carrier exactly as /v1/metrics reports it (same builder, same cells, same awaiting-scan rule).
  const { metrics } = buildReports(cells, asOf, marketplace, cfg, 'rollups', awaitingScan);
  const window = otdrWindow(asOf);
  const onTime = new Map<string, { onTime: number; total: number }>();
  for (const cell of cells) {
    if (cell.metric !== 'otdr' || cell.category !== ALL || cell.day < window.from || cell.day > window.to) continue;
    const counts = onTime.get(cell.carrier) ?? { onTime: 0, total: 0 };
    counts.onTime += cell.hit;
    counts.total += cell.total;
    onTime.set(cell.carrier, counts);
  }
  const carriers = new Set([...metrics.vtr.byCarrier.map((c) => c.carrier), ...onTime.keys()]);
  const scores: CarrierScore[] = [...carriers].map((carrier) => {
    const vtr = metrics.vtr.byCarrier.find((c) => c.carrier === carrier);
    const ot = onTime.get(carrier) ?? { onTime: 0, total: 0 };
    return {
      carrier,
      packages: vtr?.total ?? 0,
      vtr: vtr ? { valid: vtr.valid, total: vtr.total, rate: vtr.rate, status: vtr.status } : { valid: 0, total: 0, rate: null, status: 'none' },
      medianHoursToFirstScan: medians.get(carrier) ?? null,
      onTime: { ...ot, rate: rate(ot.onTime, ot.total) },
    };
  });
  scores.sort((a, b) => b.packages - a.packages || a.carrier.localeCompare(b.carrier));
  return { marketplace, asOf, source, target: cfg.targets.vtr, window: metrics.vtr.window, otdrWindow: window, carriers: scores };
}

