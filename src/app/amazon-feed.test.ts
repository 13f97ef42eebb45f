import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpOrder } from '../amazon/operations.js';
import { makeOrder, makeSeller, US } from '../../test/mock-sp-api/fixtures.js';
import { startSyncedSeller } from '../../test/mock-sp-api/harness.js';
import type { MockSeller, MockSpApi } from '../../test/mock-sp-api/server.js';
import { listConfirmations, setHoldPolicy } from '../store/amazon.js';
import { freshSqliteStore, rawSql, type TestStore } from '../store/testing.js';
import type { ConfirmationRequest } from './amazon-confirm.js';
import type { AmazonDeps } from './amazon-context.js';
import { confirmByFeed } from './amazon-feed.js';
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

beforeEach(async () => {
  db = await freshSqliteStore();
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
    expect(run.feeds).toEqual([{ feedId: expect.any(String), marketplace: 'US', state: 'DONE', packages: 2, rows: 3, processed: 3, successful: 2 }]);
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

  it('reports a package failed when Amazon refused one of its rows, though it applied the others', async () => {
    const [two] = orders as [SpOrder];
    const good = two.orderItems[0]!;
    const [outcome] = (await confirmByFeed(deps, 's1', [request(two, NUMBERS[0]!, {
      items: [{ orderItemId: good.orderItemId, quantity: 1 }, { orderItemId: '99999999999999', quantity: 1 }],
    })], FAST)).outcomes;
    expect(outcome).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^Amazon refused feed row 2: OrderItemId is invalid/) });
    // Amazon holds the package with the item it took: the next sync brings its record in, as the seller's (the
    // gateway sent its number), not as a Buy Shipping label.
    expect(seller.orders.get(two.orderId)!.packages).toMatchObject([{ trackingNumber: NUMBERS[0], packageItems: [{ orderItemId: good.orderItemId, quantity: 1 }] }]);
    await syncOrders(deps, 's1');
    expect(await rawSql(db.store).all('SELECT tracking_number, buy_shipping FROM packages WHERE order_id = ?', [two.orderId])).toEqual([{ tracking_number: NUMBERS[0], buy_shipping: 0 }]);
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
    expect(run.feeds[0]!.state).toBe('IN_PROGRESS');
    expect(run.outcomes[0]).toMatchObject({ state: 'sending', reason: `in feed ${run.feeds[0]!.feedId}` });
    expect((await amazonStatus(deps, 's1')).confirmations.counts.sending).toBe(1);
    expect(await storedPackages()).toEqual([]);
  });

  it('holds under the seller\'s policy as single confirmations do: a held package is not in the feed', async () => {
    await setHoldPolicy(db.store, 's1', { untilFirstScan: true, marginMinutes: 120 }, Date.now());
    const run = await confirmByFeed(deps, 's1', [request(orders[0]!, NUMBERS[0]!)], FAST);
    expect(run.outcomes[0]!.state).toBe('held');
    expect(run.feeds).toEqual([]);
    expect(operations()).not.toContain('createFeed');
  });
});
