import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpOrder } from '../amazon/operations.js';
import { makeOrder, makeSeller, US } from '../../test/mock-sp-api/fixtures.js';
import { startSyncedSeller } from '../../test/mock-sp-api/harness.js';
import type { MockSeller, MockSpApi } from '../../test/mock-sp-api/server.js';
import { countConfirmations, listConfirmations } from '../store/amazon.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { dialectCases, rawSql, TEST_PG_URL, type TestStore } from '../store/testing.js';
import { confirmPackages, type ConfirmationRequest } from './amazon-confirm.js';
import { AmazonClients, type AmazonDeps } from './amazon-context.js';
import { confirmByFeed, resumeFeeds } from './amazon-feed.js';
import { syncOrders } from './amazon-sync.js';

const UPS_A = '1Z999AA10123456784';
const UPS_B = '1ZQNZLQYYW42578153';
const HOUR = 3_600_000;
const SERVICE_UNAVAILABLE = { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable.', details: '' }] };
const NONE = { held: 0, sending: 0, sent: 0, partial: 0, refused: 0, failed: 0, skipped: 0 };

/**
 * Makes the store's next `times` transactions once `happened` fail as the driver fails when another writer holds
 * the database (SQLITE_BUSY; a PostgreSQL deadlock).
 */
function failTransactionsAfter(store: Store, happened: () => boolean, times: number): () => void {
  const original = store.transaction.bind(store);
  let left = times;
  store.transaction = async (fn) => {
    if (happened() && left > 0) {
      left--;
      throw Object.assign(new Error('database is busy'), { code: store.dialect === 'postgres' ? '40P01' : 'SQLITE_BUSY' });
    }
    return original(fn);
  };
  return () => {
    store.transaction = original;
  };
}

/** The recording of what Amazon took fails: every transaction after the mock accepted a confirmation, `times` of them. */
function failRecordingAfterAmazonTook(store: Store, mock: MockSpApi, times: number): () => void {
  const acceptedBefore = mock.confirmations.length;
  return failTransactionsAfter(store, () => mock.confirmations.length > acceptedBefore, times);
}

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`${dialect.name}: a confirmation Amazon took is recorded, and a retry sends nothing twice`, () => {
    let db: TestStore;
    let mock: MockSpApi;
    let seller: MockSeller;
    let deps: AmazonDeps;
    let clock: number;
    let fresh: SpOrder;
    let other: SpOrder;

    const request = (extra: Partial<ConfirmationRequest> = {}): ConfirmationRequest => ({
      orderId: fresh.orderId, carrierCode: 'UPS', trackingNumber: UPS_A, shipDate: clock - HOUR, ...extra,
    });
    const rowsOfOrder = () => rawSql(db.store).all<{ state: string; package_ref: string }>(
      'SELECT state, package_ref FROM amazon_confirmations WHERE seller_id = ? AND order_id = ? ORDER BY created_at', ['s1', fresh.orderId],
    );
    const packagesAtAmazon = () => seller.orders.get(fresh.orderId)!.packages ?? [];
    /** Amazon holds package 1 of the fresh order, number UPS_A, shipped an hour ago (the order changes now). */
    const amazonHoldsPackageOne = () => mock.touch(seller, fresh.orderId, (order) => {
      order.packages = [{
        packageReferenceId: '1', carrier: 'UPS', trackingNumber: UPS_A, shipTime: new Date(clock - HOUR).toISOString(), createdTime: new Date(clock).toISOString(),
        packageItems: order.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
      }];
    });
    const packagesOfOrder = () => rawSql(db.store).all<{ package_ref: string; tracking_number: string; ship_date: number }>(
      'SELECT package_ref, tracking_number, ship_date FROM packages WHERE seller_id = ? AND order_id = ?', ['s1', fresh.orderId],
    );

    beforeEach(async () => {
      db = await dialect.fresh();
      seller = makeSeller('retry', { count: 4, marketplaceIds: [US] });
      clock = Date.now();
      fresh = makeOrder({ n: 5001, marketplaceId: US, createdAt: clock - HOUR, updatedAt: clock - 10 * 60_000 });
      other = makeOrder({ n: 5002, marketplaceId: US, createdAt: clock - HOUR, updatedAt: clock - 10 * 60_000 });
      seller.orders.set(fresh.orderId, fresh);
      seller.orders.set(other.orderId, other);
      ({ mock, deps } = await startSyncedSeller(db.store, seller, { now: () => clock }));
    });
    afterEach(async () => {
      await mock.close();
      await db.dispose();
    });

    it('retries the recording a busy database refused once: the package is sent, not failed', async () => {
      const restore = failRecordingAfterAmazonTook(db.store, mock, 1);
      const [outcome] = await confirmPackages(deps, 's1', [request()]);
      restore();
      expect(outcome).toMatchObject({ state: 'sent', reason: null });
      expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, sent: 1 });
    });

    it('says Amazon took a package it could not record, and the next sync records it as sent', async () => {
      const restore = failRecordingAfterAmazonTook(db.store, mock, 100);
      // The database is gone for the credential's health note after the call too: Amazon's answer still stands.
      const { onCredential } = deps;
      deps.onCredential = () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
      const [outcome] = await confirmPackages(deps, 's1', [request()]);
      deps.onCredential = onCredential;
      restore();
      expect(outcome).toMatchObject({ state: 'sending', reason: expect.stringContaining('Amazon took package 1') });
      expect(packagesAtAmazon()).toHaveLength(1);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, sending: 1 });

      await syncOrders(deps, 's1');
      expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, sent: 1 });
      const packages = await rawSql(db.store).all<{ package_ref: string; tracking_number: string; buy_shipping: number }>(
        'SELECT package_ref, tracking_number, buy_shipping FROM packages WHERE seller_id = ? AND order_id = ?', ['s1', fresh.orderId],
      );
      expect(packages.map((p) => [p.package_ref, p.tracking_number, Number(p.buy_shipping)])).toEqual([['1', UPS_A, 0]]);
    });

    it('answers the same confirmation sent again with its outcome: one row, one package at Amazon', async () => {
      const [first] = await confirmPackages(deps, 's1', [request()]);
      const [again] = await confirmPackages(deps, 's1', [request()]);
      const [named] = await confirmPackages(deps, 's1', [request({ packageRef: '1' })]);
      expect(first).toMatchObject({ state: 'sent', packageRef: '1' });
      expect(again).toEqual(first);
      expect(named).toEqual(first);
      expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
      expect(packagesAtAmazon()).toHaveLength(1);
      expect(mock.confirmations).toHaveLength(1);
    });

    it('answers a repeat still being sent (the retry of a request cut off mid-way) with that confirmation, sending', async () => {
      const restore = failRecordingAfterAmazonTook(db.store, mock, 100);
      const [cut] = await confirmPackages(deps, 's1', [request()]);
      restore();
      const [retried] = await confirmPackages(deps, 's1', [request()]);
      expect(retried).toMatchObject({ confirmationId: cut!.confirmationId, state: 'sending' });
      expect(await rowsOfOrder()).toEqual([{ state: 'sending', package_ref: '1' }]);
      expect(mock.confirmations).toHaveLength(1);
    });

    it('skips the same number with other details unless its package is named: an edit is explicit', async () => {
      await confirmPackages(deps, 's1', [request()]);
      const [other] = await confirmPackages(deps, 's1', [request({ shipDate: clock - 2 * HOUR })]);
      expect(other).toMatchObject({ state: 'skipped', reason: expect.stringContaining('send its package reference 1') });
      const [edit] = await confirmPackages(deps, 's1', [request({ packageRef: '1', shipDate: clock - 2 * HOUR })]);
      expect(edit).toMatchObject({ state: 'sent', packageRef: '1' });
      expect(packagesAtAmazon()).toHaveLength(1);
      expect(mock.confirmations).toHaveLength(2);
    });

    it('answers a feed sent again with the first feed\'s packages: no second row, no second package', async () => {
      mock.pollsToFinish = 1;
      const first = await confirmByFeed(deps, 's1', [request()], { wait: false });
      const again = await confirmByFeed(deps, 's1', [request()], { wait: false });
      expect(again.outcomes.map((o) => o.confirmationId)).toEqual(first.outcomes.map((o) => o.confirmationId));
      expect(again.feeds.map((f) => f.feedId)).toEqual(first.feeds.map((f) => f.feedId));
      expect(await listConfirmations(db.store, 's1', ['sending'])).toHaveLength(1);
      const done = await confirmByFeed(deps, 's1', [request()], { pollEveryMs: 1 });
      expect(done.outcomes.map((o) => o.state)).toEqual(['sent']);
      expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
      expect(packagesAtAmazon()).toHaveLength(1);
    });

    it('gives a feed Amazon named its id though the database was busy then: it is followed, not abandoned', async () => {
      const restore = failTransactionsAfter(db.store, () => mock.calls.some((c) => c.operation === 'createFeed'), 1);
      const run = await confirmByFeed(deps, 's1', [request()], { wait: false });
      restore();
      expect(run.feeds).toMatchObject([{ feedId: expect.any(String), state: 'IN_QUEUE' }]);
      expect(run.outcomes).toMatchObject([{ state: 'sending', reason: `in feed ${run.feeds[0]!.feedId}` }]);
    });

    it('sends two identical requests started together once: one row, one confirmShipment', async () => {
      const [[a], [b]] = await Promise.all([confirmPackages(deps, 's1', [request()]), confirmPackages(deps, 's1', [request()])]);
      expect(a!.confirmationId).toBe(b!.confirmationId);
      expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
      expect(mock.confirmations).toHaveLength(1);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, sent: 1 });
    });

    it.skipIf(dialect.name !== 'postgres')('sends two identical requests to two processes on one database once', async () => {
      const [where] = await rawSql(db.store).all<{ schema: string }>('SELECT current_schema() AS schema');
      const second = await openStore(TEST_PG_URL, { schema: where!.schema });
      try {
        const elsewhere: AmazonDeps = { ...deps, store: second, clients: new AmazonClients() };
        const [[a], [b]] = await Promise.all([confirmPackages(deps, 's1', [request()]), confirmPackages(elsewhere, 's1', [request()])]);
        expect(a!.confirmationId).toBe(b!.confirmationId);
        expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
        expect(mock.confirmations).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('settles the packages of a feed abandoned without its id that Amazon holds; one Amazon does not hold stays failed', async () => {
      const restore = failTransactionsAfter(db.store, () => mock.calls.some((c) => c.operation === 'createFeed'), 1000);
      await expect(confirmByFeed(deps, 's1', [request(), { ...request(), orderId: other.orderId, trackingNumber: UPS_B }], { wait: false })).rejects.toThrow();
      restore();
      // Amazon processed the feed: it holds the first order's package, refused the second's row.
      amazonHoldsPackageOne();
      clock += 11 * 60_000;
      const [abandoned] = await resumeFeeds(deps, 's1');
      expect(abandoned).toMatchObject({ state: 'ABANDONED' });
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, failed: 2 });

      await syncOrders(deps, 's1');
      expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
      expect(await listConfirmations(db.store, 's1', ['failed'])).toMatchObject([{ orderId: other.orderId }]);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, sent: 1, failed: 1 });
      const packages = await rawSql(db.store).all<{ package_ref: string; tracking_number: string }>(
        'SELECT package_ref, tracking_number FROM packages WHERE seller_id = ? AND order_id IN (?, ?)', ['s1', fresh.orderId, other.orderId],
      );
      expect(packages).toEqual([{ package_ref: '1', tracking_number: UPS_A }]);
    });

    it('settles a single Amazon took whose answer was lost (failed, not refused): the sync records it as sent', async () => {
      // Each try of confirmShipment is carried out, then answered 503, until the client gives up: Amazon holds it.
      mock.faults.push(...Array.from({ length: 6 }, () => ({ status: 503, body: SERVICE_UNAVAILABLE, afterApplying: true })));
      const [outcome] = await confirmPackages(deps, 's1', [request()]);
      mock.faults.length = 0;
      expect(outcome).toMatchObject({ state: 'failed', reason: expect.stringContaining('confirmShipment failed after') });
      expect(packagesAtAmazon()).toMatchObject([{ packageReferenceId: '1', trackingNumber: UPS_A }]);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, failed: 1 });

      await syncOrders(deps, 's1');
      expect(await rowsOfOrder()).toEqual([{ state: 'sent', package_ref: '1' }]);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, sent: 1 });
      expect((await packagesOfOrder()).map((p) => [p.package_ref, p.tracking_number])).toEqual([['1', UPS_A]]);
    });

    it('leaves failed a single Amazon refused, though Amazon holds a package under its reference and number', async () => {
      // Confirmed in Seller Central and taken in by a sync; the seller's edit of it (another ship date) is refused.
      amazonHoldsPackageOne();
      await syncOrders(deps, 's1');
      mock.faults.push({ status: 400, body: { errors: [{ code: 'InvalidInput', message: 'Invalid Input', details: '' }] } });
      const [outcome] = await confirmPackages(deps, 's1', [request({ packageRef: '1', shipDate: clock - 2 * HOUR })]);
      expect(outcome).toMatchObject({ state: 'failed', reason: expect.stringContaining('confirmShipment refused (400)') });

      mock.touch(seller, fresh.orderId, () => undefined);
      await syncOrders(deps, 's1');
      expect(await rowsOfOrder()).toEqual([{ state: 'failed', package_ref: '1' }]);
      expect(await countConfirmations(db.store, 's1')).toEqual({ ...NONE, failed: 1 });
      // The package stays as Amazon holds it, not as the refused edit meant it.
      expect((await packagesOfOrder()).map((p) => [p.package_ref, Number(p.ship_date)])).toEqual([['1', clock - HOUR]]);
    });
  });
}
