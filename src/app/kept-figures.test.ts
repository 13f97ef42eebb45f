import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingEventRecord, TrackingStatus } from '../core/domain.js';
import { localDay } from '../core/time.js';
import { writeEvents } from '../ingest/write-events.js';
import { cellsFromRaw, computeReports } from './metrics.js';
import { byCarrierAndTenths, rawScanDelays } from './dashboard.js';
import { mediansOfBuckets } from '../metrics/dashboard.js';
import { vtrWindow } from '../metrics/forecast.js';
import { readScanDelays } from '../store/scan-delays.js';
import { defectRows, listDefects } from './defect-list.js';
import { DEFECT_METRICS, defectWindow } from '../metrics/defects.js';
import type { DefectQuery, DefectRow } from '../metrics/defects.js';
import { DEFAULT_METRICS_CONFIG, buildMetricsConfig, exemptionFingerprint } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import { buildReports, neededRanges, vtrCellMetric } from '../metrics/report.js';
import { KEPT_FIGURES_REVISION } from '../core/cells.js';
import { figuresCurrent, markFiguresCurrent, readRollupCells } from '../store/rollups.js';
import { factKeysOf, trackingNumbersOf } from '../store/store.js';
import type { OrderWrite, PackageWrite, Store, WriteBatch } from '../store/store.js';
import { dialectCases, keptRows, rawSql, writeFacts } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { keptFigures, rebuildKeptFigures } from './kept-figures.js';

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
  /** Hours from purchase to the cancellation: the same day, or days later (after past as-of days that counted it). */
  cancelLagHours?: number;
  /** Shipped from CN at a value the US cross-border rule holds to two scans (network, then delivery or attempt). */
  crossBorder?: boolean;
}

type EventSpec = { number: number; hour: number; status: number };

/**
 * How a write reaches the store: an import batch (`batch`, with carrier scans in the same batch when the op has
 * events), webhook deliveries or a carrier poll (`events`: one transaction of events), or a write that keeps no
 * figures (`raw`: the next kept write must notice and rebuild).
 */
type Path = 'batch' | 'events' | 'raw';

type Op =
  | { kind: 'import'; packages: PackageSpec[]; events: EventSpec[]; path: Path }
  | { kind: 'events'; events: EventSpec[]; replay: boolean; path: Path };

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
  crossBorder: fc.boolean(),
  cancelLagHours: fc.constantFrom(5, 5, 30, 24 * 4, 24 * 9),
}) as fc.Arbitrary<PackageSpec>;

const eventSpec = fc.record({
  number: fc.integer({ min: 0, max: NUMBERS.length - 1 }),
  hour: fc.integer({ min: -30, max: 24 * 26 }),
  status: fc.integer({ min: 0, max: STATUSES.length - 1 }),
});
/** Mostly kept writes; now and then one that keeps nothing. */
const path = (kept: Path) => fc.constantFrom<Path>(kept, kept, kept, kept, kept, 'raw');

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    packages: fc.array(packageSpec, { minLength: 1, maxLength: 5 }),
    events: fc.array(eventSpec, { maxLength: 3 }),
    path: path('batch'),
  }),
  fc.record({ kind: fc.constant('events' as const), events: fc.array(eventSpec, { minLength: 1, maxLength: 6 }), replay: fc.boolean(), path: path('events') }),
);

/**
 * The order facts derive from the order number, except the promise (which a correction may move). Every third
 * order is Seller Fulfilled Prime, whose ship-on-time figure follows its packages' first scans.
 */
function orderWrite(spec: PackageSpec): OrderWrite {
  const purchaseDate = BASE + spec.order * 7 * H;
  const isPrime = spec.order % 3 === 0;
  // A late ship-by, so that first scans land on both sides of it.
  const latestShipDate = purchaseDate + (isPrime ? 240 : 30) * H;
  const latestDeliveryDate = purchaseDate + spec.promiseHour * H;
  const cancelledAt = spec.cancelled === 'none' ? null : purchaseDate + (spec.cancelLagHours ?? 5) * H;
  return {
    orderId: `order-${spec.order}`, marketplace: 'US', purchaseDate, latestShipDate, latestDeliveryDate, fulfillmentChannel: 'MFN',
    shipServiceLevel: null, cancelledAt, cancelledBy: spec.cancelled === 'none' ? null : spec.cancelled, isPrime,
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
    ...(spec.crossBorder ? { originCountry: 'CN', declaredValue: 10 } : {}),
  };
}

