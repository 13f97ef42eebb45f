import { describe, expect, it } from 'vitest';
import { assessConfirmation, normalizeTrackingNumber, resolveCarrierKey } from './assess.js';

const assess = (carrierCode: string | null, carrierName: string | null, trackingNumber: string | null, marketplace?: string) =>
  assessConfirmation({ carrierCode, carrierName, trackingNumber, ...(marketplace ? { marketplace } : {}) });

describe('assessConfirmation (definitions.md rules 1–3)', () => {
  it('rule 1: no tracking number', () => {
    expect(assess('UPS', null, null)).toEqual({ trackingNumber: null, carrierKey: 'ups', staticDefect: 'no_tracking', problems: ['NO_TRACKING_NUMBER'] });
    expect(assess('UPS', null, '  ').staticDefect).toBe('no_tracking');
  });

  it('rule 2: listed code passes; unknown code, missing carrier and Other hiding an integrated carrier fail', () => {
    expect(assess('UPS', null, '1Z999AA10123456784')).toEqual({ trackingNumber: '1Z999AA10123456784', carrierKey: 'ups', staticDefect: null, problems: [] });
    expect(assess('Speedy Bob', null, '1Z999AA10123456784')).toMatchObject({ staticDefect: 'carrier_not_accepted', problems: ['CARRIER_CODE_NOT_ACCEPTED', 'CARRIER_MISMATCH'] });
    expect(assess(null, null, '1Z999AA10123456784')).toMatchObject({ staticDefect: 'carrier_not_accepted', problems: ['NO_CARRIER'] });
    expect(assess('Other', null, '1Z999AA10123456784')).toMatchObject({ staticDefect: 'carrier_not_accepted', problems: ['NO_CARRIER'] });
    expect(assess('Other', 'UPS', '1Z999AA10123456784')).toMatchObject({ carrierKey: 'ups', staticDefect: 'carrier_not_accepted', problems: ['OTHER_HIDES_INTEGRATED_CARRIER'] });
    expect(assess('Andere', 'Hermes Einrichtungsservice', 'X')).toMatchObject({ staticDefect: 'carrier_not_accepted', problems: ['OTHER_HIDES_INTEGRATED_CARRIER', 'UNKNOWN_FORMAT'] });
    expect(assess('Other', 'Speedy Bob Couriers', 'SB-123-456')).toEqual({ trackingNumber: 'SB123456', carrierKey: null, staticDefect: null, problems: [] });
  });

  it('rule 2 [v2]: only exact codes; a case-only variant or a code off the 2026 list is not accepted', () => {
    expect(assess('fedex', null, '123456789012')).toMatchObject({ carrierKey: 'fedex', staticDefect: 'carrier_not_accepted', problems: ['CARRIER_CODE_NOT_EXACT'] });
    expect(assess('PUROLATOR', null, '123456789012').staticDefect).not.toBe('carrier_not_accepted');
    expect(assess('Purolator', null, '123456789012')).toMatchObject({ staticDefect: 'carrier_not_accepted', problems: ['CARRIER_CODE_NOT_EXACT', 'CHECK_DIGIT_MISMATCH'] });
    for (const code of ['Evri', 'Canpar', 'Better Trucks', 'Startrack', 'YANWEN', 'Australia Post-ArticleID']) {
      expect(assess(code, null, 'H00ABC1234567890').staticDefect, code).toBe('carrier_not_accepted');
    }
    for (const code of ['DHL Parcel UK', 'Colis Privé', 'ePost Global', 'Bombino Express', 'Colis Prive', 'COLIS PRIVE']) {
      expect(assess(code, null, 'ABC123').staticDefect, code).toBeNull();
    }
    expect(assess('Colis privé', null, 'ABC123').staticDefect).toBe('carrier_not_accepted');
  });

  it('rule 2 [v2]: Other is never acceptable in India', () => {
    expect(assess('Other', 'Speedy Bob Couriers', 'SB123456', 'IN')).toMatchObject({ staticDefect: 'carrier_not_accepted', problems: ['OTHER_NOT_ALLOWED'] });
    expect(assess('Other', 'Speedy Bob Couriers', 'SB123456', 'US').staticDefect).toBeNull();
    expect(assess('India Post', null, 'EE123456785IN', 'IN').staticDefect).toBeNull();
  });

  it('rule 3: a failed check digit or another carrier\'s number is a mismatch', () => {
    expect(assess('UPS', null, '1Z999AA10123456785')).toMatchObject({ staticDefect: 'carrier_mismatch', problems: ['CHECK_DIGIT_MISMATCH'] });
    expect(assess('UPS', null, '9400111206206406260787')).toMatchObject({ carrierKey: 'ups', staticDefect: 'carrier_mismatch', problems: ['CARRIER_MISMATCH'] });
    expect(assess('MRW', null, '1Z999AA10123456784')).toMatchObject({ carrierKey: null, staticDefect: 'carrier_mismatch', problems: ['CARRIER_MISMATCH'] });
    expect(assess('Other', 'Speedy Bob', 'TBA123456789012')).toMatchObject({ staticDefect: 'carrier_mismatch' });
  });

  it('rule 3: unknown formats pass (with a note for carriers whose formats we know)', () => {
    expect(assess('MRW', null, 'ES0123456789')).toEqual({ trackingNumber: 'ES0123456789', carrierKey: null, staticDefect: null, problems: [] });
    expect(assess('UPS', null, 'WHATEVER42')).toMatchObject({ staticDefect: null, problems: ['UNKNOWN_FORMAT'] });
  });

  it('consolidator codes accept USPS last-mile numbers', () => {
    expect(assess('FedEx SmartPost', null, '9261290113185417468514').carrierKey).toBe('fedex-smartpost');
    expect(assess('UPS Mail Innovations', null, '9400111206206406260787').staticDefect).toBeNull();
  });

  it('attributes the detected carrier when only a name is given or the code has no registry entry', () => {
    expect(assess(null, 'US Postal Service', '9400111206206406260787')).toMatchObject({ carrierKey: 'usps', staticDefect: null });
    expect(assess('DHL', null, '00340434161234567892', 'DE').carrierKey).toBe('dhl-paket');
  });

  it('judges each row on its own carrier, whatever was judged before (rulings are kept on shared detections)', () => {
    // Numbers of one format share one detection: alternate code, name and marketplace, and repeat each one.
    const rows: [string | null, string | null, string, string | undefined, string | null][] = [
      ['UPS', null, '1Z999AA10123456784', undefined, null],
      ['UPS', null, '1Z879E930346834440', undefined, null],
      ['USPS', null, '1Z999AA10123456784', undefined, 'carrier_mismatch'],
      ['Other', 'UPS', '1Z999AA10123456784', undefined, 'carrier_not_accepted'],
      ['Other', 'Speedy Bob', '1Z999AA10123456784', undefined, 'carrier_mismatch'],
      ['Other', 'Speedy Bob', '1Z999AA10123456784', 'IN', 'carrier_not_accepted'],
      ['UPS', null, '1Z999AA10123456784', 'IN', null],
      ['ups', null, '1Z999AA10123456784', undefined, 'carrier_not_accepted'],
      ['UPS', null, '1Z999AA10123456784', undefined, null],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [code, name, number, marketplace, defect] of rows) {
        expect(assess(code, name, number, marketplace).staticDefect, `${code} ${name} ${marketplace}`).toBe(defect);
      }
    }
    // A row's problems are its own list: changing it changes no other row's.
    const first = assess('USPS', null, '1Z999AA10123456784');
    first.problems.push('NO_CARRIER');
    expect(assess('USPS', null, '1Z999AA10123456784').problems).toEqual(['CARRIER_MISMATCH']);
  });
});

