import { describe, expect, it } from 'vitest';
import { awaitingScanCells, type AwaitingView } from './awaiting-scan.js';
import { DEFAULT_METRICS_CONFIG } from './config.js';
import type { PackageView } from '../core/views.js';
import { pkg } from './testing.js';
import { staticTrackingDefect } from '../validate/assess.js';

/** An unscanned US package within the grace period (testing.ts's defaults otherwise), with its stored verdict. */
function awaiting(overrides: Partial<PackageView> = {}): AwaitingView {
  return pkg({ promisedDay: '2026-11-24', firstScanAt: null, ...overrides });
}

function counted(packages: AwaitingView[], marketplace: 'US' | 'FR' = 'US'): number {
  const all = awaitingScanCells(packages, DEFAULT_METRICS_CONFIG[marketplace], staticTrackingDefect).filter((cell) => cell.category === '');
  return all.reduce((sum, cell) => sum + cell.hit, 0);
}

describe('packages awaiting their first scan (the forecast assumes it comes)', () => {
  it('count when nothing but the scan is missing', () => {
    expect(counted([awaiting()])).toBe(1);
  });

  it('judge the carrier by the rules of today, not by the verdict stored at import', () => {
    // A USPS IMpb number confirmed as UPS: a mismatch today, whatever an older import stored.
    const mismatch = awaiting({ carrierCode: 'UPS', trackingNumber: '9400111206206406260787', staticDefect: null });
    expect(counted([mismatch])).toBe(0);
    // A case-only variant of a code: Amazon takes it as Other, so no scan will make it valid.
    expect(counted([awaiting({ carrierCode: 'ups', staticDefect: null })])).toBe(0);
    // The other way: La Poste's own S10 number was a mismatch under the first rules (issue 15, item 1).
    const laPoste = awaiting({ marketplace: 'FR', carrierCode: 'La Poste', trackingNumber: 'EW112720413FR', staticDefect: 'carrier_mismatch' });
    expect(counted([laPoste], 'FR')).toBe(1);
  });

  it('let a Buy Shipping label pass the carrier rule, and nothing else', () => {
    expect(counted([awaiting({ carrierCode: 'ups', buyShipping: true })])).toBe(1);
    const mismatch = awaiting({ carrierCode: 'UPS', trackingNumber: '9400111206206406260787', buyShipping: true });
    expect(counted([mismatch])).toBe(0);
  });

  it('leave out exempt and FBA packages', () => {
    expect(counted([awaiting({ exempt: true }), awaiting({ fulfillmentChannel: 'AFN' })])).toBe(0);
  });
});
