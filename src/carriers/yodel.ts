import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** JD or JJD + 16 digits. */
export const YODEL_JD: TrackingFamily = {
  id: 'yodel-jd',
  name: 'Yodel JD',
  lengths: [18, 19],
  firstChars: 'J',
  pattern: /^J?JD\d{16}$/,
  shape: 'distinctive',
};

export const yodel = {
  id: 'yodel',
  name: 'Yodel',
  amazonCodes: [{ code: 'Yodel' }],
  aliases: ['Yodel', 'Yodel Direct', 'Yodel Xpect', 'Yodel 48'],
  families: [YODEL_JD],
  trackingUrl: (n) => `https://www.yodel.co.uk/tracking/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
