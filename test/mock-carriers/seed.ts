import type { Marketplace } from '../../src/core/domain.js';
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

/** Writes orders with one package each, the way importers do, for tests that need packages to poll or watch. */
export async function seedPackages(store: Store, sellerId: string, packages: readonly SeedPackage[]): Promise<void> {
  await store.ensureSeller(sellerId);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const batch: WriteBatch = {
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
  await store.writeBatch(sellerId, batch);
  await store.refreshDerived(sellerId, trackingNumbersOf(batch));
}
