import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingEventRecord } from '../core/domain.js';
import { localDay } from '../core/time.js';
import { writeEvents } from '../ingest/write-events.js';
import { DEFAULT_METRICS_CONFIG, exemptionFingerprint } from '../metrics/config.js';
import { openStore } from '../store/open.js';
import { figuresCurrent } from '../store/rollups.js';
import { factKeysOf, trackingNumbersOf } from '../store/store.js';
import type { Store, WriteBatch } from '../store/store.js';
import { postgresAvailable, rawSql, TEST_PG_URL, writeFacts } from '../store/testing.js';
import { keptFigures, rebuildKeptFigures } from './kept-figures.js';

/**
 * Many writers on one PostgreSQL database, as several `vtrguard serve` processes and importers are: each store
 * below has its own connection pool, and they write the same seller's packages at once — imports that correct
 * them, webhook deliveries and polls that scan them. Every delta must land (none lost to a concurrent one), no
 * writer may deadlock, and the kept figures must end as a rebuild from raw rows counts them.
 */
const LA = 'America/Los_Angeles';
const H = 3_600_000;
const BASE = Date.parse('2026-10-20T12:00:00Z');
const SELLER = 'many-writers';
const ORDERS = 40;
const WRITERS = 4;
const ROUNDS = 6;

function batch(orders: readonly number[], round: number): WriteBatch {
  return {
    orders: orders.map((o) => {
      const purchaseDate = BASE + o * 5 * H;
      // Each round moves the promise: the packages' cells move between days.
      const latestDeliveryDate = purchaseDate + (72 + 24 * (round % 3)) * H;
      return {
        orderId: `o${o}`, marketplace: 'US' as const, purchaseDate, latestShipDate: purchaseDate + 30 * H, latestDeliveryDate,
        fulfillmentChannel: 'MFN', shipServiceLevel: null, cancelledAt: null, cancelledBy: null,
        purchaseDay: localDay(purchaseDate, LA), shipByDay: localDay(purchaseDate + 30 * H, LA), promisedDay: localDay(latestDeliveryDate, LA),
      };
    }),
    items: orders.map((o) => ({ orderId: `o${o}`, orderItemId: 'a', sku: 's', category: ['Toys', 'Books'][(o + round) % 2]!, quantity: 1 })),
    packages: orders.map((o) => {
      const confirmedAt = BASE + o * 5 * H + (10 + round) * H;
      return {
        orderId: `o${o}`, packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: 'Ground', trackingRaw: `N${o}`,
        trackingNumber: `N${o}`, shipDate: confirmedAt, confirmedAt, confirmDay: localDay(confirmedAt, LA), exempt: false, carrierKey: 'ups',
        staticDefect: null, problems: [],
      };
    }),
    packageItems: orders.map((o) => ({ orderId: `o${o}`, packageRef: '1', orderItemId: 'a', quantity: 1 })),
  };
}

function scans(orders: readonly number[], writer: number, round: number): TrackingEventRecord[] {
  return orders.map((o) => {
    const status = round % 2 === 0 ? 'in_transit' as const : 'delivered' as const;
    const occurredAt = BASE + o * 5 * H + (14 + 20 * round + writer) * H;
    return {
      carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: `N${o}`, occurredAt, offsetMinutes: 0, status,
      code: null, description: null, location: null, source: 'test', eventKey: `N${o}:${writer}:${round}`,
    };
  });
}

/** Overlapping slices of the orders, a different one per writer and round. */
const slice = (writer: number, round: number) => Array.from({ length: 12 }, (_, k) => (writer * 7 + round * 5 + k * 3) % ORDERS);

async function keptRows(store: Store): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for (const [table, columns, nonZero] of [
    ['metric_rollups', 'marketplace, metric, day, category, carrier, total, hit', 'total <> 0'],
    ['defect_rollups', 'marketplace, metric, day, sort_day, order_id, package_id, carrier_keys, category_keys', '1 = 1'],
    ['defect_counts', 'marketplace, metric, day, sort_day, carrier_keys, category_keys, defects', 'defects <> 0'],
    ['scan_delay_rollups', 'marketplace, metric, day, level, carrier, bucket, packages', 'packages <> 0'],
  ] as const) {
    const found = await rawSql(store).all<Record<string, unknown>>(`SELECT ${columns} FROM ${table} WHERE seller_id = ? AND ${nonZero} ORDER BY ${columns}`, [SELLER]);
    rows.push([table, ...found.map((r) => Object.values(r).map((v) => (typeof v === 'string' ? v : Number(v))))]);
  }
  return rows;
}

const available = await postgresAvailable();

describe.skipIf(!available)('kept figures with many PostgreSQL writers', () => {
  const schema = `vtrguard_test_writers_${process.pid}_${Date.now().toString(36)}`;
  const stores: Store[] = [];
  beforeAll(async () => {
    for (let w = 0; w < WRITERS; w++) stores.push(await openStore(TEST_PG_URL, { schema }));
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('lose no delta and deadlock nowhere when imports, deliveries and polls write the same packages at once', async () => {
    const figures = keptFigures(DEFAULT_METRICS_CONFIG);
    await stores[0]!.ensureSeller(SELLER);
    const all = Array.from({ length: ORDERS }, (_, o) => o);
    const first = batch(all, 0);
    await writeFacts(stores[0]!, figures, SELLER, factKeysOf(first), async (tx) => {
      await tx.writeBatch(SELLER, first);
      await tx.refreshDerived(SELLER, trackingNumbersOf(first));
    });
    await Promise.all(stores.map(async (store, w) => {
      for (let round = 1; round <= ROUNDS; round++) {
        const orders = slice(w, round);
        if ((w + round) % 2 === 0) {
          // An import batch: corrected orders and confirmations, with scans of other packages in the same batch.
          const written = batch(orders, round);
          const events = scans(slice(w + 1, round), w, round);
          const keys = factKeysOf(written);
          await writeFacts(store, figures, SELLER, { ...keys, trackingNumbers: [...keys.trackingNumbers, ...events.map((e) => e.trackingNumber)] }, async (tx) => {
            await tx.writeBatch(SELLER, written);
            await tx.refreshDerived(SELLER, trackingNumbersOf(written));
            await tx.insertEvents(SELLER, events, BASE);
          });
        } else {
          // Webhook deliveries or a poll: events only.
          await writeEvents(store, figures, SELLER, scans(orders, w, round), BASE);
        }
      }
    }));
    expect(await figuresCurrent(stores[0]!, SELLER, exemptionFingerprint(DEFAULT_METRICS_CONFIG))).toBe(true);
    const [events] = await rawSql(stores[0]!).all<{ n: number | string }>('SELECT COUNT(*) AS n FROM tracking_events WHERE seller_id = ?', [SELLER]);
    // Every writer's events are stored: nothing was lost to a failed or rolled-back transaction.
    expect(Number(events!.n)).toBe(WRITERS * ROUNDS * 12);
    const byDeltas = await keptRows(stores[0]!);
    expect(byDeltas.flat().length).toBeGreaterThan(50);
    await rebuildKeptFigures(stores[1]!, SELLER, DEFAULT_METRICS_CONFIG);
    expect(byDeltas).toEqual(await keptRows(stores[0]!));
  });
});
