import { DAY_MS, localDay } from '../core/time.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import type { Store } from '../store/store.js';
import type { AwaitingScan } from './types.js';

/** How far back unscanned packages are looked for: older ones have left every metric window. */
const LOOKBACK_DAYS = 31;

/**
 * Confirmed packages with a tracking number and no carrier scan yet, per marketplace, over the last month
 * (by confirmation day). The `no_first_scan` rule decides which of them are overdue.
 */
export async function packagesAwaitingScan(
  store: Store,
  sellerId: string,
  now: number,
  config: MetricsConfig = DEFAULT_METRICS_CONFIG,
): Promise<AwaitingScan[]> {
  const out: AwaitingScan[] = [];
  for (const marketplace of await store.marketplaces(sellerId)) {
    const zone = config[marketplace].zone;
    const range = { from: localDay(now - LOOKBACK_DAYS * DAY_MS, zone), to: localDay(now, zone) };
    for (const pkg of await store.packagesByDay(sellerId, marketplace, range, 'ship_confirm')) {
      if (pkg.confirmedAt === null || pkg.trackingNumber === null || pkg.firstScanAt !== null || pkg.exempt) continue;
      if (pkg.fulfillmentChannel !== 'MFN' || pkg.confirmedAt > now) continue;
      out.push({
        marketplace,
        orderId: pkg.orderId,
        packageRef: pkg.packageRef,
        trackingNumber: pkg.trackingNumber,
        carrier: pkg.carrierName ?? pkg.carrierCode,
        confirmedAt: pkg.confirmedAt,
      });
    }
  }
  return out;
}
