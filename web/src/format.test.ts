import { describe, expect, it } from 'vitest';
import { count, dateTime, hours, percent, plural, reasonFix, reasonText, sellerCentralOrderUrl, statusLabel } from './format.js';

describe('format', () => {
  it('shows rates with one decimal and a dash when unknown', () => {
    expect(percent(0.9406)).toBe('94.1%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0.95, 0)).toBe('95%');
    expect(percent(null)).toBe('—');
    expect(percent(Number.NaN)).toBe('—');
  });

  it('says every status in words and a symbol, never by colour alone', () => {
    for (const status of ['good', 'bad', 'at_risk', 'none'] as const) {
      const label = statusLabel(status);
      expect(label.text.length).toBeGreaterThan(3);
      expect(label.symbol).not.toBe('');
      expect(label.tone).toBe(status);
    }
    expect(statusLabel('something new').tone).toBe('none');
  });

  it('spells reasons, falling back to the code for new ones', () => {
    expect(reasonText('no_carrier_scan')).toBe('No carrier scan yet');
    expect(reasonText('late_delivery')).toBe('Delivered after the promised date');
    expect(reasonText('some_new_reason')).toBe('some new reason');
  });

  it('gives every defect reason of every metric its own fix', () => {
    const reasons = [
      'no_tracking', 'carrier_not_accepted', 'carrier_mismatch', 'tracking_after_delivery', 'no_carrier_scan', 'delivery_scan_only', 'needs_two_scans',
      'late_confirmation', 'not_confirmed', 'seller_cancelled', 'late_delivery', 'not_delivered',
    ];
    const fixes = reasons.map(reasonFix);
    expect(new Set(fixes).size).toBe(reasons.length);
    expect(fixes).not.toContain(reasonFix('some_new_reason'));
  });

  it('links an order to Seller Central on its marketplace\'s own domain', () => {
    expect(sellerCentralOrderUrl('US', '112-1000001-1234567')).toBe('https://sellercentral.amazon.com/orders-v3/order/112-1000001-1234567');
    expect(sellerCentralOrderUrl('UK', '204-1')).toBe('https://sellercentral.amazon.co.uk/orders-v3/order/204-1');
    expect(sellerCentralOrderUrl('JP', 'a/b')).toBe('https://sellercentral.amazon.co.jp/orders-v3/order/a%2Fb');
    expect(sellerCentralOrderUrl('XX', '1')).toBeNull();
  });

  it('counts and durations', () => {
    expect(count(12345)).toBe('12,345');
    expect(plural(1, 'package')).toBe('1 package');
    expect(plural(2, 'package')).toBe('2 packages');
    expect(hours(6.04)).toBe('6.0 h');
    expect(hours(72)).toBe('3.0 d');
    expect(hours(null)).toBe('—');
  });

  it('shows an instant in the marketplace’s own time zone, named', () => {
    expect(dateTime('2026-11-19T17:05:00Z', 'America/Los_Angeles')).toBe('Nov 19, 09:05 PST');
    expect(dateTime('2026-11-19T17:05:00Z', 'Europe/London')).toBe('Nov 19, 17:05 GMT');
    expect(dateTime('2026-11-19T17:05:00Z', 'Not/AZone')).toBe('2026-11-19 17:05 UTC');
    expect(dateTime(null)).toBe('—');
  });
});
