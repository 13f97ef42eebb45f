import type { Marketplace } from '../core/domain.js';
import { addDays, formatInstant, localDay } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import { DEFAULT_WATCH, listWatch } from '../ingest/tracking/watch.js';
import type { WatchItem, WatchSettings } from '../ingest/tracking/watch.js';
import type { MarketplaceMetricsConfig, MetricsConfig } from '../metrics/config.js';
import type { DefectMetric, DefectRow } from '../metrics/defects.js';
import type { Direction, MetricStatus } from '../metrics/rates.js';
import type { MetricsReport } from '../metrics/report.js';
import { SHORT_VTR_MARKETPLACES } from '../metrics/report.js';
import { sortMarketplaces } from '../metrics/dashboard.js';
import { ordersDueToShip } from '../store/orders-due.js';
import type { Store } from '../store/store.js';
import { listDefects } from './defect-list.js';
import { computeReports } from './metrics.js';

/**
 * "Needs attention now", across every marketplace of a seller, as of now: the metrics below target or at risk (with
 * the `live` figure and Amazon's lagged `amazon` one), the defects that are not yet in Amazon's figures in the order
 * they will enter them, and what becomes a defect unless someone acts (packages with no first scan yet, orders whose
 * ship-by deadline is near). The dashboard's attention view shows exactly this; the wording of next steps is the
 * page's.
 */

export interface AttentionReader {
  store: Store;
  sellerId: string;
  config: MetricsConfig;
  now: number;
  /** When an unscanned package starts to count as waiting (the watch list's thresholds). */
  watch?: WatchSettings;
}

/** At most this many rows in each list: the first screenful a person works through; the totals say how many more. */
export const ATTENTION_LIST_LIMIT = 50;
/** Orders whose latest ship date falls within this many hours are "due to ship". */
export const SHIP_BY_HORIZON_HOURS = 48;

export type AttentionMetricKey = 'vtr_category' | 'vtr7' | 'lsr10' | 'lsr30' | 'cr' | 'otdr' | 'sfp_ship' | 'sfp_cancel' | 'sfp_otdr' | 'sfp_vtr';

export interface AttentionFigure {
  rate: number | null;
  status: MetricStatus;
}

export interface AttentionMetric {
  marketplace: Marketplace;
  /** Unique within a marketplace: `vtr-<category>`, `vtr7`, `lsr30`, … */
  key: string;
  metric: AttentionMetricKey;
  category: string | null;
  /** The defect list behind the figure (`GET /v1/defects?metric=`); null where there is none. */
  defects: DefectMetric | null;
  target: number;
  /** `at_least`: good at or above the target; `below` / `at_most`: good under it (at it, for `at_most`). */
  direction: Direction;
  live: AttentionFigure;
  /** Amazon's lagged view (definitions.md v2); only VTR differs from `live`. Null when that view has no such line. */
  amazon: AttentionFigure | null;
  /** Defects (packages or orders) behind the live figure, and what they are counted out of. */
  defectCount: number;
  total: number;
  /** VTR: valid packages that would restore the target now. */
  neededToRecover: number | null;
}

export interface UpcomingDefect {
  marketplace: Marketplace;
  metric: 'vtr' | 'otdr';
  /** The local day it enters the window Amazon's figure is computed over. */
  entersOn: string;
  row: DefectRow;
}

export interface ShipByOrder {
  marketplace: Marketplace;
  orderId: string;
  latestShipDate: string;
  hoursLeft: number;
  isPrime: boolean;
  categories: string[];
}

/** A watch list entry as the API gives it: the confirmation as an ISO instant. */
export type WaitingPackage = Omit<WatchItem, 'packageId' | 'confirmedAt'> & { confirmedAt: string };

export interface AttentionReport {
  /** The instant the figures are of. */
  generatedAt: string;
  marketplaces: { marketplace: Marketplace; today: string; live: MetricsReport; amazon: MetricsReport }[];
  /** Below target or at risk in either view; the worse view below target first, then at risk; marketplaces in Amazon's order. */
  metrics: AttentionMetric[];
  /** Soonest first; `total` counts them all. */
  upcomingDefects: { total: number; items: UpcomingDefect[] };
  /** Confirmed packages past their carrier's usual time with no scan, oldest first. */
  noFirstScan: { items: WaitingPackage[] };
  /** Orders with nothing confirmed whose latest ship date is within SHIP_BY_HORIZON_HOURS, soonest first. */
  dueToShip: { items: ShipByOrder[] };
}

const SEVERITY: Record<MetricStatus, number> = { bad: 0, at_risk: 1, none: 2, good: 3 };
/** The worse of its two views. */
const severity = (m: AttentionMetric): number => Math.min(SEVERITY[m.live.status], m.amazon ? SEVERITY[m.amazon.status] : 3);
const flagged = (status: MetricStatus): boolean => status === 'bad' || status === 'at_risk';
const figure = (line: { rate: number | null; status: MetricStatus } | null | undefined): AttentionFigure | null =>
  line ? { rate: line.rate, status: line.status } : null;

