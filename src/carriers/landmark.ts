import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** LTN + 8 digits + N1. */
export const LANDMARK_LTN: TrackingFamily = {
  id: 'landmark-ltn',
  name: 'Landmark Global LTN',
  lengths: [13],
  firstChars: 'L',
  pattern: /^LTN\d{8}N1$/,
  shape: 'distinctive',
};

export const landmark = {
  id: 'landmark',
  name: 'Landmark Global',
  amazonCodes: [{ code: 'Landmark Global' }, { code: 'Landmark' }],
  aliases: ['Landmark Global', 'Landmark', 'Landmark Trade Services'],
  families: [LANDMARK_LTN],
  trackingUrl: (n) => `https://track.landmarkglobal.com/?trck=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
