import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { weightedMod10 } from './check-digits.js';
import { lastCharacterCheck } from './families.js';
import { LASERSHIP_1LS, LASERSHIP_L } from './lasership.js';

/**
 * C or D + 13 digits + check: UPS-style mod 10 (weights 1,2) over the letter and the digits, the letter counting
 * as its UPS value (C → 4, D → 5).
 */
export const ONTRAC_CD: TrackingFamily = {
  id: 'ontrac-cd',
  name: 'OnTrac C/D',
  lengths: [15],
  firstChars: 'CD',
  pattern: /^[CD]\d{14}$/,
  check: lastCharacterCheck('mod10-ups', (n, s, e) => weightedMod10(n, s, e, 1, 2)),
  shape: 'distinctive',
};

/** OnTrac took over LaserShip (2021): its network also carries LaserShip's 1LS labels. */
export const ontrac = {
  id: 'ontrac',
  name: 'OnTrac',
  amazonCodes: [{ code: 'OnTrac' }],
  aliases: ['OnTrac', 'On Trac', 'OnTrac Ground', 'OnTrac Logistics'],
  families: [ONTRAC_CD],
  partnerFamilies: [LASERSHIP_1LS, LASERSHIP_L],
  trackingUrl: (n) => `https://www.ontrac.com/tracking/?number=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