function eventRecord(e: EventSpec): TrackingEventRecord {
  const status = STATUSES[e.status]!;
  const number = NUMBERS[e.number]!;
  return {
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: number, occurredAt: BASE + e.hour * H, offsetMinutes: -420, status,
    code: null, description: null, location: null, source: 'test', eventKey: `${number}:${e.hour}:${status}`,
  };
}

function batchOf(packages: readonly PackageSpec[]): WriteBatch {
  return {
    orders: packages.map(orderWrite),
    items: packages.flatMap((p) =>
      p.categories.map((c) => ({ orderId: `order-${p.order}`, orderItemId: `item-${c}`, sku: `sku-${c}`, category: CATEGORIES[c]!, quantity: 1 })),
    ),
    packages: packages.map(packageWrite),
    packageItems: packages.flatMap((p) =>
      p.categories.map((c) => ({ orderId: `order-${p.order}`, packageRef: String(p.ref), orderItemId: `item-${c}`, quantity: 1 })),
    ),
  };
}

/** Writes `batch` (and `events`) as an import batch does, keeping the figures of `config` unless told not to. */
function writeBatchKept(store: Store, seller: string, config: MetricsConfig | null, batch: WriteBatch, events: readonly TrackingEventRecord[] = []) {
  const keys = factKeysOf(batch);
  const withEvents = { orderIds: keys.orderIds, trackingNumbers: [...keys.trackingNumbers, ...events.map((e) => e.trackingNumber)] };
  return writeFacts(store, config ? keptFigures(config) : undefined, seller, withEvents, async (tx) => {
    await tx.writeBatch(seller, batch);
    await tx.refreshDerived(seller, trackingNumbersOf(batch));
    if (events.length > 0) await tx.insertEvents(seller, events, BASE);
  });
}

async function apply(store: Store, seller: string, o: Op, history: TrackingEventRecord[], config: MetricsConfig): Promise<void> {
  const kept = o.path === 'raw' ? null : config;
  if (o.kind === 'import') {
    const events = o.events.map(eventRecord);
    await writeBatchKept(store, seller, kept, batchOf(o.packages), events);
    history.push(...events);
  } else {
    const events = o.events.map(eventRecord);
    // Replays re-send events already stored: duplicates must change nothing.
    const batch = o.replay ? [...events, ...history.slice(0, 3)] : events;
    await writeEvents(store, kept ? keptFigures(kept) : undefined, seller, batch, BASE);
    history.push(...events);
  }
}

/** The report from raw rows and from the kept figures: as they stand, or as of the end of a past day (`past`). */
async function bothWays(store: Store, seller: string, asOf: string, config: MetricsConfig, past = false) {
  const cfg = config.US;
  const raw = buildReports(await cellsFromRaw(store, seller, 'US', asOf, cfg), asOf, 'US', cfg, 'raw');
  const kept = await readRollupCells(store, seller, 'US', { vtrMetric: vtrCellMetric(cfg), ...neededRanges(asOf, cfg), ...(past ? { asOf } : {}) });
  const rolled = buildReports(kept, asOf, 'US', cfg, 'raw');
  return { raw, rolled };
}

/** A clock after every generated stamp: the past days below are read as past days. */
const LATER = Date.parse('2026-12-06T20:00:00Z');
const DEFECT_FILTERS: Omit<DefectQuery, 'metric' | 'asOf'>[] = [{}, { carrier: 'usps' }, { category: 'books' }];
const DEFECT_PAGES = [{}, { offset: 1, limit: 2 }];

