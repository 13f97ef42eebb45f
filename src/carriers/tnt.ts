import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS } from './families.js';

/** TNT consignment note: 9 digits. No check digit is published. */
export const TNT_CONSIGNMENT: TrackingFamily = {
  id: 'tnt-consignment',
  name: 'TNT consignment',
  lengths: [9],
  firstChars: DIGITS,
  pattern: /^\d{9}$/,
  shape: 'generic',
};

/** TNT GE…WW consignments: GE + 9 digits + WW (WW is no UPU country, so this is not S10). No check digit. */
export const TNT_GE: TrackingFamily = {
  id: 'tnt-ge',
  name: 'TNT GE consignment',
  lengths: [13],
  firstChars: 'G',
  pattern: /^GE\d{9}WW$/,
  shape: 'distinctive',
};

export const tnt = {
  id: 'tnt',
  name: 'TNT',
  amazonCodes: [{ code: 'TNT' }, { code: 'TNTIT', marketplaces: ['IT'] }],
  aliases: ['TNT', 'TNT Express', 'FedEx TNT', 'TNT Italy'],
  families: [TNT_GE, TNT_CONSIGNMENT],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.tnt.com/express/en_gb/site/shipping-tools/tracking.html?cons=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
