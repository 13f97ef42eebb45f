import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpOrder } from '../amazon/operations.js';
import { credentialSignals } from '../alerts/signals.js';
import { DE, makeSeller, UK, US } from '../../test/mock-sp-api/fixtures.js';
import { connectMockSeller, mockDeps } from '../../test/mock-sp-api/harness.js';
import { FAST_RATES, QUOTA_EXCEEDED, startMockSpApi, type MockSeller, type MockSpApi } from '../../test/mock-sp-api/server.js';
import { getAmazonOrders, getSyncState, replaceSkuCategories } from '../store/amazon.js';
import { freshSqliteStore, rawSql, type TestStore } from '../store/testing.js';
import type { AmazonDeps } from './amazon-context.js';
import { syncOrders } from './amazon-sync.js';

let db: TestStore;
let mock: MockSpApi;
let seller: MockSeller;
let deps: AmazonDeps;

const merchantOrders = (s: MockSeller) => [...s.orders.values()].filter((o) => o.fulfillment?.fulfilledBy === 'MERCHANT');

async function storedOrders(): Promise<{ order_id: string; cancelled_by: string | null; latest_ship_date: number | null }[]> {
  return rawSql(db.store).all('SELECT order_id, cancelled_by, latest_ship_date FROM orders WHERE seller_id = ? ORDER BY order_id', ['s1']);
}

beforeEach(async () => {
  db = await freshSqliteStore();
  seller = makeSeller('three-mp', { count: 420, marketplaceIds: [US, UK, DE] });
  mock = await startMockSpApi([seller]);
  mock.settleMs = 0;
  deps = mockDeps(db.store, mock);
  await connectMockSeller(deps, 's1', seller);
});
afterEach(async () => {
  await mock.close();
  await db.dispose();
});

