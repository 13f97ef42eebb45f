import { endOfLocalDay, localDay } from '../core/time.js';
import type { OrderView, PackageView } from '../core/views.js';

/** Row factories for metric tests: a valid, delivered-on-time US package unless told otherwise. */
export const LA = 'America/Los_Angeles';

export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
}

let nextId = 1;

export function pkg(overrides: Partial<PackageView> & { promisedDay?: string } = {}): PackageView {
  const promisedDay = overrides.promisedDay ?? '2026-11-10';
  const shipDate = overrides.shipDate === undefined ? at(`${promisedDay}T00:00:00Z`) - 3 * 86_400_000 : overrides.shipDate;
  const base: PackageView = {
    packageId: nextId++,
    orderId: `111-0000000-${String(nextId).padStart(7, '0')}`,
    packageRef: '1',
    marketplace: 'US',
    fulfillmentChannel: 'MFN',
    categories: ['Toys & Games'],
    carrierCode: 'UPS',
    carrierName: null,
    carrierKey: 'ups',
    shippingMethod: 'Ground',
    trackingNumber: '1Z999AA10123456784',
    shipDate,
    confirmedAt: shipDate,
    confirmDay: shipDate === null ? null : localDay(shipDate, LA),
    latestDeliveryDate: endOfLocalDay(promisedDay, LA),
    promisedDay,
    exempt: false,
    staticDefect: null,
    problems: [],
    firstScanAt: shipDate === null ? null : shipDate + 3_600_000,
    networkScanAt: null,
    nonDeliveryScanAt: null,
    isPrime: false,
    originalLatestDeliveryDate: null,
    declaredValue: null,
    currency: null,
    originCountry: null,
    buyShipping: false,
    units: 1,
    deliveredAt: shipDate === null ? null : shipDate + 2 * 86_400_000,
    firstAttemptAt: shipDate === null ? null : shipDate + 2 * 86_400_000,
    lastStatus: 'delivered',
    lastEventAt: shipDate === null ? null : shipDate + 2 * 86_400_000,
  };
  const merged = { ...base, ...overrides, promisedDay };
  // The first scan is an in-transit one unless told otherwise.
  if (!('networkScanAt' in overrides)) merged.networkScanAt = merged.firstScanAt;
  if (!('nonDeliveryScanAt' in overrides)) merged.nonDeliveryScanAt = merged.firstScanAt;
  return merged;
}

export function order(overrides: Partial<OrderView> = {}): OrderView {
  const base: OrderView = {
    orderId: `112-0000000-${String(nextId++).padStart(7, '0')}`,
    marketplace: 'US',
    fulfillmentChannel: 'MFN',
    purchaseDate: at('2026-11-05T18:00:00Z'),
    purchaseDay: '2026-11-05',
    latestShipDate: at('2026-11-07T07:59:59Z'),
    shipByDay: '2026-11-06',
    latestDeliveryDate: at('2026-11-12T07:59:59Z'),
    promisedDay: '2026-11-11',
    cancelledAt: null,
    cancelledBy: null,
    firstConfirmedAt: at('2026-11-06T20:00:00Z'),
    categories: ['Toys & Games'],
    isPrime: false,
    items: [{ orderItemId: 'A', cancelledAt: null, cancelledBy: null }],
    packages: [],
  };
  const merged = { ...base, ...overrides };
  // One package carrying every item, confirmed at `firstConfirmedAt` and scanned an hour later, unless told otherwise.
  if (!('packages' in overrides) && merged.firstConfirmedAt !== null) {
    merged.packages = [{ packageRef: '1', confirmedAt: merged.firstConfirmedAt, firstScanAt: merged.firstConfirmedAt + 3_600_000, itemIds: [] }];
  }
  return merged;
}
