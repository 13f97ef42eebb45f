import { describe, expect, it } from 'vitest';
import { endOfLocalDay, parseDateOrInstant, startOfLocalDay } from '../core/time.js';
import { CURRENT_KNOWLEDGE, asOfInstant, classifyOrder, classifyPackage, isExempt, vtrDefectReasons } from './classify.js';
import { LA, at, order, pkg } from './testing.js';

const ctx = (asOf: string, zone = LA) => ({ before: asOfInstant(asOf, zone), zone, exemptions: [] });

describe('as-of instant', () => {
  it('is the first instant of the next local day (exclusive end of the as-of day)', () => {
    expect(asOfInstant('2026-11-20', LA)).toBe(at('2026-11-21T08:00:00Z'));
    expect(asOfInstant('2026-07-20', 'Europe/London')).toBe(at('2026-07-20T23:00:00Z'));
    expect(asOfInstant('2026-11-20', 'Asia/Tokyo')).toBe(at('2026-11-20T15:00:00Z'));
  });

  it('follows DST: the fall-back day in Los Angeles lasts 25 hours, spring-forward 23', () => {
    expect(asOfInstant('2026-11-01', LA) - startOfLocalDay('2026-11-01', LA)).toBe(25 * 3_600_000);
    expect(asOfInstant('2026-03-08', LA) - startOfLocalDay('2026-03-08', LA)).toBe(23 * 3_600_000);
    expect(asOfInstant('2026-11-01', LA)).toBe(at('2026-11-02T08:00:00Z'));
    expect(asOfInstant('2026-03-08', LA)).toBe(at('2026-03-09T07:00:00Z'));
  });
});