describe('syncOrders', () => {
  it('backfills a 3-marketplace seller to the last page through 429s, merchant orders only', async () => {
    // Amazon's bucket is shared with the seller's other apps: throttled calls must be retried, not lost.
    mock.rates = { ...FAST_RATES, searchOrders: { perSecond: 50, burst: 1 } };
    // After the first page the client knows the stated rate; then the quota runs dry twice.
    const result = await syncOrders(deps, 's1', {
      onPage: ({ pages }) => {
        if (pages === 1) mock.faults.push({ status: 429, body: QUOTA_EXCEEDED }, { status: 429, body: QUOTA_EXCEEDED });
      },
    });
    const expected = merchantOrders(seller).map((o) => o.orderId).sort();
    expect(result).toMatchObject({ complete: true, pages: Math.ceil(expected.length / 100), ordersWritten: expected.length, duplicates: 0 });
    expect((await storedOrders()).map((o) => o.order_id)).toEqual(expected);
    expect(mock.calls.some((c) => c.operation === 'searchOrders' && c.status === 429)).toBe(true);
    const markets = await rawSql(db.store).all<{ marketplace: string; n: number }>('SELECT marketplace, COUNT(*) AS n FROM orders GROUP BY marketplace ORDER BY marketplace');
    expect(markets.map((m) => m.marketplace)).toEqual(['DE', 'UK', 'US']);
    const state = await getSyncState(db.store, 's1');
    expect(state).toMatchObject({ pageToken: null, lastError: null });
    expect(state.watermark).toBeGreaterThan(Date.now() - 60_000);
    // Seller Fulfilled Prime orders are those of Amazon's PRIME program (definitions.md v2).
    const prime = merchantOrders(seller).filter((o) => o.programs?.includes('PRIME')).map((o) => o.orderId).sort();
    expect(prime.length).toBeGreaterThan(0);
    expect((await rawSql(db.store).all<{ order_id: string }>('SELECT order_id FROM orders WHERE is_prime = 1 ORDER BY order_id')).map((o) => o.order_id)).toEqual(prime);
  });

  it('gives items the catalog display group, the SKU file winning, and asks the catalog once per ASIN', async () => {
    await replaceSkuCategories(db.store, 's1', new Map([['SKU-1', 'Seller Says']]));
    await syncOrders(deps, 's1');
    const items = await rawSql(db.store).all<{ sku: string; category: string }>('SELECT DISTINCT sku, category FROM order_items ORDER BY sku');
    expect(items.find((i) => i.sku === 'SKU-1')?.category).toBe('Seller Says');
    expect(items.find((i) => i.sku === 'SKU-2')?.category).toBe('Sports & Outdoors');
    expect(items.find((i) => i.sku === 'SKU-4')?.category).toBe('Toys & Games');
    expect(items.every((i) => i.category !== '')).toBe(true);
    const answered = () => mock.calls.filter((c) => c.operation === 'getCatalogItem' && c.status !== 429).length;
    const lookups = answered();
    expect(lookups).toBeLessThanOrEqual(40 * 3);
    const [first] = merchantOrders(seller);
    mock.touch(seller, first!.orderId, () => undefined);
    await syncOrders(deps, 's1');
    expect(answered()).toBe(lookups);
  });

  it('caches an ASIN the catalog does not know as having no category: it is asked for once', async () => {
    const [first] = merchantOrders(seller);
    const item = first!.orderItems[0]!;
    seller.catalog.delete(item.product.asin!);
    await syncOrders(deps, 's1');
    const notFound = () => mock.calls.filter((c) => c.operation === 'getCatalogItem' && c.status === 404).length;
    const asked = notFound();
    expect(asked).toBeGreaterThan(0);
    const [stored] = await rawSql(db.store).all<{ category: string }>('SELECT category FROM order_items WHERE order_id = ? AND order_item_id = ?', [first!.orderId, item.orderItemId]);
    expect(stored!.category).toBe('');
    mock.touch(seller, first!.orderId, () => undefined);
    await syncOrders(deps, 's1');
    expect(notFound()).toBe(asked);
  });

  it('resumes a crashed run at the page it stopped before, without gaps or duplicates', async () => {
    const crash = syncOrders(deps, 's1', {
      onPage: ({ pages }) => {
        if (pages === 2) mock.down = true;
      },
    });
    await expect(crash).rejects.toMatchObject({ code: 'AMAZON_UNAVAILABLE' });
    const stopped = await getSyncState(db.store, 's1');
    expect(stopped.pageToken).not.toBeNull();
    expect(stopped.lastError).toMatch(/searchOrders failed/);
    expect(stopped.ordersSynced).toBe(200);
    // While it was down, an order of an earlier page is cancelled by the seller.
    const [early] = merchantOrders(seller);
    mock.touch(seller, early!.orderId, (o) => {
      o.fulfillment!.fulfillmentStatus = 'CANCELLED';
      o.orderItems[0]!.cancellation = { cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'NO_INVENTORY' } };
    });
    mock.down = false;
    const resumed = await syncOrders(deps, 's1');
    expect(resumed.complete).toBe(true);
    const stored = await storedOrders();
    const expected = merchantOrders(seller).map((o) => o.orderId).sort();
    expect(stored.map((o) => o.order_id)).toEqual(expected);
    expect((await getSyncState(db.store, 's1')).ordersSynced).toBe(expected.length);
    // The cancellation is caught by the next incremental run.
    const next = await syncOrders(deps, 's1');
    expect(next.ordersWritten).toBe(1);
    expect((await storedOrders()).find((o) => o.order_id === early!.orderId)?.cancelled_by).toBe('seller');
  });

  it('starts its window again when the page token of the run it resumes has lapsed (Amazon: 24 hours)', async () => {
    const paused = await syncOrders(deps, 's1', { maxPages: 1 });
    expect(paused).toMatchObject({ complete: false, pages: 1 });
    expect((await getSyncState(db.store, 's1')).pageToken).not.toBeNull();
    mock.expirePageTokens();
    const resumed = await syncOrders(deps, 's1');
    expect(mock.calls.filter((c) => c.operation === 'searchOrders' && c.status === 400)).toHaveLength(1);
    expect(resumed.complete).toBe(true);
    const expected = merchantOrders(seller).map((o) => o.orderId).sort();
    expect((await storedOrders()).map((o) => o.order_id)).toEqual(expected);
    // The first page, read again, writes nothing twice.
    expect(resumed.duplicates).toBe(100);
  });

  it('reads again the overlap window and writes nothing twice', async () => {
    await syncOrders(deps, 's1');
    const [order] = merchantOrders(seller);
    mock.touch(seller, order!.orderId, () => undefined);
    const again = await syncOrders(deps, 's1', { overlapMs: 10 * 86_400_000 });
    expect(again.ordersWritten).toBe(1);
    expect(again.duplicates).toBeGreaterThan(0);
  });

  it('takes in the packages Amazon recorded', async () => {
    const [order] = merchantOrders(seller);
    order!.packages = [{
      packageReferenceId: '1', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shipTime: order!.createdTime, createdTime: order!.createdTime,
      packageItems: [{ orderItemId: order!.orderItems[0]!.orderItemId, quantity: 1 }],
    }];
    await syncOrders(deps, 's1');
    const [pkg] = await rawSql(db.store).all<{ carrier_code: string; tracking_number: string; static_defect: string | null }>(
      'SELECT carrier_code, tracking_number, static_defect FROM packages WHERE order_id = ?', [order!.orderId],
    );
    expect(pkg).toEqual({ carrier_code: 'UPS', tracking_number: '1Z999AA10123456784', static_defect: null });
  });

  it('raises the credential alert when Amazon refuses the stored credentials', async () => {
    seller.clientSecret = 'rotated-elsewhere-0000';
    deps.clients = undefined;
    await expect(syncOrders(deps, 's1')).rejects.toMatchObject({ code: 'AMAZON_AUTH_FAILED' });
    const [signal] = await credentialSignals(db.store, 's1');
    expect(signal).toMatchObject({ source: 'amazon', ok: false });
    expect(signal!.message).not.toContain('rotated-elsewhere');
  });
});

