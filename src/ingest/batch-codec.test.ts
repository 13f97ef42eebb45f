import { describe, expect, it } from 'vitest';
import type { TrackingEventRecord } from '../core/domain.js';
import type { OrderWrite, PackageWrite, WriteBatch } from '../store/store.js';
import { decodeBatch, encodeBatch, transferablesOf } from './batch-codec.js';

const order = (orderId: string, extra: Partial<OrderWrite> = {}): OrderWrite => ({
  orderId, marketplace: 'US', purchaseDate: 1_761_990_000_000, latestShipDate: 1_762_150_000_000, latestDeliveryDate: null,
  fulfillmentChannel: 'MFN', shipServiceLevel: null, cancelledAt: null, cancelledBy: null, isPrime: null, originalLatestDeliveryDate: null,
  purchaseDay: '2026-11-01', shipByDay: '2026-11-03', promisedDay: null, ...extra,
});

const pkg = (orderId: string, extra: Partial<PackageWrite> = {}): PackageWrite => ({
  orderId, packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: null, trackingRaw: '1z999aa1 0123456784',
  trackingNumber: '1Z999AA10123456784', shipDate: 1_762_090_000_000, confirmedAt: 1_762_093_600_000, exempt: false,
  carrierKey: 'ups', staticDefect: null, problems: [], confirmDay: '2026-11-02', declaredValue: null, currency: null,
  originCountry: null, buyShipping: false, ...extra,
});

const BATCH: WriteBatch = {
  orders: [
    order('112-0000001-0000001', {
      latestDeliveryDate: 1_762_500_000_000, promisedDay: '2026-11-07', shipServiceLevel: 'Standard', isPrime: true,
      originalLatestDeliveryDate: 1_762_400_000_000,
    }),
    order('112-0000002-0000002', { cancelledAt: 1_762_000_000_000, cancelledBy: 'seller', latestShipDate: null, shipByDay: null, isPrime: false }),
  ],
  items: [
    { orderId: '112-0000001-0000001', orderItemId: 'SKU-1', sku: 'SKU-1', category: 'Toys & Games', quantity: 1, cancelledAt: null, cancelledBy: null },
    { orderId: '112-0000001-0000001', orderItemId: 'SKU-2', sku: 'SKU-2', category: '', quantity: 2.5, cancelledAt: 1_762_000_000_000, cancelledBy: 'buyer' },
  ],
  packages: [
    pkg('112-0000001-0000001', { declaredValue: 12.5, currency: 'USD', originCountry: 'CN', buyShipping: true }),
    pkg('112-0000002-0000002', {
      carrierCode: 'Other', carrierName: 'Hermes', trackingRaw: null, trackingNumber: null, shipDate: null, exempt: true,
      carrierKey: null, staticDefect: 'no_tracking', problems: ['NO_TRACKING', 'OTHER_HIDES_INTEGRATED'],
    }),
  ],
  packageItems: [{ orderId: '112-0000001-0000001', packageRef: '1', orderItemId: 'SKU-1', quantity: 1 }],
};

const EVENTS: TrackingEventRecord[] = [
  {
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: '1Z999AA10123456784', occurredAt: 1_762_100_000_000, offsetMinutes: -300,
    status: 'in_transit', code: 'I', description: 'Departed', location: 'Memphis, TN, US', source: 'import', eventKey: 'ups|1Z999AA10123456784|1762100000000|in_transit|I',
  },
  {
    carrierKey: null, carrierRaw: 'Hermes', trackingNumber: 'H100', occurredAt: 1_762_200_000_000, offsetMinutes: 60,
    status: 'delivered', code: null, description: null, location: null, source: 'aftership', eventKey: 'aftership:evt-9',
  },
];

describe('the batch hand-off between threads', () => {
  it('gives back every record of every kind as it was: nulls, numbers, flags, empty and filled lists', () => {
    expect(decodeBatch(encodeBatch(BATCH))).toStrictEqual({ batch: BATCH, events: [] });
  });

  it('carries an events file\'s tracking events, with their nulls', () => {
    expect(decodeBatch(encodeBatch({}, EVENTS))).toStrictEqual({
      batch: { orders: [], items: [], packages: [], packageItems: [] }, events: EVENTS,
    });
  });

  it('survives a real hand-off through a message port, its arrays moved rather than copied', async () => {
    const { port1, port2 } = new MessageChannel();
    const encoded = encodeBatch(BATCH);
    const received = new Promise<WriteBatch>((resolve) => {
      port2.once('message', (message: Parameters<typeof decodeBatch>[0]) => resolve(decodeBatch(message).batch));
    });
    port1.postMessage(encoded, transferablesOf(encoded));
    expect(encoded.orders.values.length).toBe(0);
    expect(await received).toStrictEqual(BATCH);
    port1.close();
  });

  it('sends each distinct string once however often the batch repeats it', () => {
    const { strings } = encodeBatch(BATCH);
    expect(new Set(strings).size).toBe(strings.length);
    expect(strings.filter((s) => s === '112-0000001-0000001')).toHaveLength(1);
  });

  it('encodes an empty batch as empty', () => {
    expect(decodeBatch(encodeBatch({}))).toStrictEqual({ batch: { orders: [], items: [], packages: [], packageItems: [] }, events: [] });
  });
});
