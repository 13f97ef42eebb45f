import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { lengthsBetween } from './families.js';

/** LTN + 6–12 digits + N1…N4 (the piece suffix; the reference has only 8 digits + N1). */
export const LANDMARK_LTN: TrackingFamily = {
  id: 'landmark-ltn',
  name: 'Landmark Global LTN',
  lengths: lengthsBetween(11, 17),
  firstChars: 'L',
  pattern: /^LTN\d{6,12}N[1-4]$/,
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
