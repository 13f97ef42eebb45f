import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpOrder } from '../amazon/operations.js';
import { makeOrder, makeSeller, US } from '../../test/mock-sp-api/fixtures.js';
import { startSyncedSeller } from '../../test/mock-sp-api/harness.js';
import type { MockSeller, MockSpApi } from '../../test/mock-sp-api/server.js';
import { listConfirmations, setHoldPolicy } from '../store/amazon.js';
import { freshSqliteStore, rawSql, type TestStore } from '../store/testing.js';
import { confirmPackages, processHeld, releaseHeld, type ConfirmationRequest } from './amazon-confirm.js';
import type { AmazonDeps } from './amazon-context.js';
import { startAmazonScheduler } from './amazon-schedule.js';
import { syncOrders } from './amazon-sync.js';

const UPS_A = '1Z999AA10123456784';
const UPS_B = '1ZQNZLQYYW42578153';
const HOUR = 3_600_000;

let db: TestStore;
let mock: MockSpApi;
let seller: MockSeller;
let deps: AmazonDeps;
let clock: number;
let fresh: SpOrder;
let old: SpOrder;

const request = (order: SpOrder, extra: Partial<ConfirmationRequest> = {}): ConfirmationRequest => ({
  orderId: order.orderId, carrierCode: 'UPS', trackingNumber: UPS_A, shipDate: clock - HOUR, ...extra,
});
const confirmShipmentCalls = () => mock.calls.filter((c) => c.operation === 'confirmShipment');

beforeEach(async () => {
  db = await freshSqliteStore();
  seller = makeSeller('gw', { count: 12, marketplaceIds: [US] });
  clock = Date.now();
  // Bought an hour ago: its latest ship date is two days ahead.
  fresh = makeOrder({ n: 5001, marketplaceId: US, createdAt: clock - HOUR, updatedAt: clock - 10 * 60_000 });
  seller.orders.set(fresh.orderId, fresh);
  old = [...seller.orders.values()].find((o) => o.fulfillment?.fulfilledBy === 'MERCHANT' && o.fulfillment.fulfillmentStatus !== 'CANCELLED' && o !== fresh)!;
  ({ mock, deps } = await startSyncedSeller(db.store, seller, { now: () => clock }));
});
afterEach(async () => {
  await mock.close();
  await db.dispose();
});

describe('confirmPackages', () => {
  it('sends what passes with the exact code and the order\'s items, and stores the package', async () => {
    const [outcome] = await confirmPackages(deps, 's1', [request(fresh)]);
    expect(outcome).toMatchObject({ state: 'sent', packageRef: '1', problems: [] });
    expect(mock.confirmations).toHaveLength(1);
    expect(mock.confirmations[0]!.body).toMatchObject({
      marketplaceId: US,
      packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: UPS_A, orderItems: fresh.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })) },
    });
    const [pkg] = await rawSql(db.store).all<{ package_ref: string; confirmed_at: number }>('SELECT package_ref, confirmed_at FROM packages WHERE order_id = ?', [fresh.orderId]);
    expect(pkg).toEqual({ package_ref: '1', confirmed_at: clock });
  });

  it('refuses, with reason and fix, what would be a VTR defect, and never calls Amazon for it', async () => {
    const outcomes = await confirmPackages(deps, 's1', [
      request(fresh, { carrierCode: 'USPS' }),
      request(fresh, { carrierCode: 'ups' }),
      request(fresh, { trackingNumber: '1Z999AA10123456785' }),
      request(fresh, { carrierCode: 'Other', carrierName: 'UPS' }),
      request(fresh, { orderId: '999-0000000-0000000' }),
    ]);
    expect(outcomes.map((o) => [o.state, o.problems.map((p) => p.code)])).toEqual([
      ['refused', ['CARRIER_MISMATCH']],
      ['refused', ['CARRIER_CODE_NOT_EXACT']],
      ['refused', ['CHECK_DIGIT_MISMATCH']],
      ['refused', ['OTHER_HIDES_INTEGRATED_CARRIER']],
      ['refused', ['ORDER_UNKNOWN']],
    ]);
    expect(outcomes[0]!.problems[0]!.fix).toContain('"UPS"');
    expect(outcomes[1]!.problems[0]!.fix).toBe('send carrier code "UPS" exactly as Amazon lists it');
    expect(outcomes[2]!.problems[0]!.fix).toContain('should be 4');
    expect(confirmShipmentCalls()).toHaveLength(0);
    expect(await listConfirmations(db.store, 's1', ['refused'])).toHaveLength(5);
  });

  it('sends Other with the name of a carrier Amazon does not list (the gateway reads it as check does)', async () => {
    const [other] = await confirmPackages(deps, 's1', [request(fresh, { carrierCode: 'Other', carrierName: 'Speedy Bob Couriers', trackingNumber: 'SB1234567' })]);
    expect(other!.problems).toEqual([]);
    expect(other!.state).not.toBe('refused');
  });

  it('refuses a number already confirmed on another order', async () => {
    await confirmPackages(deps, 's1', [request(fresh)]);
    const [reused] = await confirmPackages(deps, 's1', [request(old)]);
    expect(reused!.problems.map((p) => p.code)).toEqual(['REUSED_TRACKING_NUMBER']);
    expect(confirmShipmentCalls()).toHaveLength(1);
  });

  it('edits a package by sending its reference again, and does not confirm a number Amazon already holds', async () => {
    await confirmPackages(deps, 's1', [request(fresh)]);
    const [edited] = await confirmPackages(deps, 's1', [request(fresh, { packageRef: '1', trackingNumber: UPS_B })]);
    expect(edited!.state).toBe('sent');
    expect(seller.orders.get(fresh.orderId)!.packages!.map((p) => p.trackingNumber)).toEqual([UPS_B]);
    await syncOrders(deps, 's1');
    // The same package asked again (a retry) is answered with the confirmation that sent it.
    const [again] = await confirmPackages(deps, 's1', [request(fresh, { trackingNumber: UPS_B })]);
    expect(again).toEqual(edited);
    // Typed in Seller Central (the gateway never had it): Amazon holds it, so it is not confirmed again.
    mock.touch(seller, old.orderId, (order) => {
      order.packages = [{ packageReferenceId: '1', carrier: 'UPS', trackingNumber: UPS_A, shipTime: new Date(clock - HOUR).toISOString(), packageItems: [] }];
    });
    await syncOrders(deps, 's1');
    const [other] = await confirmPackages(deps, 's1', [request(old, { trackingNumber: UPS_A })]);
    expect(other).toMatchObject({ state: 'skipped', reason: expect.stringContaining('already holds') });
    const [bought] = await confirmPackages(deps, 's1', [request(old, { trackingNumber: UPS_A, buyShipping: true })]);
    expect(bought!.state).toBe('skipped');
    expect(confirmShipmentCalls()).toHaveLength(2);
  });
});

