/**
 * Check-digit algorithms shared by every carrier family. Each one reads the data characters `n[start..end)` of
 * a normalised number with charCode arithmetic (no allocation: it runs for every validated number) and returns
 * the value the check character should have: 0–9, or 0–35 for the alphanumeric ISO 7064 check.
 */

const ZERO = 48;
const NINE = 57;

/**
 * UPS-style character values by char code: a digit is itself, a letter is (char code − 3) mod 10, so A→2, B→3 …
 * J→1. A table: the division ran for every character of every UPS and OnTrac number.
 */
const ALNUM_MOD10_VALUE = Uint8Array.from({ length: 128 }, (_, code) => (code <= NINE ? code - ZERO : (code - 3) % 10));

function alnumMod10Value(code: number): number {
  return ALNUM_MOD10_VALUE[code & 127] as number;
}

/**
 * Weighted mod 10 counted from the left: `evenWeight` on the 1st, 3rd … data character, `oddWeight` on the 2nd,
 * 4th …; letters take the UPS value. UPS 1Z, UPS waybill and OnTrac use weights 1,2 (no digit-sum, unlike Luhn).
 */
export function weightedMod10(n: string, start: number, end: number, evenWeight: number, oddWeight: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    sum += alnumMod10Value(n.charCodeAt(i)) * (((i - start) & 1) === 0 ? evenWeight : oddWeight);
  }
  return (10 - (sum % 10)) % 10;
}

/** GS1 mod 10 (GTIN, SSCC, USPS IMpb, FedEx Ground): weight 3 on the rightmost data digit, then 1, 3, 1 … */
export function gs1Mod10(n: string, start: number, end: number): number {
  let sum = 0;
  let weight = 3;
  for (let i = end - 1; i >= start; i--) {
    sum += (n.charCodeAt(i) - ZERO) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** Luhn: double every second digit from the right, starting with the rightmost data digit. */
export function luhn(n: string, start: number, end: number): number {
  let sum = 0;
  let double = true;
  for (let i = end - 1; i >= start; i--) {
    let digit = n.charCodeAt(i) - ZERO;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** 10^k mod 7 for k = 0 … 5; the powers repeat with period 6. */
const POWERS_OF_TEN_MOD_7 = [1, 3, 2, 6, 4, 5] as const;

/**
 * The data digits read as one decimal number, modulo 7 (DHL Express, Yamato, Sagawa). The numbers exceed double
 * precision, so each digit is weighted by its power of ten mod 7, counted from the right, and one modulo ends it.
 */
export function mod7(n: string, start: number, end: number): number {
  let sum = 0;
  let power = 0;
  for (let i = end - 1; i >= start; i--) {
    sum += (n.charCodeAt(i) - ZERO) * (POWERS_OF_TEN_MOD_7[power] as number);
    power = power === 5 ? 0 : power + 1;
  }
  return sum % 7;
}

/** Weighted sum (weights repeat from the left), mod 11, then mod 10 — the FedEx 12/34/ASTRA/GSN check. */
export function weightedMod11Mod10(n: string, start: number, end: number, weights: readonly number[]): number {
  let sum = 0;
  let w = 0;
  for (let i = start; i < end; i++) {
    sum += (n.charCodeAt(i) - ZERO) * (weights[w] as number);
    w = w + 1 === weights.length ? 0 : w + 1;
  }
  return (sum % 11) % 10;
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10: weights 8 6 4 2 3 5 9 7 over the 8 serial digits; 11 − (sum mod 11), where 10 → 0 and 11 → 5. */
export function s10(n: string, start: number): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (n.charCodeAt(start + i) - ZERO) * S10_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** ISO 7064 MOD 37,36 hybrid over digits and letters (A=10 … Z=35), as DPD prints it; returns 0–35. */
export function iso7064Mod3736(n: string, start: number, end: number): number {
  let p = 36;
  for (let i = start; i < end; i++) {
    const code = n.charCodeAt(i);
    p += code <= NINE ? code - ZERO : code - 55;
    if (p > 36) p -= 36;
    p *= 2;
    if (p > 36) p -= 37;
  }
  const check = 37 - p;
  return check === 36 ? 0 : check;
}

/** The character for a check value: 0–9, then A–Z. */
export function checkCharacter(value: number): string {
  return CHECK_CHARACTERS[value] as string;
}

/** Value of a check character (inverse of `checkCharacter`), or −1 when it is not [0-9A-Z]. */
export function checkValueOf(code: number): number {
  if (code >= ZERO && code <= NINE) return code - ZERO;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
}

const CHECK_CHARACTERS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
