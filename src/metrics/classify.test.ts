import { describe, expect, it } from 'vitest';
import { endOfLocalDay, parseDateOrInstant, startOfLocalDay } from '../core/time.js';
import { CURRENT_KNOWLEDGE, asOfInstant, classifyContext, classifyOrder, classifyPackage, isExempt, vtrDefectReasons } from './classify.js';
import { DEFAULT_METRICS_CONFIG } from './config.js';
import { LA, at, order, pkg } from './testing.js';
import { staticTrackingDefect } from '../validate/assess.js';

/** US settings (Los Angeles unless told) as of `before`. */
const rulesAt = (before: number, zone = LA) => classifyContext({ ...DEFAULT_METRICS_CONFIG.US, zone }, before, staticTrackingDefect);
const ctx = (asOf: string, zone = LA) => rulesAt(asOfInstant(asOf, zone), zone);

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
    expect(vtrDefectReasons(pkg(), rulesAt(CURRENT_KNOWLEDGE))).toEqual([]);
  });

  it('rules 1–3 are the validator\'s judgement of the confirmation (what `vtrguard check` says)', () => {
    expect(vtrDefectReasons(pkg({ trackingNumber: null, firstScanAt: null, deliveredAt: null }), rulesAt(CURRENT_KNOWLEDGE)))
      .toEqual(['no_tracking', 'no_carrier_scan']);
    expect(vtrDefectReasons(pkg({ carrierCode: 'USPS' }), rulesAt(CURRENT_KNOWLEDGE))).toEqual(['carrier_mismatch']);
    // Judged now, not as stored: a verdict stored under older rules does not outlive them.
    expect(vtrDefectReasons(pkg({ carrierCode: 'ups', staticDefect: null }), rulesAt(CURRENT_KNOWLEDGE))).toEqual(['carrier_not_accepted']);
  });

  it('`Other` hiding an integrated carrier is a defect even with scans', () => {
    const hidden = pkg({ carrierCode: 'Other', carrierName: 'UPS', staticDefect: 'carrier_not_accepted' });
    expect(classifyPackage(hidden, ctx('2026-11-20')).reasons).toEqual(['carrier_not_accepted']);
  });

  it('tracking confirmed after delivery is a defect (rule 5); equal instants too', () => {
    const delivered = at('2026-11-08T20:00:00Z');
    expect(vtrDefectReasons(pkg({ deliveredAt: delivered, confirmedAt: delivered + 1 }), rulesAt(CURRENT_KNOWLEDGE))).toEqual([
      'tracking_after_delivery',
    ]);
    expect(vtrDefectReasons(pkg({ deliveredAt: delivered, confirmedAt: delivered }), rulesAt(CURRENT_KNOWLEDGE))).toEqual([
      'tracking_after_delivery',
    ]);
    expect(vtrDefectReasons(pkg({ deliveredAt: delivered, confirmedAt: delivered - 1 }), rulesAt(CURRENT_KNOWLEDGE))).toEqual([]);
  });

  it('a delivery at or after the as-of instant is not seen (and a counted confirmation precedes it)', () => {
    const before = asOfInstant('2026-11-08', LA);
    const p = pkg({ confirmedAt: before - 10, firstScanAt: before - 5, deliveredAt: before, firstAttemptAt: before });
    expect(vtrDefectReasons(p, rulesAt(before))).toEqual([]);
    expect(classifyPackage(p, ctx('2026-11-08')).onTime).toBe(false);
  });

  it('reasons come in definitions.md order of precedence', () => {
    const delivered = at('2026-11-08T20:00:00Z');
    const p = pkg({ carrierCode: 'USPS', deliveredAt: delivered, confirmedAt: delivered + 5, firstScanAt: null });
    expect(vtrDefectReasons(p, rulesAt(CURRENT_KNOWLEDGE))).toEqual(['carrier_mismatch', 'tracking_after_delivery', 'no_carrier_scan']);
  });

  it('a scan at the local midnight ending the as-of day does not count; one millisecond earlier does', () => {
    const before = asOfInstant('2026-11-20', LA);
    expect(vtrDefectReasons(pkg({ firstScanAt: before, deliveredAt: null }), rulesAt(before))).toEqual(['no_carrier_scan']);
    expect(vtrDefectReasons(pkg({ firstScanAt: before - 1, deliveredAt: null }), rulesAt(before))).toEqual([]);
  });

  it('a scan late on the DST fall-back day (23:30 PST = 07:30Z next UTC day) counts for that day', () => {
    const scan = at('2026-11-02T07:30:00Z');
    expect(vtrDefectReasons(pkg({ firstScanAt: scan, deliveredAt: null }), rulesAt(asOfInstant('2026-11-01', LA)))).toEqual([]);
    expect(vtrDefectReasons(pkg({ firstScanAt: scan, deliveredAt: null }), rulesAt(asOfInstant('2026-10-31', LA)))).toEqual([
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
  const zoneCtx = rulesAt(CURRENT_KNOWLEDGE);

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

  it('packages with valid tracking are counted, and [v2] those whose only defect is tracking after delivery: as late', () => {
    const delivered = at('2026-11-08T20:00:00Z');
    const v = classifyPackage(pkg({ deliveredAt: delivered, firstAttemptAt: delivered, confirmedAt: delivered + 1 }), zoneCtx);
    expect(v).toMatchObject({ otdrCounted: true, onTime: false, reasons: ['tracking_after_delivery'] });
    // With another defect beside it the package is out, as are packages with any other defect.
    const mismatched = pkg({ deliveredAt: delivered, firstAttemptAt: delivered, confirmedAt: delivered + 1, carrierCode: 'USPS' });
    expect(classifyPackage(mismatched, zoneCtx).otdrCounted).toBe(false);
    expect(classifyPackage(pkg({ firstScanAt: null, deliveredAt: null, firstAttemptAt: null }), zoneCtx).otdrCounted).toBe(false);
  });

  it('not yet attempted as of the instant is not on time', () => {
    const p = pkg({ promisedDay: '2026-11-10', firstAttemptAt: at('2026-11-10T20:00:00Z') });
    expect(classifyPackage(p, { ...zoneCtx, before: at('2026-11-10T19:00:00Z') }).onTime).toBe(false);
  });
});

describe('LSR and CR verdicts', () => {
  it('late when the first confirmation came after the latest ship date', () => {
    expect(classifyOrder(order({ latestShipDate: at('2026-11-07T07:59:59Z'), firstConfirmedAt: at('2026-11-07T07:59:59Z') }), CURRENT_KNOWLEDGE).late).toBe(false);
    expect(classifyOrder(order({ latestShipDate: at('2026-11-07T07:59:59Z'), firstConfirmedAt: at('2026-11-07T08:00:00Z') }), CURRENT_KNOWLEDGE).late).toBe(true);
  });

  it('late when unconfirmed by the as-of instant and the ship-by date has passed', () => {
    const o = order({ firstConfirmedAt: null, latestShipDate: at('2026-11-07T07:59:59Z') });
    expect(classifyOrder(o, at('2026-11-07T07:59:59Z')).late).toBe(false);
    expect(classifyOrder(o, at('2026-11-07T08:00:00Z')).late).toBe(true);
    // A confirmation stamped after the as-of instant is not seen.
    expect(classifyOrder(order({ latestShipDate: at('2026-11-07T07:59:59Z'), firstConfirmedAt: at('2026-11-09T00:00:00Z') }), at('2026-11-08T00:00:00Z')).late).toBe(true);
  });

  it('cancelled orders leave LSR; only seller cancels before any confirmation count for CR', () => {
    const cancelled = order({ cancelledAt: at('2026-11-06T10:00:00Z'), cancelledBy: 'seller', firstConfirmedAt: null });
    expect(classifyOrder(cancelled, CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: false, crCounted: true, sellerCancelled: true });
    expect(classifyOrder({ ...cancelled, cancelledBy: 'buyer' }, CURRENT_KNOWLEDGE).sellerCancelled).toBe(false);
    const refunded = order({ cancelledAt: at('2026-11-06T10:00:00Z'), cancelledBy: 'seller', firstConfirmedAt: at('2026-11-06T09:00:00Z') });
    expect(classifyOrder(refunded, CURRENT_KNOWLEDGE).sellerCancelled).toBe(false);
    // Cancelled after the as-of instant: not cancelled yet as of it.
    expect(classifyOrder(cancelled, at('2026-11-06T10:00:00Z'))).toMatchObject({ lsrCounted: true, sellerCancelled: false });
  });

  it('AFN orders count for nothing; an order with no ship-by date is never late', () => {
    expect(classifyOrder(order({ fulfillmentChannel: 'AFN' }), CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: false, crCounted: false });
    expect(classifyOrder(order({ latestShipDate: null, shipByDay: null, firstConfirmedAt: null }), CURRENT_KNOWLEDGE).late).toBe(false);
  });
});

describe('definitions.md v2: VTR rules', () => {
  const IT = classifyContext({ ...DEFAULT_METRICS_CONFIG.IT }, CURRENT_KNOWLEDGE, staticTrackingDefect);
  const US = rulesAt(CURRENT_KNOWLEDGE);
  const shipped = at('2026-11-05T18:00:00Z');
  const scans = (network: number | null, nonDelivery: number | null, attempt: number | null) =>
    ({ shipDate: shipped, confirmedAt: shipped, firstScanAt: network ?? nonDelivery ?? attempt, networkScanAt: network, nonDeliveryScanAt: nonDelivery, firstAttemptAt: attempt, deliveredAt: attempt });

  it('a Buy Shipping label passes the carrier rule (rule 2), not the others', () => {
    const notAccepted = pkg({ staticDefect: 'carrier_not_accepted', carrierCode: 'ups' });
    expect(vtrDefectReasons(notAccepted, US)).toEqual(['carrier_not_accepted']);
    expect(vtrDefectReasons({ ...notAccepted, buyShipping: true }, US)).toEqual([]);
    expect(vtrDefectReasons(pkg({ carrierCode: 'USPS', buyShipping: true }), US)).toEqual(['carrier_mismatch']);
    expect(vtrDefectReasons(pkg({ buyShipping: true, firstScanAt: null, deliveredAt: null }), US)).toEqual(['no_carrier_scan']);
  });

  it('delivery-confirmation-only tracking is not valid where configured (IT, IN), elsewhere it is', () => {
    const onlyDelivered = pkg(scans(null, null, at('2026-11-07T10:00:00Z')));
    expect(vtrDefectReasons(onlyDelivered, IT)).toEqual(['delivery_scan_only']);
    expect(vtrDefectReasons(onlyDelivered, classifyContext(DEFAULT_METRICS_CONFIG.IN, CURRENT_KNOWLEDGE, staticTrackingDefect))).toEqual(['delivery_scan_only']);
    expect(vtrDefectReasons(onlyDelivered, US)).toEqual([]);
    expect(vtrDefectReasons(pkg(scans(at('2026-11-06T10:00:00Z'), at('2026-11-06T10:00:00Z'), at('2026-11-07T10:00:00Z'))), IT)).toEqual([]);
    // A failed attempt or an exception is a carrier scan that is not a delivery.
    expect(vtrDefectReasons(pkg(scans(null, at('2026-11-06T10:00:00Z'), at('2026-11-07T10:00:00Z'))), IT)).toEqual([]);
    // As of an instant: a network scan not yet seen leaves only the delivery; no scan at all is no_carrier_scan.
    const later = pkg(scans(at('2026-11-08T10:00:00Z'), at('2026-11-08T10:00:00Z'), null));
    const withDelivery = { ...later, firstScanAt: at('2026-11-07T10:00:00Z'), deliveredAt: at('2026-11-07T10:00:00Z'), firstAttemptAt: at('2026-11-07T10:00:00Z') };
    const itBefore = classifyContext(DEFAULT_METRICS_CONFIG.IT, at('2026-11-08T00:00:00Z'), staticTrackingDefect);
    expect(vtrDefectReasons(withDelivery, itBefore)).toEqual(['delivery_scan_only']);
    expect(vtrDefectReasons(later, itBefore)).toEqual(['no_carrier_scan']);
  });

  it('US cross-border: at or above the origin threshold needs a network scan and an end scan', () => {
    const network = at('2026-11-06T10:00:00Z');
    const end = at('2026-11-07T10:00:00Z');
    const cn = (value: number | null, extra = {}) => pkg({ ...scans(network, network, null), originCountry: 'CN', declaredValue: value, ...extra });
    expect(vtrDefectReasons(cn(5), US)).toEqual(['needs_two_scans']);
    expect(vtrDefectReasons(cn(4.99), US)).toEqual([]);
    expect(vtrDefectReasons(cn(5, { firstAttemptAt: end, deliveredAt: end }), US)).toEqual([]);
    // A failed delivery attempt is an end scan too.
    expect(vtrDefectReasons(cn(5, { firstAttemptAt: end, deliveredAt: null }), US)).toEqual([]);
    // Only the end scan: still two needed.
    expect(vtrDefectReasons(pkg({ ...scans(null, null, end), originCountry: 'CA', declaredValue: 80 }), US)).toEqual(['needs_two_scans']);
    // GB and IN at 15; origins the rule does not name, and packages without origin or value, by the one-scan rule.
    const gb = (value: number) => pkg({ ...scans(network, network, null), originCountry: 'GB', declaredValue: value });
    expect(vtrDefectReasons(gb(14.99), US)).toEqual([]);
    expect(vtrDefectReasons(gb(15), US)).toEqual(['needs_two_scans']);
    expect(vtrDefectReasons(pkg({ ...scans(network, network, null), originCountry: 'DE', declaredValue: 500 }), US)).toEqual([]);
    expect(vtrDefectReasons(cn(null), US)).toEqual([]);
    expect(vtrDefectReasons(pkg({ ...scans(network, network, null), declaredValue: 500 }), US)).toEqual([]);
    // A value in another currency cannot be compared: the conservative reading needs two scans.
    expect(vtrDefectReasons(cn(1, { currency: 'CNY' }), US)).toEqual(['needs_two_scans']);
    // Before 2025-01-15 (Los Angeles) the rule did not apply; only where configured (US by default).
    expect(vtrDefectReasons(cn(5, { shipDate: at('2025-01-15T07:59:59Z') }), US)).toEqual([]);
    expect(vtrDefectReasons(cn(5, { shipDate: at('2025-01-15T08:00:00Z') }), US)).toEqual(['needs_two_scans']);
    expect(vtrDefectReasons(cn(5), classifyContext(DEFAULT_METRICS_CONFIG.CA, CURRENT_KNOWLEDGE, staticTrackingDefect))).toEqual([]);
    // No scan at all breaks both rules.
    expect(vtrDefectReasons(cn(5, { firstScanAt: null, networkScanAt: null, nonDeliveryScanAt: null }), US)).toEqual(['no_carrier_scan', 'needs_two_scans']);
  });

  it('the v2 reasons come last, in definitions.md order: delivery_scan_only, then needs_two_scans', () => {
    const both = classifyContext({ ...DEFAULT_METRICS_CONFIG.US, deliveryScanOnlyValid: false }, CURRENT_KNOWLEDGE, staticTrackingDefect);
    const end = at('2026-11-07T10:00:00Z');
    // A UPS number confirmed as USPS after its delivery, whose only scan is that delivery, from CN at the threshold.
    const p = pkg({ ...scans(null, null, end), confirmedAt: end + 5, carrierCode: 'USPS', originCountry: 'CN', declaredValue: 5 });
    expect(vtrDefectReasons(p, both)).toEqual(['carrier_mismatch', 'tracking_after_delivery', 'delivery_scan_only', 'needs_two_scans']);
  });

  it('exemption rules match exactly: every test of a rule, the value below its limit in its currency', () => {
    const de = [{ carrierCodes: ['Deutsche Post'], shippingMethods: ['Warenpost'], valueBelow: 20, currency: 'EUR' }];
    const letter = (extra: Partial<Parameters<typeof pkg>[0]>) => pkg({ carrierCode: 'Deutsche Post', shippingMethod: 'Warenpost', declaredValue: 19.99, ...extra });
    expect(isExempt(letter({}), de, 'EUR')).toBe(true);
    expect(isExempt(letter({ declaredValue: 20 }), de, 'EUR')).toBe(false);
    expect(isExempt(letter({ declaredValue: null }), de, 'EUR')).toBe(false);
    expect(isExempt(letter({ currency: 'GBP' }), de, 'EUR')).toBe(false);
    expect(isExempt(letter({ currency: 'EUR' }), de, 'EUR')).toBe(true);
    expect(isExempt(letter({ shippingMethod: 'warenpost' }), de, 'EUR')).toBe(false);
    expect(isExempt(letter({ carrierCode: 'DHL' }), de, 'EUR')).toBe(false);
    // A rule's currency defaults to the marketplace's, and so does a package's.
    expect(isExempt(pkg({ declaredValue: 9.5 }), [{ valueBelow: 10 }], 'EUR')).toBe(true);
    expect(isExempt(pkg({ declaredValue: 9.5 }), [{}], 'EUR')).toBe(false);
    const ctxDe = classifyContext({ ...DEFAULT_METRICS_CONFIG.DE, exemptions: de }, CURRENT_KNOWLEDGE, staticTrackingDefect);
    expect(classifyPackage(letter({}), ctxDe).vtrCounted).toBe(false);
    expect(classifyPackage(letter({ declaredValue: 25 }), ctxDe).vtrCounted).toBe(true);
  });
});

describe('definitions.md v2: LSR, CR and SFP by item', () => {
  const shipBy = at('2026-11-07T07:59:59Z');
  const item = (orderItemId: string, cancelledAt: number | null = null, cancelledBy: 'seller' | 'buyer' | null = null) => ({ orderItemId, cancelledAt, cancelledBy });
  const box = (packageRef: string, confirmedAt: number, itemIds: string[], firstScanAt: number | null = confirmedAt + 3_600_000) =>
    ({ packageRef, confirmedAt, firstScanAt, itemIds });
  const early = at('2026-11-06T20:00:00Z');
  const late = at('2026-11-08T20:00:00Z');

  it('an order is ship-confirmed when its last item not cancelled is', () => {
    const two = (second: number) => order({ latestShipDate: shipBy, items: [item('A'), item('B')], packages: [box('1', early, ['A']), box('2', second, ['B'])] });
    expect(classifyOrder(two(early + 1), CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: true, late: false, confirmedAt: early + 1 });
    expect(classifyOrder(two(late), CURRENT_KNOWLEDGE)).toMatchObject({ late: true, confirmedAt: late });
    // One item still unconfirmed once the ship-by date has passed: late, though another package went on time.
    const half = order({ latestShipDate: shipBy, items: [item('A'), item('B')], packages: [box('1', early, ['A'])] });
    expect(classifyOrder(half, CURRENT_KNOWLEDGE)).toMatchObject({ late: true, confirmedAt: null });
    expect(classifyOrder(half, shipBy)).toMatchObject({ late: false });
    // A package that lists no items confirms the whole order.
    expect(classifyOrder(order({ latestShipDate: shipBy, items: [item('A'), item('B')], packages: [box('1', early, [])] }), CURRENT_KNOWLEDGE))
      .toMatchObject({ late: false, confirmedAt: early });
  });

  it('a partly cancelled order stays in LSR, judged by the items left; one cancelled whole before any confirmation leaves it', () => {
    const partly = order({ latestShipDate: shipBy, items: [item('A'), item('B', at('2026-11-06T10:00:00Z'), 'seller')], packages: [box('1', early, ['A'])] });
    expect(classifyOrder(partly, CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: true, late: false, confirmedAt: early, sellerCancelled: true });
    const whole = order({ latestShipDate: shipBy, items: [item('A', at('2026-11-06T10:00:00Z'), 'buyer'), item('B', at('2026-11-06T11:00:00Z'), 'buyer')], packages: [] , firstConfirmedAt: null });
    expect(classifyOrder(whole, CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: false, late: false, crCounted: true, sellerCancelled: false });
    // Before the second cancel it was an order with an unconfirmed item past its ship-by date.
    expect(classifyOrder(whole, at('2026-11-06T10:30:00Z'))).toMatchObject({ lsrCounted: true, late: false });
    // An item cancelled after it was confirmed is a refund: it stays in, and the order with it.
    const refund = order({ latestShipDate: shipBy, items: [item('A', late, 'seller')], packages: [box('1', early, ['A'])] });
    expect(classifyOrder(refund, CURRENT_KNOWLEDGE)).toMatchObject({ lsrCounted: true, late: false, sellerCancelled: false });
  });

  it('CR counts the seller cancelling any item before it was confirmed; buyers\' cancels do not count', () => {
    const withCancel = (by: 'seller' | 'buyer') => order({ items: [item('A'), item('B', at('2026-11-06T10:00:00Z'), by)], packages: [box('1', early, ['A'])] });
    expect(classifyOrder(withCancel('seller'), CURRENT_KNOWLEDGE).sellerCancelled).toBe(true);
    expect(classifyOrder(withCancel('buyer'), CURRENT_KNOWLEDGE).sellerCancelled).toBe(false);
    expect(classifyOrder(withCancel('seller'), at('2026-11-06T10:00:00Z')).sellerCancelled).toBe(false);
    // The order's own cancellation applies to every item without one.
    expect(classifyOrder(order({ cancelledAt: at('2026-11-06T10:00:00Z'), cancelledBy: 'seller', firstConfirmedAt: null, items: [item('A'), item('B')] }), CURRENT_KNOWLEDGE))
      .toMatchObject({ lsrCounted: false, sellerCancelled: true });
  });

  it('SFP on-time shipment goes by each package\'s first carrier scan, not the confirmation; only for Prime orders', () => {
    const prime = (scan: number | null, extra = {}) => order({ isPrime: true, latestShipDate: shipBy, packages: [box('1', early, [], scan)], ...extra });
    expect(classifyOrder(prime(shipBy), CURRENT_KNOWLEDGE)).toMatchObject({ sfpShipCounted: true, sfpShippedOnTime: true, late: false });
    expect(classifyOrder(prime(shipBy + 1), CURRENT_KNOWLEDGE)).toMatchObject({ sfpShipCounted: true, sfpShippedOnTime: false, late: false });
    // No scan yet: late once the ship-by date has passed, not before.
    expect(classifyOrder(prime(null), CURRENT_KNOWLEDGE).sfpShippedOnTime).toBe(false);
    expect(classifyOrder(prime(null), shipBy).sfpShippedOnTime).toBe(true);
    // A second package scanned late makes the order late.
    const twoBoxes = order({ isPrime: true, latestShipDate: shipBy, packages: [box('1', early, [], early), box('2', early, [], late)] });
    expect(classifyOrder(twoBoxes, CURRENT_KNOWLEDGE).sfpShippedOnTime).toBe(false);
    expect(classifyOrder(prime(shipBy, { isPrime: false }), CURRENT_KNOWLEDGE)).toMatchObject({ sfpShipCounted: false, sfpCancelCounted: false });
    expect(classifyOrder(prime(shipBy), CURRENT_KNOWLEDGE).sfpCancelCounted).toBe(true);
  });
});

describe('definitions.md v2: OTDR', () => {
  const US = rulesAt(CURRENT_KNOWLEDGE);

  it('judges by the promised date before any extension, where the source gives both', () => {
    const attempt = at('2026-11-12T20:00:00Z');
    const extended = pkg({ promisedDay: '2026-11-14', firstAttemptAt: attempt, deliveredAt: attempt });
    expect(classifyPackage(extended, US).onTime).toBe(true);
    expect(classifyPackage({ ...extended, originalLatestDeliveryDate: endOfLocalDay('2026-11-11', LA) }, US).onTime).toBe(false);
    expect(classifyPackage({ ...extended, originalLatestDeliveryDate: endOfLocalDay('2026-11-12', LA) }, US).onTime).toBe(true);
  });

  it('weighs a package by its units where OTDR counts units (US), else 1', () => {
    expect(classifyPackage(pkg({ units: 3 }), US).otdrWeight).toBe(3);
    expect(classifyPackage(pkg({ units: 3 }), classifyContext(DEFAULT_METRICS_CONFIG.UK, CURRENT_KNOWLEDGE, staticTrackingDefect)).otdrWeight).toBe(1);
  });
});