describe('the held queue', () => {
  beforeEach(async () => {
    await setHoldPolicy(db.store, 's1', { untilFirstScan: true, marginMinutes: 120 }, clock);
  });

  it('holds a package until its first carrier scan, then confirms it', async () => {
    const [held] = await confirmPackages(deps, 's1', [request(fresh)]);
    expect(held).toMatchObject({ state: 'held', holdUntil: Date.parse(fresh.fulfillment!.shipByWindow!.latestDateTime!) - 120 * 60_000 });
    expect(await processHeld(deps, 's1')).toEqual({ sent: 0, stillHeld: 1, failed: 0 });
    await db.store.insertEvents('s1', [{
      carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: UPS_A, occurredAt: clock - 30 * 60_000, offsetMinutes: 0, status: 'pre_transit',
      code: 'MP', description: 'Label created', location: null, source: 'test', eventKey: 'e1',
    }], clock);
    expect(await processHeld(deps, 's1')).toEqual({ sent: 0, stillHeld: 1, failed: 0 });
    await db.store.insertEvents('s1', [{
      carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: UPS_A, occurredAt: clock - 10 * 60_000, offsetMinutes: 0, status: 'in_transit',
      code: 'OR', description: 'Origin scan', location: 'Louisville KY', source: 'test', eventKey: 'e2',
    }], clock);
    expect(await processHeld(deps, 's1')).toEqual({ sent: 1, stillHeld: 0, failed: 0 });
    expect(mock.confirmations).toHaveLength(1);
  });

  it('is run by vtrguard serve\'s schedule: a held package goes out once its deadline has come', async () => {
    const [held] = await confirmPackages(deps, 's1', [request(fresh)]);
    mock.pollsToFinish = 1;
    const scheduler = startAmazonScheduler(deps, {
      syncEveryMs: 3_600_000, heldEveryMs: 3_600_000, reportEveryMs: 86_400_000, onError: (_seller, task, error) => { throw new Error(`${task}: ${String(error)}`); },
    });
    await scheduler.runOnce();
    expect(await listConfirmations(db.store, 's1', ['held'])).toHaveLength(1);
    clock = held!.holdUntil! + 60_000;
    await scheduler.runOnce();
    await scheduler.stop();
    expect(await listConfirmations(db.store, 's1', ['held'])).toEqual([]);
    expect(mock.confirmations.map((c) => c.orderId)).toEqual([fresh.orderId]);
  });

  it('confirms a package whose scan never comes before its latest ship date', async () => {
    const [held] = await confirmPackages(deps, 's1', [request(fresh)]);
    const latestShip = Date.parse(fresh.fulfillment!.shipByWindow!.latestDateTime!);
    clock = held!.holdUntil! - 60_000;
    expect((await processHeld(deps, 's1')).stillHeld).toBe(1);
    clock = held!.holdUntil! + 5 * 60_000;
    expect((await processHeld(deps, 's1')).sent).toBe(1);
    expect(clock).toBeLessThan(latestShip);
    const [pkg] = await rawSql(db.store).all<{ confirmed_at: number }>('SELECT confirmed_at FROM packages WHERE order_id = ?', [fresh.orderId]);
    expect(pkg!.confirmed_at).toBeLessThan(latestShip);
  });

  it('releases a held package on request, once', async () => {
    const [held] = await confirmPackages(deps, 's1', [request(fresh)]);
    const released = await releaseHeld(deps, 's1', held!.confirmationId);
    expect(released.state).toBe('sent');
    await expect(releaseHeld(deps, 's1', held!.confirmationId)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
