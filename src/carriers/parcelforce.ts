import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { LETTERS } from './families.js';
import { ROYAL_MAIL_S10 } from './royal-mail.js';

/** Domestic consignments: 2 letters + 7 digits (shape from labels; no check digit is known). */
export const PARCELFORCE_DOMESTIC: TrackingFamily = {
  id: 'parcelforce-domestic',
  name: 'Parcelforce domestic',
  lengths: [9],
  firstChars: LETTERS,
  pattern: /^[A-Z]{2}\d{7}$/,
  shape: 'generic',
};

/** Parcelforce is Royal Mail's parcel arm: its international parcels are Royal Mail Group S10 numbers. */
export const parcelforce = {
  id: 'parcelforce',
  name: 'Parcelforce Worldwide',
  amazonCodes: [{ code: 'Parcelforce' }],
  aliases: ['Parcelforce', 'Parcelforce Worldwide', 'Parcel Force', 'Parcelforce 24', 'Parcelforce 48', 'express48', 'express24'],
  families: [PARCELFORCE_DOMESTIC],
  partnerFamilies: [ROYAL_MAIL_S10],
  trackingUrl: (n) => `https://www.parcelforce.com/track-trace?trackNumber=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