describe('syncOrders fills the definitions v2 facts the metrics read', () => {
  const open = () => merchantOrders(seller).filter((o) => o.fulfillment?.fulfillmentStatus === 'UNSHIPPED');

  it('keeps the deliver-by date before Amazon extended it beside the extended one', async () => {
    await syncOrders(deps, 's1');
    const [order] = open();
    const first = Date.parse(order!.fulfillment!.deliverByWindow!.latestDateTime!);
    const extended = first + 3 * 86_400_000;
    mock.touch(seller, order!.orderId, (o) => {
      o.fulfillment!.deliverByWindow!.latestDateTime = new Date(extended).toISOString();
    });
    await syncOrders(deps, 's1');
    const [row] = await rawSql(db.store).all<{ latest_delivery_date: number; original_latest_delivery_date: number | null }>(
      'SELECT latest_delivery_date, original_latest_delivery_date FROM orders WHERE order_id = ?', [order!.orderId],
    );
    expect({ latest: Number(row!.latest_delivery_date), original: Number(row!.original_latest_delivery_date) }).toEqual({ latest: extended, original: first });
  });

  it('keeps an item\'s own cancellation and who cancelled it', async () => {
    const order = open().find((o) => o.orderItems.length === 2)!;
    order.orderItems[1]!.cancellation = { cancellationRequest: { requester: 'BUYER', cancelReason: 'ORDERED_BY_MISTAKE' }, cancellationExecution: { cancelledBy: 'MERCHANT' } };
    await syncOrders(deps, 's1');
    const items = await rawSql(db.store).all<{ order_item_id: string; cancelled_at: number | null; cancelled_by: string | null }>(
      'SELECT order_item_id, cancelled_at, cancelled_by FROM order_items WHERE order_id = ? ORDER BY order_item_id', [order.orderId],
    );
    const byId = new Map(items.map((i) => [i.order_item_id, i]));
    expect(byId.get(order.orderItems[0]!.orderItemId)).toMatchObject({ cancelled_at: null, cancelled_by: null });
    expect(byId.get(order.orderItems[1]!.orderItemId)).toMatchObject({ cancelled_at: Date.parse(order.lastUpdatedTime), cancelled_by: 'buyer' });
  });

  it('marks a package Amazon recorded with a carrier it names as a Buy Shipping label, not one recorded as Other', async () => {
    const [bought, typed] = open();
    const recorded = (order: SpOrder, carrier: string, trackingNumber: string) => [{
      packageReferenceId: '1', carrier, trackingNumber, shipTime: order.createdTime, createdTime: order.createdTime,
      ...(carrier === 'Other' ? { shippingService: 'Speedy Bob' } : {}),
    }];
    bought!.packages = recorded(bought!, 'UPS', '1Z999AA10123456784');
    // Typed in Seller Central as Other: not a label Amazon sold, and still the defect it is.
    typed!.packages = recorded(typed!, 'Other', 'SB1234567');
    await syncOrders(deps, 's1');
    const packages = await rawSql(db.store).all<{ order_id: string; buy_shipping: number }>(
      'SELECT order_id, buy_shipping FROM packages WHERE order_id IN (?, ?)', [bought!.orderId, typed!.orderId],
    );
    expect(Object.fromEntries(packages.map((p) => [p.order_id, Number(p.buy_shipping)]))).toEqual({ [bought!.orderId]: 1, [typed!.orderId]: 0 });
    const amazon = await getAmazonOrders(db.store, 's1', [bought!.orderId, typed!.orderId]);
    expect([amazon.get(bought!.orderId)!.buyShipping, amazon.get(typed!.orderId)!.buyShipping]).toEqual([true, false]);
  });
});
