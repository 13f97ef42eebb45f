import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrackingEventRecord, TrackingStatus } from '../core/domain.js';
import type { CountedPackageView, OrderView } from '../core/views.js';
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

    it('reads a span once into the package and order views the keyed reads give', async () => {
      const item = (orderId: string, orderItemId: string, category: string, quantity = 1, cancelled = false) => ({
        orderId, orderItemId, sku: orderItemId, category, quantity, cancelledAt: cancelled ? T0 + H : null, cancelledBy: cancelled ? 'buyer' as const : null,
      });
      const carried = (orderId: string, packageRef: string, orderItemId: string, quantity = 1) => ({ orderId, packageRef, orderItemId, quantity });
      await store.writeBatch('s1', {
        orders: [
          order('o01'), order('o02'), order('o03', { isPrime: true, originalLatestDeliveryDate: T0 + 72 * H }), order('o04'), order('o05'),
          order('o06', { cancelledAt: T0, cancelledBy: 'seller' }), order('o07'), order('o08', { promisedDay: null, latestDeliveryDate: null }),
          order('o09', { latestShipDate: null, shipByDay: null }), order('o10', { isPrime: false }),
        ],
        items: [
          item('o01', 'a', 'Toys'), item('o03', 'a', 'Toys'), item('o04', 'a', 'Toys'), item('o04', 'b', 'Books', 2),
          item('o05', 'a', 'Toys'), item('o05', 'b', 'Books', 1, true), item('o05', 'c', 'Games'), item('o06', 'a', 'Toys'),
          item('o07', 'a', 'Toys'), item('o08', 'a', 'Toys'), item('o09', 'a', ''), item('o10', 'a', 'Toys'), item('o10', 'b', 'Toys'),
        ],
        packages: [
          pkg('o03', '1Z03', T0), pkg('o04', '1Z04', T0), pkg('o05', '1Z05A', T0), pkg('o05', '1Z05B', T0 + H, { packageRef: '2' }),
          pkg('o05', null, T0 + 2 * H, { packageRef: '3', confirmedAt: null, staticDefect: 'no_tracking' }), pkg('o06', '1Z06', T0),
          pkg('o07', '1Z07', T0, { problems: ['bad_date'] }), pkg('o08', '1Z08', T0), pkg('o09', '1Z09', T0),
          pkg('o10', '1Z10A', T0 + 3 * H), pkg('o10', '1Z10B', T0 - H, { packageRef: '2', exempt: true }),
        ],
        packageItems: [
          carried('o03', '1', 'a'), carried('o04', '1', 'a'), carried('o04', '1', 'b', 2), carried('o05', '1', 'a'), carried('o05', '2', 'b'),
          carried('o06', '1', 'a'), carried('o07', '1', 'a', 2), carried('o07', '1', 'not-listed', 3), carried('o08', '1', 'a'), carried('o09', '1', 'a'),
          carried('o10', '1', 'a'), carried('o10', '1', 'b', 4), carried('o10', '2', 'b'),
        ],
      });
      await writeOrderWithPackage(store, 's2', order('o05'), pkg('o05', '1Z05A', T0));
      const numbers = ['1Z03', '1Z04', '1Z05A', '1Z06', '1Z10A'];
      await store.insertEvents('s1', numbers.map((n) => event(n, T0 + 5 * H, 'in_transit', n)), T0 + 6 * H);
      await store.refreshDerived('s1', numbers);

      const packages: CountedPackageView[] = [];
      const orders: OrderView[] = [];
      const handedOut: string[] = [];
      for (const span of await store.orderSpans('s1', 3)) {
        await store.eachViewIn('s1', span, (view) => {
          packages.push(view);
          handedOut.push(`${view.orderId}/${view.packageRef}`);
        }, (view) => {
          orders.push(view);
          handedOut.push(view.orderId);
        });
      }
      const orderIds = Array.from({ length: 10 }, (_, i) => `o${String(i + 1).padStart(2, '0')}`);
      // The order of an order's items and packages means nothing (the keyed reads leave it to the plan).
      const sameOrder = (view: OrderView) => ({
        ...view,
        items: [...view.items].sort((a, b) => a.orderItemId.localeCompare(b.orderItemId)),
        packages: [...view.packages].sort((a, b) => a.packageRef.localeCompare(b.packageRef)).map((p) => ({ ...p, itemIds: [...p.itemIds].sort() })),
      });
      expect(orders.map(sameOrder)).toEqual((await store.ordersByIds('s1', orderIds)).map(sameOrder).sort((a, b) => a.orderId.localeCompare(b.orderId)));
      expect(packages).toEqual((await store.packagesOf('s1', { orderIds, trackingNumbers: [] })).sort((a, b) => a.packageId - b.packageId));
      // Each package before its order, in key order.
      expect(handedOut).toEqual([
        'o01', 'o02', 'o03/1', 'o03', 'o04/1', 'o04', 'o05/1', 'o05/2', 'o05/3', 'o05', 'o06/1', 'o06', 'o07/1', 'o07', 'o08/1', 'o08', 'o09/1', 'o09',
        'o10/1', 'o10/2', 'o10',
      ]);
      // What the crossing of packages and items must not lose or repeat.
      const view = (orderId: string, packageRef: string) => packages.find((p) => p.orderId === orderId && p.packageRef === packageRef);
      expect(view('o07', '1')).toMatchObject({ units: 5, categories: ['Toys'] });
      expect(view('o10', '1')).toMatchObject({ units: 5, categories: ['Toys'] });
      expect(view('o05', '3')).toMatchObject({ units: 1, categories: [] });
      expect(sameOrder(orders.find((o) => o.orderId === 'o05')!)).toMatchObject({
        categories: ['Books', 'Games', 'Toys'], firstConfirmedAt: T0 + H,
        items: [{ orderItemId: 'a' }, { orderItemId: 'b', cancelledBy: 'buyer' }, { orderItemId: 'c' }],
        packages: [{ packageRef: '1', itemIds: ['a'], firstScanAt: T0 + 5 * H }, { packageRef: '2', itemIds: ['b'] }, { packageRef: '3', itemIds: [], confirmedAt: null }],
      });
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
