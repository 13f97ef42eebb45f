import type { Marketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { addDays, dayWindow } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { Cell, CellMetric } from '../core/cells.js';
import { ALL, SFP_COMPANIONS, isOtdrMetric } from '../core/cells.js';
import type { MarketplaceMetricsConfig, MetricsView } from './config.js';
import type { DailySeries, GroupForecast } from './forecast.js';
import { forecastSeries, vtrWindow } from './forecast.js';
import type { Direction, MetricStatus } from './rates.js';
import { rate, statusOf } from './rates.js';

export type MetricsSource = 'rollups' | 'raw';

export interface VtrLine {
  valid: number;
  total: number;
  rate: number | null;
  status: MetricStatus;
}

/** Days of VTR's short window (definitions.md v2: Amazon shows 7-day VTR in EU marketplaces and India). */
export const VTR_SHORT_WINDOW_DAYS = 7;
/** Where Amazon shows that 7-day VTR (definitions.md v2): the EU marketplaces, the UK and India. */
export const SHORT_VTR_MARKETPLACES: readonly Marketplace[] = ['UK', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE', 'IN'];

/** The metrics JSON of formats.md (plus a few extra fields: source, attribution, lag, targets, windows). */
export interface MetricsReport {
  asOf: string;
  marketplace: Marketplace;
  source: MetricsSource;
  /** `live`: windows end on as-of; `amazon`: VTR lagged by the marketplace's `amazonLagDays`. */
  view: MetricsView;
  vtr: {
    window: DayWindow;
    target: number;
    attribution: MarketplaceMetricsConfig['attribution'];
    lagDays: number;
    overall: VtrLine;
    /** The 7 days ending where the 30-day window ends, overall. */
    d7: VtrLine & { window: DayWindow };
    byCategory: (VtrLine & { category: string; neededToRecover: number })[];
    byCarrier: (VtrLine & { carrier: string })[];
  };
  lsr: {
    target: number;
    d10: LsrLine;
    d30: LsrLine;
  };
  cr: { window: DayWindow; target: number; cancelled: number; total: number; rate: number | null; status: MetricStatus };
  /** `unit`: onTime and total count item units (US), else packages. */
  otdr: { window: DayWindow; target: number; unit: 'package' | 'unit'; onTime: number; total: number; rate: number | null; status: MetricStatus };
  /** Seller Fulfilled Prime (definitions.md v2); null when no Prime order falls in any of its windows. */
  sfp: SfpReport | null;
}

export interface SfpLine {
  window: DayWindow;
  target: number;
  total: number;
  rate: number | null;
  status: MetricStatus;
}

export interface SfpReport {
  /** Prime orders by latest ship day (30 days), on time by each package's first carrier scan; good at >= target. */
  onTimeShipment: SfpLine & { onTime: number };
  /** Prime orders purchased in CR's 7 days, cancelled by the seller; good at <= target. */
  cancelRate: SfpLine & { cancelled: number };
  /** OTDR of Prime packages (OTDR's window and unit); good at >= target. */
  otdr: SfpLine & { onTime: number };
  /** VTR of Prime packages: VTR's rules, 30-day window, attribution and the view's lag, overall; good at >= target. */
  vtr: SfpLine & { valid: number };
}

export interface LsrLine {
  window: DayWindow;
  late: number;
  total: number;
  rate: number | null;
  status: MetricStatus;
}

export interface ForecastReport {
  asOf: string;
  marketplace: Marketplace;
  target: number;
  window: DayWindow;
  overall: GroupForecast;
  categories: (GroupForecast & { category: string })[];
}

/** The forecast reads VTR cells this many days past the window. */
export const FORECAST_DAYS = 14;
/** OTDR's window ends this many days before as-of. */
const OTDR_END_DAYS = 7;

/** The days a report needs cells for, per metric (the raw path fetches exactly these). */
export function neededRanges(asOf: string, cfg: MarketplaceMetricsConfig): Record<'vtr' | 'otdr' | 'lsr' | 'cr', DayWindow> {
  const vtr = vtrWindow(asOf, cfg.lagDays);
  return {
    vtr: { from: vtr.from, to: addDays(vtr.to, FORECAST_DAYS) },
    otdr: otdrWindow(asOf),
    lsr: dayWindow(asOf, 30),
    cr: dayWindow(asOf, 7),
  };
}

/** OTDR: promised days D-20 … D-7. */
export function otdrWindow(asOf: string): DayWindow {
  return dayWindow(addDays(asOf, -OTDR_END_DAYS), 14);
}

/**
 * How many days after a cell's day the earliest as-of whose report reads it falls (negative: before it). Every
 * window of `neededRanges` ends on as-of or earlier — VTR's plus the forecast's days, which a lag only moves
 * later — so a fact seen by that day is seen by every report that reads the cell.
 */
export function firstReaderOffset(metric: CellMetric): number {
  if (metric === 'vtr_pd' || metric === 'vtr_sc' || metric === 'sfp_vtr_pd' || metric === 'sfp_vtr_sc') return -FORECAST_DAYS;
  return isOtdrMetric(metric) ? OTDR_END_DAYS : 0;
}

/**
 * How many days after a kept defect row's day the earliest as-of whose defect list holds it falls: every window of
 * `defectWindow` ends on as-of or earlier — VTR's lag (never negative) only moves it earlier, OTDR's ends
 * OTDR_END_DAYS before — and no list forecasts. Never earlier than `firstReaderOffset` of the same metric.
 */
export function defectFirstListingOffset(metric: CellMetric): number {
  return isOtdrMetric(metric) ? OTDR_END_DAYS : 0;
}

export function vtrCellMetric(cfg: MarketplaceMetricsConfig): 'vtr_pd' | 'vtr_sc' {
  return cfg.attribution === 'promised_delivery' ? 'vtr_pd' : 'vtr_sc';
}

type MutableSeries = Map<string, { total: number; hit: number }>;

function addTo(map: Map<string, MutableSeries>, key: string, cell: Cell): void {
  let series = map.get(key);
  if (!series) {
    series = new Map();
    map.set(key, series);
  }
  const day = series.get(cell.day) ?? { total: 0, hit: 0 };
  day.total += cell.total;
  day.hit += cell.hit;
  series.set(cell.day, day);
}

interface VtrSeries {
  overall: DailySeries;
  byCategory: Map<string, MutableSeries>;
  byCarrier: Map<string, MutableSeries>;
}

function vtrSeries(cells: readonly Cell[], metric: CellMetric): VtrSeries {
  const overall = new Map<string, MutableSeries>();
  const byCategory = new Map<string, MutableSeries>();
  const byCarrier = new Map<string, MutableSeries>();
  for (const cell of cells) {
    if (cell.metric !== metric) continue;
    if (cell.category === ALL) {
      addTo(overall, ALL, cell);
      addTo(byCarrier, cell.carrier, cell);
    } else {
      addTo(byCategory, cell.category, cell);
    }
  }
  return { overall: overall.get(ALL) ?? new Map(), byCategory, byCarrier };
}

function sumCells(cells: readonly Cell[], metric: CellMetric, window: DayWindow): { hit: number; total: number } {
  let hit = 0;
  let total = 0;
  for (const cell of cells) {
    if (cell.metric === metric && cell.category === ALL && cell.day >= window.from && cell.day <= window.to) {
      hit += cell.hit;
      total += cell.total;
    }
  }
  return { hit, total };
}

const byRateThenName = <T extends { rate: number | null }>(name: (t: T) => string) => (a: T, b: T): number =>
  (a.rate ?? 2) - (b.rate ?? 2) || name(a).localeCompare(name(b));

/** Lines whose window holds no package are left out (a category that shipped nothing in the window). */
function groupForecasts(
  groups: Map<string, MutableSeries>,
  awaiting: Map<string, MutableSeries>,
  asOf: string,
  cfg: MarketplaceMetricsConfig,
): [string, GroupForecast][] {
  return [...groups]
    .map(([name, series]) => [name, forecastSeries(series, asOf, cfg.lagDays, cfg.targets.vtr, awaiting.get(name))] as [string, GroupForecast])
    .filter(([, f]) => f.total > 0 || f.days.some((d) => d.total > 0));
}

export interface BuiltReports {
  metrics: MetricsReport;
  forecast: ForecastReport;
}

export function buildReports(
  cells: readonly Cell[],
  asOf: string,
  marketplace: Marketplace,
  cfg: MarketplaceMetricsConfig,
  source: MetricsSource,
  /** VTR cells of packages expected to get their first scan (awaiting-scan.ts); used by the forecast only. */
  awaitingScan: readonly Cell[] = [],
  view: MetricsView = 'live',
): BuiltReports {
  const targets = cfg.targets;
  const series = vtrSeries(cells, vtrCellMetric(cfg));
  const awaiting = vtrSeries(awaitingScan, vtrCellMetric(cfg));
  const overall = forecastSeries(series.overall, asOf, cfg.lagDays, targets.vtr, awaiting.overall);
  const categories = groupForecasts(series.byCategory, awaiting.byCategory, asOf, cfg);
  const carriers = groupForecasts(series.byCarrier, awaiting.byCarrier, asOf, cfg);
  const line = (f: GroupForecast): VtrLine => ({ valid: f.valid, total: f.total, rate: f.rate, status: f.status });

  const lsrLine = (days: number): LsrLine => {
    const window = dayWindow(asOf, days);
    const { hit, total } = sumCells(cells, 'lsr', window);
    const r = rate(hit, total);
    return { window, late: hit, total, rate: r, status: statusOf(r, targets.lsr, 'below') };
  };
  const crWindow = dayWindow(asOf, 7);
  const cr = sumCells(cells, 'cr', crWindow);
  const crRate = rate(cr.hit, cr.total);
  const otdrWin = otdrWindow(asOf);
  const otdr = sumCells(cells, 'otdr', otdrWin);
  const otdrRate = rate(otdr.hit, otdr.total);
  const lsr30 = dayWindow(asOf, 30);
  const sfpShip = sumCells(cells, 'sfp_ship', lsr30);
  const sfpCancel = sumCells(cells, 'sfp_cr', crWindow);
  const sfpOtdr = sumCells(cells, 'sfp_otdr', otdrWin);
  const sfpLine = (window: DayWindow, counts: { hit: number; total: number }, target: number, direction: Direction): SfpLine => {
    const r = rate(counts.hit, counts.total);
    return { window, target, total: counts.total, rate: r, status: statusOf(r, target, direction) };
  };
  const window = vtrWindow(asOf, cfg.lagDays);
  const sfpVtr = sumCells(cells, SFP_COMPANIONS[vtrCellMetric(cfg)], window);
  // Prime packages are in Prime orders: without a Prime order in the order windows or a Prime package in OTDR's or
  // VTR's, no SFP.
  const sfp: SfpReport | null =
    sfpShip.total + sfpCancel.total + sfpOtdr.total + sfpVtr.total === 0
      ? null
      : {
        onTimeShipment: { ...sfpLine(lsr30, sfpShip, targets.sfpShip, 'at_least'), onTime: sfpShip.hit },
        cancelRate: { ...sfpLine(crWindow, sfpCancel, targets.sfpCancel, 'at_most'), cancelled: sfpCancel.hit },
        otdr: { ...sfpLine(otdrWin, sfpOtdr, targets.sfpOtdr, 'at_least'), onTime: sfpOtdr.hit },
        vtr: { ...sfpLine(window, sfpVtr, targets.sfpVtr, 'at_least'), valid: sfpVtr.hit },
      };
  const d7Window = dayWindow(window.to, VTR_SHORT_WINDOW_DAYS);
  const d7 = sumCells(cells, vtrCellMetric(cfg), d7Window);
  const d7Rate = rate(d7.hit, d7.total);

  const metrics: MetricsReport = {
    asOf,
    marketplace,
    source,
    view,
    vtr: {
      window,
      target: targets.vtr,
      attribution: cfg.attribution,
      lagDays: cfg.lagDays,
      overall: line(overall),
      d7: { window: d7Window, valid: d7.hit, total: d7.total, rate: d7Rate, status: statusOf(d7Rate, targets.vtr, 'at_least') },
      byCategory: categories
        .filter(([, f]) => f.total > 0)
        .map(([category, f]) => ({ category, ...line(f), neededToRecover: f.neededToRecover }))
        .sort(byRateThenName((l) => l.category)),
      byCarrier: carriers
        .filter(([, f]) => f.total > 0)
        .map(([carrier, f]) => ({ carrier, ...line(f) }))
        .sort(byRateThenName((l) => l.carrier)),
    },
    lsr: { target: targets.lsr, d10: lsrLine(10), d30: lsrLine(30) },
    cr: { window: crWindow, target: targets.cr, cancelled: cr.hit, total: cr.total, rate: crRate, status: statusOf(crRate, targets.cr, 'below') },
    otdr: {
      window: otdrWin, target: targets.otdr, unit: cfg.otdrUnit, onTime: otdr.hit, total: otdr.total, rate: otdrRate,
      status: statusOf(otdrRate, targets.otdr, 'at_least'),
    },
    sfp,
  };
  const forecast: ForecastReport = {
    asOf,
    marketplace,
    target: targets.vtr,
    window,
    overall,
    categories: categories.map(([category, f]) => ({ category, ...f })).sort(byRateThenName((l) => l.category)),
  };
  return { metrics, forecast };
}

/**
 * An as-of after today (in the marketplace's zone) is refused: nothing is known about it yet, and a report for it
 * would pass for one.
 */
export function assertAsOfNotAhead(asOf: string, today: string): void {
  if (asOf > today) {
    throw new VtrguardError('BAD_REQUEST', `as-of ${asOf} is in the future (today is ${today} in the marketplace's time zone)`, {
      field: 'asOf', value: asOf,
    });
  }
}

