import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { gs1Mod10 } from './check-digits.js';
import { DIGITS, gs1LastDigit, s10Family } from './families.js';
import { uspsStatusMap } from './status/usps.js';

const IMPB_CORE_LENGTHS = new Set([22, 26, 30]);

/**
 * Where the IMpb proper starts: after an optional `420` + ZIP (5 or 9 digits) routing prefix. The check digit
 * covers only the IMpb, never the routing prefix.
 */
export function impbStart(n: string): number {
  if (n.charCodeAt(0) !== 52) return 0; // not "4": no routing prefix
  const afterZip5 = n.length - 8;
  return IMPB_CORE_LENGTHS.has(afterZip5) && n.charCodeAt(8) === 57 ? 8 : 12;
}

/**
 * Intelligent Mail package barcode: application identifier 91–95 (91 legacy, 92/93 commercial, 94 retail,
 * 95 USPS-printed) + service type + mailer id + serial + GS1 check; 22, 26 or 30 digits, optionally behind
 * `420` + ZIP5 or ZIP5+4. Consolidators (FedEx SmartPost, UPS Mail Innovations, DHL eCommerce) print these too.
 */
export const USPS_IMPB: TrackingFamily = {
  id: 'usps-impb',
  name: 'USPS IMpb',
  lengths: [22, 26, 30, 34, 38, 42],
  firstChars: '49',
  pattern: /^(?:420\d{5}(?:\d{4})?)?9[1-5](?:\d{20}|\d{24}|\d{28})$/,
  check: {
    algorithm: 'gs1-mod10',
    at: -1,
    expected: (n) => gs1Mod10(n, impbStart(n), n.length - 1),
    span: (n) => [impbStart(n), n.length - 1],
  },
  accepts: (n) => IMPB_CORE_LENGTHS.has(n.length - impbStart(n)),
  shape: 'distinctive',
};

/** 20-digit USPS number (service 2 + mailer 9 + package 8 + check), GS1 over the 19. */
export const USPS_20: TrackingFamily = {
  id: 'usps-20',
  name: 'USPS 20-digit',
  lengths: [20],
  firstChars: DIGITS,
  pattern: /^\d{20}$/,
  check: gs1LastDigit(),
  shape: 'generic',
};

/**
 * Older 20-digit labels (certified mail 71…) print the IMpb without its `91` application identifier, but the
 * check digit still covers it. Prefixing 9 and 1 adds 9×3 + 1×1 = 28 to the GS1 sum, so the check is the plain
 * GS1 check + 2 (mod 10).
 */
export const USPS_20_WITHOUT_91: TrackingFamily = {
  id: 'usps-20-without-91',
  name: 'USPS 20-digit (IMpb without 91)',
  lengths: [20],
  firstChars: DIGITS,
  pattern: /^\d{20}$/,
  check: { algorithm: 'gs1-mod10', at: -1, expected: (n) => (gs1Mod10(n, 0, 19) + 2) % 10, span: () => [0, 19] },
  shape: 'generic',
};

export const USPS_S10 = s10Family('usps-s10', 'USPS international (UPU S10)', ['US']);

export const usps = {
  id: 'usps',
  name: 'USPS',
  amazonCodes: [{ code: 'USPS' }],
  aliases: [
    'USPS', 'US Postal Service', 'U.S. Postal Service', 'United States Postal Service', 'US Mail', 'USPS Priority Mail',
    'Priority Mail', 'USPS First Class', 'First Class Mail', 'USPS Ground Advantage', 'Ground Advantage',
    'Priority Mail Express', 'Media Mail', 'Stamps.com', 'Pirate Ship',
  ],
  families: [USPS_IMPB, USPS_20, USPS_20_WITHOUT_91, USPS_S10],
  statusMap: uspsStatusMap,
  trackingUrl: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
