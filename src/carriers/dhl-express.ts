import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { mod7 } from './check-digits.js';
import { DIGITS, lastCharacterCheck } from './families.js';
import { dhlStatusMap } from './status/dhl.js';

/** Air waybill: 10 or 11 digits, the last one the rest mod 7. */
export const DHL_EXPRESS_WAYBILL: TrackingFamily = {
  id: 'dhl-express-waybill',
  name: 'DHL Express waybill',
  lengths: [10, 11],
  firstChars: DIGITS,
  pattern: /^\d{10,11}$/,
  check: lastCharacterCheck('mod7', mod7),
  shape: 'generic',
};

/** Piece id (licence plate): J + 2–3 letters + 9–10 digits, e.g. JJD…, JVGL…; no check digit. */
export const DHL_EXPRESS_PIECE: TrackingFamily = {
  id: 'dhl-express-piece',
  name: 'DHL Express piece id',
  lengths: [12, 13, 14],
  firstChars: 'J',
  pattern: /^J[A-Z]{2,3}\d{9,10}$/,
  shape: 'distinctive',
};

export const dhlExpress = {
  id: 'dhl-express',
  name: 'DHL Express',
  amazonCodes: [{ code: 'DHL Express' }, { code: 'DHL' }],
  aliases: ['DHL Express', 'DHL', 'DHL Worldwide Express', 'DHL Express Worldwide', 'DHL Air Waybill'],
  families: [DHL_EXPRESS_WAYBILL, DHL_EXPRESS_PIECE],
  statusMap: dhlStatusMap,
  trackingUrl: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${encodeURIComponent(n)}&submit=1`,
} satisfies CarrierDefinition;
