import type { Marketplace } from '../../src/core/domain.js';
import { queueForPolling } from '../../src/ingest/tracking/queue.js';
import { trackingNumbersOf } from '../../src/store/store.js';
import type { Store, WriteBatch } from '../../src/store/store.js';

export interface SeedPackage {
  orderId: string;
  trackingNumber: string | null;
  carrierKey: string | null;
  carrierCode?: string;
  confirmedAt: number;
  /** Default US. */
  marketplace?: Marketplace;
}

/**
 * Writes orders with one package each, the way importers do, for tests that need packages to poll or watch: `now` is
 * the write's clock (the poll queue takes the packages confirmed within the schedule before it).
 */
export async function seedPackages(store: Store, sellerId: string, packages: readonly SeedPackage[], now = Date.now()): Promise<void> {
  await store.ensureSeller(sellerId);
  const batch = seedBatch(packages);
  await store.transaction(async (tx) => {
    await tx.writeBatch(sellerId, batch);
    await tx.refreshDerived(sellerId, trackingNumbersOf(batch));
    await queueForPolling(tx, sellerId, packages.map((p) => p.orderId), now);
  });
}

/** The rows `seedPackages` writes: orders with one item and one package each. */
export function seedBatch(packages: readonly SeedPackage[]): WriteBatch {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    orders: packages.map((p) => ({
      orderId: p.orderId, marketplace: p.marketplace ?? 'US', purchaseDate: p.confirmedAt - 86_400_000, latestShipDate: p.confirmedAt + 86_400_000,
      latestDeliveryDate: p.confirmedAt + 5 * 86_400_000, fulfillmentChannel: 'MFN' as const, shipServiceLevel: null, cancelledAt: null, cancelledBy: null,
      purchaseDay: day(p.confirmedAt - 86_400_000), shipByDay: day(p.confirmedAt + 86_400_000), promisedDay: day(p.confirmedAt + 5 * 86_400_000),
    })),
    items: packages.map((p) => ({ orderId: p.orderId, orderItemId: `${p.orderId}-1`, sku: 'SKU', category: 'Toys', quantity: 1 })),
    packages: packages.map((p) => ({
      orderId: p.orderId, packageRef: '1', carrierCode: p.carrierCode ?? (p.carrierKey ?? 'Other').toUpperCase(), carrierName: null, shippingMethod: null,
      trackingRaw: p.trackingNumber, trackingNumber: p.trackingNumber, shipDate: p.confirmedAt - 3_600_000, confirmedAt: p.confirmedAt,
      confirmDay: day(p.confirmedAt), exempt: false, carrierKey: p.carrierKey, staticDefect: null, problems: [],
    })),
    packageItems: packages.map((p) => ({ orderId: p.orderId, packageRef: '1', orderItemId: `${p.orderId}-1`, quantity: 1 })),
  };
}
