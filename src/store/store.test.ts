import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrackingEventRecord, TrackingStatus } from '../core/domain.js';
import { trackingNumbersOf } from './store.js';
import type { OrderWrite, PackageWrite, Store } from './store.js';
import { dialectCases } from './testing.js';
import type { TestStore } from './testing.js';
import { sqlOf } from './sql-store.js';

const H = 3_600_000;
const T0 = Date.parse('2026-11-02T18:00:00Z');

function order(orderId: string, overrides: Partial<OrderWrite> = {}): OrderWrite {
  return {
    orderId, marketplace: 'US', purchaseDate: T0 - 24 * H, latestShipDate: T0 + 24 * H, latestDeliveryDate: T0 + 96 * H,
    fulfillmentChannel: 'MFN', shipServiceLevel: null, cancelledAt: null, cancelledBy: null,
    purchaseDay: '2026-11-01', shipByDay: '2026-11-03', promisedDay: '2026-11-06', ...overrides,
  };
}

function pkg(orderId: string, trackingNumber: string | null, shipDate: number, overrides: Partial<PackageWrite> = {}): PackageWrite {
  return {
    orderId, packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: 'Ground', trackingRaw: trackingNumber,
    trackingNumber, shipDate, confirmedAt: shipDate + H, confirmDay: '2026-11-02', exempt: false, carrierKey: 'ups',
    staticDefect: null, problems: [], ...overrides,
  };
}

function event(trackingNumber: string, occurredAt: number, status: TrackingStatus, id: string): TrackingEventRecord {
  return {
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber, occurredAt, offsetMinutes: -300, status, code: status.slice(0, 2),
    description: status, location: null, source: 'test', eventKey: `test:${id}`,
  };
}

async function writeOrderWithPackage(store: Store, seller: string, o: OrderWrite, p: PackageWrite, category = 'Toys'): Promise<void> {
  await store.writeBatch(seller, {
    orders: [o],
    items: [{ orderId: o.orderId, orderItemId: `${o.orderId}-a`, sku: 'SKU-A', category, quantity: 1 }],
    packages: [p],
    packageItems: [{ orderId: o.orderId, packageRef: p.packageRef, orderItemId: `${o.orderId}-a`, quantity: 1 }],
  });
  await store.refreshDerived(seller, trackingNumbersOf({ packages: [p] }));
}

