import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingEventRecord, TrackingStatus } from '../core/domain.js';
import { localDay } from '../core/time.js';
import { cellsFromRaw, cellsFromRollups } from '../app/metrics.js';
import { DEFAULT_METRICS_CONFIG, buildMetricsConfig } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import { buildReports } from '../metrics/report.js';
import { dayRanges, refreshRollups } from './rollups.js';
import { trackingNumbersOf } from './store.js';
import type { OrderWrite, PackageWrite, Store } from './store.js';
import { dialectCases } from './testing.js';
import type { TestStore } from './testing.js';

const LA = 'America/Los_Angeles';
const H = 3_600_000;
const BASE = Date.parse('2026-10-20T12:00:00Z');
// Valid UPS numbers: a package confirmed as UPS is a defect only when the spec says (then it goes as USPS).
const NUMBERS = ['1Z0000000000000019', '1Z0000000000000028', '1Z0000000000000037', '1Z0000000000000046', '1Z0000000000000055'];
const CATEGORIES = ['Toys', 'Books', 'Garden'];
const STATUSES: TrackingStatus[] = ['pre_transit', 'in_transit', 'delivered', 'delivery_failed', 'unknown', 'out_for_delivery'];

interface PackageSpec {
  order: number;
  ref: number;
  number: number | null;
  shipHour: number;
  confirmLagHours: number;
  promiseHour: number;
  categories: number[];
  defect: boolean;
  exempt: boolean;
  cancelled: 'none' | 'seller' | 'buyer';
}

type Op =
  | { kind: 'import'; packages: PackageSpec[] }
  | { kind: 'events'; events: { number: number; hour: number; status: number }[]; replay: boolean };

const packageSpec = fc.record({
  order: fc.integer({ min: 0, max: 11 }),
  ref: fc.integer({ min: 1, max: 2 }),
  number: fc.option(fc.integer({ min: 0, max: NUMBERS.length - 1 }), { freq: 6 }),
  shipHour: fc.integer({ min: 0, max: 24 * 20 }),
  confirmLagHours: fc.integer({ min: -2, max: 24 * 6 }),
  promiseHour: fc.integer({ min: 24, max: 24 * 12 }),
  categories: fc.uniqueArray(fc.integer({ min: 0, max: CATEGORIES.length - 1 }), { minLength: 1, maxLength: 3 }),
  defect: fc.boolean(),
  exempt: fc.boolean(),
  cancelled: fc.constantFrom('none', 'none', 'none', 'seller', 'buyer'),
}) as fc.Arbitrary<PackageSpec>;

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('import' as const), packages: fc.array(packageSpec, { minLength: 1, maxLength: 5 }) }),
  fc.record({
    kind: fc.constant('events' as const),
    events: fc.array(
      fc.record({ number: fc.integer({ min: 0, max: NUMBERS.length - 1 }), hour: fc.integer({ min: -30, max: 24 * 26 }), status: fc.integer({ min: 0, max: STATUSES.length - 1 }) }),
      { minLength: 1, maxLength: 6 },
    ),
    replay: fc.boolean(),
  }),
);

/** The order facts derive from the order number, except the promise (which a correction may move). */
function orderWrite(spec: PackageSpec): OrderWrite {
  const purchaseDate = BASE + spec.order * 7 * H;
  const latestShipDate = purchaseDate + 30 * H;
  const latestDeliveryDate = purchaseDate + spec.promiseHour * H;
  const cancelledAt = spec.cancelled === 'none' ? null : purchaseDate + 5 * H;
  return {
    orderId: `order-${spec.order}`, marketplace: 'US', purchaseDate, latestShipDate, latestDeliveryDate, fulfillmentChannel: 'MFN',
    shipServiceLevel: null, cancelledAt, cancelledBy: spec.cancelled === 'none' ? null : spec.cancelled,
    purchaseDay: localDay(purchaseDate, LA), shipByDay: localDay(latestShipDate, LA), promisedDay: localDay(latestDeliveryDate, LA),
  };
}

function packageWrite(spec: PackageSpec): PackageWrite {
  const shipDate = BASE + spec.shipHour * H;
  const confirmedAt = shipDate + spec.confirmLagHours * H;
  const trackingNumber = spec.number === null ? null : NUMBERS[spec.number]!;
  return {
    orderId: `order-${spec.order}`, packageRef: String(spec.ref), carrierCode: spec.defect ? 'USPS' : 'UPS', carrierName: null, shippingMethod: 'Ground',
    trackingRaw: trackingNumber, trackingNumber, shipDate, confirmedAt, confirmDay: localDay(confirmedAt, LA), exempt: spec.exempt,
    carrierKey: 'ups', staticDefect: trackingNumber === null ? 'no_tracking' : spec.defect ? 'carrier_mismatch' : null, problems: [],
  };
}

