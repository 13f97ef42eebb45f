import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** A letter (C D K L S U X Z) + 21 digits. */
export const CANPAR_22: TrackingFamily = {
  id: 'canpar-22',
  name: 'Canpar 22-character',
  lengths: [22],
  firstChars: 'CDKLSUXZ',
  pattern: /^[CDKLSUXZ]\d{21}$/,
  shape: 'distinctive',
};

/** Canpar is not on Amazon's verified code list (only an unverified source has `Canpar`): confirm as Other. */
export const canpar = {
  id: 'canpar',
  name: 'Canpar Express',
  amazonCodes: [],
  aliases: ['Canpar', 'Canpar Express', 'Canpar Courier'],
  families: [CANPAR_22],
  trackingUrl: (n) => `https://www.canpar.com/en/tracking/delivery_options.htm?barcode=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
