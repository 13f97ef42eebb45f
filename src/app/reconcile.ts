import { addDays, daysBetween } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { AmazonFigure, PerformanceReport } from '../ingest/amazon-performance-report.js';
import type { Store } from '../store/store.js';
import { computeReports } from './metrics.js';
import type { MetricsConfig } from '../metrics/config.js';
import type { MetricsReport } from '../metrics/report.js';

/** Amazon's figure beside ours for the same window, and the difference (ours minus Amazon's). */
export interface ReconcileRow {
  marketplace: string;
  metric: AmazonFigure['metric'];
  window: DayWindow | null;
  amazon: { total: number | null; hits: number | null; rate: number | null; status: string | null };
  ours: { total: number; hits: number; rate: number | null; status: string; window: DayWindow } | null;
  diff: { total: number | null; hits: number | null; rate: number | null };
}

/**
 * Our figures are computed for Amazon's window: as-of = the window's last day (OTDR: that plus 7, as its
 * window ends 7 days before as-of) with no VTR lag, so "10 days behind" in Amazon's VTR range is matched.
 */
function asOfFor(figure: AmazonFigure): string | null {
  if (figure.to === null) return null;
  return figure.metric === 'otdr' ? addDays(figure.to, 7) : figure.to;
}

function ours(report: MetricsReport, figure: AmazonFigure): ReconcileRow['ours'] {
  switch (figure.metric) {
    case 'vtr':
      return { total: report.vtr.overall.total, hits: report.vtr.overall.valid, rate: report.vtr.overall.rate, status: report.vtr.overall.status, window: report.vtr.window };
    case 'lsr': {
      const span = figure.from ? daysBetween(figure.from, figure.to!) + 1 : 30;
      const line = span <= 10 ? report.lsr.d10 : report.lsr.d30;
      return { total: line.total, hits: line.late, rate: line.rate, status: line.status, window: line.window };
    }
    case 'cr':
      return { total: report.cr.total, hits: report.cr.cancelled, rate: report.cr.rate, status: report.cr.status, window: report.cr.window };
    case 'otdr':
      return { total: report.otdr.total, hits: report.otdr.onTime, rate: report.otdr.rate, status: report.otdr.status, window: report.otdr.window };
  }
}

const minus = (a: number | null | undefined, b: number | null): number | null =>
  a === null || a === undefined || b === null ? null : a - b;

export async function reconcile(
  store: Store,
  sellerId: string,
  report: PerformanceReport,
  config: MetricsConfig,
  now: number,
): Promise<ReconcileRow[]> {
  const rows: ReconcileRow[] = [];
  for (const mp of report.marketplaces) {
    for (const figure of mp.figures) {
      const asOf = asOfFor(figure);
      let mine: ReconcileRow['ours'] = null;
      if (mp.marketplace !== null && asOf !== null) {
        const aligned: MetricsConfig = { ...config, [mp.marketplace]: { ...config[mp.marketplace], lagDays: 0 } };
        const built = await computeReports(store, sellerId, mp.marketplace, { config: aligned, now, asOf });
        mine = ours(built.metrics, figure);
      }
      rows.push({
        marketplace: mp.marketplace ?? mp.marketplaceId,
        metric: figure.metric,
        window: figure.from && figure.to ? { from: figure.from, to: figure.to } : null,
        amazon: { total: figure.total, hits: figure.hits, rate: figure.rate, status: figure.status },
        ours: mine,
        diff: { total: minus(mine?.total, figure.total), hits: minus(mine?.hits, figure.hits), rate: minus(mine?.rate, figure.rate) },
      });
    }
  }
  return rows;
}
