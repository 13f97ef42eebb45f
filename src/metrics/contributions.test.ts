import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRACKING_STATUSES } from '../core/domain.js';
import type { PackageView } from '../core/views.js';
import { DEFAULT_METRICS_CONFIG } from './config.js';
import { FigureDelta, UNCOUNTED_PACKAGE_FACTS } from './contributions.js';
import { at, pkg } from './testing.js';

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
