import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { lengthsBetween, s10Family } from './families.js';

/** The 3S barcode: 3S + the sender's 4-letter customer code + a serial of 7–11 digits; no check digit. */
export const POSTNL_3S: TrackingFamily = {
  id: 'postnl-3s',
  name: 'PostNL 3S barcode',
  lengths: lengthsBetween(13, 17),
  firstChars: '3',
  pattern: /^3S[A-Z]{4}\d{7,11}$/,
  shape: 'distinctive',
};

/**
 * PostNL: S10 numbers ending NL, and the domestic 3S barcode (3S, the 4-letter customer code, a serial of up to
 * 11 digits), which has no published check digit.
 */
export const POSTNL_S10 = s10Family('postnl-s10', 'PostNL (UPU S10)', ['NL']);

export const postNl = {
  id: 'postnl',
  name: 'PostNL',
  amazonCodes: [{ code: 'PostNL' }, { code: 'Post NL' }],
  aliases: ['PostNL', 'Post NL', 'TNT Post'],
  families: [POSTNL_S10, POSTNL_3S],
  unlistedFormats: true,
  trackingUrl: (n) => `https://postnl.nl/tracktrace/?B=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
