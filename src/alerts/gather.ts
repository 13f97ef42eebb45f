import { listWatch } from '../ingest/tracking/watch.js';
import type { Store } from '../store/store.js';
import { OVERDUE_LIMIT } from './rules.js';
import type { OverdueScan } from './types.js';

/**
 * Packages past their first-scan threshold, from the same query as `vtrguard watch` and the dashboard's
 * watch list, so the alert and the list it links to agree.
 */
export async function overdueScans(
  store: Store,
  sellerId: string,
  now: number,
  hours: number,
  hoursByCarrier: Readonly<Record<string, number>> = {},
): Promise<OverdueScan[]> {
  const items = await listWatch(store, sellerId, now, { defaultHours: hours, hoursByCarrier }, OVERDUE_LIMIT);
  return items.map((item) => ({
    orderId: item.orderId,
    packageRef: item.packageRef,
    trackingNumber: item.trackingNumber,
    carrier: item.carrierCode ?? item.carrierKey,
    confirmedAt: item.confirmedAt,
    hoursWaiting: item.hoursWaiting,
  }));
}
