import { addDays, daysBetween, localDay } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { AmazonFigure, PerformanceReport } from '../ingest/amazon-performance-report.js';
import type { Store } from '../store/store.js';
import { computeReports } from './metrics.js';
import type { MarketplaceMetricsConfig, MetricsConfig } from '../metrics/config.js';
import type { MetricsReport } from '../metrics/report.js';

/** Amazon's figure beside ours for the same window, and the difference (ours minus Amazon's). */
export interface ReconcileRow {
  marketplace: string;
  metric: AmazonFigure['metric'];
  window: DayWindow | null;
  amazon: { total: number | null; hits: number | null; rate: number | null; status: string | null };
  /** Ours in the `amazon` view (definitions.md v2), as of the day that puts our window on Amazon's. */
  ours: { total: number; hits: number; rate: number | null; status: string; window: DayWindow; asOf: string } | null;
  diff: { total: number | null; hits: number | null; rate: number | null };
}

/**
 * Ours are the `amazon` view (VTR lagged by `amazonLagDays`), as of the day whose windows end where Amazon's
 * does: VTR its last day plus the lag, OTDR plus 7 (its window ends 7 days before as-of), LSR and CR the day
 * itself — never after today, since Amazon's days are UTC and today is the marketplace's: a VTR range that ended
 * less than the lag ago is matched with the lag it has had, and any other figure as of today (its window then ends
 * before Amazon's, which the row's window shows). A figure without a range is compared as of today. Scans and
 * confirmations up to that as-of count, as they had for Amazon when it drew the report.
 */
function alignment(figure: AmazonFigure, cfg: MarketplaceMetricsConfig, today: string): { asOf?: string; amazonLagDays: number } {
  const lag = cfg.amazonLagDays;
  if (figure.to === null) return { amazonLagDays: lag };
  const notAfterToday = (day: string): string => (day > today ? today : day);
  if (figure.metric !== 'vtr') return { asOf: notAfterToday(figure.metric === 'otdr' ? addDays(figure.to, 7) : figure.to), amazonLagDays: lag };
  const asOf = notAfterToday(addDays(figure.to, lag));
  return { asOf, amazonLagDays: Math.max(0, daysBetween(figure.to, asOf)) };
}

function ours(report: MetricsReport, figure: AmazonFigure): ReconcileRow['ours'] {
  const asOf = report.asOf;
  switch (figure.metric) {
    case 'vtr': {
      // A 7-day range (EU, India) is the short window's.
      const short = figure.from !== null && figure.to !== null && daysBetween(figure.from, figure.to) + 1 <= 7;
      const line = short ? report.vtr.d7 : { ...report.vtr.overall, window: report.vtr.window };
      return { total: line.total, hits: line.valid, rate: line.rate, status: line.status, window: line.window, asOf };
    }
    case 'lsr': {
      const span = figure.from ? daysBetween(figure.from, figure.to!) + 1 : 30;
      const line = span <= 10 ? report.lsr.d10 : report.lsr.d30;
      return { total: line.total, hits: line.late, rate: line.rate, status: line.status, window: line.window, asOf };
    }
    case 'cr':
      return { total: report.cr.total, hits: report.cr.cancelled, rate: report.cr.rate, status: report.cr.status, window: report.cr.window, asOf };
    case 'otdr':
      return { total: report.otdr.total, hits: report.otdr.onTime, rate: report.otdr.rate, status: report.otdr.status, window: report.otdr.window, asOf };
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
      let mine: ReconcileRow['ours'] = null;
      if (mp.marketplace !== null) {
        const cfg = config[mp.marketplace];
        const { asOf, amazonLagDays } = alignment(figure, cfg, localDay(now, cfg.zone));
        const aligned: MetricsConfig = { ...config, [mp.marketplace]: { ...cfg, amazonLagDays } };
        const built = await computeReports(store, sellerId, mp.marketplace, { config: aligned, now, view: 'amazon', ...(asOf ? { asOf } : {}) });
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
