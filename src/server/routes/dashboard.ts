import type { FastifyInstance } from 'fastify';
import type { Marketplace } from '../../core/domain.js';
import { MARKETPLACES, isMarketplace } from '../../core/domain.js';
import { VtrguardError } from '../../core/errors.js';
import { addDays, isIsoDate, localDay } from '../../core/time.js';
import type { DayWindow } from '../../core/time.js';
import type { Cell } from '../../core/cells.js';
import { CellAccumulator, addPackageCells, carrierLabel } from '../../metrics/cells.js';
import { ALL } from '../../core/cells.js';
import { awaitingScanCells } from '../../metrics/awaiting-scan.js';
import { asOfInstant } from '../../metrics/classify.js';
import { chooseSource } from '../../metrics/compute.js';
import { DEFAULT_METRICS_CONFIG, exemptionFingerprint } from '../../metrics/config.js';
import type { MarketplaceMetricsConfig, MetricsConfig } from '../../metrics/config.js';
import type { DailySeries } from '../../metrics/forecast.js';
import { sumWindow, vtrWindow } from '../../metrics/forecast.js';
import type { VtrLine } from '../../metrics/report.js';
import { buildReports, otdrWindow, vtrCellMetric } from '../../metrics/report.js';
import { rate } from '../../metrics/rates.js';
import { figuresCurrent, readRollupCells } from '../../store/rollups.js';
import { readScanDelayMedians, scanDelayBuckets } from '../../store/scan-delays.js';
import type { ScanDelayBucket } from '../../store/scan-delays.js';
import type { Store } from '../../store/store.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

export type { ScanDelayBucket };

/**
 * The dashboard's own read models: the marketplace list, the 60-day VTR trend and the carrier scorecard.
 * Every figure comes from metric cells (src/metrics/cells.ts) through the metrics module's own window and
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

/** The median hours to first scan of each carrier in `buckets` (raw rows' histogram). */
export function mediansOfBuckets(buckets: readonly ScanDelayBucket[]): Map<string, number | null> {
  const byCarrier = new Map<string, ScanDelayBucket[]>();
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
  return { marketplace, asOf, window: metrics.vtr.window, otdrWindow: window, carriers: scores };
}

/** A window no day falls in (from > to): for the rollup reader's metrics a view does not need. */
const NO_DAYS: DayWindow = { from: '9999-12-31', to: '0000-01-01' };

export interface CellRanges {
  vtr: DayWindow;
  otdr: DayWindow | null;
}

/**
 * VTR (and OTDR) cells for the given days. The metrics module's rule picks the source: as of today the
 * rollups answer (a few thousand rows whatever the number of packages); a past as-of must not see what
 * arrived after it, so it is classified from raw rows as of the end of that day.
 */
/**
 * Whether the kept figures answer: as of today (or later), and current with the writes and the configuration
 * (else the raw rows do, as for a past as-of).
 */
async function keptFiguresAnswer(store: Store, sellerId: string, asOf: string, cfg: MarketplaceMetricsConfig, config: MetricsConfig, now: number): Promise<boolean> {
  return chooseSource(asOf, localDay(now, cfg.zone), false) === 'rollups' && figuresCurrent(store, sellerId, exemptionFingerprint(config));
}

export async function loadCells(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  asOf: string,
  ranges: CellRanges,
  config: MetricsConfig,
  now: number,
): Promise<Cell[]> {
  const cfg = config[marketplace];
  const vtrMetric = vtrCellMetric(cfg);
  if (await keptFiguresAnswer(store, sellerId, asOf, config[marketplace], config, now)) {
    return readRollupCells(store, sellerId, marketplace, {
      vtrMetric,
      vtr: ranges.vtr,
      otdr: ranges.otdr ?? NO_DAYS,
      lsr: NO_DAYS,
      cr: NO_DAYS,
    });
  }
  const context = { before: asOfInstant(asOf, cfg.zone), zone: cfg.zone, exemptions: cfg.exemptions };
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
}

interface MarketplaceQuery {
  marketplace: string;
  asOf?: string;
}

const marketplaceQuerySchema = {
  type: 'object',
  required: ['marketplace'],
  properties: {
    marketplace: { type: 'string', description: 'Marketplace code, e.g. US' },
    asOf: { type: 'string', format: 'date', description: "Local date in the marketplace; default: today there" },
  },
} as const;

const ratePointSchema = {
  type: 'object',
  required: ['date', 'valid', 'total', 'rate'],
  properties: {
    date: { type: 'string' },
    valid: { type: 'integer' },
    total: { type: 'integer' },
    rate: { type: ['number', 'null'] },
  },
} as const;

const windowSchema = {
  type: 'object',
  required: ['from', 'to'],
  properties: { from: { type: 'string' }, to: { type: 'string' } },
} as const;

export interface DashboardOptions extends RouteOptions {
  /** Per-marketplace metric settings; the defaults of definitions.md when the server passes none. */
  metricsConfig?: MetricsConfig;
}