/**
 * Every metric's defect list as of `asOf` (a past day) from the kept figures, their late steps taken back, against
 * the raw classification as of the end of that day (`defectRows`), filtered and paged; and the kept counts per
 * day against the raw list's. Returns how many lists were not empty, and how many differ from today's.
 */
async function pastListsAgree(store: Store, seller: string, asOf: string, config: MetricsConfig): Promise<{ listed: number; changed: number }> {
  let listed = 0;
  let changed = 0;
  for (const metric of DEFECT_METRICS) {
    for (const filter of DEFECT_FILTERS) {
      const query: DefectQuery = { metric, asOf, ...filter };
      const raw = await defectRows(store, seller, 'US', config.US, query);
      for (const page of DEFECT_PAGES) {
        const kept = await listDefects(store, seller, 'US', query, { config, now: LATER, ...page });
        const offset = page.offset ?? 0;
        expect(kept, `${metric} as of ${asOf} ${JSON.stringify(filter)} ${JSON.stringify(page)}`).toEqual({
          total: raw.length, rows: raw.slice(offset, page.limit === undefined ? undefined : offset + page.limit), source: 'rollups',
        });
      }
      if (raw.length > 0) listed++;
      // The same window classified with what is known today: its defects differ when the steps were needed.
      const now = await defectRows(store, seller, 'US', config.US, { ...query, asOf: localDay(LATER, LA), days: defectWindow(metric, asOf, config.US) });
      const members = (rows: DefectRow[]) => rows.map((r) => `${r.orderId}/${r.packageRef}`).join(' ');
      if (members(now) !== members(raw)) changed++;
    }
  }
  return { listed, changed };
}

/**
 * The scorecard's level-0 histogram and medians as of `asOf` (a past day) from the kept histogram, its steps from
 * later days taken back, against the raw query as of the end of that day. Returns whether the past day's histogram
 * differs from the same window's as known today (the steps were needed).
 */
async function pastHistogramAgrees(store: Store, seller: string, asOf: string, config: MetricsConfig): Promise<boolean> {
  const cfg = config.US;
  const window = vtrWindow(asOf, cfg.lagDays);
  const raw = await rawScanDelays(store, seller, 'US', cfg, window, asOf);
  const kept = (await readScanDelays(store, seller, 'US', vtrCellMetric(cfg), window, asOf)).sort(byCarrierAndTenths);
  expect(kept, `histogram as of ${asOf}`).toEqual(raw);
  expect(mediansOfBuckets(kept)).toEqual(mediansOfBuckets(raw));
  const now = (await readScanDelays(store, seller, 'US', vtrCellMetric(cfg), window)).sort(byCarrierAndTenths);
  return JSON.stringify(now) !== JSON.stringify(kept);
}

/**
 * Past days across the generated data: purchases from 10-20, confirmations and scans to mid-November, ship-bys
 * and promises between, so that each day sees some facts and not others.
 */
