import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpOrder } from '../amazon/operations.js';
import { makeOrder, makeSeller, US } from '../../test/mock-sp-api/fixtures.js';
import { startSyncedSeller } from '../../test/mock-sp-api/harness.js';
import type { MockSeller, MockSpApi } from '../../test/mock-sp-api/server.js';
import { mockDeps } from '../../test/mock-sp-api/harness.js';
import { insertConfirmation, insertFeed, listConfirmations, openFeeds, setHoldPolicy } from '../store/amazon.js';
import { lockSellerWrites } from '../store/rollups.js';
import { dialectCases, rawSql, type TestStore } from '../store/testing.js';
import { confirmPackages, gateConfirmation, type ConfirmationRequest } from './amazon-confirm.js';
import { AmazonClients, type AmazonDeps } from './amazon-context.js';
import { confirmByFeed, resumeFeeds } from './amazon-feed.js';
import { amazonStatus } from './amazon-status.js';
import { syncOrders } from './amazon-sync.js';

const NUMBERS = ['1Z999AA10123456784', '1ZQNZLQYYW42578153', '1ZI69FH60101018902'];
const HOUR = 3_600_000;
const FAST = { pollEveryMs: 5 };

let db: TestStore;
let mock: MockSpApi;
let seller: MockSeller;
let deps: AmazonDeps;
let orders: SpOrder[];

const request = (order: SpOrder, trackingNumber: string, extra: Partial<ConfirmationRequest> = {}): ConfirmationRequest => ({
  orderId: order.orderId, carrierCode: 'UPS', trackingNumber, shipDate: Date.now() - HOUR, ...extra,
});
const operations = () => mock.calls.map((c) => c.operation);
const storedPackages = () => rawSql(db.store).all<{ order_id: string; package_ref: string; tracking_number: string }>(
  'SELECT order_id, package_ref, tracking_number FROM packages ORDER BY order_id', [],
);
const storedItems = (orderId: string) => rawSql(db.store).all<{ package_ref: string; order_item_id: string }>(
  'SELECT package_ref, order_item_id FROM package_items WHERE order_id = ? ORDER BY order_item_id', [orderId],
);
const states = async () => (await rawSql(db.store).all<{ state: string }>('SELECT state FROM amazon_confirmations ORDER BY created_at', [])).map((r) => r.state);

