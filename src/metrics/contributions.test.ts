import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRACKING_STATUSES } from '../core/domain.js';
import type { PackageView } from '../core/views.js';
import { addDays, dayInWindow, localDay } from '../core/time.js';
import { asOfInstant, classifyContext } from './classify.js';
import type { ConfirmationJudge } from './classify.js';
import { DEFAULT_METRICS_CONFIG } from './config.js';
import { FigureDelta, UNCOUNTED_PACKAGE_FACTS } from './contributions.js';
import { defectWindow, isOrderDefectMetric, orderDefectRow, packageDefectRow } from './defects.js';
import type { DefectMetric } from './defects.js';
import { at, order, pkg } from './testing.js';

const START = at('2026-11-01T00:00:00Z');
const H = 3_600_000;
const instant = fc.option(fc.integer({ min: 0, max: 24 * 20 }).map((h) => START + h * H), { freq: 4 });

/** A package with every fact the contributions could read drawn at random. */
const packages = fc.record({
  confirmedAt: instant,
  firstScanAt: instant,
  networkScanAt: instant,
  nonDeliveryScanAt: instant,
  deliveredAt: instant,
  firstAttemptAt: instant,
  lastEventAt: instant,
  lastStatus: fc.option(fc.constantFrom(...TRACKING_STATUSES)),
  isPrime: fc.boolean(),
  staticDefect: fc.option(fc.constantFrom('no_tracking', 'carrier_not_accepted', 'carrier_mismatch' as const)),
  carrierCode: fc.constantFrom('UPS', 'USPS', 'Other: Acme', null),
  promisedDay: fc.constantFrom('2026-11-05', '2026-11-09', '2026-11-14'),
}).map((facts) => pkg({ ...facts, packageId: 7, orderId: 'o-7' }));

/** Everything a delta would write, for comparison. */
function written(delta: FigureDelta): unknown[] {
  return [delta.cellIncrements(), delta.lateStepIncrements(), delta.defectCountIncrements(), delta.scanDelayIncrements(), delta.defectDeletes(), delta.defectInserts(), delta.defectStepDeletes(), delta.defectStepInserts()];
}

describe('package contributions', () => {
  it('do not read the facts declared uncounted: a view that differs only in them contributes the same', () => {
    fc.assert(fc.property(packages, packages, (view, other) => {
      // `view` with `other`'s values of every uncounted fact: each uncounted fact changes where the two differ.
      const changed: PackageView = { ...view };
      for (const key of UNCOUNTED_PACKAGE_FACTS) Object.assign(changed, { [key]: other[key] });
      const delta = new FigureDelta(DEFAULT_METRICS_CONFIG, () => null);
      delta.addPackage(view, 1);
      delta.addPackage(changed, -1);
      expect(written(delta)).toEqual([[], [], [], [], [], [], [], []]);
    }), { numRuns: 2000 });
  });

  it('do read every other fact this check draws (so the check above could fail)', () => {
    const base = pkg({ packageId: 7, orderId: 'o-7', promisedDay: '2026-11-09' });
    for (const change of [{ firstScanAt: null }, { confirmedAt: base.confirmedAt! + 30 * H }, { deliveredAt: base.deliveredAt! + 9 * 24 * H, firstAttemptAt: base.firstAttemptAt! + 9 * 24 * H }] satisfies Partial<PackageView>[]) {
      const delta = new FigureDelta(DEFAULT_METRICS_CONFIG, () => null);
      delta.addPackage(base, 1);
      delta.addPackage({ ...base, ...change }, -1);
      expect(written(delta).flat().length, JSON.stringify(change)).toBeGreaterThan(0);
    }
  });
});

/*
 * The defect rows' late steps against their definition: for any package or order and any as-of day D, the kept
 * rows of each list that holds rows of D's window — current rows, those whose steps after D sum to +1 taken out,
 * those whose steps sum to -1 put back — are the rows classifying as of the end of D lists. Every instant is drawn
 * independently around the days the lists read, so each rule's instant must be a change day for this to hold, and
 * a first listing day one day too late (or a step skipped) shows.
 */