const PAST_DAYS = ['2026-10-20', '2026-10-22', '2026-10-25', '2026-10-28', '2026-10-31', '2026-11-03', '2026-11-06', '2026-11-10'];
/** The past days whose defect lists are checked (every list of each costs a read: half of them keep the test short). */
const LIST_DAYS = new Set(PAST_DAYS.filter((_, i) => i % 2 === 1));

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`kept figures on ${dialect.name}`, () => {
    let t: TestStore;
    let run = 0;
    beforeAll(async () => {
      t = await dialect.fresh();
    });
    afterAll(async () => t?.dispose());

    const configs: [string, MetricsConfig][] = [
      ['promised-delivery attribution', DEFAULT_METRICS_CONFIG],
      ['ship-confirm attribution with lag 3', buildMetricsConfig({ US: { attribution: 'ship_confirm', lagDays: 3 } })],
    ];
    for (const [name, config] of configs) {
      it(`deltas agree with a recompute from raw rows and with a rebuild after random imports, late events, duplicates and corrections (${name})`, async () => {
        let nonEmpty = 0;
        let pastPartial = 0;
        let primeVtr = 0;
        let kept = 0;
        let pastLists = 0;
        let pastListsChanged = 0;
        let pastHistogramsChanged = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
            const seller = `prop-${dialect.name}-${run++}`;
            await t.store.ensureSeller(seller);
            const history: TrackingEventRecord[] = [];
            for (const o of ops) await apply(t.store, seller, o, history, config);
            // A last kept write (a delivery of nothing new) brings the figures along if the last op kept none.
            await writeEvents(t.store, keptFigures(config), seller, history.slice(0, 1), BASE);
            expect(await figuresCurrent(t.store, seller, exemptionFingerprint(config))).toBe(true);
            if (ops.some((o) => o.path !== 'raw')) kept++;
            for (const asOf of ['2026-11-16', '2026-11-22', '2026-12-05']) {
              const { raw, rolled } = await bothWays(t.store, seller, asOf, config);
              expect(rolled).toEqual(raw);
              if (raw.metrics.vtr.overall.total > 0 && raw.metrics.lsr.d30.total > 0) nonEmpty++;
              if ((raw.metrics.sfp?.vtr.total ?? 0) > 0) primeVtr++;
            }
            // As of a past day the kept figures, their late steps taken back, see what raw rows stamped by then see:
            // the cells, the scorecard's scan-delay histogram, and every metric's defect list.
            for (const asOf of PAST_DAYS) {
              const { raw, rolled } = await bothWays(t.store, seller, asOf, config, true);
              expect(rolled, `as of ${asOf}`).toEqual(raw);
              if (raw.metrics.vtr.overall.total > 0 && raw.metrics.vtr.overall.valid < raw.metrics.vtr.overall.total) pastPartial++;
              if (await pastHistogramAgrees(t.store, seller, asOf, config)) pastHistogramsChanged++;
              if (!LIST_DAYS.has(asOf)) continue;
              const lists = await pastListsAgree(t.store, seller, asOf, config);
              pastLists += lists.listed;
              pastListsChanged += lists.changed;
            }
            // Every kept row — cells, defect rows and counts, histogram, and their steps — as a rebuild from raw rows
            // counts it.
            const byDeltas = await keptRows(t.store, seller);
            // In spans of a few orders, so that the rebuild's spans are checked too.
            await rebuildKeptFigures(t.store, seller, config, { spanOrders: 3 });
            expect(byDeltas).toEqual(await keptRows(t.store, seller));
          }),
          { numRuns: dialect.name === 'sqlite' ? 40 : 15 },
        );
        // The generator must reach the windows, or agreement would prove nothing.
        expect(nonEmpty).toBeGreaterThan(3);
        expect(pastPartial).toBeGreaterThan(3);
        expect(primeVtr).toBeGreaterThan(3);
        expect(kept).toBeGreaterThan(3);
        expect(pastLists).toBeGreaterThan(50);
        expect(pastListsChanged).toBeGreaterThan(10);
        // Scans and confirmations after past days must be what is taken back, or agreement would prove little.
        expect(pastHistogramsChanged).toBeGreaterThan(5);
      });
    }

    it('a seller whose exemption rules change gets its rollups rebuilt', async () => {
      const seller = `exempt-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 1, ref: 1, number: 0, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [spec], events: [], path: 'batch' }, [], DEFAULT_METRICS_CONFIG);
      const before = await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG);
      expect(before.rolled.metrics.vtr.overall.total).toBe(1);
      const ruled = buildMetricsConfig({ US: { exemptions: [{ shippingMethods: ['Ground'] }] } });
      // Counted with other rules, the figures do not answer for these; the next write with them rebuilds.
      expect(await figuresCurrent(t.store, seller, exemptionFingerprint(ruled))).toBe(false);
      await writeEvents(t.store, keptFigures(ruled), seller, [], BASE);
      expect(await figuresCurrent(t.store, seller, exemptionFingerprint(ruled))).toBe(true);
      const after = await bothWays(t.store, seller, '2026-11-12', ruled);
      expect(after.rolled.metrics.vtr.overall.total).toBe(0);
      expect(after.rolled).toEqual(after.raw);
    });

    it('a seller whose marketplace time zone changes gets its figures recounted (past as-of days are kept by local day)', async () => {
      const seller = `zone-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 1, ref: 1, number: 0, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [spec], events: [], path: 'batch' }, [], DEFAULT_METRICS_CONFIG);
      const zoned = buildMetricsConfig({ US: { zone: 'America/New_York' } });
      expect(await figuresCurrent(t.store, seller, exemptionFingerprint(DEFAULT_METRICS_CONFIG))).toBe(true);
      expect(await figuresCurrent(t.store, seller, exemptionFingerprint(zoned))).toBe(false);
      await writeEvents(t.store, keptFigures(zoned), seller, [], BASE);
      expect(await figuresCurrent(t.store, seller, exemptionFingerprint(zoned))).toBe(true);
    });

    it('a read for a past as-of day comes from the kept figures when they are current, else from raw rows, and says which', async () => {
      const seller = `past-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 5, ref: 1, number: 3, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [spec], events: [], path: 'batch' }, [], DEFAULT_METRICS_CONFIG);
      // Scanned after its promised day: as of that day it had no carrier scan, as of today it is valid.
      await apply(t.store, seller, { kind: 'events', events: [{ number: 3, hour: 24 * 6, status: 1 }], replay: false, path: 'events' }, [], DEFAULT_METRICS_CONFIG);
      const now = Date.parse('2026-11-20T20:00:00Z');
      const read = async (recompute: boolean) => (await computeReports(t.store, seller, 'US', { config: DEFAULT_METRICS_CONFIG, now, asOf: '2026-10-24', recompute })).metrics;
      const kept = await read(false);
      const raw = await read(true);
      expect([kept.source, raw.source]).toEqual(['rollups', 'raw']);
      expect(kept.vtr.overall).toMatchObject({ valid: 0, total: 1 });
      expect({ ...kept, source: 'raw' }).toEqual(raw);
      // A write that keeps no figures leaves them behind: the past day is read from raw rows until they are rebuilt.
      await apply(t.store, seller, { kind: 'events', events: [{ number: 3, hour: 24 * 7, status: 2 }], replay: false, path: 'raw' }, [], DEFAULT_METRICS_CONFIG);
      expect((await read(false)).source).toBe('raw');
    });

    it('figures kept by an older build (before the Prime VTR cells) are rebuilt by the next write, not served without them', async () => {
      const seller = `revision-${dialect.name}`;
      await t.store.ensureSeller(seller);
      // Order 0 is Prime.
      const spec: PackageSpec = { order: 0, ref: 1, number: 0, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0], defect: true, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [spec], events: [], path: 'batch' }, [], DEFAULT_METRICS_CONFIG);
      const fingerprint = exemptionFingerprint(DEFAULT_METRICS_CONFIG);
      // What a build of revision 1 kept: no Prime VTR rows, and its own fingerprint beside them.
      await rawSql(t.store).run("DELETE FROM metric_rollups WHERE seller_id = ? AND metric IN ('sfp_vtr_pd', 'sfp_vtr_sc')", [seller]);
      await rawSql(t.store).run("DELETE FROM defect_rollups WHERE seller_id = ? AND metric IN ('sfp_vtr_pd', 'sfp_vtr_sc')", [seller]);
      await rawSql(t.store).run("DELETE FROM defect_counts WHERE seller_id = ? AND metric IN ('sfp_vtr_pd', 'sfp_vtr_sc')", [seller]);
      await markFiguresCurrent(t.store, seller, fingerprint.replace(`figures:${KEPT_FIGURES_REVISION}`, 'figures:1'));
      expect(await figuresCurrent(t.store, seller, fingerprint)).toBe(false);
      await writeEvents(t.store, keptFigures(DEFAULT_METRICS_CONFIG), seller, [], BASE);
      expect(await figuresCurrent(t.store, seller, fingerprint)).toBe(true);
      const both = await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG);
      expect(both.rolled.metrics.sfp?.vtr).toMatchObject({ valid: 0, total: 1 });
      expect(both.rolled).toEqual(both.raw);
      const rows = await keptRows(t.store, seller);
      expect(rows.defect_rollups!.filter((r) => (r as unknown[])[1] === 'sfp_vtr_pd')).toHaveLength(1);
    });

    it('a correction that touches only items (a category fixed, an item added) reaches the kept figures', async () => {
      const seller = `items-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 3, ref: 1, number: 1, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [spec], events: [], path: 'batch' }, [], DEFAULT_METRICS_CONFIG);
      // The seller fixes the item's category, then adds a second item to the same package: no order or package row changes.
      await writeBatchKept(t.store, seller, DEFAULT_METRICS_CONFIG, { items: [{ orderId: 'order-3', orderItemId: 'item-0', sku: 'sku-0', category: 'Garden', quantity: 1 }] });
      await writeBatchKept(t.store, seller, DEFAULT_METRICS_CONFIG, {
        items: [{ orderId: 'order-3', orderItemId: 'item-1', sku: 'sku-1', category: 'Books', quantity: 1 }],
        packageItems: [{ orderId: 'order-3', packageRef: '1', orderItemId: 'item-1', quantity: 1 }],
      });
      const both = await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG);
      expect(both.rolled.metrics.vtr.byCategory.map((c) => c.category).sort()).toEqual(['Books', 'Garden']);
      expect(both.rolled).toEqual(both.raw);
    });

    it('a confirmation of an order imported earlier (the batch holds no order row) reaches the kept figures', async () => {
      const seller = `confirm-later-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const spec: PackageSpec = { order: 4, ref: 1, number: 2, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [1], defect: false, exempt: false, cancelled: 'none' };
      await writeBatchKept(t.store, seller, DEFAULT_METRICS_CONFIG, {
        orders: [orderWrite(spec)],
        items: [{ orderId: 'order-4', orderItemId: 'item-1', sku: 'sku-1', category: 'Books', quantity: 1 }],
      });
      expect((await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG)).rolled.metrics.vtr.overall.total).toBe(0);
      // As a shipping-confirmation file does: packages and their items only.
      await writeBatchKept(t.store, seller, DEFAULT_METRICS_CONFIG, {
        packages: [packageWrite(spec)],
        packageItems: [{ orderId: 'order-4', packageRef: '1', orderItemId: 'item-1', quantity: 1 }],
      });
      // Attribution is not part of what is counted: both are kept.
      for (const config of [DEFAULT_METRICS_CONFIG, buildMetricsConfig({ US: { attribution: 'ship_confirm' } })]) {
        const both = await bothWays(t.store, seller, '2026-11-12', config);
        expect(both.rolled.metrics.vtr.overall.total).toBe(1);
        expect(both.rolled).toEqual(both.raw);
      }
    });

    it('a session whose writes reach most of the seller\'s packages stops reading views and rebuilds the figures at its end', async () => {
      const readsWith = async (rebuildShare: number, writes: number[][], firstDone?: number) => {
        const seller = `switch-${rebuildShare}-${writes[0]!.length}-${firstDone ?? 'unknown'}-${dialect.name}`;
        await t.store.ensureSeller(seller);
        const specs = NUMBERS.map((_, i): PackageSpec => ({
          order: 40 + i, ref: 1, number: i, shipHour: 10 + i, confirmLagHours: 1, promiseHour: 96, categories: [i % 3], defect: i === 2, exempt: false, cancelled: 'none',
        }));
        await apply(t.store, seller, { kind: 'import', packages: specs, events: [], path: 'batch' }, [], DEFAULT_METRICS_CONFIG);
        let viewReads = 0;
        await t.store.transaction(async (tx) => {
          const counted = new Proxy(tx, {
            get(target, name, receiver) {
              if (name === 'packagesOf' || name === 'packagesAfter') viewReads++;
              return Reflect.get(target, name, receiver) as unknown;
            },
          });
          // Views are counted from 2 on; 3 of the seller's 5 packages reach a share of 0.5.
          const session = await keptFigures(DEFAULT_METRICS_CONFIG, { checkFrom: 2, rebuildShare }).begin(counted, seller);
          for (const [i, numbers] of writes.entries()) {
            const events = numbers.map((n) => eventRecord({ number: n, hour: 30 + n, status: 2 }));
            const keys = { orderIds: [], trackingNumbers: events.map((e) => e.trackingNumber) };
            await session.change(keys, () => counted.insertEvents(seller, events, BASE), i === 0 ? firstDone : 1);
          }
          await session.finish();
        });
        const { raw, rolled } = await bothWays(t.store, seller, '2026-11-16', DEFAULT_METRICS_CONFIG);
        expect(rolled).toEqual(raw);
        expect(raw.metrics.vtr.overall.total).toBe(5);
        const kept = await keptRows(t.store, seller);
        await rebuildKeptFigures(t.store, seller, DEFAULT_METRICS_CONFIG);
        expect(kept).toEqual(await keptRows(t.store, seller));
        return viewReads;
      };
      // Before and after each write; the second write is not read when the first reached most packages…
      expect(await readsWith(0.5, [[0, 1, 2], [3, 4]])).toBe(2);
      expect(await readsWith(1, [[0, 1, 2], [3, 4]])).toBe(4);
      // …or, being a fifth of the session's writes, will at its pace (one package a fifth: five in all).
      expect(await readsWith(0.5, [[0], [1, 2, 3, 4]], 0.2)).toBe(2);
      expect(await readsWith(0.5, [[0], [1, 2, 3, 4]])).toBe(4);
    });

    it('late events, recycled numbers and confirmations after delivery reach the rollups', async () => {
      const seller = `edges-${dialect.name}`;
      await t.store.ensureSeller(seller);
      const history: TrackingEventRecord[] = [];
      // Events first (they arrive before their confirmation), then the package, then a duplicate replay.
      await apply(t.store, seller, { kind: 'events', events: [{ number: 0, hour: 12, status: 1 }], replay: false, path: 'events' }, history, DEFAULT_METRICS_CONFIG);
      const first: PackageSpec = { order: 1, ref: 1, number: 0, shipHour: 10, confirmLagHours: 1, promiseHour: 72, categories: [0, 1], defect: false, exempt: false, cancelled: 'none' };
      await apply(t.store, seller, { kind: 'import', packages: [first], events: [], path: 'batch' }, history, DEFAULT_METRICS_CONFIG);
      let r = (await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG)).rolled.metrics;
      expect(r.vtr.overall).toMatchObject({ valid: 1, total: 1 });
      expect(r.vtr.byCategory.map((c) => [c.category, c.total])).toEqual([['Books', 1], ['Toys', 1]]);
      // The number is recycled 20 days later for another order: the old scan is not the new package's.
      const recycled: PackageSpec = { ...first, order: 2, shipHour: 24 * 20, promiseHour: 24 * 3, categories: [2] };
      await apply(t.store, seller, { kind: 'import', packages: [recycled], events: [], path: 'batch' }, history, DEFAULT_METRICS_CONFIG);
      await apply(t.store, seller, { kind: 'events', events: [{ number: 0, hour: 12, status: 1 }], replay: true, path: 'events' }, history, DEFAULT_METRICS_CONFIG);
      r = (await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG)).rolled.metrics;
      expect(r.vtr.overall).toMatchObject({ valid: 1, total: 2 });
      // Delivered, then the confirmation is corrected to after the delivery: a defect.
      await apply(t.store, seller, { kind: 'events', events: [{ number: 0, hour: 24 * 21, status: 2 }], replay: false, path: 'events' }, history, DEFAULT_METRICS_CONFIG);
      await apply(t.store, seller, { kind: 'import', packages: [{ ...recycled, confirmLagHours: 30 }], events: [], path: 'batch' }, history, DEFAULT_METRICS_CONFIG);
      const both = await bothWays(t.store, seller, '2026-11-12', DEFAULT_METRICS_CONFIG);
      expect(both.rolled.metrics.vtr.overall).toMatchObject({ valid: 1, total: 2 });
      expect(both.rolled).toEqual(both.raw);
    });
  });
}
