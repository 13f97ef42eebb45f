import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DHL_EXPRESS_WAYBILL } from './dhl-express.js';
import { DIGITS } from './families.js';

/**
 * Aramex air waybill: 10 or 11 digits, the last the rest mod 7 — the same rule as a DHL Express waybill, so a
 * number of either fits both, and only the carrier given can tell them apart.
 */
export const ARAMEX_AWB: TrackingFamily = {
  id: 'aramex-awb',
  name: 'Aramex air waybill',
  lengths: [10, 11],
  firstChars: DIGITS,
  pattern: /^\d{10,11}$/,
  check: DHL_EXPRESS_WAYBILL.check,
  shape: 'generic',
};

export const aramex = {
  id: 'aramex',
  name: 'Aramex',
  amazonCodes: [{ code: 'Aramex' }],
  aliases: ['Aramex', 'Aramex Express', 'Aramex International'],
  families: [ARAMEX_AWB],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.aramex.com/track/results?ShipmentNumber=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
