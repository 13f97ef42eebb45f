import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Marketplace } from '../core/domain.js';
import { addDays, dayInWindow, localDay } from '../core/time.js';
import type { CellMetric } from '../core/cells.js';
import type { OrderView, PackageView } from '../core/views.js';
import { CellAccumulator, addOrderCells, addPackageCells } from './cells.js';
import { CURRENT_KNOWLEDGE, asOfInstant, classifyContext } from './classify.js';
import type { ConfirmationJudge } from './classify.js';
import { DEFAULT_METRICS_CONFIG } from './config.js';
import { LateSteps } from './late-steps.js';
import { neededRanges } from './report.js';
import { order as orderView, pkg as packageView } from './testing.js';

/*
 * The late steps against their definition: for any package or order and any as-of day D, the cells a report as
 * of D reads hold, once the steps after D are taken back from the current counts, what classifying as of D
 * counts. Every instant is drawn independently (also orders the store never derives, e.g. a delivery before the
 * first scan), so each rule's instant must be a change day for this to hold.
 */

const START = Date.parse('2026-10-01T00:00:00Z');
const H = 3_600_000;
const DAY0 = '2026-10-01';

const instant = fc.option(fc.integer({ min: 0, max: 24 * 40 }).map((h) => START + h * H), { freq: 3 });
/** Around a day: where a step decides whether a report reads it (up to 14 days before, 10 after). */
const near = (day: number) => fc.option(fc.integer({ min: -24 * 15, max: 24 * 11 }).map((h) => START + day * 24 * H + h * H), { freq: 3 });
const judges: Record<string, ConfirmationJudge> = { valid: () => null, mismatch: () => 'carrier_mismatch' };

/** Cells keyed `metric day category carrier`, zeros left out. */
function keyed(acc: CellAccumulator, readable: (metric: string, day: string) => boolean): Map<string, [number, number]> {
  const cells = new Map<string, [number, number]>();
  for (const c of acc.list()) {
    if (!readable(c.metric, c.day) || (c.total === 0 && c.hit === 0)) continue;
    cells.set(`${c.metric} ${c.day} ${c.category} ${c.carrier}`, [c.total, c.hit]);
  }
  return cells;
}

/** Current counts (`current` adds them) minus the steps after `asOf`, as cells a report as of `asOf` reads. */
function keptAsOf(current: (acc: CellAccumulator) => void, steps: LateSteps, asOf: string): Map<string, [number, number]> {
  const acc = new CellAccumulator();
  current(acc);
  for (const [, metric, day, category, carrier, from, total, hit] of steps.increments()) {
    if (from <= asOf) continue;
    // A step's hit is its own count: take total and hit back separately.
    acc.add(metric, day, category, carrier, false, -total);
    acc.add(metric, day, category, carrier, true, -hit);
    acc.add(metric, day, category, carrier, false, hit);
  }
  return keyed(acc, readableAsOf(asOf));
}

/** Whether a report as of `asOf` reads the cell: its day is in the metric's window (VTR's with a lag of 0 or 14). */
const readableAsOf = (asOf: string) => (metric: string, day: string) => {
  const range = METRIC_RANGE[metric as CellMetric];
  return [0, 14].some((lagDays) => dayInWindow(day, neededRanges(asOf, { ...DEFAULT_METRICS_CONFIG.US, lagDays })[range]));
};
const METRIC_RANGE: Record<CellMetric, 'vtr' | 'otdr' | 'lsr' | 'cr'> = {
  vtr_pd: 'vtr', vtr_sc: 'vtr', sfp_vtr_pd: 'vtr', sfp_vtr_sc: 'vtr', otdr: 'otdr', sfp_otdr: 'otdr', lsr: 'lsr', sfp_ship: 'lsr', cr: 'cr', sfp_cr: 'cr',
};

/** Every as-of day from before the first instant to after the last: a step missed on any one of them shows. */
const AS_OF_DAYS = Array.from({ length: 60 }, (_, d) => addDays(DAY0, d - 2));

