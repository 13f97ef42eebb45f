import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { luhn } from './check-digits.js';
import { lastCharacterCheck } from './families.js';

/** PRO number: 072, 777, 778 or 780 + 7 digits + Luhn check; 11 digits like DHL Express waybills. */
export const OLD_DOMINION_PRO: TrackingFamily = {
  id: 'old-dominion-pro',
  name: 'Old Dominion PRO',
  lengths: [11],
  firstChars: '07',
  pattern: /^(?:072|77[78]|780)\d{8}$/,
  check: lastCharacterCheck('luhn', luhn),
  shape: 'generic',
};

/** Guaranteed shipments: 80 + 8 digits + Luhn check. */
export const OLD_DOMINION_GUARANTEED: TrackingFamily = {
  id: 'old-dominion-guaranteed',
  name: 'Old Dominion guaranteed',
  lengths: [11],
  firstChars: '8',
  pattern: /^80\d{9}$/,
  check: lastCharacterCheck('luhn', luhn),
  shape: 'generic',
};

export const oldDominion = {
  id: 'old-dominion',
  name: 'Old Dominion Freight Line',
  amazonCodes: [{ code: 'Old Dominion' }],
  aliases: ['Old Dominion', 'Old Dominion Freight Line', 'ODFL', 'OD Freight'],
  families: [OLD_DOMINION_PRO, OLD_DOMINION_GUARANTEED],
  trackingUrl: (n) => `https://www.odfl.com/us/en/tools/trace-track-ltl-freight/trace.html?proNumbers=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
