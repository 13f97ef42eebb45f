import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** J&T Express: JT + 13 digits. No published check digit. */
export const JT_NUMBER: TrackingFamily = {
  id: 'jt-number',
  name: 'J&T Express JT',
  lengths: [15],
  firstChars: 'J',
  pattern: /^JT\d{13}$/,
  shape: 'distinctive',
};

/** J&T Express. The part of Amazon's 2026 list that could be read has no J&T code: confirm as Other with its name. */
export const jtExpress = {
  id: 'jt-express',
  name: 'J&T Express',
  amazonCodes: [],
  aliases: ['J&T Express', 'J&T', 'JT Express', 'J and T Express'],
  families: [JT_NUMBER],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.jtexpress.com/trajectoryQuery?waybillNo=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
