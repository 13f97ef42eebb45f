import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { gs1Mod10, weightedMod11Mod10 } from './check-digits.js';
import { DIGITS, gs1LastDigit, lastCharacterCheck } from './families.js';
import { fedexStatusMap } from './status/fedex.js';

const WEIGHTS_317 = [3, 1, 7] as const;
const WEIGHTS_173 = [1, 7, 3] as const;

/** Express / Ground 12 digits: weights 3,1,7 over 11 digits, mod 11 then mod 10. */
export const FEDEX_12: TrackingFamily = {
  id: 'fedex-12',
  name: 'FedEx 12-digit',
  lengths: [12],
  firstChars: DIGITS,
  pattern: /^\d{12}$/,
  check: lastCharacterCheck('mod11-mod10', (n, s, e) => weightedMod11Mod10(n, s, e, WEIGHTS_317)),
  shape: 'generic',
};

/** Ground 15 digits, GS1 mod 10 over 14. */
export const FEDEX_GROUND_15: TrackingFamily = {
  id: 'fedex-ground-15',
  name: 'FedEx Ground 15-digit',
  lengths: [15],
  firstChars: DIGITS,
  pattern: /^\d{15}$/,
  check: gs1LastDigit(),
  shape: 'generic',
};

/** Ground 96: 96 + SCNC (2) + service (3) + shipper (7) + package (7) + check over shipper and package. */
export const FEDEX_GROUND_96: TrackingFamily = {
  id: 'fedex-ground-96',
  name: 'FedEx Ground 96 (22-digit)',
  lengths: [22],
  firstChars: '9',
  pattern: /^96\d{20}$/,
  check: { algorithm: 'gs1-mod10', at: -1, expected: (n) => gs1Mod10(n, 7, 21), span: () => [7, 21] },
  shape: 'distinctive',
};

/** Ground GSN: 96 + 32 digits; the check covers the 13-digit serial before it (weights 1,7,3, mod 11, mod 10). */
export const FEDEX_GROUND_GSN: TrackingFamily = {
  id: 'fedex-ground-gsn',
  name: 'FedEx Ground GSN (34-digit, 96)',
  lengths: [34],
  firstChars: '9',
  pattern: /^96\d{32}$/,
  check: lastCharacterCheck('mod11-mod10', (n, s, e) => weightedMod11Mod10(n, s, e, WEIGHTS_173), 20),
  shape: 'distinctive',
};

/** 34-digit barcode: 15 + destination ZIP (5) + 13-digit serial + check (weights 1,7,3, mod 11, mod 10). */
export const FEDEX_34: TrackingFamily = {
  id: 'fedex-34',
  name: 'FedEx 34-digit barcode',
  lengths: [34],
  firstChars: '012345678',
  pattern: /^[0-8]\d{33}$/,
  check: lastCharacterCheck('mod11-mod10', (n, s, e) => weightedMod11Mod10(n, s, e, WEIGHTS_173), 20),
  shape: 'generic',
};

/** ASTRA 32: 3 + 15 + 11-digit serial + check + 4; the check sits 5th from the end. */
export const FEDEX_ASTRA: TrackingFamily = {
  id: 'fedex-astra',
  name: 'FedEx ASTRA (32-digit)',
  lengths: [32],
  firstChars: '3',
  pattern: /^3\d{31}$/,
  check: { algorithm: 'mod11-mod10', at: 27, expected: (n) => weightedMod11Mod10(n, 16, 27, WEIGHTS_317), span: () => [16, 27] },
  shape: 'distinctive',
};

/**
 * SSCC-18 on FedEx Ground labels: extension + GS1 company prefix + serial + check, GS1 mod 10 over all 17 data
 * digits (the true SSCC rule; see docs/carriers.md for the reference data's narrower variant).
 */
export const SSCC_18: TrackingFamily = {
  id: 'fedex-sscc-18',
  name: 'FedEx Ground SSCC-18',
  lengths: [18],
  firstChars: DIGITS,
  pattern: /^\d{18}$/,
  check: gs1LastDigit(),
  shape: 'generic',
};

export const fedex = {
  id: 'fedex',
  name: 'FedEx',
  amazonCodes: [{ code: 'FEDEX_JP', marketplaces: ['JP'] }, { code: 'AFL/Fedex', marketplaces: ['IN'] }, { code: 'FedEx' }],
  aliases: [
    'FedEx', 'Fed Ex', 'Federal Express', 'FedEx Ground', 'FedEx Home Delivery', 'FedEx Express', 'FedEx Priority Overnight',
    'FedEx Standard Overnight', 'FedEx 2Day', 'FedEx Express Saver', 'FedEx International', 'FedEx International Priority',
    'FedEx International Economy',
  ],
  families: [FEDEX_12, FEDEX_GROUND_15, FEDEX_GROUND_96, FEDEX_GROUND_GSN, FEDEX_34, FEDEX_ASTRA, SSCC_18],
  statusMap: fedexStatusMap,
  trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
