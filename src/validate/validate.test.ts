import { describe, expect, it } from 'vitest';
import { validate } from './validate.js';

const codes = (n: string, carrier?: string, options?: Parameters<typeof validate>[2]) =>
  validate(n, carrier, options).problems.map((p) => p.code);

describe('validate', () => {
  it('normalises spaces, dashes and case, and names the carrier with its Amazon code', () => {
    const verdict = validate(' 1z999aa1-0123 456784 ');
    expect(verdict).toMatchObject({ normalized: '1Z999AA10123456784', valid: true, carrier: 'UPS', carrierKey: 'ups', problems: [] });
    expect(verdict.candidates[0]).toMatchObject({ carrier: 'ups', family: 'ups-1z', checkDigit: 'pass', role: 'owner' });
  });

  it('explains a check-digit typo with the digit it should be', () => {
    const verdict = validate('1Z999AA10123456785');
    expect(verdict.valid).toBe(false);
    expect(verdict.problems[0]).toMatchObject({ code: 'CHECK_DIGIT_MISMATCH', severity: 'error' });
    expect(verdict.problems[0]!.message).toBe('the last character should be 4 for this UPS 1Z number — probably a typo');
    expect(verdict.candidates[0]).toMatchObject({ checkDigit: 'fail', expectedCheckDigit: '4' });
  });

  it('flags a USPS IMpb number confirmed as UPS, but accepts it for the consolidators that print IMpb', () => {
    const impb = '9400111206206406260787';
    const asUps = validate(impb, 'UPS');
    expect(asUps.valid).toBe(false);
    expect(asUps.problems[0]!.message).toBe('this is a USPS IMpb number, confirmed as UPS');
    expect(validate(impb, 'UPSMI')).toMatchObject({ valid: true, carrierKey: 'ups-mail-innovations' });
    expect(validate(impb, 'FedEx SmartPost')).toMatchObject({ valid: true, carrier: 'FedEx SmartPost' });
    expect(validate(impb)).toMatchObject({ valid: true, carrier: 'USPS' });
    const ranked = validate(impb).candidates.map((c) => c.carrier);
    expect(ranked.slice(0, 4)).toEqual(['usps', 'dhl-ecommerce', 'fedex-smartpost', 'ups-mail-innovations']);
  });

  it('accepts the 420+ZIP routing prefix (ZIP5 and ZIP9) in front of an IMpb', () => {
    expect(validate('420787459400111206206406260787').valid).toBe(true);
    expect(validate('4201028200009261290113185417468510').valid).toBe(true);
  });

  /** The first number of `prefix` + counter + any last digit that both carriers' check digits accept. */
  function passingBoth(prefix: string, width: number, a: string, b: string): string {
    for (let i = 0; i < 100_000; i++) {
      for (let d = 0; d < 10; d++) {
        const n = `${prefix}${String(i).padStart(width, '0')}${d}`;
        const passed = validate(n).candidates.filter((c) => c.checkDigit === 'pass').map((c) => c.carrier);
        if (passed.includes(a) && passed.includes(b)) return n;
      }
    }
    throw new Error('none found');
  }

  it.each([
    ['FedEx 12 vs Purolator 12', '3', 10, 'fedex', 'purolator', 'FedEx', 'PUROLATOR'],
    ['DHL Express vs Old Dominion', '777', 7, 'dhl-express', 'old-dominion', 'DHL Express', 'Old Dominion'],
  ] as const)('%s: returns both, ranked, and lets the given carrier decide', (_, prefix, width, a, b, codeA, codeB) => {
    const number = passingBoth(prefix, width, a, b);
    const verdict = validate(number);
    expect(verdict.valid).toBe(false);
    expect(verdict.problems.map((p) => p.code)).toEqual(['AMBIGUOUS_CARRIER']);
    expect(verdict.candidates.slice(0, 2).map((c) => c.carrier).sort()).toEqual([a, b].sort());
    expect(validate(number, codeA)).toMatchObject({ valid: true, carrierKey: a });
    expect(validate(number, codeB)).toMatchObject({ valid: true, carrierKey: b });
  });

  it('treats formats without a check digit by mode', () => {
    expect(validate('TBA123456789012')).toMatchObject({ valid: true, carrier: 'AMZL' });
    expect(codes('TBA123456789012', undefined, { mode: 'strict' })).toEqual(['NO_CHECK_DIGIT']);
    expect(codes('TBA123456789012', 'AMZL', { mode: 'strict' })).toEqual(['NO_CHECK_DIGIT']);
    expect(codes('1Z999AA10123456784', undefined, { mode: 'strict' })).toEqual([]);
  });

  it('asks for the carrier when only a generic format without check digit fits', () => {
    expect(codes('ABC123456789X1')).toEqual(['UNKNOWN_FORMAT']);
    expect(codes('12345678901234567890123456789012345678')).toEqual(['UNKNOWN_FORMAT']);
    expect(codes('AB12345')).toEqual(['UNKNOWN_FORMAT']);
    expect(validate('5AB12C7D')).toMatchObject({ valid: false, problems: [{ code: 'CARRIER_UNCERTAIN' }] });
    expect(validate('5AB12C7D', 'GLS')).toMatchObject({ valid: true, carrier: 'GLS' });
  });

  it('takes a typed carrier name off Amazon\'s list as not accepted, with the exact code to send', () => {
    expect(validate('9400111206206406260787', 'US Postal Service')).toMatchObject({ valid: false, carrier: 'USPS', carrierKey: 'usps' });
    expect(codes('9400111206206406260787', 'US Postal Service')).toEqual(['CARRIER_CODE_NOT_ACCEPTED']);
    expect(validate('RB123456785GB', 'Royal Mail 24')).toMatchObject({ valid: false, carrier: 'Royal Mail' });
    expect(validate('449044304137821', 'Fedex Ground').problems[0]!.message).toContain('confirm with "FedEx"');
    expect(validate('RB123456785GB', 'Royal Mail')).toMatchObject({ valid: true, carrier: 'Royal Mail' });
  });

  it('picks the code per marketplace', () => {
    expect(validate('00340434161234567892', 'DHL', { marketplace: 'DE' })).toMatchObject({ carrierKey: 'dhl-paket', carrier: 'DHL' });
    expect(validate('3318810025', 'DHL')).toMatchObject({ valid: true, carrierKey: 'dhl-express' });
    expect(validate('TBA123456789012', undefined, { marketplace: 'UK' }).carrier).toBe('AMZL_UK');
  });

  it('names the issuing post of an S10 number and its Amazon code', () => {
    expect(validate('RB123456785HK')).toMatchObject({ valid: true, carrier: 'Hongkong Post' });
    expect(validate('RB123456785HK').candidates[0]!.issuer).toBe('Hongkong Post');
    expect(validate('RB123456785NZ')).toMatchObject({ valid: true, carrier: 'Other' });
    expect(codes('RB123456785XX')).toEqual(['UNKNOWN_FORMAT']);
  });

  it('uses the family code where Amazon wants the identifier type (AU consignment vs article)', () => {
    expect(validate('ABC1234567', 'Australia Post').carrier).toBe('Australia Post-Consignment');
  });

  it('[v2] accepts only exact codes: case-only variants and codes off the list are not accepted, with the fix', () => {
    expect(codes('TBA123456789012', 'Speedy Bob')).toEqual(['CARRIER_CODE_NOT_ACCEPTED', 'CARRIER_MISMATCH']);
    expect(validate('TBA123456789012', 'Speedy Bob').problems[0]!.message).toContain('"Other: Speedy Bob"');
    expect(validate('H00ABC1234567890', 'Evri')).toMatchObject({ valid: false, carrier: 'Hermes UK', carrierKey: 'evri' });
    expect(validate('H00ABC1234567890', 'Evri').problems[0]!.message).toContain('confirm with "Hermes UK"');
    expect(validate('1Z999AA10123456784', 'ups')).toMatchObject({ valid: false, carrier: 'UPS', problems: [{ code: 'CARRIER_CODE_NOT_EXACT' }] });
    expect(validate('1Z999AA10123456784', 'ups').problems[0]!.message).toContain('confirm with "UPS"');
    expect(validate('123456789012', 'Purolator')).toMatchObject({ valid: false, carrier: 'PUROLATOR' });
    for (const code of ['Canpar', 'Better Trucks']) expect(validate('D123456789012345678901', code).valid, code).toBe(false);
  });

  it('[v2] Other: needs a name, must not hide a listed carrier, and is not accepted in India', () => {
    const ups = '1Z999AA10123456784';
    expect(validate(ups, 'Other')).toMatchObject({ valid: false, carrier: 'UPS', problems: [{ code: 'NO_CARRIER' }] });
    const hidden = validate(ups, 'Other: UPS');
    expect(hidden).toMatchObject({ valid: false, carrier: 'UPS', carrierKey: 'ups', problems: [{ code: 'OTHER_HIDES_INTEGRATED_CARRIER' }] });
    expect(hidden.problems[0]!.message).toContain('confirm with "UPS"');
    expect(hidden.problems[0]!.message).not.toContain('confirm with Other');
    expect(validate('SB123456', 'Other: Speedy Bob Couriers')).toMatchObject({ valid: true, carrier: 'Other', problems: [] });
    expect(validate('SB123456', 'Other: Speedy Bob Couriers', { marketplace: 'IN' })).toMatchObject({ valid: false, problems: [{ code: 'OTHER_NOT_ALLOWED' }] });
    expect(validate(ups, 'Other: UPS', { marketplace: 'IN' }).problems[0]!.message).toContain('("UPS")');
  });

  it('never advises a code the metrics would not accept: without a carrier, Other comes with the carrier\'s name, and not in India', () => {
    // Cainiao and New Zealand's post have no Amazon code of their own: Other, with their name as CarrierName.
    expect(validate('LP65167493257122', undefined, { marketplace: 'UK' })).toMatchObject({ valid: true, carrier: 'Other', carrierName: 'Cainiao', problems: [] });
    expect(validate('RR636030076NZ')).toMatchObject({ valid: true, carrier: 'Other', carrierName: 'NZ Post' });
    // A listed code needs no name.
    expect(validate('1Z999AA10123456784')).toMatchObject({ carrier: 'UPS', carrierName: null });
    // India takes no Other: no code would make these valid tracking there.
    for (const number of ['LP65167493257122', 'RR636030076NZ']) {
      const verdict = validate(number, undefined, { marketplace: 'IN' });
      expect(verdict).toMatchObject({ valid: false, carrier: null, carrierName: null, problems: [{ code: 'OTHER_NOT_ALLOWED' }] });
      expect(verdict.problems[0]!.message).toMatch(/^Amazon IN lists no code for (Cainiao|NZ Post) and does not accept "Other"/);
    }
  });

  it('passes any number for a listed carrier without known formats, unless clearly another carrier\'s', () => {
    expect(validate('ES0123456789', 'MRW')).toMatchObject({ valid: true, carrier: 'MRW', carrierKey: null });
    expect(codes('1Z999AA10123456784', 'MRW')).toEqual(['CARRIER_MISMATCH']);
  });

  it('gives each number its own verdict, whatever was validated before (results and judgements are shared)', () => {
    // Two S10 numbers share one detection result but not their issuer; the judgement kept for the last carrier
    // text must not carry over to the other country.
    const sequence = ['HK', 'NZ', 'HK', 'NZ'].map((country) => validate(`RB123456785${country}`, 'Other: Speedy Bob'));
    expect(sequence.map((v) => v.candidates[0]!.issuer)).toEqual(['Hongkong Post', 'NZ Post', 'Hongkong Post', 'NZ Post']);
    expect(sequence.map((v) => v.valid)).toEqual([false, true, false, true]);
    expect(['HK', 'NZ', 'HK'].map((country) => validate(`RB123456785${country}`).carrier)).toEqual(['Hongkong Post', 'Other', 'Hongkong Post']);
    // One number, the carrier text changing and coming back, then none, then a strict context in between.
    const ups = '1Z999AA10123456784';
    expect(['UPS', 'USPS', 'UPS', ''].map((carrier) => validate(ups, carrier).valid)).toEqual([true, false, true, true]);
    expect(validate(ups, 'USPS', { mode: 'strict' }).problems[0]!.code).toBe('CARRIER_MISMATCH');
    expect(validate(ups, 'UPS').problems).toEqual([]);
    // Passing numbers share one result whatever their check digit; a typo still gets its own expected digit.
    expect(validate('1Z999AA10123456784').candidates[0]).toMatchObject({ checkDigit: 'pass', expectedCheckDigit: undefined });
    expect(validate('1Z999AA10123456785').candidates[0]).toMatchObject({ checkDigit: 'fail', expectedCheckDigit: '4' });
    expect(validate('1Z999AA10123456792').candidates[0]).toMatchObject({ checkDigit: 'fail', expectedCheckDigit: '3' });
    expect(validate('1Z999AA10123456793')).toMatchObject({ valid: true, normalized: '1Z999AA10123456793' });
  });

  it('says when there is no number', () => {
    expect(codes('  ')).toEqual(['NO_TRACKING_NUMBER']);
  });
});