describe('defect rows\' late steps take the kept lists back to a past as-of day', () => {
  const DAY0 = '2026-10-01';
  const START_AT = at(`${DAY0}T00:00:00Z`);
  const near = (day: number) => fc.option(fc.integer({ min: -24 * 15, max: 24 * 11 }).map((h) => START_AT + day * 24 * H + h * H), { freq: 3 });
  const orderInstant = fc.option(fc.integer({ min: 0, max: 24 * 40 }).map((h) => START_AT + h * H), { freq: 3 });
  const AS_OF_DAYS = Array.from({ length: 60 }, (_, d) => addDays(DAY0, d - 2));
  const cfg = DEFAULT_METRICS_CONFIG.US;
  /** The list of each kept metric, and the day of its row (the attribution day) a list window must hold. */
  const LISTS: Record<string, DefectMetric> = {
    vtr_pd: 'vtr', vtr_sc: 'vtr', sfp_vtr_pd: 'sfp_vtr', sfp_vtr_sc: 'sfp_vtr', otdr: 'otdr', sfp_otdr: 'sfp_otdr',
    lsr: 'lsr', sfp_ship: 'sfp_ship', cr: 'cr', sfp_cr: 'sfp_cancel',
  };
  /** Whether a list of `metric` as of `asOf` holds rows of `day` (VTR's window with a lag of 0 or 14). */
  const listed = (metric: DefectMetric, day: string | null, asOf: string) =>
    day !== null && [0, 14].some((lagDays) => dayInWindow(day, defectWindow(metric, asOf, { ...cfg, lagDays })));

  /** The kept metrics whose rows `delta` lists as of `asOf` (current rows with the steps after `asOf` taken back). */
  function keptAsOf(delta: FigureDelta, asOf: string): Set<string> {
    const rows = new Map(delta.defectInserts().map((r) => [r[1], 1]));
    for (const step of delta.defectStepInserts()) if (step[6] > asOf) rows.set(step[1], (rows.get(step[1]) ?? 0) - step[9]);
    for (const [metric, n] of rows) expect([0, 1], `${metric} as of ${asOf}`).toContain(n);
    return new Set([...rows].filter(([, n]) => n === 1).map(([metric]) => metric));
  }

  it('for packages: scans, two scans, delivery-only tracking, attempts, confirmations after delivery', () => {
    const pkgArb = fc.integer({ min: 15, max: 30 }).chain((promised) => fc.record({
      promised: fc.constant(promised), confirmedAt: near(promised), firstScanAt: near(promised), networkScanAt: near(promised),
      nonDeliveryScanAt: near(promised), deliveredAt: near(promised), firstAttemptAt: near(promised), crossBorder: fc.boolean(), isPrime: fc.boolean(),
      mismatch: fc.boolean(),
    }));
    let changed = 0;
    fc.assert(fc.property(pkgArb, (p) => {
      const view = pkg({
        packageId: 7, orderId: 'o-7', promisedDay: addDays(DAY0, p.promised), shipDate: p.confirmedAt, confirmedAt: p.confirmedAt,
        confirmDay: p.confirmedAt === null ? null : localDay(p.confirmedAt, cfg.zone), firstScanAt: p.firstScanAt, networkScanAt: p.networkScanAt,
        nonDeliveryScanAt: p.nonDeliveryScanAt, deliveredAt: p.deliveredAt, firstAttemptAt: p.firstAttemptAt, isPrime: p.isPrime,
        ...(p.crossBorder ? { originCountry: 'CN', declaredValue: 10 } : {}),
      });
      const judge: ConfirmationJudge = () => (p.mismatch ? 'carrier_mismatch' : null);
      const delta = new FigureDelta(DEFAULT_METRICS_CONFIG, judge);
      delta.addPackage(view, 1);
      const now = keptAsOf(delta, '9999-12-31');
      for (const asOf of AS_OF_DAYS) {
        const ctx = classifyContext(cfg, asOfInstant(asOf, cfg.zone), judge);
        const kept = keptAsOf(delta, asOf);
        for (const [metric, list] of Object.entries(LISTS)) {
          if (isOrderDefectMetric(list) || !listed(list, metric.endsWith('_sc') ? view.confirmDay : view.promisedDay, asOf)) continue;
          expect(kept.has(metric), `${metric} as of ${asOf}`).toBe(packageDefectRow(view, list, ctx) !== null);
          if (kept.has(metric) !== now.has(metric)) changed++;
        }
      }
    }), { numRuns: 400 });
    expect(changed).toBeGreaterThan(100);
  });

  it('for orders: confirmations and first scans of its packages, item and order cancellations, the ship-by passing', () => {
    const orderArb = fc.record({
      purchase: fc.integer({ min: 0, max: 24 * 10 }), shipBy: fc.option(fc.integer({ min: 0, max: 24 * 20 }), { freq: 5 }),
      cancelledAt: orderInstant, cancelledBy: fc.constantFrom<'seller' | 'buyer'>('seller', 'buyer'),
      items: fc.array(fc.record({ cancelledAt: orderInstant, cancelledBy: fc.constantFrom<'seller' | 'buyer'>('seller', 'buyer') }), { maxLength: 2 }),
      packages: fc.array(fc.record({ confirmedAt: orderInstant, firstScanAt: orderInstant, carries: fc.constantFrom('all', 'A', 'B') }), { maxLength: 2 }),
      isPrime: fc.boolean(),
    });
    let changed = 0;
    fc.assert(fc.property(orderArb, (o) => {
      const purchaseDate = START_AT + o.purchase * H;
      const latestShipDate = o.shipBy === null ? null : purchaseDate + o.shipBy * H;
      const view = order({
        purchaseDate, purchaseDay: localDay(purchaseDate, cfg.zone), latestShipDate, shipByDay: latestShipDate === null ? null : localDay(latestShipDate, cfg.zone),
        cancelledAt: o.cancelledAt, cancelledBy: o.cancelledAt === null ? null : o.cancelledBy, isPrime: o.isPrime,
        items: o.items.map((item, i) => ({ orderItemId: i === 0 ? 'A' : 'B', cancelledAt: item.cancelledAt, cancelledBy: item.cancelledAt === null ? null : item.cancelledBy })),
        packages: o.packages.map((p, i) => ({ packageRef: String(i + 1), confirmedAt: p.confirmedAt, firstScanAt: p.firstScanAt, itemIds: p.carries === 'all' ? [] : [p.carries] })),
      });
      const delta = new FigureDelta(DEFAULT_METRICS_CONFIG, () => null);
      delta.addOrder(view, 1);
      const now = keptAsOf(delta, '9999-12-31');
      for (const asOf of AS_OF_DAYS) {
        const kept = keptAsOf(delta, asOf);
        for (const [metric, list] of Object.entries(LISTS)) {
          if (!isOrderDefectMetric(list) || !listed(list, list === 'lsr' || list === 'sfp_ship' ? view.shipByDay : view.purchaseDay, asOf)) continue;
          expect(kept.has(metric), `${metric} as of ${asOf}`).toBe(orderDefectRow(view, list, asOfInstant(asOf, cfg.zone)) !== null);
          if (kept.has(metric) !== now.has(metric)) changed++;
        }
      }
    }), { numRuns: 400 });
    expect(changed).toBeGreaterThan(100);
  });

  it('a contribution taken back takes its steps back with it, and a rebuild lists the same steps', () => {
    // Confirmed long before its promise, first scanned after it: it leaves the VTR lists on the day of the scan.
    const view = pkg({ packageId: 9, orderId: 'o-9', promisedDay: '2026-10-20', shipDate: START_AT, confirmedAt: START_AT, firstScanAt: START_AT + 25 * 24 * H });
    const delta = new FigureDelta(DEFAULT_METRICS_CONFIG, () => null);
    delta.addPackage(view, 1);
    const steps = delta.defectStepInserts();
    expect(steps.map((s) => [s[1], s[6], s[9]])).toContainEqual(['vtr_pd', localDay(START_AT + 25 * 24 * H, cfg.zone), -1]);
    const rebuilt = new FigureDelta(DEFAULT_METRICS_CONFIG, () => null, { fromEmpty: true });
    rebuilt.addPackage(view, 1);
    expect(rebuilt.defectStepInserts()).toEqual(steps);
    delta.addPackage(view, -1);
    expect([delta.defectStepInserts(), delta.defectStepDeletes()]).toEqual([[], []]);
  });
});