describe('late steps take the kept cells back to a past as-of day', () => {
  it('for packages: every rule that looks at an instant (scans, two scans, delivery-only tracking, attempts, confirmation after delivery)', () => {
    const pkgArb = fc.integer({ min: 15, max: 30 }).chain((promised) => fc.record({
      marketplace: fc.constantFrom<Marketplace>('US', 'IT'),
      promised: fc.constant(promised),
      confirmedAt: near(promised), firstScanAt: near(promised), networkScanAt: near(promised), nonDeliveryScanAt: near(promised),
      deliveredAt: near(promised), firstAttemptAt: near(promised),
      crossBorder: fc.boolean(), isPrime: fc.boolean(), units: fc.integer({ min: 1, max: 3 }), categories: fc.constantFrom<string[]>(['Toys'], ['Toys', 'Books'], []),
      judge: fc.constantFrom('valid', 'mismatch'),
    }));
    fc.assert(
      fc.property(pkgArb, (p) => {
        const cfg = DEFAULT_METRICS_CONFIG[p.marketplace];
        const view: PackageView = packageView({
          marketplace: p.marketplace, promisedDay: addDays(DAY0, p.promised), shipDate: p.confirmedAt, confirmedAt: p.confirmedAt,
          confirmDay: p.confirmedAt === null ? null : localDay(p.confirmedAt, cfg.zone), firstScanAt: p.firstScanAt, networkScanAt: p.networkScanAt,
          nonDeliveryScanAt: p.nonDeliveryScanAt, deliveredAt: p.deliveredAt, firstAttemptAt: p.firstAttemptAt, isPrime: p.isPrime, units: p.units,
          categories: p.categories, ...(p.crossBorder ? { originCountry: 'CN', declaredValue: 10 } : {}),
        });
        const options = (before: number) => ({ ...classifyContext(cfg, before, judges[p.judge]!), metrics: ['vtr_pd', 'vtr_sc', 'otdr'] as const });
        const steps = new LateSteps();
        steps.addPackage(view, options(CURRENT_KNOWLEDGE), 1);
        for (const asOf of AS_OF_DAYS) {
          const asOfCells = new CellAccumulator();
          addPackageCells(asOfCells, view, options(asOfInstant(asOf, cfg.zone)));
          const kept = keptAsOf((acc) => addPackageCells(acc, view, options(CURRENT_KNOWLEDGE)), steps, asOf);
          expect(kept, `as of ${asOf}`).toEqual(keyed(asOfCells, readableAsOf(asOf)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('for orders: confirmations and first scans of its packages, item and order cancellations, the ship-by passing', () => {
    const orderArb = fc.record({
      purchase: fc.integer({ min: 0, max: 24 * 10 }),
      shipBy: fc.option(fc.integer({ min: 0, max: 24 * 20 }), { freq: 5 }),
      cancelledAt: instant, cancelledBy: fc.constantFrom<'seller' | 'buyer'>('seller', 'buyer'),
      items: fc.array(fc.record({ cancelledAt: instant, cancelledBy: fc.constantFrom<'seller' | 'buyer'>('seller', 'buyer') }), { maxLength: 2 }),
      packages: fc.array(fc.record({ confirmedAt: instant, firstScanAt: instant, carries: fc.constantFrom('all', 'A', 'B') }), { maxLength: 2 }),
      isPrime: fc.boolean(),
    });
    fc.assert(
      fc.property(orderArb, (o) => {
        const zone = DEFAULT_METRICS_CONFIG.US.zone;
        const purchaseDate = START + o.purchase * H;
        const latestShipDate = o.shipBy === null ? null : purchaseDate + o.shipBy * H;
        const view: OrderView = orderView({
          purchaseDate, purchaseDay: localDay(purchaseDate, zone), latestShipDate, shipByDay: latestShipDate === null ? null : localDay(latestShipDate, zone),
          cancelledAt: o.cancelledAt, cancelledBy: o.cancelledAt === null ? null : o.cancelledBy, isPrime: o.isPrime,
          items: o.items.map((item, i) => ({ orderItemId: i === 0 ? 'A' : 'B', cancelledAt: item.cancelledAt, cancelledBy: item.cancelledAt === null ? null : item.cancelledBy })),
          packages: o.packages.map((p, i) => ({ packageRef: String(i + 1), confirmedAt: p.confirmedAt, firstScanAt: p.firstScanAt, itemIds: p.carries === 'all' ? [] : [p.carries] })),
        });
        const steps = new LateSteps();
        steps.addOrder(view, ['lsr', 'cr'], zone, 1);
        for (const asOf of AS_OF_DAYS) {
          const asOfCells = new CellAccumulator();
          addOrderCells(asOfCells, view, ['lsr', 'cr'], asOfInstant(asOf, zone));
          const kept = keptAsOf((acc) => addOrderCells(acc, view, ['lsr', 'cr'], CURRENT_KNOWLEDGE), steps, asOf);
          expect(kept, `as of ${asOf}`).toEqual(keyed(asOfCells, readableAsOf(asOf)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a contribution taken back takes its steps back with it', () => {
    const cfg = DEFAULT_METRICS_CONFIG.US;
    const options = { ...classifyContext(cfg, CURRENT_KNOWLEDGE, judges.valid!), metrics: ['vtr_pd', 'vtr_sc', 'otdr'] as const };
    // Confirmed long before its promise, first scanned after it: a step on the day of the scan.
    const view = packageView({ promisedDay: '2026-10-20', shipDate: START, confirmedAt: START, firstScanAt: START + 25 * 24 * H });
    const steps = new LateSteps();
    steps.addPackage(view, options, 1);
    expect(steps.increments().map((r) => r[5])).toContain(localDay(START + 25 * 24 * H, cfg.zone));
    steps.addPackage(view, options, -1);
    expect(steps.increments()).toEqual([]);
  });
});
