import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { ALNUM, DIGITS } from './families.js';

/** Parcel number: 11 or 12 digits. No check digit rule is documented in our sources. */
export const GLS_PARCEL: TrackingFamily = {
  id: 'gls-parcel',
  name: 'GLS parcel number',
  lengths: [11, 12],
  firstChars: DIGITS,
  pattern: /^\d{11,12}$/,
  shape: 'generic',
};

/** Track ID: 8 letters and digits, both present. */
export const GLS_TRACK_ID: TrackingFamily = {
  id: 'gls-track-id',
  name: 'GLS Track ID',
  lengths: [8],
  firstChars: ALNUM,
  pattern: /^(?=[A-Z]*\d)(?=\d*[A-Z])[0-9A-Z]{8}$/,
  shape: 'generic',
};

export const gls = {
  id: 'gls',
  name: 'GLS',
  amazonCodes: [{ code: 'GLS' }],
  aliases: ['GLS', 'General Logistics Systems', 'GLS Germany', 'GLS Parcel', 'GLS Italy', 'GLS Spain', 'GLS US'],
  families: [GLS_PARCEL, GLS_TRACK_ID],
  trackingUrl: (n) => `https://gls-group.com/track/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
