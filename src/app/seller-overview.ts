import type { Marketplace } from '../core/domain.js';
import { localDay } from '../core/time.js';
import type { DefectMetric } from '../metrics/defects.js';
import type { MetricsReport } from '../metrics/report.js';
import type { MetricStatus } from '../metrics/rates.js';
import { countHeldConfirmations } from '../store/amazon.js';
import { operatorSellers } from '../store/operators.js';
import type { Store } from '../store/store.js';
import { upcomingDays } from './attention.js';
import { countDefectsByDay } from './defect-list.js';
import { readMetrics, type ComputeOptions } from './metrics.js';

/** A 3PL's first screen (issue 19, item 12): each of its sellers in one line, the one in trouble first. */
export interface SellerSummary {
  sellerId: string;
  marketplaces: string[];
  /** The metric furthest on the wrong side of its target, in any marketplace; null without any figure. */
  worst: WorstMetric | null;
  /** Defects inside today's windows, every metric and marketplace: VTR packages, late shipments (30 days), cancels, late deliveries. */
  defects: number;
  /** Confirmations the gateway holds back until their package's first carrier scan. */
  heldConfirmations: number;
  /**
   * When the defects Amazon's figures do not hold yet enter them (the attention view's "defects Seller Central counts
   * next", counted): per day, marketplace and metric, soonest first.
   */
  defectsDue: DefectsDue[];
}

export interface DefectsDue {
  /** The marketplace's local day the defects enter Amazon's window. */
  entersOn: string;
  marketplace: string;
  metric: 'vtr' | 'otdr';
  count: number;
}

export interface WorstMetric {
  marketplace: string;
  metric: 'vtr' | 'lsr' | 'cr' | 'otdr' | SfpMetric;
  rate: number;
  target: number;
  status: MetricStatus;
}

/** Seller Fulfilled Prime's lines, named as the defect lists name them. */
type SfpMetric = Extract<DefectMetric, `sfp_${string}`>;
/** The metrics that want a high rate; the others (LSR, cancellations) a low one. */
const WANTS_HIGH: ReadonlySet<WorstMetric['metric']> = new Set(['vtr', 'otdr', 'sfp_ship', 'sfp_otdr', 'sfp_vtr']);

const STATUS_RANK: Readonly<Record<MetricStatus, number>> = { bad: 0, at_risk: 1, good: 2, none: 3 };

type Figure = { rate: number | null; target: number; status: MetricStatus };

function lines(report: MetricsReport): WorstMetric[] {
  const figures: [WorstMetric['metric'], Figure][] = [
    ['vtr', { ...report.vtr.overall, target: report.vtr.target }],
    ['lsr', { ...report.lsr.d30, target: report.lsr.target }],
    ['cr', report.cr],
    ['otdr', report.otdr],
  ];
  const sfp = report.sfp;
  if (sfp) figures.push(['sfp_ship', sfp.onTimeShipment], ['sfp_cancel', sfp.cancelRate], ['sfp_otdr', sfp.otdr], ['sfp_vtr', sfp.vtr]);
  return figures.flatMap(([metric, { rate, target, status }]) => (rate === null ? [] : [{ marketplace: report.marketplace, metric, rate, target, status }]));
}

/** How far a rate sits on the wrong side of its target, relative to the room the target leaves (VTR, OTDR and Prime's on-time lines want high rates). */
function shortfall(line: WorstMetric): number {
  return WANTS_HIGH.has(line.metric) ? (line.target - line.rate) / Math.max(1 - line.target, 1e-9) : (line.rate - line.target) / Math.max(line.target, 1e-9);
}

/** The worst of a seller's figures: by status first (bad, at risk, good), then by how far past its target. */
export function worstOf(reports: readonly MetricsReport[]): WorstMetric | null {
  const all = reports.flatMap(lines);
  all.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || shortfall(b) - shortfall(a));
  return all[0] ?? null;
}

export function defectsOf(report: MetricsReport): number {
  return (report.vtr.overall.total - report.vtr.overall.valid) + report.lsr.d30.late + report.cr.cancelled + (report.otdr.total - report.otdr.onTime);
}

/** The seller's upcoming defects counted per day they enter Amazon's figures (each day's count from the kept defect counts). */
export async function defectSchedule(store: Store, sellerId: string, marketplaces: readonly Marketplace[], options: ComputeOptions): Promise<DefectsDue[]> {
  const due: DefectsDue[] = [];
  for (const marketplace of marketplaces) {
    const cfg = options.config[marketplace];
    const today = localDay(options.now, cfg.zone);
    for (const { metric, days, entersOn } of upcomingDays(cfg, today)) {
      const counts = await countDefectsByDay(store, sellerId, marketplace, { metric, asOf: today, days }, { config: options.config, now: options.now });
      for (const { day, count } of counts) due.push({ entersOn: entersOn(day), marketplace, metric, count });
    }
  }
  return due.sort((a, b) => a.entersOn.localeCompare(b.entersOn) || a.marketplace.localeCompare(b.marketplace) || a.metric.localeCompare(b.metric));
}

/** Every seller of the operator, today's figures; sellers with a bad metric first, then at risk, then by name. */
export async function sellersOverview(store: Store, operatorId: string, options: ComputeOptions): Promise<SellerSummary[]> {
  const out: SellerSummary[] = [];
  for (const sellerId of await operatorSellers(store, operatorId)) {
    const reports = await readMetrics(store, sellerId, undefined, options);
    out.push({
      sellerId,
      marketplaces: reports.map((r) => r.marketplace),
      worst: worstOf(reports),
      defects: reports.reduce((sum, r) => sum + defectsOf(r), 0),
      heldConfirmations: await countHeldConfirmations(store, sellerId),
      defectsDue: await defectSchedule(store, sellerId, reports.map((r) => r.marketplace), options),
    });
  }
  const rank = (s: SellerSummary): number => STATUS_RANK[s.worst?.status ?? 'none'];
  return out.sort((a, b) => rank(a) - rank(b) || a.sellerId.localeCompare(b.sellerId));
}
