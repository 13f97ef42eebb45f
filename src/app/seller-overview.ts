import type { MetricsReport } from '../metrics/report.js';
import type { MetricStatus } from '../metrics/rates.js';
import { countConfirmations } from '../store/amazon.js';
import { operatorSellers } from '../store/operators.js';
import type { Store } from '../store/store.js';
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
}

export interface WorstMetric {
  marketplace: string;
  metric: 'vtr' | 'lsr' | 'cr' | 'otdr';
  rate: number;
  target: number;
  status: MetricStatus;
}

const STATUS_RANK: Readonly<Record<MetricStatus, number>> = { bad: 0, at_risk: 1, good: 2, none: 3 };

function lines(report: MetricsReport): WorstMetric[] {
  const m = report.marketplace;
  const all: (WorstMetric | null)[] = [
    report.vtr.overall.rate === null ? null : { marketplace: m, metric: 'vtr', rate: report.vtr.overall.rate, target: report.vtr.target, status: report.vtr.overall.status },
    report.lsr.d30.rate === null ? null : { marketplace: m, metric: 'lsr', rate: report.lsr.d30.rate, target: report.lsr.target, status: report.lsr.d30.status },
    report.cr.rate === null ? null : { marketplace: m, metric: 'cr', rate: report.cr.rate, target: report.cr.target, status: report.cr.status },
    report.otdr.rate === null ? null : { marketplace: m, metric: 'otdr', rate: report.otdr.rate, target: report.otdr.target, status: report.otdr.status },
  ];
  return all.filter((line): line is WorstMetric => line !== null);
}

/** How far a rate sits on the wrong side of its target, relative to the room the target leaves (VTR and OTDR want high rates). */
function shortfall(line: WorstMetric): number {
  const high = line.metric === 'vtr' || line.metric === 'otdr';
  return high ? (line.target - line.rate) / Math.max(1 - line.target, 1e-9) : (line.rate - line.target) / Math.max(line.target, 1e-9);
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
      heldConfirmations: (await countConfirmations(store, sellerId)).held,
    });
  }
  const rank = (s: SellerSummary): number => STATUS_RANK[s.worst?.status ?? 'none'];
  return out.sort((a, b) => rank(a) - rank(b) || a.sellerId.localeCompare(b.sellerId));
}
