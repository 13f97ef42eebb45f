/** Building blocks for carrier families: character sets for dispatch, common check rules, the UPU S10 family. */
import type { CheckAlgorithm, CheckDigitRule, TrackingFamily } from './carrier.js';
import { gs1Mod10, s10 } from './check-digits.js';
import { UPU_OPERATORS } from './upu-operators.js';

export const DIGITS = '0123456789';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = DIGITS + LETTERS;

/** `TrackingFamily.numberKey` of a family whose Amazon code and issuer are the same for every number. */
export function fixedForEveryNumber(): string {
  return '';
}

/** Every length from `min` to `max`, both included. */
export function lengthsBetween(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** A check on the last character computed over the characters from `start` up to it. */
export function lastCharacterCheck(
  algorithm: CheckAlgorithm,
  compute: (n: string, start: number, end: number) => number,
  start = 0,
): CheckDigitRule {
  return { algorithm, at: -1, expected: (n) => compute(n, start, n.length - 1), span: (n) => [start, n.length - 1] };
}

/** GS1 mod 10 on the last digit over everything before it from `start` (SSCC, GTIN-like numbers). */
export function gs1LastDigit(start = 0): CheckDigitRule {
  return lastCharacterCheck('gs1-mod10', gs1Mod10, start);
}

const S10_CHECK: CheckDigitRule = { algorithm: 's10-mod11', at: 10, expected: (n) => s10(n, 2), span: () => [2, 10] };

/** Every two-letter string, so reading an S10 country allocates nothing (it runs for every S10 number). */
const LETTER_PAIRS: readonly string[] = Array.from({ length: 26 * 26 }, (_, i) => LETTERS[Math.floor(i / 26)]! + LETTERS[i % 26]!);

/** Country of an S10 number: its last two letters. */
export function s10Country(n: string): string {
  const first = n.charCodeAt(11) - 65;
  const second = n.charCodeAt(12) - 65;
  // The S10 pattern guarantees letters here; anything else (a caller outside the family) takes the slow path.
  if (first >= 0 && first < 26 && second >= 0 && second < 26) return LETTER_PAIRS[first * 26 + second] as string;
  return n.slice(11, 13);
}

/**
 * The UPU S10 family (2 letters, 8 serial digits, check digit, issuing country) limited to `countries`. The
 * country must be a postal operator of UPU_OPERATORS, which is what separates S10 from look-alikes.
 */
export function s10Family(
  id: string,
  name: string,
  countries: readonly string[],
  amazonCode?: (n: string) => string,
): TrackingFamily {
  for (const country of countries) {
    if (!(country in UPU_OPERATORS)) throw new Error(`${id}: ${country} is not a UPU operator country`);
  }
  const allowed = new Set(countries);
  return {
    id,
    name,
    lengths: [13],
    firstChars: LETTERS,
    pattern: /^[A-Z]{2}\d{9}[A-Z]{2}$/,
    check: S10_CHECK,
    accepts: (n) => allowed.has(s10Country(n)),
    issuingCountries: [...allowed],
    shape: 'distinctive',
    issuer: (n) => UPU_OPERATORS[s10Country(n)] ?? s10Country(n),
    numberKey: s10Country,
    ...(amazonCode ? { amazonCode } : {}),
  };
}