function eventRecord(e: { number: number; hour: number; status: number }): TrackingEventRecord {
  const status = STATUSES[e.status]!;
  const number = NUMBERS[e.number]!;
  return {
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: number, occurredAt: BASE + e.hour * H, offsetMinutes: -420, status,
    code: null, description: null, location: null, source: 'test', eventKey: `${number}:${e.hour}:${status}`,
  };
}

async function apply(store: Store, seller: string, o: Op, history: TrackingEventRecord[]): Promise<void> {
  if (o.kind === 'import') {
    const seq = await store.nextWriteSeq(seller);
    const batch = {
      orders: o.packages.map(orderWrite),
      items: o.packages.flatMap((p) =>
        p.categories.map((c) => ({ orderId: `order-${p.order}`, orderItemId: `item-${c}`, sku: `sku-${c}`, category: CATEGORIES[c]!, quantity: 1 })),
      ),
      packages: o.packages.map(packageWrite),
      packageItems: o.packages.flatMap((p) =>
        p.categories.map((c) => ({ orderId: `order-${p.order}`, packageRef: String(p.ref), orderItemId: `item-${c}`, quantity: 1 })),
      ),
    };
    await store.writeBatch(seller, batch, seq);
    await store.refreshDerived(seller, trackingNumbersOf(batch));
  } else {
    const events = o.events.map(eventRecord);
    // Replays re-send events already stored: duplicates must change nothing.
    const batch = o.replay ? [...events, ...history.slice(0, 3)] : events;
    await store.insertEvents(seller, batch, BASE);
    history.push(...events);
  }
}

async function bothWays(store: Store, seller: string, asOf: string, config: MetricsConfig) {
  const cfg = config.US;
  const raw = buildReports(await cellsFromRaw(store, seller, 'US', asOf, cfg), asOf, 'US', cfg, 'raw');
  const rolled = buildReports(await cellsFromRollups(store, seller, 'US', asOf, config), asOf, 'US', cfg, 'raw');
  return { raw, rolled };
}

