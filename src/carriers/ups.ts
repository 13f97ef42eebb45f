import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { weightedMod10 } from './check-digits.js';
import { lastCharacterCheck } from './families.js';
import { upsStatusMap } from './status/ups.js';

/** 1Z + shipper (6) + service (2) + package (7), alphanumeric, + check. Service YW is SurePost (USPS last mile). */
export const UPS_1Z: TrackingFamily = {
  id: 'ups-1z',
  name: 'UPS 1Z',
  lengths: [18],
  firstChars: '1',
  pattern: /^1Z[0-9A-Z]{15}\d$/,
  check: lastCharacterCheck('mod10-ups', (n, start, end) => weightedMod10(n, start, end, 1, 2), 2),
  shape: 'distinctive',
};

/** Freight / international waybill: a letter (A H J K T V) + 9 digits + check over the digits. */
export const UPS_WAYBILL: TrackingFamily = {
  id: 'ups-waybill',
  name: 'UPS waybill',
  lengths: [11],
  firstChars: 'AHJKTV',
  pattern: /^[AHJKTV]\d{10}$/,
  check: lastCharacterCheck('mod10-ups', (n, start, end) => weightedMod10(n, start, end, 1, 2), 1),
  shape: 'distinctive',
};

export const ups = {
  id: 'ups',
  name: 'UPS',
  amazonCodes: [{ code: 'UPS' }],
  aliases: [
    'UPS', 'United Parcel Service', 'UPS Ground', 'UPS Standard', 'UPS Express', 'UPS Express Saver', 'UPS Saver',
    'UPS Next Day Air', 'UPS 2nd Day Air', 'UPS 3 Day Select', 'UPS Worldwide', 'UPS SurePost', 'UPS Ground Saver',
  ],
  families: [UPS_1Z, UPS_WAYBILL],
  statusMap: upsStatusMap,
  trackingUrl: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
