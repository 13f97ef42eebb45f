import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS, gs1LastDigit, s10Family } from './families.js';

/** 16 digits (origin 7 + serial 8 + check), GS1 mod 10 over the 15. */
export const CANADA_POST_16: TrackingFamily = {
  id: 'canada-post-16',
  name: 'Canada Post 16-digit',
  lengths: [16],
  firstChars: DIGITS,
  pattern: /^\d{16}$/,
  check: gs1LastDigit(),
  shape: 'generic',
};

export const CANADA_POST_S10 = s10Family('canada-post-s10', 'Canada Post (UPU S10)', ['CA']);

export const canadaPost = {
  id: 'canada-post',
  name: 'Canada Post',
  amazonCodes: [{ code: 'Canada Post' }],
  aliases: ['Canada Post', 'Postes Canada', 'Canada Post Expedited', 'Canada Post Xpresspost', 'Xpresspost'],
  families: [CANADA_POST_16, CANADA_POST_S10],
  trackingUrl: (n) => `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
