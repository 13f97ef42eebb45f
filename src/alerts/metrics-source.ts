import { computeReports } from '../app/metrics.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import type { BuiltReports } from '../metrics/report.js';
import type { Store } from '../store/store.js';
import type { MetricsSnapshot } from './types.js';

/** Produces the metric figures of every marketplace a seller sells in, as of `now`. */
export type SnapshotSource = (store: Store, sellerId: string, now: number) => Promise<MetricsSnapshot[]>;

/** The metrics engine's reports reduced to what the rules read; the daily forecast rides along per category. */
export function snapshotFromReports({ metrics, forecast }: BuiltReports): MetricsSnapshot {
  const forecastByCategory = new Map(forecast.categories.map((c) => [c.category, c.days]));
  return {
    marketplace: metrics.marketplace,
    asOf: metrics.asOf,
    targets: { vtr: metrics.vtr.target, lsr: metrics.lsr.target, cr: metrics.cr.target, otdr: metrics.otdr.target },
    vtr: {
      byCategory: metrics.vtr.byCategory.map((line) => ({
        category: line.category,
        valid: line.valid,
        total: line.total,
        rate: line.rate,
        status: line.status,
        neededToRecover: line.neededToRecover,
        forecast: (forecastByCategory.get(line.category) ?? []).map((d) => ({ day: d.date, rate: d.rate })),
      })),
    },
    lsr: { d10: metrics.lsr.d10, d30: metrics.lsr.d30 },
    cr: metrics.cr,
    otdr: metrics.otdr,
    sfp: metrics.sfp && {
      'on-time shipment': { ...metrics.sfp.onTimeShipment, comparison: '>=' },
      'cancel rate': { ...metrics.sfp.cancelRate, comparison: '<=' },
      OTDR: { ...metrics.sfp.otdr, comparison: '>=' },
      VTR: { ...metrics.sfp.vtr, comparison: '>=' },
    },
  };
}

/** Figures from the metrics engine (rollups for today), for every marketplace the seller has orders in. */
export function metricsEngineSource(config: MetricsConfig = DEFAULT_METRICS_CONFIG): SnapshotSource {
  return async (store, sellerId, now) => {
    const snapshots: MetricsSnapshot[] = [];
    for (const marketplace of await store.marketplaces(sellerId)) {
      snapshots.push(snapshotFromReports(await computeReports(store, sellerId, marketplace, { config, now })));
    }
    return snapshots;
  };
}