const WEEK = { from: '2026-10-01', to: '2026-12-31' };

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`Store contract on ${dialect.name}`, () => {
    let t: TestStore;
    let store: Store;
    beforeEach(async () => {
      t = await dialect.fresh();
      store = t.store;
      await store.ensureSeller('s1');
      await store.ensureSeller('s2');
    });
    afterEach(async () => t.dispose());

    it.runIf(dialect.name === 'postgres')('keeps the planner\'s statistics current while one transaction writes many rows', async () => {
      // Without them PostgreSQL takes a table that grew inside the transaction for a small one (see SqlStore).
      const orders = Array.from({ length: 6000 }, (_, i) => order(`o-${i}`));
      const packages = orders.map((o, i) => pkg(o.orderId, `1Z${String(i).padStart(16, '0')}`, T0));
      await store.transaction(async (tx) => {
        await tx.writeBatch('s1', { orders, packages });
        const [stats] = await sqlOf(tx).all<{ reltuples: number }>("SELECT reltuples FROM pg_class WHERE oid = 'packages'::regclass");
        expect(Number(stats?.reltuples)).toBe(6000);
      });
    });

    it.runIf(dialect.name === 'postgres')('keeps the events\' statistics current while small transactions add events', async () => {
      // Webhook batches are small transactions: the count that analyzes is the process's, not one transaction's.
      const reltuples = async () => Number((await sqlOf(store).all<{ n: number }>("SELECT reltuples AS n FROM pg_class WHERE oid = 'tracking_events'::regclass"))[0]?.n);
      expect(await reltuples()).toBeLessThan(1);
      for (let batch = 0; batch < 12; batch++) {
        const events = Array.from({ length: 100 }, (_, i) => event(`1Z${i}`, T0 + (batch * 100 + i) * 60_000, 'in_transit', `${batch}-${i}`));
        await store.insertEvents('s1', events, T0 + 70 * H);
      }
      expect(await reltuples()).toBeGreaterThanOrEqual(1000);
    });

    it('migrates once: a second migrate applies nothing', async () => {
      expect(await store.migrate()).toBe(0);
    });

    it('returns a package with its categories, order facts and no scans yet', async () => {
      const o = order('111-0000001-0000001');
      await store.writeBatch('s1', {
        orders: [o],
        items: [
          { orderId: o.orderId, orderItemId: 'i1', sku: 'A', category: 'Toys', quantity: 1 },
          { orderId: o.orderId, orderItemId: 'i2', sku: 'B', category: 'Books', quantity: 2 },
        ],
        packages: [pkg(o.orderId, '1ZA', T0)],
        packageItems: [
          { orderId: o.orderId, packageRef: '1', orderItemId: 'i1', quantity: 1 },
          { orderId: o.orderId, packageRef: '1', orderItemId: 'i2', quantity: 2 },
        ],
      });
      const [view] = await store.packagesByDay('s1', 'US', WEEK, 'promised_delivery');
      expect(view).toMatchObject({
        orderId: o.orderId, categories: ['Books', 'Toys'], trackingNumber: '1ZA', promisedDay: '2026-11-06',
        firstScanAt: null, deliveredAt: null, exempt: false, carrierKey: 'ups',
      });
      expect(await store.packagesByDay('s1', 'US', { from: '2026-11-07', to: '2026-11-30' }, 'promised_delivery')).toEqual([]);
      expect(await store.packagesByDay('s1', 'US', { from: '2026-11-02', to: '2026-11-02' }, 'ship_confirm')).toHaveLength(1);
    });

    it('keeps sellers apart', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      expect(await store.packagesByDay('s2', 'US', WEEK, 'promised_delivery')).toEqual([]);
      expect(await store.marketplaces('s2')).toEqual([]);
      expect(await store.marketplaces('s1')).toEqual(['US']);
    });

    it('writing the same batch again changes nothing', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      const snapshot = async () => ({
        orders: await sqlOf(store).all('SELECT * FROM orders WHERE seller_id = ?', ['s1']),
        packages: await sqlOf(store).all('SELECT * FROM packages WHERE seller_id = ?', ['s1']),
        items: await sqlOf(store).all('SELECT * FROM order_items WHERE seller_id = ?', ['s1']),
      });
      const before = await snapshot();
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      expect(await snapshot()).toEqual(before);
      expect(await store.counts('s1')).toEqual({ orders: 1, packages: 1, events: 0 });
    });

    it('derives first scan and delivery from events, ignoring label-created, in any order of arrival', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      const events = [
        event('1ZA', T0 + 60 * H, 'delivered', 'd'),
        event('1ZA', T0 - 2 * H, 'pre_transit', 'p'),
        event('1ZA', T0 + 5 * H, 'in_transit', 'i'),
      ];
      expect(await store.insertEvents('s1', events, T0 + 70 * H)).toEqual({ inserted: 3, duplicates: 0 });
      expect(await store.insertEvents('s1', events.slice(0, 2), T0 + 71 * H)).toEqual({ inserted: 0, duplicates: 2 });
      const [view] = await store.packagesByDay('s1', 'US', WEEK, 'promised_delivery');
      expect(view).toMatchObject({ firstScanAt: T0 + 5 * H, deliveredAt: T0 + 60 * H, firstAttemptAt: T0 + 60 * H, lastStatus: 'delivered' });
    });

    it('attaches events that arrived before their confirmation', async () => {
      await store.insertEvents('s1', [event('1ZA', T0 + 3 * H, 'in_transit', 'early')], T0 + 4 * H);
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      const [view] = await store.packagesByDay('s1', 'US', WEEK, 'promised_delivery');
      expect(view?.firstScanAt).toBe(T0 + 3 * H);
    });

    it('gives a recycled number\'s old scans to the old package only', async () => {
      const oldShip = T0 - 50 * 24 * H;
      await writeOrderWithPackage(store, 's1', order('old', { promisedDay: '2026-09-20' }), pkg('old', '1ZR', oldShip));
      await store.insertEvents('s1', [event('1ZR', oldShip + 5 * H, 'in_transit', 'old-scan')], oldShip + 6 * H);
      await writeOrderWithPackage(store, 's1', order('new'), pkg('new', '1ZR', T0));
      const byOrder = async (id: string) =>
        (await store.packagesByDay('s1', 'US', { from: '2026-09-01', to: '2026-12-31' }, 'promised_delivery')).find((p) => p.orderId === id);
      expect((await byOrder('old'))?.firstScanAt).toBe(oldShip + 5 * H);
      expect((await byOrder('new'))?.firstScanAt).toBeNull();
      // A scan the day before the new ship date already belongs to the new shipment (ship date minus one day).
      await store.insertEvents('s1', [event('1ZR', T0 - 20 * H, 'in_transit', 'new-scan')], T0);
      expect((await byOrder('new'))?.firstScanAt).toBe(T0 - 20 * H);
      expect((await byOrder('old'))?.firstScanAt).toBe(oldShip + 5 * H);
    });

    it('keeps the furthest status as the latest, the later among equals, a fixed order at the same instant', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      const latest = async () => (await store.packagesByDay('s1', 'US', WEEK, 'promised_delivery'))[0];
      await store.insertEvents('s1', [event('1ZA', T0 + 5 * H, 'in_transit', 'i'), event('1ZA', T0 + 10 * H, 'exception', 'x')], T0 + 11 * H);
      expect(await latest()).toMatchObject({ lastStatus: 'exception', lastEventAt: T0 + 10 * H, firstScanAt: T0 + 5 * H });
      // Out for delivery is further than an exception, though earlier.
      await store.insertEvents('s1', [event('1ZA', T0 + 8 * H, 'out_for_delivery', 'o')], T0 + 12 * H);
      expect(await latest()).toMatchObject({ lastStatus: 'out_for_delivery', lastEventAt: T0 + 10 * H });
      // As far, at the same instant: the order of TRACKING_STATUSES decides, whatever the arrival.
      await store.insertEvents('s1', [event('1ZA', T0 + 8 * H, 'delivery_failed', 'f')], T0 + 13 * H);
      expect(await latest()).toMatchObject({ lastStatus: 'delivery_failed', firstAttemptAt: T0 + 8 * H, deliveredAt: null });
    });

    it('takes every scan from the earlier package when a later one recycles the number before them', async () => {
      const oldShip = T0 - 50 * 24 * H;
      await writeOrderWithPackage(store, 's1', order('old', { promisedDay: '2026-09-20' }), pkg('old', '1ZR', oldShip));
      await store.insertEvents('s1', [event('1ZR', T0 + 2 * H, 'in_transit', 'late-scan')], T0 + 3 * H);
      const byOrder = async (id: string) =>
        (await store.packagesByDay('s1', 'US', { from: '2026-09-01', to: '2026-12-31' }, 'promised_delivery')).find((p) => p.orderId === id);
      expect(await byOrder('old')).toMatchObject({ firstScanAt: T0 + 2 * H, lastStatus: 'in_transit' });
      await writeOrderWithPackage(store, 's1', order('new'), pkg('new', '1ZR', T0));
      expect(await byOrder('new')).toMatchObject({ firstScanAt: T0 + 2 * H, lastStatus: 'in_transit' });
      expect(await byOrder('old')).toMatchObject({ firstScanAt: null, lastEventAt: null, lastStatus: null });
    });

    it('a corrected tracking number starts without the old number\'s scans', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      await store.insertEvents('s1', [event('1ZA', T0 + 5 * H, 'in_transit', 'a')], T0 + 6 * H);
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZB', T0));
      const [view] = await store.packagesByDay('s1', 'US', WEEK, 'promised_delivery');
      expect(view).toMatchObject({ trackingNumber: '1ZB', firstScanAt: null });
    });

    it('reads and refreshes by more keys than one statement lists, each key once however often it is named', async () => {
      // 1,200 keys: several `IN` lists on SQLite, one array on PostgreSQL.
      const ids = Array.from({ length: 1_200 }, (_, i) => `o${String(i).padStart(4, '0')}`);
      await store.writeBatch('s1', {
        orders: ids.map((id) => order(id)),
        items: ids.map((id) => ({ orderId: id, orderItemId: 'a', sku: 'A', category: 'Toys', quantity: 1 })),
        packages: ids.map((id) => pkg(id, `1Z${id}`, T0)),
        packageItems: ids.map((id) => ({ orderId: id, packageRef: '1', orderItemId: 'a', quantity: 1 })),
      });
      const numbers = ids.map((id) => `1Z${id}`);
      await store.insertEvents('s1', numbers.map((n) => event(n, T0 + 5 * H, 'in_transit', n)), T0 + 6 * H);
      const scanned = await store.packagesOf('s1', { orderIds: [...ids.slice(0, 700), ...ids.slice(0, 10)], trackingNumbers: [...numbers.slice(600), numbers[0]!] });
      expect(scanned.map((p) => p.orderId).sort()).toEqual(ids);
      expect(scanned.every((p) => p.firstScanAt === T0 + 5 * H)).toBe(true);
      const orders = await store.ordersByIds('s1', [...ids, ...ids.slice(0, 5)]);
      expect(orders.map((o) => o.orderId).sort()).toEqual(ids);
      expect(orders.every((o) => o.packages[0]?.firstScanAt === T0 + 5 * H)).toBe(true);
      const byId = await store.packagesByIds('s1', scanned.map((p) => p.packageId).reverse());
      expect(byId.map((p) => p.packageId)).toEqual(scanned.map((p) => p.packageId).sort((a, b) => a - b));
    });

    it('reads the packages of a write again after it: whole for the orders named, their own rows for those reached by number', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0), 'Toys');
      await writeOrderWithPackage(store, 's1', order('o2'), pkg('o2', '1ZB', T0), 'Books');
      const keys = { orderIds: ['o2'], trackingNumbers: ['1ZA', '1ZB'] };
      const before = await store.packagesOf('s1', keys);
      // Events reach o1's package by its number; o2 is named and its item changes category.
      await store.writeBatch('s1', { items: [{ orderId: 'o2', orderItemId: 'o2-a', sku: 'SKU-A', category: 'Games', quantity: 1 }] });
      await store.insertEvents('s1', [event('1ZA', T0 + 5 * H, 'in_transit', 'a'), event('1ZB', T0 + 6 * H, 'delivered', 'b')], T0 + 7 * H);
      const byId = <V extends { packageId: number }>(views: readonly V[]) => [...views].sort((a, b) => a.packageId - b.packageId);
      const after = byId(await store.packagesAfter('s1', keys, before));
      expect(after).toEqual(byId(await store.packagesOf('s1', keys)));
      expect(after.map((p) => [p.orderId, p.categories, p.firstScanAt, p.deliveredAt])).toEqual([
        ['o1', ['Toys'], T0 + 5 * H, null], ['o2', ['Games'], T0 + 6 * H, T0 + 6 * H],
      ]);
    });

    it('reads orders with their first confirmation for LSR and CR', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      await store.writeBatch('s1', { orders: [order('o2', { cancelledAt: T0, cancelledBy: 'seller' })] });
      const orders = await store.ordersByDay('s1', 'US', 'ship_by', { from: '2026-11-03', to: '2026-11-03' });
      expect(orders.map((o) => [o.orderId, o.firstConfirmedAt, o.cancelledBy])).toEqual([
        ['o1', T0 + H, null],
        ['o2', null, 'seller'],
      ]);
      expect(orders[0]?.categories).toEqual(['Toys']);
      expect(await store.ordersByDay('s1', 'US', 'purchase', { from: '2026-11-01', to: '2026-11-01' })).toHaveLength(2);
    });

    it('an order source without dates fills nothing in and erases nothing', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      await store.writeBatch('s1', {
        orders: [order('o1', { latestShipDate: null, latestDeliveryDate: null, shipByDay: null, promisedDay: null })],
        items: [{ orderId: 'o1', orderItemId: 'o1-a', sku: 'SKU-A', category: '', quantity: 1 }],
      });
      const [o] = await store.ordersByDay('s1', 'US', 'ship_by', { from: '2026-11-03', to: '2026-11-03' });
      expect(o).toMatchObject({ latestShipDate: T0 + 24 * H, promisedDay: '2026-11-06', categories: ['Toys'] });
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        store.transaction(async (tx) => {
          await writeOrderWithPackage(tx, 's1', order('o1'), pkg('o1', '1ZA', T0));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.counts('s1')).toEqual({ orders: 0, packages: 0, events: 0 });
    });

    it('finds earlier uses of a tracking number for the reuse check', async () => {
      await writeOrderWithPackage(store, 's1', order('o1'), pkg('o1', '1ZA', T0));
      expect(await store.findTrackingUses('s1', '1ZA', T0 - 90 * 24 * H)).toEqual([{ orderId: 'o1', packageRef: '1', confirmedAt: T0 + H }]);
      expect(await store.findTrackingUses('s1', '1ZA', T0 + 2 * H)).toEqual([]);
      expect(await store.findTrackingUses('s2', '1ZA', 0)).toEqual([]);
    });

    it('records imports by content hash', async () => {
      const record = { contentHash: 'abc', format: 'shipments', fileName: 'f.csv', rowsRead: 3, rowsRejected: 1, finishedAt: T0 };
      await store.recordImport('s1', record);
      expect(await store.findImport('s1', 'abc', 'shipments')).toEqual(record);
      expect(await store.findImport('s2', 'abc', 'shipments')).toBeNull();
    });
  });
}