export default async function dashboardRoutes(app: FastifyInstance, opts: DashboardOptions): Promise<void> {
  const config = opts.metricsConfig ?? DEFAULT_METRICS_CONFIG;

  const resolve = (query: MarketplaceQuery): { marketplace: Marketplace; asOf: string; cfg: MarketplaceMetricsConfig } => {
    const marketplace = query.marketplace.toUpperCase();
    if (!isMarketplace(marketplace)) {
      throw new VtrguardError('BAD_REQUEST', `Unknown marketplace "${query.marketplace}".`, { field: 'marketplace', value: query.marketplace });
    }
    const cfg = config[marketplace];
    const asOf = query.asOf ?? localDay(opts.now(), cfg.zone);
    if (!isIsoDate(asOf)) throw new VtrguardError('BAD_REQUEST', 'asOf must be a date, YYYY-MM-DD.', { field: 'asOf', value: asOf });
    return { marketplace, asOf, cfg };
  };

  app.get('/marketplaces', {
    schema: {
      tags: ['dashboard'],
      summary: "The seller's marketplaces, with each one's time zone and today's local date",
      response: {
        200: {
          type: 'object',
          required: ['marketplaces'],
          properties: {
            marketplaces: {
              type: 'array',
              items: {
                type: 'object',
                required: ['code', 'timeZone', 'today'],
                properties: { code: { type: 'string' }, timeZone: { type: 'string' }, today: { type: 'string' } },
              },
            },
          },
        },
        ...errorResponses(),
      },
    },
  }, async (request) => {
    // Amazon's own order (US first), so the page opens on the same marketplace every time.
    const codes = sortMarketplaces(await opts.store.marketplaces(request.sellerId));
    const now = opts.now();
    return {
      marketplaces: codes.map((code) => ({ code, timeZone: config[code].zone, today: localDay(now, config[code].zone) })),
    };
  });

  app.get<{ Querystring: MarketplaceQuery & { days?: number } }>('/trend', {
    schema: {
      tags: ['dashboard'],
      summary: 'VTR per day of the last N days (each day: its 30-day window), overall and per category',
      querystring: {
        ...marketplaceQuerySchema,
        properties: {
          ...marketplaceQuerySchema.properties,
          days: { type: 'integer', minimum: 1, maximum: TREND_MAX_DAYS, default: TREND_DEFAULT_DAYS },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['marketplace', 'asOf', 'days', 'target', 'overall', 'byCategory'],
          properties: {
            marketplace: { type: 'string' },
            asOf: { type: 'string' },
            days: { type: 'integer' },
            target: { type: 'number' },
            overall: { type: 'array', items: ratePointSchema },
            byCategory: {
              type: 'array',
              items: {
                type: 'object',
                required: ['category', 'points'],
                properties: { category: { type: 'string' }, points: { type: 'array', items: ratePointSchema } },
              },
            },
          },
        },
        ...errorResponses('BAD_REQUEST', 'VALIDATION_FAILED'),
      },
    },
  }, async (request) => {
    const { marketplace, asOf, cfg } = resolve(request.query);
    const days = request.query.days ?? TREND_DEFAULT_DAYS;
    const ranges = { vtr: trendRange(asOf, days, cfg.lagDays), otdr: null };
    const cells = await loadCells(opts.store, request.sellerId, marketplace, asOf, ranges, config, opts.now());
    return buildTrend(cells, marketplace, asOf, days, cfg);
  });

  app.get<{ Querystring: MarketplaceQuery }>('/scorecard', {
    schema: {
      tags: ['dashboard'],
      summary: 'Per carrier: VTR, median hours from confirmation to first scan, on-time delivery',
      querystring: marketplaceQuerySchema,
      response: {
        200: {
          type: 'object',
          required: ['marketplace', 'asOf', 'window', 'otdrWindow', 'carriers'],
          properties: {
            marketplace: { type: 'string' },
            asOf: { type: 'string' },
            window: windowSchema,
            otdrWindow: windowSchema,
            carriers: {
              type: 'array',
              items: {
                type: 'object',
                required: ['carrier', 'packages', 'vtr', 'medianHoursToFirstScan', 'onTime'],
                properties: {
                  carrier: { type: 'string' },
                  packages: { type: 'integer' },
                  vtr: {
                    type: 'object',
                    required: ['valid', 'total', 'rate', 'status'],
                    properties: {
                      valid: { type: 'integer' },
                      total: { type: 'integer' },
                      rate: { type: ['number', 'null'] },
                      status: { type: 'string', enum: ['good', 'bad', 'at_risk', 'none'] },
                    },
                  },
                  medianHoursToFirstScan: { type: ['number', 'null'] },
                  onTime: {
                    type: 'object',
                    required: ['onTime', 'total', 'rate'],
                    properties: { onTime: { type: 'integer' }, total: { type: 'integer' }, rate: { type: ['number', 'null'] } },
                  },
                },
              },
            },
          },
        },
        ...errorResponses('BAD_REQUEST', 'VALIDATION_FAILED'),
      },
    },
  }, async (request) => {
    const { marketplace, asOf, cfg } = resolve(request.query);
    const vtrDays = vtrWindow(asOf, cfg.lagDays);
    // The report's forecast looks 14 days ahead; a carrier's at-risk status needs those days, as in /v1/metrics.
    const ranges = { vtr: { from: vtrDays.from, to: addDays(vtrDays.to, 14) }, otdr: otdrWindow(asOf) };
    const now = opts.now();
    const cells = await loadCells(opts.store, request.sellerId, marketplace, asOf, ranges, config, now);
    const medians = await keptFiguresAnswer(opts.store, request.sellerId, asOf, cfg, config, now)
      ? await readScanDelayMedians(opts.store, request.sellerId, marketplace, vtrCellMetric(cfg), vtrDays)
      : mediansOfBuckets((await scanDelayBuckets(opts.store, request.sellerId, marketplace, vtrDays, cfg.attribution, asOfInstant(asOf, cfg.zone)))
        .map((b) => ({ carrier: carrierLabel(b), tenths: b.tenths, count: b.count })));
    // As in computeReports: what is in flight only matters for a status as of today.
    const awaiting = asOf >= localDay(now, cfg.zone) ? await awaitingScanCells(opts.store, request.sellerId, marketplace, cfg, now) : [];
    return buildScorecard(cells, medians, marketplace, asOf, cfg, awaiting);
  });
}