for (const dialect of await dialectCases()) {
describe.skipIf(!dialect.available)(`bulk confirmation feeds on ${dialect.name}`, () => {
  beforeEach(async () => {
    db = await dialect.fresh();
    seller = makeSeller('feed', { count: 0, marketplaceIds: [US] });
    const now = Date.now();
    // Order 3003 has two items (every third order does): one package, two rows of the feed.
    orders = [3003, 3004, 3005].map((n) => makeOrder({ n, marketplaceId: US, createdAt: now - 2 * HOUR, updatedAt: now - 30 * 60_000 }));
    for (const order of orders) seller.orders.set(order.orderId, order);
    ({ mock, deps } = await startSyncedSeller(db.store, seller));
  });
  afterEach(async () => {
    await mock.close();
    await db.dispose();
  });

  describe('confirmByFeed', () => {
    it('sends only what the gateway passes, reads the processing report per row and records each package\'s outcome', async () => {
      const [two, one, bad] = orders as [SpOrder, SpOrder, SpOrder];
      const run = await confirmByFeed(deps, 's1', [
        request(two, NUMBERS[0]!),
        request(one, NUMBERS[1]!, { carrierCode: 'USPS' }),
        // Passes the gateway, but the item is not the order's: Amazon refuses that row in its processing report.
        request(bad, NUMBERS[2]!, { items: [{ orderItemId: '99999999999999', quantity: 1 }] }),
      ], FAST);
      expect(run.outcomes.map((o) => o.state)).toEqual(['sent', 'refused', 'failed']);
      expect(run.outcomes[1]!.problems.map((p) => p.code)).toEqual(['CARRIER_MISMATCH']);
      expect(run.outcomes[2]!.reason).toMatch(/^Amazon refused feed row 3: OrderItemId is invalid.*\(18028\)$/);
      expect(run.feeds).toEqual([{
        feedId: expect.any(String), marketplace: 'US', state: 'DONE', packages: 2, rows: 3, processed: 3, successful: 2, reason: null,
        createdAt: expect.any(Number), finishedAt: expect.any(Number),
      }]);
      // No confirmShipment call: everything went by the feed.
      expect(operations().filter((o) => o === 'confirmShipment')).toEqual([]);
      expect(operations()).toEqual(expect.arrayContaining(['createFeedDocument', 'createFeed', 'getFeed', 'getFeedDocument']));
      // Amazon holds one package with both items of the two-item order, and nothing of the refused one.
      expect(seller.orders.get(two.orderId)!.packages).toMatchObject([{
        packageReferenceId: '1', carrier: 'UPS', trackingNumber: NUMBERS[0],
        packageItems: two.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
      }]);
      expect(seller.orders.get(one.orderId)!.packages).toEqual([]);
      expect(await storedPackages()).toEqual([{ order_id: two.orderId, package_ref: '1', tracking_number: NUMBERS[0] }]);
      expect((await listConfirmations(db.store, 's1', ['failed']))[0]).toMatchObject({ orderId: bad.orderId, reason: run.outcomes[2]!.reason });
      // Amazon's record, synced back, is what was sent: no difference, no second package.
      await syncOrders(deps, 's1');
      expect(await storedPackages()).toHaveLength(1);
    });

    it.skipIf(dialect.name !== 'postgres')('applies a feed\'s outcome beside another writer of the seller without a deadlock', async () => {
      const [two, one, bad] = orders as [SpOrder, SpOrder, SpOrder];
      // Another writer of the seller (an import, a confirmation) holds the seller's write lock and then counts a
      // confirmation, while the feed's outcome is applied: both take the same two locks, so both must take them in one order.
      const other = db.store.transaction(async (tx) => {
        await lockSellerWrites(tx, 's1');
        const [{ pid }] = await rawSql(tx).all<{ pid: number }>('SELECT pg_backend_pid() AS pid', []) as [{ pid: number }];
        const run = confirmByFeed(deps, 's1', [
          request(two, NUMBERS[0]!),
          request(one, NUMBERS[1]!, { carrierCode: 'USPS' }),
          request(bad, NUMBERS[2]!, { items: [{ orderItemId: '99999999999999', quantity: 1 }] }),
        ], FAST);
        // The feed's outcome waits for this writer.
        for (let waited = 0; ; waited += 10) {
          const blocked = await rawSql(db.store).all('SELECT 1 FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))', [pid]);
          if (blocked.length > 0) break;
          if (waited > 10_000) throw new Error('the feed\'s outcome never waited for the other writer');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const now = Date.now();
        await insertConfirmation(tx, 's1', {
          confirmationId: 'other-writer', orderId: 'another-order', packageRef: '1', state: 'held', request: '{}', reason: null, holdUntil: now, createdAt: now, updatedAt: now,
        });
        // Not awaited here: the feed's outcome can only be applied once this transaction has ended.
        return { run };
      });
      const run = await (await other).run;
      expect(run.outcomes.map((o) => o.state)).toEqual(['sent', 'refused', 'failed']);
      expect((await amazonStatus(deps, 's1')).confirmations.counts).toMatchObject({ sent: 1, failed: 1, held: 1 });
    });

    it('records a package Amazon took without one of its items as partial, naming the refused item with the fix', async () => {
      const [two] = orders as [SpOrder];
      const good = two.orderItems[0]!;
      const [outcome] = (await confirmByFeed(deps, 's1', [request(two, NUMBERS[0]!, {
        items: [{ orderItemId: good.orderItemId, quantity: 1 }, { orderItemId: '99999999999999', quantity: 1 }],
      })], FAST)).outcomes;
      expect(outcome).toMatchObject({
        state: 'partial',
        reason: 'Amazon confirmed package 1 with 1 of its 2 items; it refused item 99999999999999',
        problems: [{
          code: 'FEED_ROW_REFUSED',
          message: expect.stringMatching(/^item 99999999999999 \(feed row 2\): OrderItemId is invalid.*\(18028\)$/),
          fix: expect.stringContaining('confirm package 1 again with all its items'),
        }],
      });
      // Amazon holds the package with the item it took, and so does vtrguard: the package counts as shipped, with that item.
      expect(seller.orders.get(two.orderId)!.packages).toMatchObject([{ trackingNumber: NUMBERS[0], packageItems: [{ orderItemId: good.orderItemId, quantity: 1 }] }]);
      expect(await storedItems(two.orderId)).toEqual([{ package_ref: '1', order_item_id: good.orderItemId }]);
      const status = await amazonStatus(deps, 's1');
      expect(status.confirmations.counts).toMatchObject({ partial: 1, failed: 0, sent: 0 });
      expect(status.confirmations.refused).toEqual([outcome]);
      // The next sync takes Amazon's record as the seller's (the gateway sent its number), not as a Buy Shipping label,
      // and finds no difference.
      await syncOrders(deps, 's1');
      expect(await rawSql(db.store).all('SELECT tracking_number, buy_shipping FROM packages WHERE order_id = ?', [two.orderId])).toEqual([{ tracking_number: NUMBERS[0], buy_shipping: 0 }]);
      expect((await amazonStatus(deps, 's1')).differences).toEqual([]);
      // The fix: the package again, by its reference, with all its items corrected. Amazon edits it; so does vtrguard.
      const both = two.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered }));
      const [fixed] = await confirmPackages(deps, 's1', [request(two, NUMBERS[0]!, { packageRef: '1', items: both })]);
      expect(fixed!.state).toBe('sent');
      expect(seller.orders.get(two.orderId)!.packages).toMatchObject([{ packageReferenceId: '1', packageItems: both }]);
      expect(await storedItems(two.orderId)).toEqual(both.map((i) => ({ package_ref: '1', order_item_id: i.orderItemId })));
    });

    it('fails a package all of whose rows Amazon refused, and keeps Amazon\'s warning on one it took', async () => {
      const [two] = orders as [SpOrder];
      const [outcome] = (await confirmByFeed(deps, 's1', [request(two, NUMBERS[0]!, {
        items: [{ orderItemId: '99999999999998', quantity: 1 }, { orderItemId: '99999999999999', quantity: 1 }],
      })], FAST)).outcomes;
      expect(outcome).toMatchObject({ state: 'failed', problems: [], reason: expect.stringMatching(/^Amazon refused feed row 1: .*; Amazon refused feed row 2: /) });
      expect(await storedPackages()).toEqual([]);
    });

    it('fails every package of a feed Amazon could not process (FATAL), with Amazon\'s words', async () => {
      mock.feedOutcomes = ['FATAL'];
      const run = await confirmByFeed(deps, 's1', orders.map((o, i) => request(o, NUMBERS[i]!)), FAST);
      expect(run.feeds[0]!.state).toBe('FATAL');
      expect(run.outcomes.map((o) => o.state)).toEqual(['failed', 'failed', 'failed']);
      expect(run.outcomes[0]!.reason).toMatch(/could not process feed \d+ \(FATAL\): An unexpected error occurred.*none of its packages was confirmed/);
      expect(await storedPackages()).toEqual([]);
      expect(mock.confirmations).toEqual([]);
    });

    it('fails every package of a feed Amazon cancelled, to be sent again', async () => {
      mock.feedOutcomes = ['CANCELLED'];
      const run = await confirmByFeed(deps, 's1', [request(orders[0]!, NUMBERS[0]!)], FAST);
      expect(run.feeds[0]!.state).toBe('CANCELLED');
      expect(run.outcomes[0]).toMatchObject({ state: 'failed', reason: expect.stringMatching(/cancelled feed \d+ before processing it.*send them again/) });
      expect(await storedPackages()).toEqual([]);
      // Sent again, it goes through.
      const again = await confirmByFeed(deps, 's1', [request(orders[0]!, NUMBERS[0]!)], FAST);
      expect(again.outcomes[0]!.state).toBe('sent');
    });

    it('leaves the packages of a feed still in Amazon\'s hands as sending, with the feed named, when the polls run out', async () => {
      mock.pollsToFinish = 5;
      const run = await confirmByFeed(deps, 's1', [request(orders[0]!, NUMBERS[0]!)], { pollEveryMs: 5, maxPolls: 2 });
      expect(run.feeds[0]).toMatchObject({ state: 'IN_PROGRESS', finishedAt: null });
      expect(run.outcomes[0]).toMatchObject({ state: 'sending', reason: `in feed ${run.feeds[0]!.feedId}` });
      const status = await amazonStatus(deps, 's1');
      expect(status.confirmations.counts.sending).toBe(1);
      expect(status.feeds).toEqual(run.feeds);
      expect(await storedPackages()).toEqual([]);
    });

    it('resumes, after a crash, a feed Amazon was processing: the outcome is read back and applied exactly once', async () => {
      mock.pollsToFinish = 4;
      const [two, one] = orders as [SpOrder, SpOrder];
      const good = two.orderItems[0]!;
      // The process stops right after createFeed: the run answers with the feed submitted and never polls it.
      const run = await confirmByFeed(deps, 's1', [
        request(two, NUMBERS[0]!, { items: [{ orderItemId: good.orderItemId, quantity: 1 }, { orderItemId: '99999999999999', quantity: 1 }] }),
        request(one, NUMBERS[1]!),
      ], { wait: false });
      expect(run.feeds[0]).toMatchObject({ state: 'IN_QUEUE', finishedAt: null });
      expect(await states()).toEqual(['sending', 'sending']);
      // A new process on the same store: new clients, nothing in memory but what the store kept.
      const restarted = mockDeps(db.store, mock, { amazon: deps.amazon, clients: new AmazonClients() });
      expect(await resumeFeeds(restarted, 's1')).toMatchObject([{ feedId: run.feeds[0]!.feedId, state: 'IN_PROGRESS', finishedAt: null }]);
      // Two workers resume it at once: one applies it.
      const [a, b] = await Promise.all([resumeFeeds(restarted, 's1', { wait: true, pollEveryMs: 5 }), resumeFeeds(restarted, 's1', { wait: true, pollEveryMs: 5 })]);
      expect([...a, ...b].map((f) => f.state)).toContain('DONE');
      expect(await states()).toEqual(['partial', 'sent']);
      expect(await storedPackages()).toEqual([
        { order_id: two.orderId, package_ref: '1', tracking_number: NUMBERS[0] },
        { order_id: one.orderId, package_ref: '1', tracking_number: NUMBERS[1] },
      ]);
      expect(await storedItems(two.orderId)).toEqual([{ package_ref: '1', order_item_id: good.orderItemId }]);
      expect(await openFeeds(db.store, 's1')).toEqual([]);
      // Nothing left to resume; Amazon was asked once for the report, nothing was confirmed twice.
      const getFeedCalls = operations().filter((o) => o === 'getFeed').length;
      expect(await resumeFeeds(restarted, 's1')).toEqual([]);
      expect(operations().filter((o) => o === 'getFeed')).toHaveLength(getFeedCalls);
      expect(operations().filter((o) => o === 'createFeed')).toHaveLength(1);
      expect(mock.confirmations.map((c) => c.orderId)).toEqual([two.orderId, one.orderId]);
    });

    it('abandons a feed cut off before Amazon named it once it is clearly no one\'s: its packages fail, none stays sending', async () => {
      let now = Date.now();
      const clocked = { ...deps, now: () => now };
      const gated = await gateConfirmation(clocked, 's1', request(orders[0]!, NUMBERS[0]!), null);
      await insertFeed(db.store, 's1', {
        feedKey: 'cut-off', marketplace: 'US', feedId: null, documentId: 'amzn1.tortuga.3.x', confirmationIds: [gated.toSend!.confirmationId], packages: 1,
        state: 'SUBMITTING', processed: null, successful: null, reason: null, createdAt: now, updatedAt: now, finishedAt: null,
      });
      // Still within createFeed's time: it may be another process's, under way.
      expect(await resumeFeeds(clocked, 's1')).toMatchObject([{ state: 'SUBMITTING', finishedAt: null }]);
      now += 11 * 60_000;
      expect(await resumeFeeds(clocked, 's1')).toMatchObject([{ state: 'ABANDONED', finishedAt: now, reason: expect.stringContaining('before Amazon named it') }]);
      expect(await states()).toEqual(['failed']);
      expect(operations()).not.toContain('getFeed');
    });

    it('abandons a feed Amazon no longer answers for; one Amazon cannot answer for now stays open, the error reported', async () => {
      mock.pollsToFinish = 2;
      const gated = await gateConfirmation(deps, 's1', request(orders[1]!, NUMBERS[1]!), null);
      const now = Date.now();
      await insertFeed(db.store, 's1', {
        feedKey: 'forgotten', marketplace: 'US', feedId: '99999999', documentId: 'amzn1.tortuga.3.y', confirmationIds: [gated.toSend!.confirmationId], packages: 1,
        state: 'IN_PROGRESS', processed: null, successful: null, reason: null, createdAt: now - 60_000, updatedAt: now - 60_000, finishedAt: null,
      });
      const run = await confirmByFeed(deps, 's1', [request(orders[0]!, NUMBERS[0]!)], { wait: false });
      expect(await resumeFeeds(deps, 's1')).toMatchObject([
        { feedId: '99999999', state: 'ABANDONED', reason: expect.stringContaining('Amazon no longer answers for feed 99999999') },
        { feedId: run.feeds[0]!.feedId, state: 'IN_PROGRESS' },
      ]);
      // Amazon down for a while: the feed stays open and the error is reported; the next round applies it.
      mock.down = true;
      await expect(resumeFeeds(mockDeps(db.store, mock, { amazon: deps.amazon, retry: { attempts: 1, baseMs: 1, maxMs: 1 } }), 's1'))
        .rejects.toMatchObject({ code: 'AMAZON_UNAVAILABLE' });
      mock.down = false;
      expect(await resumeFeeds(deps, 's1')).toMatchObject([{ state: 'DONE' }]);
      expect(await states()).toEqual(['failed', 'sent']);
    });

    it('holds under the seller\'s policy as single confirmations do: a held package is not in the feed', async () => {
      await setHoldPolicy(db.store, 's1', { untilFirstScan: true, marginMinutes: 120 }, Date.now());
      const run = await confirmByFeed(deps, 's1', [request(orders[0]!, NUMBERS[0]!)], FAST);
      expect(run.outcomes[0]!.state).toBe('held');
      expect(run.feeds).toEqual([]);
      expect(operations()).not.toContain('createFeed');
    });
  });
});
}
