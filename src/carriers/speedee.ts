import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** SP + 18 digits. */
export const SPEEDEE_SP: TrackingFamily = {
  id: 'speedee-sp',
  name: 'Spee-Dee SP',
  lengths: [20],
  firstChars: 'S',
  pattern: /^SP\d{18}$/,
  shape: 'distinctive',
};

/** Spee-Dee Delivery (US Midwest regional) has no Amazon code: confirm as Other. */
export const speedee = {
  id: 'speedee',
  name: 'Spee-Dee Delivery',
  amazonCodes: [],
  aliases: ['Spee-Dee', 'Spee Dee', 'SpeeDee', 'Spee-Dee Delivery'],
  families: [SPEEDEE_SP],
  trackingUrl: (n) => `https://speedeedelivery.com/track-a-shipment/?barcodes=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