describe('resolveCarrierKey', () => {
  it.each([
    ['UPS', 'ups'], ['usps', 'usps'], ['US Postal Service', 'usps'], ['FedEx Ground', 'fedex'], ['Fedex Ground', 'fedex'],
    ['Royal Mail', 'royal-mail'], ['Royal Mail 24', 'royal-mail'], ['Royal Mail Tracked 48 Signed', 'royal-mail'],
    ['DHL-Paket', 'dhl-paket'], ['Evri', 'evri'], ['Hermes UK', 'evri'], ['AMZL_UK', 'amazon-logistics'],
    ['UPSMI', 'ups-mail-innovations'], ['StarTrack-ArticleID', 'startrack'], ['PUROLATOR', 'purolator'],
  ])('%s → %s', (text, id) => {
    expect(resolveCarrierKey(text)).toBe(id);
  });

  it('is marketplace-aware for DHL and null for unknown names', () => {
    expect(resolveCarrierKey('DHL')).toBe('dhl-express');
    expect(resolveCarrierKey('DHL', 'DE')).toBe('dhl-paket');
    expect(resolveCarrierKey('Speedy Bob')).toBeNull();
  });
});

describe('normalizeTrackingNumber', () => {
  it('trims, drops spaces, dashes and invisible separators, upper-cases', () => {
    expect(normalizeTrackingNumber(' 1z 999-aa1\u200b0123456784\t')).toBe('1Z999AA10123456784');
    const clean = '9400111206206406260787';
    expect(normalizeTrackingNumber(clean)).toBe(clean);
  });
});
