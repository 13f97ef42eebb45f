import { describe, expect, it } from 'vitest';
import {
  checkCharacter,
  checkValueOf,
  gs1Mod10,
  iso7064Mod3736,
  luhn,
  mod7,
  s10,
  weightedMod10,
  weightedMod11Mod10,
} from './check-digits.js';

/** Data part = everything but the last character. */
const data = (n: string): [string, number, number] => [n, 0, n.length - 1];

describe('check-digit algorithms', () => {
  it('GS1 mod 10 matches a published EAN-13 and is weighted from the right', () => {
    expect(gs1Mod10(...data('4006381333931'))).toBe(1);
    expect(gs1Mod10('0400638133393', 1, 13)).toBe(1); // a leading zero does not shift the weights
  });

  it('Luhn matches the textbook example', () => {
    expect(luhn(...data('79927398713'))).toBe(3);
  });

  it('UPS mod 10 maps letters to (code − 3) mod 10 and weights 1,2 without digit sums', () => {
    expect(weightedMod10('1Z999AA10123456784', 2, 17, 1, 2)).toBe(4);
    expect(weightedMod10('A', 0, 1, 1, 2)).toBe(8); // A → 2, check 10 − 2
  });

  it('mod 7 stays exact beyond double precision', () => {
    const long = '9'.repeat(30);
    expect(mod7(long, 0, 30)).toBe(Number(BigInt(long) % 7n));
    expect(mod7('1234567', 0, 7)).toBe(5);
  });

  it('FedEx mod 11 then mod 10 with repeating weights', () => {
    expect(weightedMod11Mod10('123456789012', 0, 11, [3, 1, 7])).toBe(2);
  });

  it('S10 maps remainder 0 to 5 and 1 to 0', () => {
    expect(s10('RB12345678', 2)).toBe(5);
    expect(s10('XX47312482', 2)).toBe(9);
  });

  it('ISO 7064 MOD 37,36 yields digits and letters, and any single substitution changes it', () => {
    const base = iso7064Mod3736('09980000020033', 0, 14);
    expect(base).toBeGreaterThanOrEqual(0);
    expect(base).toBeLessThan(36);
    for (let i = 0; i < 14; i++) {
      const changed = `09980000020033`.slice(0, i) + ((Number('09980000020033'[i]) + 3) % 10) + '09980000020033'.slice(i + 1);
      expect(iso7064Mod3736(changed, 0, 14)).not.toBe(base);
    }
  });

  it('check characters round-trip', () => {
    for (let v = 0; v < 36; v++) expect(checkValueOf(checkCharacter(v).charCodeAt(0))).toBe(v);
    expect(checkValueOf('-'.charCodeAt(0))).toBe(-1);
  });
});