describe('VTR rules', () => {
  it('a scanned package confirmed before delivery is valid', () => {
    expect(vtrDefectReasons(pkg(), CURRENT_KNOWLEDGE)).toEqual([]);
  });

  it('rules 1–3 are the validator\'s judgement of the confirmation (what `vtrguard check` says)', () => {
    expect(vtrDefectReasons(pkg({ trackingNumber: null, firstScanAt: null, deliveredAt: null }), CURRENT_KNOWLEDGE))
      .toEqual(['no_tracking', 'no_carrier_scan']);
    expect(vtrDefectReasons(pkg({ carrierCode: 'USPS' }), CURRENT_KNOWLEDGE)).toEqual(['carrier_mismatch']);
    // Judged now, not as stored: a verdict stored under older rules does not outlive them.
    expect(vtrDefectReasons(pkg({ carrierCode: 'ups', staticDefect: null }), CURRENT_KNOWLEDGE)).toEqual(['carrier_not_accepted']);
  });

  it('`Other` hiding an integrated carrier is a defect even with scans', () => {
    const hidden = pkg({ carrierCode: 'Other', carrierName: 'UPS', staticDefect: 'carrier_not_accepted' });
    expect(classifyPackage(hidden, ctx('2026-11-20')).reasons).toEqual(['carrier_not_accepted']);
  });

  it('tracking confirmed after delivery is a defect (rule 5); equal instants too', () => {
    const delivered = at('2026-11-08T20:00:00Z');
    expect(vtrDefectReasons(pkg({ deliveredAt: delivered, confirmedAt: delivered + 1 }), CURRENT_KNOWLEDGE)).toEqual([
      'tracking_after_delivery',
    ]);
    expect(vtrDefectReasons(pkg({ deliveredAt: delivered, confirmedAt: delivered }), CURRENT_KNOWLEDGE)).toEqual([
      'tracking_after_delivery',
    ]);
    expect(vtrDefectReasons(pkg({ deliveredAt: delivered, confirmedAt: delivered - 1 }), CURRENT_KNOWLEDGE)).toEqual([]);
  });

  it('a delivery at or after the as-of instant is not seen (and a counted confirmation precedes it)', () => {
    const before = asOfInstant('2026-11-08', LA);
    const p = pkg({ confirmedAt: before - 10, firstScanAt: before - 5, deliveredAt: before, firstAttemptAt: before });
    expect(vtrDefectReasons(p, before)).toEqual([]);
    expect(classifyPackage(p, ctx('2026-11-08')).onTime).toBe(false);
  });

  it('reasons come in definitions.md order of precedence', () => {
    const delivered = at('2026-11-08T20:00:00Z');
    const p = pkg({ carrierCode: 'USPS', deliveredAt: delivered, confirmedAt: delivered + 5, firstScanAt: null });
    expect(vtrDefectReasons(p, CURRENT_KNOWLEDGE)).toEqual(['carrier_mismatch', 'tracking_after_delivery', 'no_carrier_scan']);
  });

  it('a scan at the local midnight ending the as-of day does not count; one millisecond earlier does', () => {
    const before = asOfInstant('2026-11-20', LA);
    expect(vtrDefectReasons(pkg({ firstScanAt: before, deliveredAt: null }), before)).toEqual(['no_carrier_scan']);
    expect(vtrDefectReasons(pkg({ firstScanAt: before - 1, deliveredAt: null }), before)).toEqual([]);
  });

  it('a scan late on the DST fall-back day (23:30 PST = 07:30Z next UTC day) counts for that day', () => {
    const scan = at('2026-11-02T07:30:00Z');
    expect(vtrDefectReasons(pkg({ firstScanAt: scan, deliveredAt: null }), asOfInstant('2026-11-01', LA))).toEqual([]);
    expect(vtrDefectReasons(pkg({ firstScanAt: scan, deliveredAt: null }), asOfInstant('2026-10-31', LA))).toEqual([
      'no_carrier_scan',
    ]);
  });

  it('only packages confirmed before the as-of instant are counted; MFN only', () => {
    const before = asOfInstant('2026-11-20', LA);
    expect(classifyPackage(pkg({ confirmedAt: before }), ctx('2026-11-20')).vtrCounted).toBe(false);
    expect(classifyPackage(pkg({ confirmedAt: before - 1 }), ctx('2026-11-20')).vtrCounted).toBe(true);
    expect(classifyPackage(pkg({ confirmedAt: null }), ctx('2026-11-20')).vtrCounted).toBe(false);
    expect(classifyPackage(pkg({ fulfillmentChannel: 'AFN' }), ctx('2026-11-20')).vtrCounted).toBe(false);
  });

  it('exempt packages leave the VTR denominator: input flag or a configured marketplace rule', () => {
    expect(classifyPackage(pkg({ exempt: true }), ctx('2026-11-20')).vtrCounted).toBe(false);
    const rules = [{ shippingMethods: ['Canada Post Standard Mail envelopes'] }, { carrierCodes: ['Seino'] }];
    expect(isExempt(pkg({ shippingMethod: 'Canada Post Standard Mail envelopes' }), rules)).toBe(true);
    expect(isExempt(pkg({ shippingMethod: 'canada post standard mail envelopes' }), rules)).toBe(false);
    expect(isExempt(pkg({ carrierCode: 'Seino' }), rules)).toBe(true);
    expect(isExempt(pkg(), rules)).toBe(false);
  });
});