describe('dayRanges', () => {
  it('groups sorted days into spans of at most 7 days', () => {
    expect(dayRanges(['2026-11-03', '2026-11-01', '2026-11-07', '2026-11-08', '2026-11-20'])).toEqual([
      { from: '2026-11-01', to: '2026-11-07' },
      { from: '2026-11-08', to: '2026-11-08' },
      { from: '2026-11-20', to: '2026-11-20' },
    ]);
  });
});

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`rollups on ${dialect.name}`, () => {
    let t: TestStore;
    let run = 0;
    beforeAll(async () => {
      t = await dialect.fresh();
    });
    afterAll(async () => t?.dispose());

    // wideFrom: the share of a marketplace's days from which a refresh recounts it whole. These small histories
    // mostly pass it, so one case keeps every refresh to day ranges.
    const configs: [string, MetricsConfig, number | undefined][] = [
      ['promised-delivery attribution', DEFAULT_METRICS_CONFIG, undefined],
      ['ship-confirm attribution with lag 3', buildMetricsConfig({ US: { attribution: 'ship_confirm', lagDays: 3 } }), undefined],
      ['promised-delivery attribution, day ranges only', DEFAULT_METRICS_CONFIG, Infinity],
    ];
    for (const [name, config, wideFrom] of configs) {
      it(`agree with a recompute from raw rows after random imports, late events, duplicates and corrections (${name})`, async () => {
        let nonEmpty = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), async (ops, refreshAfter) => {
            const seller = `prop-${dialect.name}-${run++}`;
            await t.store.ensureSeller(seller);
            const history: TrackingEventRecord[] = [];
            const refreshOptions = { config, ...(wideFrom === undefined ? {} : { wideFrom }) };
            for (const [i, o] of ops.entries()) {
              await apply(t.store, seller, o, history);
              // Refreshes at random points: incremental refreshes must add up to a full one.
              if (refreshAfter[i]) await refreshRollups(t.store, seller, refreshOptions);
            }
            // The last one too (a read would refresh with the defaults).
            await refreshRollups(t.store, seller, refreshOptions);
            for (const asOf of ['2026-11-16', '2026-11-22', '2026-12-05']) {
              const { raw, rolled } = await bothWays(t.store, seller, asOf, config);
              expect(rolled).toEqual(raw);
              if (raw.metrics.vtr.overall.total > 0 && raw.metrics.lsr.d30.total > 0) nonEmpty++;
            }
          }),
          { numRuns: dialect.name === 'sqlite' ? 40 : 15 },
        );
        // The generator must reach the windows, or agreement would prove nothing.
        expect(nonEmpty).toBeGreaterThan(3);
      });
    }

    it('a seller whose exemption rules change gets its rollups rebuilt', async () => {
      const seller = `exempt-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 1, ref: 1, number: 0, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [spec] }, []);
      await refreshRollups(t.store, seller);
      const before = await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG);
      expect(before.rolled.metrics.vtr.overall.total).toBe(1);
      const ruled = buildMetricsConfig({ US: { exemptions: [{ shippingMethods: ['Ground'] }] } });
      await refreshRollups(t.store, seller, { config: ruled });
      const after = await bothWays(t.store, seller, '2026-11-12', ruled);
      expect(after.rolled.metrics.vtr.overall.total).toBe(0);
      expect(after.rolled).toEqual(after.raw);
    });

    it('a correction that touches only items (a category fixed, an item added) reaches the rollups', async () => {
      const seller = `items-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 3, ref: 1, number: 1, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [spec] }, []);
      await refreshRollups(t.store, seller);
      // The seller fixes the item's category, then adds a second item to the same package: no order or package row changes.
      let seq = await t.store.nextWriteSeq(seller);
      await t.store.writeBatch(seller, { items: [{ orderId: 'order-3', orderItemId: 'item-0', sku: 'sku-0', category: 'Garden', quantity: 1 }] }, seq);
      seq = await t.store.nextWriteSeq(seller);
      await t.store.writeBatch(seller, {
        items: [{ orderId: 'order-3', orderItemId: 'item-1', sku: 'sku-1', category: 'Books', quantity: 1 }],
        packageItems: [{ orderId: 'order-3', packageRef: '1', orderItemId: 'item-1', quantity: 1 }],
      }, seq);
      await refreshRollups(t.store, seller);
      const both = await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG);
      expect(both.rolled.metrics.vtr.byCategory.map((c) => c.category).sort()).toEqual(['Books', 'Garden']);
      expect(both.rolled).toEqual(both.raw);
    });

    it('a confirmation of an order imported earlier (the batch holds no order row) reaches the rollups', async () => {
      const seller = `confirm-later-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 4, ref: 1, number: 2, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [1], defect: false, exempt: false, cancelled: 'none' };
      let seq = await t.store.nextWriteSeq(seller);
      await t.store.writeBatch(seller, {
        orders: [orderWrite(spec)],
        items: [{ orderId: 'order-4', orderItemId: 'item-1', sku: 'sku-1', category: 'Books', quantity: 1 }],
      }, seq);
      await refreshRollups(t.store, seller);
      expect((await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG)).rolled.metrics.vtr.overall.total).toBe(0);
      // As a shipping-confirmation file does: packages and their items only.
      seq = await t.store.nextWriteSeq(seller);
      await t.store.writeBatch(seller, {
        packages: [packageWrite(spec)],
        packageItems: [{ orderId: 'order-4', packageRef: '1', orderItemId: 'item-1', quantity: 1 }],
      }, seq);
      await refreshRollups(t.store, seller);
      for (const config of [DEFAULT_METRICS_CONFIG, buildMetricsConfig({ US: { attribution: 'ship_confirm' } })]) {
        const both = await bothWays(t.store, seller, '2026-11-12', config);
        expect(both.rolled.metrics.vtr.overall.total).toBe(1);
        expect(both.rolled).toEqual(both.raw);
      }
    });

    it('late events, recycled numbers and confirmations after delivery reach the rollups', async () => {
      const seller = `edges-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const history: TrackingEventRecord[] = [];
      // Events first (they arrive before their confirmation), then the package, then a duplicate replay.
      await apply(t.store, seller, { kind: 'events', events: [{ number: 0, hour: 12, status: 1 }], replay: false }, history);
      await refreshRollups(t.store, seller);
      const first: PackageSpec = { order: 1, ref: 1, number: 0, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0, 1], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [first] }, history);
      await refreshRollups(t.store, seller);
      let r = (await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG)).rolled.metrics;
      expect(r.vtr.overall).toMatchObject({ valid: 1, total: 1 });
      expect(r.vtr.byCategory.map((c) => [c.category, c.total])).toEqual([['Books', 1], ['Toys', 1]]);
      // The number is recycled 20 days later for another order: the old scan is not the new package's.
      const recycled: PackageSpec = { ...first, order: 2, shipHour: 24 * 20, promiseHour: 24 * 3, categories: [2] };
      await apply(t.store, seller, { kind: 'import', packages: [recycled] }, history);
      await apply(t.store, seller, { kind: 'events', events: [{ number: 0, hour: 12, status: 1 }], replay: true }, history);
      await refreshRollups(t.store, seller);
      r = (await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG)).rolled.metrics;
      expect(r.vtr.overall).toMatchObject({ valid: 1, total: 2 });
      // Delivered, then the confirmation is corrected to after the delivery: a defect.
      await apply(t.store, seller, { kind: 'events', events: [{ number: 0, hour: 24 * 21, status: 2 }], replay: false }, history);
      await apply(t.store, seller, { kind: 'import', packages: [{ ...recycled, confirmLagHours: 30 }] }, history);
      await refreshRollups(t.store, seller);
      const both = await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG);
      expect(both.rolled.metrics.vtr.overall).toMatchObject({ valid: 1, total: 2 });
      expect(both.rolled).toEqual(both.raw);
    });
  });
}
