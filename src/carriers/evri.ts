import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS } from './families.js';

/** 16 characters starting H (most Evri labels); no check digit is published. */
export const EVRI_H: TrackingFamily = {
  id: 'evri-h',
  name: 'Evri H-number',
  lengths: [16],
  firstChars: 'H',
  pattern: /^H(?=[A-Z]*\d)[0-9A-Z]{15}$/,
  shape: 'generic',
};

/** 16 digits (older Hermes UK labels). Shares its shape with Canada Post, which has a check digit. */
export const EVRI_16: TrackingFamily = {
  id: 'evri-16',
  name: 'Evri 16-digit',
  lengths: [16],
  firstChars: DIGITS,
  pattern: /^\d{16}$/,
  shape: 'generic',
};

/**
 * Evri, formerly Hermes UK. Amazon's list has `Hermes UK` (and `Hermes`); `Evri` is unconfirmed there, so
 * vtrguard sends `Hermes UK`.
 */
export const evri = {
  id: 'evri',
  name: 'Evri (Hermes UK)',
  amazonCodes: [{ code: 'Hermes UK' }, { code: 'Hermes', marketplaces: ['UK'] }],
  aliases: ['Evri', 'Hermes UK', 'Hermes Parcelnet', 'myHermes', 'My Hermes', 'Evri Courier', 'Hermes'],
  families: [EVRI_H, EVRI_16],
  trackingUrl: (n) => `https://www.evri.com/track/parcel/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
