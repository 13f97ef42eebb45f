import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpOrder } from '../amazon/operations.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import { clientsFromCredentials, pollOnce } from '../ingest/tracking/poller.js';
import { credentialsFromEnv } from '../ingest/tracking/credentials.js';
import * as fx from '../../test/mock-carriers/fixtures.js';
import { startUpsMock, type UpsMock } from '../../test/mock-carriers/ups.js';
import { makeOrder, makeSeller, US } from '../../test/mock-sp-api/fixtures.js';
import { startSyncedSeller } from '../../test/mock-sp-api/harness.js';
import type { MockSeller, MockSpApi } from '../../test/mock-sp-api/server.js';
import { dialectCases, rawSql, type TestStore } from '../store/testing.js';
import { confirmPackages } from './amazon-confirm.js';
import type { AmazonDeps } from './amazon-context.js';
import { amazonStatus } from './amazon-status.js';
import { syncOrders } from './amazon-sync.js';
import { importFiles } from './import.js';

const HOUR = 3_600_000;

for (const dialect of await dialectCases()) {
describe.skipIf(!dialect.available)(`Amazon status on ${dialect.name}`, () => {
let db: TestStore;
let mock: MockSpApi;
let seller: MockSeller;
let deps: AmazonDeps;
let order: SpOrder;

beforeEach(async () => {
  db = await dialect.fresh();
  seller = makeSeller('status', { count: 0, marketplaceIds: [US] });
  order = makeOrder({ n: 6001, marketplaceId: US, createdAt: Date.now() - 3 * HOUR, updatedAt: Date.now() - HOUR });
  seller.orders.set(order.orderId, order);
  ({ mock, deps } = await startSyncedSeller(db.store, seller));
});
afterEach(async () => {
  await mock.close();
  await db.dispose();
});

describe('Amazon\'s record of a package beside what the seller meant to send', () => {
  it('shows a package edited in Seller Central to Other as the VTR defect it will become', async () => {
    const [sent] = await confirmPackages(deps, 's1', [{ orderId: order.orderId, carrierCode: 'UPS', trackingNumber: fx.UPS_NUMBER, shipDate: Date.now() - HOUR }]);
    expect(sent!.state).toBe('sent');
    await syncOrders(deps, 's1');
    expect((await amazonStatus(deps, 's1')).differences).toEqual([]);
    // Someone edits the package in Seller Central and types the carrier as Other.
    mock.touch(seller, order.orderId, (o) => {
      o.packages![0] = { ...o.packages![0]!, carrier: 'Other', shippingService: 'UPS Ground' };
    });
    await syncOrders(deps, 's1');
    expect((await amazonStatus(deps, 's1')).differences).toEqual([{
      orderId: order.orderId, packageRef: '1',
      amazon: { carrier: 'Other', trackingNumber: fx.UPS_NUMBER },
      meant: { carrierCode: 'UPS', trackingNumber: fx.UPS_NUMBER },
      amazonScans: null,
      becomes: 'carrier_not_accepted',
      message: expect.stringMatching(/^sent carrier "UPS", Amazon recorded "Other"\. .*: a VTR defect$/),
    }]);
  });
});

describe('packages Amazon recorded', () => {
  let ups: UpsMock;
  afterEach(async () => ups.close());
  const creds = { clientId: 'poll-client', clientSecret: 'poll-secret' };
  const upsClients = () => clientsFromCredentials(credentialsFromEnv({
    VTRGUARD_UPS_CLIENT_ID: creds.clientId, VTRGUARD_UPS_CLIENT_SECRET: creds.clientSecret, VTRGUARD_UPS_BASE_URL: ups.url,
  }), () => ({ rateLimit: { perSecond: 1000, burst: 1000 } }));
  /** What the UPS API answers for `number`: one activity of the given kind at `at` (to the second). */
  const upsTracked = (number: string, at: Date, status: { type: string; code: string; description: string; statusCode: string }) => {
    const ymd = at.toISOString().slice(0, 10).replace(/-/g, '');
    const hms = at.toISOString().slice(11, 19).replace(/:/g, '');
    return {
      trackingNumber: number, currentStatus: status,
      activity: [{ date: ymd, time: hms, gmtDate: ymd, gmtTime: hms, gmtOffset: '+00:00', location: { address: { city: 'Louisville', stateProvince: 'KY', countryCode: 'US' } }, status, logicalScan: false }],
    };
  };
  const DEPARTED = { type: 'I', code: 'DP', description: 'Departed from Facility', statusCode: '005' };
  const DELIVERED = { type: 'D', code: 'FS', description: 'Delivered', statusCode: '011' };
  const toSecond = (at: Date) => Date.parse(at.toISOString().slice(0, 19) + 'Z');
  /** The numbers the UPS API was asked for since `from` requests. */
  const askedSince = (from: number) => ups.requests.slice(from).map((r) => /\/details\/([^/?]+)/.exec(r.path)?.[1]).filter((n) => n !== undefined);

  it('with another number than the seller sent: the poller follows Amazon\'s number, whose scans decide the defect it becomes', async () => {
    const AMAZONS = '1Z879E930346834440';
    await confirmPackages(deps, 's1', [{ orderId: order.orderId, carrierCode: 'UPS', trackingNumber: fx.UPS_NUMBER, shipDate: Date.now() - HOUR }]);
    // The number is edited in Seller Central: Amazon now judges its own number, not the one vtrguard sent.
    mock.touch(seller, order.orderId, (o) => {
      o.packages![0] = { ...o.packages![0]!, trackingNumber: AMAZONS };
    });
    await syncOrders(deps, 's1');
    const before = (await amazonStatus(deps, 's1')).differences;
    expect(before).toEqual([expect.objectContaining({
      amazon: { carrier: 'UPS', trackingNumber: AMAZONS }, meant: { carrierCode: 'UPS', trackingNumber: fx.UPS_NUMBER },
      amazonScans: { firstCarrierScanAt: null, lastStatus: null, lastEventAt: null, lastPolledAt: null },
      becomes: 'no_carrier_scan',
      message: expect.stringMatching(/^sent number 1Z999AA10123456784, Amazon recorded 1Z879E930346834440\. Amazon's number has no carrier scan yet: .*not polled yet/),
    })]);

    // The carrier has scanned Amazon's number (not the seller's): the poller asks for both.
    const scanned = new Date(Date.now() - 30 * 60_000);
    const ymd = scanned.toISOString().slice(0, 10).replace(/-/g, '');
    const hms = scanned.toISOString().slice(11, 19).replace(/:/g, '');
    ups = await startUpsMock(creds, {
      [AMAZONS]: {
        trackingNumber: AMAZONS, currentStatus: { type: 'I', code: 'DP', description: 'Departed from Facility', statusCode: '005' },
        activity: [{
          date: ymd, time: hms, gmtDate: ymd, gmtTime: hms, gmtOffset: '+00:00', location: { address: { city: 'Louisville', stateProvince: 'KY', countryCode: 'US' } },
          status: { type: 'I', code: 'DP', description: 'Departed from Facility', statusCode: '005' }, logicalScan: false,
        }],
      },
    });
    const summary = await pollOnce({ store: db.store, clients: upsClients(), now: Date.now, carriers: ['ups'] });
    expect(summary).toMatchObject({ polled: 2, notFound: 1, failed: 0 });
    const [after] = (await amazonStatus(deps, 's1')).differences;
    expect(after).toMatchObject({
      amazonScans: { firstCarrierScanAt: Date.parse(scanned.toISOString().slice(0, 19) + 'Z'), lastStatus: 'in_transit', lastPolledAt: expect.any(Number) },
      becomes: null,
      message: expect.stringContaining('Amazon\'s number has a carrier scan'),
    });

    // Amazon holds the seller's number again: its other number is no longer followed.
    mock.touch(seller, order.orderId, (o) => {
      o.packages![0] = { ...o.packages![0]!, trackingNumber: fx.UPS_NUMBER };
    });
    await syncOrders(deps, 's1');
    expect((await amazonStatus(deps, 's1')).differences).toEqual([]);
    const asked = ups.requests.length;
    await pollOnce({ store: db.store, clients: upsClients(), now: () => Date.now() + 7 * 86_400_000, carriers: ['ups'] });
    expect(askedSince(asked)).toEqual([fx.UPS_NUMBER]);
  });

  it('polls both numbers on their own schedules and shows Amazon\'s number\'s scans apart from the seller\'s', async () => {
    const AMAZONS = '1Z879E930346834440';
    await confirmPackages(deps, 's1', [{ orderId: order.orderId, carrierCode: 'UPS', trackingNumber: fx.UPS_NUMBER, shipDate: Date.now() - HOUR }]);
    mock.touch(seller, order.orderId, (o) => {
      o.packages![0] = { ...o.packages![0]!, trackingNumber: AMAZONS };
    });
    await syncOrders(deps, 's1');
    // The seller's number is scanned and delivered; Amazon's, which Amazon judges, is unknown to UPS.
    const sellersScan = new Date(Date.now() - 40 * 60_000);
    const tracked: Record<string, unknown> = { [fx.UPS_NUMBER]: upsTracked(fx.UPS_NUMBER, sellersScan, DELIVERED) };
    ups = await startUpsMock(creds, tracked);
    const firstPass = Date.now();
    expect(await pollOnce({ store: db.store, clients: upsClients(), now: () => firstPass, carriers: ['ups'], random: () => 0.5 }))
      .toMatchObject({ polled: 2, notFound: 1, failed: 0 });
    expect(askedSince(0).sort()).toEqual([AMAZONS, fx.UPS_NUMBER].sort());
    expect((await amazonStatus(deps, 's1')).differences).toEqual([expect.objectContaining({
      amazon: { carrier: 'UPS', trackingNumber: AMAZONS },
      amazonScans: { firstCarrierScanAt: null, lastStatus: null, lastEventAt: null, lastPolledAt: firstPass },
      becomes: 'no_carrier_scan',
    })]);

    // An hour on, the delivered seller's number is done with; Amazon's number is still asked for, and its scan
    // (not the seller's) is what the comparison shows.
    const amazonsScan = new Date(firstPass + 20 * 60_000);
    tracked[AMAZONS] = upsTracked(AMAZONS, amazonsScan, DEPARTED);
    const asked = ups.requests.length;
    const secondPass = firstPass + HOUR + 60_000;
    expect(await pollOnce({ store: db.store, clients: upsClients(), now: () => secondPass, carriers: ['ups'], random: () => 0.5 }))
      .toMatchObject({ polled: 1, notFound: 0 });
    expect(askedSince(asked)).toEqual([AMAZONS]);
    expect((await amazonStatus(deps, 's1')).differences).toEqual([expect.objectContaining({
      amazonScans: { firstCarrierScanAt: toSecond(amazonsScan), lastStatus: 'in_transit', lastEventAt: toSecond(amazonsScan), lastPolledAt: secondPass },
      becomes: null,
    })]);
  });

  it('a seller\'s number imported after Amazon\'s record was synced: the next pass polls Amazon\'s number beside it, also one followed and dropped before', async () => {
    const AMAZONS = '1Z879E930346834440';
    // Confirmed in Seller Central under Amazon's number: the sync takes the package in as Amazon holds it.
    mock.touch(seller, order.orderId, (o) => {
      o.packages = [{ packageReferenceId: '1', carrier: 'UPS', trackingNumber: AMAZONS, shipTime: o.createdTime, createdTime: new Date(Date.now() - 2 * HOUR).toISOString() }];
    });
    await syncOrders(deps, 's1');
    const dir = mkdtempSync(join(tmpdir(), 'vtrguard-status-'));
    // The seller's shipments file for the package; no Amazon sync runs after it.
    const importNumber = async (trackingNumber: string) => {
      const path = join(dir, `${trackingNumber}.csv`);
      writeFileSync(path, [
        'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,package_id,carrier_code,tracking_number,ship_date',
        [order.orderId, 'US', order.createdTime, order.fulfillment!.shipByWindow!.latestDateTime, order.fulfillment!.deliverByWindow!.latestDateTime,
          order.orderItems[0]!.product.sellerSku, 'Toys & Games', '1', 'UPS', trackingNumber, new Date(Date.now() - HOUR).toISOString()].join(','),
      ].join('\n'));
      await importFiles({
        store: db.store, sellerId: 's1', metricsConfig: DEFAULT_METRICS_CONFIG, now: Date.now,
        evaluateAlerts: () => Promise.resolve({ changes: [] }), onAlertError: (error) => { throw error; },
      }, [{ source: { path }, marketplace: 'US', encoding: 'auto', skipInvalid: false }]);
    };
    ups = await startUpsMock(creds, {});
    const pass = async (at: number) => {
      const asked = ups.requests.length;
      await pollOnce({ store: db.store, clients: upsClients(), now: () => at, carriers: ['ups'], random: () => 0.5 });
      return askedSince(asked).sort();
    };
    try {
      await importNumber(fx.UPS_NUMBER);
      expect(await pass(Date.now())).toEqual([AMAZONS, fx.UPS_NUMBER].sort());
      // The seller's records take Amazon's number: one number, polled once.
      await importNumber(AMAZONS);
      expect(await pass(Date.now() + HOUR + 60_000)).toEqual([AMAZONS]);
      // …then their own again (a file imported once more): Amazon still holds its number, which is followed again.
      await importNumber(fx.UPS_NUMBER);
      expect(await pass(Date.now() + 2 * HOUR + 120_000)).toEqual([AMAZONS, fx.UPS_NUMBER].sort());
      expect((await amazonStatus(deps, 's1')).differences).toEqual([expect.objectContaining({
        amazon: { carrier: 'UPS', trackingNumber: AMAZONS }, meant: { carrierCode: 'UPS', trackingNumber: fx.UPS_NUMBER }, becomes: 'no_carrier_scan',
      })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are polled for carrier scans like the seller\'s own', async () => {
    // Confirmed in Seller Central, not through vtrguard: the sync takes it in.
    mock.touch(seller, order.orderId, (o) => {
      o.packages = [{ packageReferenceId: '1', carrier: 'UPS', trackingNumber: fx.UPS_NUMBER, shipTime: o.createdTime, createdTime: new Date(Date.now() - HOUR).toISOString() }];
    });
    await syncOrders(deps, 's1');
    ups = await startUpsMock(creds, { [fx.UPS_NUMBER]: fx.upsPackage });
    const summary = await pollOnce({ store: db.store, clients: upsClients(), now: Date.now, carriers: ['ups'] });
    expect(summary).toMatchObject({ polled: 1, failed: 0 });
    const [events] = await rawSql(db.store).all<{ n: number }>('SELECT COUNT(*) AS n FROM tracking_events WHERE tracking_number = ?', [fx.UPS_NUMBER]);
    expect(Number(events!.n)).toBeGreaterThan(0);
  });
});
});
}