/** The flagged metrics of one marketplace, from its two views. */
export function flaggedMetrics(live: MetricsReport, amazon: MetricsReport): AttentionMetric[] {
  const mp = live.marketplace;
  const out: AttentionMetric[] = [];
  // Flagged in either view: a breach Seller Central shows today matters as much as one it will show.
  const push = (m: Omit<AttentionMetric, 'marketplace'>): void => {
    if (flagged(m.live.status) || (m.amazon !== null && flagged(m.amazon.status))) out.push({ marketplace: mp, ...m });
  };
  const vtrTarget = live.vtr.target;
  for (const c of live.vtr.byCategory) {
    push({
      key: `vtr-${c.category}`, metric: 'vtr_category', category: c.category, defects: 'vtr', target: vtrTarget, direction: 'at_least',
      live: figure(c)!, amazon: figure(amazon.vtr.byCategory.find((a) => a.category === c.category)),
      defectCount: c.total - c.valid, total: c.total, neededToRecover: c.neededToRecover,
    });
  }
  // Amazon shows the 7-day VTR only in some marketplaces; elsewhere it is context, not something to act on.
  if (SHORT_VTR_MARKETPLACES.includes(mp)) {
    const d7 = live.vtr.d7;
    push({
      key: 'vtr7', metric: 'vtr7', category: null, defects: 'vtr', target: vtrTarget, direction: 'at_least',
      live: figure(d7)!, amazon: figure(amazon.vtr.d7), defectCount: d7.total - d7.valid, total: d7.total, neededToRecover: null,
    });
  }
  const lsr = (key: 'lsr10' | 'lsr30', line: MetricsReport['lsr']['d10'], other: MetricsReport['lsr']['d10']): void =>
    push({
      key, metric: key, category: null, defects: 'lsr', target: live.lsr.target, direction: 'below',
      live: figure(line)!, amazon: figure(other), defectCount: line.late, total: line.total, neededToRecover: null,
    });
  lsr('lsr30', live.lsr.d30, amazon.lsr.d30);
  lsr('lsr10', live.lsr.d10, amazon.lsr.d10);
  push({
    key: 'cr', metric: 'cr', category: null, defects: 'cr', target: live.cr.target, direction: 'below',
    live: figure(live.cr)!, amazon: figure(amazon.cr), defectCount: live.cr.cancelled, total: live.cr.total, neededToRecover: null,
  });
  push({
    key: 'otdr', metric: 'otdr', category: null, defects: 'otdr', target: live.otdr.target, direction: 'at_least',
    live: figure(live.otdr)!, amazon: figure(amazon.otdr), defectCount: live.otdr.total - live.otdr.onTime, total: live.otdr.total, neededToRecover: null,
  });
  if (live.sfp) {
    const { onTimeShipment, cancelRate, otdr, vtr } = live.sfp;
    push({
      key: 'sfp_ship', metric: 'sfp_ship', category: null, defects: 'sfp_ship', target: onTimeShipment.target, direction: 'at_least',
      live: figure(onTimeShipment)!, amazon: figure(amazon.sfp?.onTimeShipment), defectCount: onTimeShipment.total - onTimeShipment.onTime,
      total: onTimeShipment.total, neededToRecover: null,
    });
    push({
      key: 'sfp_cancel', metric: 'sfp_cancel', category: null, defects: 'sfp_cancel', target: cancelRate.target, direction: 'at_most',
      live: figure(cancelRate)!, amazon: figure(amazon.sfp?.cancelRate), defectCount: cancelRate.cancelled, total: cancelRate.total, neededToRecover: null,
    });
    push({
      key: 'sfp_otdr', metric: 'sfp_otdr', category: null, defects: 'sfp_otdr', target: otdr.target, direction: 'at_least',
      live: figure(otdr)!, amazon: figure(amazon.sfp?.otdr), defectCount: otdr.total - otdr.onTime, total: otdr.total, neededToRecover: null,
    });
    // Prime VTR lags with VTR, so the amazon view's line differs from the live one.
    push({
      key: 'sfp_vtr', metric: 'sfp_vtr', category: null, defects: 'sfp_vtr', target: vtr.target, direction: 'at_least',
      live: figure(vtr)!, amazon: figure(amazon.sfp?.vtr), defectCount: vtr.total - vtr.valid, total: vtr.total, neededToRecover: null,
    });
  }
  return out;
}

/**
 * The days whose defects are in today's `live` figures but not yet in Amazon's, per metric, and the day a defect of
 * each day enters Amazon's: VTR's days after the end of Amazon's lagged window (they enter `amazonLagDays` after their
 * attribution day), and OTDR's promised days still before its window — a package undelivered by then is late for good
 * (they enter 7 days after it).
 */