describe('OTDR verdict', () => {
  const zoneCtx = { before: CURRENT_KNOWLEDGE, zone: LA, exemptions: [] };

  it('a date-only promise means the end of that local day: delivered at 23:59:59.999 local is on time', () => {
    const end = parseDateOrInstant('2026-11-02', LA)!;
    expect(end).toBe(endOfLocalDay('2026-11-02', LA));
    const p = pkg({ promisedDay: '2026-11-02', firstAttemptAt: end, deliveredAt: end });
    expect(classifyPackage(p, zoneCtx).onTime).toBe(true);
    expect(classifyPackage({ ...p, firstAttemptAt: end + 1, deliveredAt: end + 1 }, zoneCtx).onTime).toBe(false);
  });

  it('on the DST fall-back day the promised day ends at 08:00Z the next day', () => {
    const p = pkg({ promisedDay: '2026-11-01', firstAttemptAt: at('2026-11-02T07:59:00Z'), deliveredAt: at('2026-11-02T07:59:00Z') });
    expect(classifyPackage(p, zoneCtx).onTime).toBe(true);
  });

  it('a failed first attempt stops the clock', () => {
    const p = pkg({ promisedDay: '2026-11-10', firstAttemptAt: at('2026-11-10T20:00:00Z'), deliveredAt: at('2026-11-14T20:00:00Z') });
    expect(classifyPackage(p, zoneCtx).onTime).toBe(true);
  });

  it('only packages with valid tracking are counted; tracking after delivery is never on time', () => {
    const delivered = at('2026-11-08T20:00:00Z');
    const v = classifyPackage(pkg({ deliveredAt: delivered, firstAttemptAt: delivered, confirmedAt: delivered + 1 }), zoneCtx);
    expect(v.otdrCounted).toBe(false);
    expect(v.onTime).toBe(false);
  });

  it('not yet attempted as of the instant is not on time', () => {
    const p = pkg({ promisedDay: '2026-11-10', firstAttemptAt: at('2026-11-10T20:00:00Z') });
    expect(classifyPackage(p, { ...zoneCtx, before: at('2026-11-10T19:00:00Z') }).onTime).toBe(false);
  });
});

describe('LSR and CR verdicts', () => {
  it('late when the first confirmation came after the latest ship date', () => {
    const o = order({ latestShipDate: at('2026-11-07T07:59:59Z') });
    expect(classifyOrder({ ...o, firstConfirmedAt: at('2026-11-07T07:59:59Z') }, CURRENT_KNOWLEDGE).late).toBe(false);
    expect(classifyOrder({ ...o, firstConfirmedAt: at('2026-11-07T08:00:00Z') }, CURRENT_KNOWLEDGE).late).toBe(true);
  });

  it('late when unconfirmed by the as-of instant and the ship-by date has passed', () => {
    const o = order({ firstConfirmedAt: null, latestShipDate: at('2026-11-07T07:59:59Z') });
    expect(classifyOrder(o, at('2026-11-07T07:59:59Z')).late).toBe(false);
    expect(classifyOrder(o, at('2026-11-07T08:00:00Z')).late).toBe(true);
    // A confirmation stamped after the as-of instant is not seen.
    expect(classifyOrder({ ...o, firstConfirmedAt: at('2026-11-09T00:00:00Z') }, at('2026-11-08T00:00:00Z')).late).toBe(true);
  });

  it('cancelled orders leave LSR; only seller cancels before any confirmation count for CR', () => {
    const cancelled = order({ cancelledAt: at('2026-11-06T10:00:00Z'), cancelledBy: 'seller', firstConfirmedAt: null });
    expect(classifyOrder(cancelled, CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: false, crCounted: true, sellerCancelled: true });
    expect(classifyOrder({ ...cancelled, cancelledBy: 'buyer' }, CURRENT_KNOWLEDGE).sellerCancelled).toBe(false);
    expect(classifyOrder({ ...cancelled, firstConfirmedAt: at('2026-11-06T09:00:00Z') }, CURRENT_KNOWLEDGE).sellerCancelled).toBe(false);
    // Cancelled after the as-of instant: not cancelled yet as of it.
    expect(classifyOrder(cancelled, at('2026-11-06T10:00:00Z'))).toMatchObject({ lsrCounted: true, sellerCancelled: false });
  });

  it('AFN orders count for nothing; an order with no ship-by date is never late', () => {
    expect(classifyOrder(order({ fulfillmentChannel: 'AFN' }), CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: false, crCounted: false });
    expect(classifyOrder(order({ latestShipDate: null, shipByDay: null, firstConfirmedAt: null }), CURRENT_KNOWLEDGE).late).toBe(false);
  });
});
