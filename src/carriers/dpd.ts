import type { CarrierDefinition, CheckDigitRule, TrackingFamily } from './carrier.js';
import { iso7064Mod3736 } from './check-digits.js';
import { DIGITS } from './families.js';

const ISO7064_LAST: CheckDigitRule = {
  algorithm: 'iso7064-mod37-36',
  at: -1,
  expected: (n) => iso7064Mod3736(n, 0, n.length - 1),
  span: (n) => [0, n.length - 1],
};

/** Parcel number: 14 digits + an ISO 7064 MOD 37,36 check character (a digit or a letter). */
export const DPD_14: TrackingFamily = {
  id: 'dpd-14',
  name: 'DPD 14 + check',
  lengths: [15],
  firstChars: DIGITS,
  pattern: /^\d{14}[0-9A-Z]$/,
  check: ISO7064_LAST,
  shape: 'generic',
};

/** Full label barcode: destination postcode 7 + parcel 14 + service 3 + country 3 + check character. */
export const DPD_28: TrackingFamily = {
  id: 'dpd-28',
  name: 'DPD 28-character barcode',
  lengths: [28],
  firstChars: DIGITS,
  pattern: /^\d{27}[0-9A-Z]$/,
  check: ISO7064_LAST,
  shape: 'distinctive',
};

/** The parcel number as people often type it, without its check character. */
export const DPD_14_BARE: TrackingFamily = {
  id: 'dpd-14-bare',
  name: 'DPD 14-digit (no check character)',
  lengths: [14],
  firstChars: DIGITS,
  pattern: /^\d{14}$/,
  shape: 'generic',
};

export const dpd = {
  id: 'dpd',
  name: 'DPD',
  amazonCodes: [{ code: 'DPD Local', marketplaces: ['UK'] }, { code: 'DPD' }],
  aliases: ['DPD', 'DPD Local', 'DPD UK', 'DPD Germany', 'DPD Deutschland', 'DPD France', 'DPD Predict', 'Dynamic Parcel Distribution'],
  families: [DPD_28, DPD_14, DPD_14_BARE],
  trackingUrl: (n) => `https://tracking.dpd.de/status/en_US/parcel/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