export function upcomingDays(cfg: MarketplaceMetricsConfig, today: string): { metric: 'vtr' | 'otdr'; days: DayWindow; entersOn: (day: string) => string }[] {
  const lag = cfg.amazonLagDays;
  // The live window ends `lagDays` before as-of (0 unless configured); Amazon's ends `amazonLagDays` before.
  return [
    { metric: 'vtr', days: { from: addDays(today, -lag + 1), to: addDays(today, -cfg.lagDays) }, entersOn: (day) => addDays(day, lag) },
    { metric: 'otdr', days: { from: addDays(today, -6), to: addDays(today, -1) }, entersOn: (day) => addDays(day, 7) },
  ];
}

/** Defects of today's `live` figures that Amazon's figures do not hold yet, each with the day it enters them. */
async function upcomingDefects(reader: AttentionReader, marketplace: Marketplace, today: string): Promise<{ total: number; items: UpcomingDefect[] }> {
  const { store, sellerId, config, now } = reader;
  const cfg = config[marketplace];
  // The day a row is counted under: VTR's attribution day, OTDR's promised day.
  const dayOf = (metric: 'vtr' | 'otdr', row: DefectRow): string =>
    metric === 'vtr' && cfg.attribution === 'ship_confirm' && row.confirmedAt ? localDay(Date.parse(row.confirmedAt), cfg.zone) : (row.promisedDeliveryDate ?? today);
  let total = 0;
  const items: UpcomingDefect[] = [];
  for (const { metric, days, entersOn } of upcomingDays(cfg, today)) {
    if (days.from > days.to) continue;
    const page = await listDefects(store, sellerId, marketplace, { metric, asOf: today, days }, { config, now, limit: ATTENTION_LIST_LIMIT });
    total += page.total;
    items.push(...page.rows.map((row) => ({ marketplace, metric, entersOn: entersOn(dayOf(metric, row)), row })));
  }
  return { total, items };
}

async function dueToShip(reader: AttentionReader, marketplace: Marketplace, today: string): Promise<ShipByOrder[]> {
  const { store, sellerId, config, now } = reader;
  const before = now + SHIP_BY_HORIZON_HOURS * 3_600_000;
  const days = { from: today, to: localDay(before, config[marketplace].zone) };
  const orders = await ordersDueToShip(store, sellerId, marketplace, days, now, before, ATTENTION_LIST_LIMIT);
  return orders.map((o) => ({
    marketplace, orderId: o.orderId, latestShipDate: formatInstant(o.latestShipDate)!, hoursLeft: Math.round((o.latestShipDate - now) / 360_000) / 10,
    isPrime: o.isPrime, categories: o.categories,
  }));
}

export async function readAttention(reader: AttentionReader): Promise<AttentionReport> {
  const { store, sellerId, config, now } = reader;
  const marketplaces = sortMarketplaces(await store.marketplaces(sellerId));
  const rank = new Map(marketplaces.map((m, i) => [m, i]));
  const perMarketplace: AttentionReport['marketplaces'] = [];
  const metrics: AttentionMetric[] = [];
  const upcoming: UpcomingDefect[] = [];
  let upcomingTotal = 0;
  const ship: ShipByOrder[] = [];
  for (const marketplace of marketplaces) {
    const today = localDay(now, config[marketplace].zone);
    const live = (await computeReports(store, sellerId, marketplace, { config, now, view: 'live' })).metrics;
    const amazon = (await computeReports(store, sellerId, marketplace, { config, now, view: 'amazon' })).metrics;
    perMarketplace.push({ marketplace, today, live, amazon });
    metrics.push(...flaggedMetrics(live, amazon));
    const defects = await upcomingDefects(reader, marketplace, today);
    upcomingTotal += defects.total;
    upcoming.push(...defects.items);
    ship.push(...(await dueToShip(reader, marketplace, today)));
  }
  metrics.sort((a, b) => severity(a) - severity(b) || (rank.get(a.marketplace) ?? 0) - (rank.get(b.marketplace) ?? 0));
  upcoming.sort((a, b) => a.entersOn.localeCompare(b.entersOn) || (rank.get(a.marketplace) ?? 0) - (rank.get(b.marketplace) ?? 0) || a.row.orderId.localeCompare(b.row.orderId));
  ship.sort((a, b) => a.latestShipDate.localeCompare(b.latestShipDate) || a.orderId.localeCompare(b.orderId));
  const watch = await listWatch(store, sellerId, now, reader.watch ?? DEFAULT_WATCH, ATTENTION_LIST_LIMIT);
  return {
    generatedAt: formatInstant(now)!,
    marketplaces: perMarketplace,
    metrics,
    upcomingDefects: { total: upcomingTotal, items: upcoming.slice(0, ATTENTION_LIST_LIMIT) },
    noFirstScan: { items: watch.map(({ packageId: _id, confirmedAt, ...rest }) => ({ ...rest, confirmedAt: formatInstant(confirmedAt)! })) },
    dueToShip: { items: ship.slice(0, ATTENTION_LIST_LIMIT) },
  };
}
