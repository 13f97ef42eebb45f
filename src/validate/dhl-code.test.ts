import { describe, expect, it } from 'vitest';
import { assessConfirmation } from './assess.js';
import { validate } from './validate.js';

/**
 * Amazon's code `DHL` names DHL without a division, beside the division codes `DHL Express`, `DHL-Paket`,
 * `DHL eCommerce` (docs/carriers.md, "The code DHL"): a number of any DHL division's own format fits it on every
 * marketplace, and the division whose format it is becomes the package's carrier. Division codes stay exact.
 */
const NUMBERS = {
  'dhl-express': ['1234567891', 'JVGL0123456789'],
  'dhl-paket': ['00340434161094042557', '340434415207163371', 'JJD000390007823468651', 'JD014600006281230704', 'RR123456785DE'],
  'dhl-ecommerce': ['GM2951173225174494'],
} as const;

const MARKETPLACES = ['DE', 'FR', 'IT', 'ES', 'UK', 'NL', 'PL', 'US', 'JP', 'AU', 'IN', 'SG', undefined] as const;

function judged(number: string, code: string, marketplace: string | undefined) {
  const verdict = validate(number, code, { marketplace });
  const metrics = assessConfirmation({ carrierCode: code, carrierName: null, trackingNumber: number, marketplace });
  return { valid: verdict.valid, problems: verdict.problems.map((p) => p.code), carrierKey: verdict.carrierKey, defect: metrics.staticDefect, key: metrics.carrierKey };
}

describe('the Amazon code DHL', () => {
  for (const [division, numbers] of Object.entries(NUMBERS)) {
    for (const number of numbers) {
      it(`fits ${number} (${division}) on every marketplace, attributed to ${division}`, () => {
        for (const marketplace of MARKETPLACES) {
          expect(judged(number, 'DHL', marketplace), `${marketplace ?? 'no marketplace'}`).toEqual({
            valid: true, problems: [], carrierKey: division, defect: null, key: division,
          });
        }
      });
    }
  }

  it('still rejects a DHL number with a wrong check digit', () => {
    for (const marketplace of MARKETPLACES) {
      for (const typo of ['1234567892', '00340434161094042558', 'RR123456786DE']) {
        expect(judged(typo, 'DHL', marketplace)).toMatchObject({ valid: false, problems: ['CHECK_DIGIT_MISMATCH'], defect: 'carrier_mismatch' });
      }
    }
  });

  it('does not take another carrier\'s number, nor the USPS numbers DHL eCommerce hands out (only its own code does)', () => {
    for (const marketplace of MARKETPLACES) {
      expect(judged('1Z999AA10123456784', 'DHL', marketplace)).toMatchObject({ valid: false, problems: ['CARRIER_MISMATCH'], defect: 'carrier_mismatch' });
      expect(judged('9400111206206406260787', 'DHL', marketplace)).toMatchObject({ valid: false, problems: ['CARRIER_MISMATCH'], defect: 'carrier_mismatch' });
    }
    expect(judged('9400111206206406260787', 'DHL eCommerce', 'US')).toMatchObject({ valid: true, defect: null });
  });

  it('attributes a number of no known DHL format to the marketplace\'s DHL: DHL Paket on amazon.de, DHL Express elsewhere', () => {
    expect(assessConfirmation({ carrierCode: 'DHL', carrierName: null, trackingNumber: 'X12345', marketplace: 'DE' }).carrierKey).toBe('dhl-paket');
    expect(assessConfirmation({ carrierCode: 'DHL', carrierName: null, trackingNumber: 'X12345', marketplace: 'FR' }).carrierKey).toBe('dhl-express');
  });

  it('suggests the division\'s code where DHL is not the marketplace\'s DHL', () => {
    expect(validate('00340434161094042557', 'DHL', { marketplace: 'DE' }).carrier).toBe('DHL');
    expect(validate('00340434161094042557', 'DHL', { marketplace: 'FR' }).carrier).toBe('DHL-Paket');
    expect(validate('1234567891', 'DHL', { marketplace: 'FR' }).carrier).toBe('DHL Express');
  });
});

describe('the DHL division codes', () => {
  it('stay exact: a number of another division is a mismatch under them', () => {
    for (const marketplace of MARKETPLACES) {
      expect(judged('00340434161094042557', 'DHL Express', marketplace)).toMatchObject({ problems: ['CARRIER_MISMATCH'], defect: 'carrier_mismatch' });
      expect(judged('1234567891', 'DHL-Paket', marketplace)).toMatchObject({ problems: ['CARRIER_MISMATCH'], defect: 'carrier_mismatch' });
      expect(judged('GM2951173225174494', 'DHL Express', marketplace)).toMatchObject({ problems: ['CARRIER_MISMATCH'], defect: 'carrier_mismatch' });
    }
  });
});
