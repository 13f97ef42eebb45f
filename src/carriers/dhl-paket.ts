import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS, gs1LastDigit, s10Family } from './families.js';
import { dhlStatusMap } from './status/dhl.js';

/** Paketnummer: 12 digits. Its check digit rule is not documented in our sources, so only the shape counts. */
export const DHL_PAKET_12: TrackingFamily = {
  id: 'dhl-paket-12',
  name: 'DHL Paket 12-digit',
  lengths: [12],
  firstChars: DIGITS,
  pattern: /^\d{12}$/,
  shape: 'generic',
};

/** 20 digits: application identifier 00 + an SSCC of Deutsche Post's GS1 company prefix 340434, GS1 mod 10. */
export const DHL_PAKET_SSCC: TrackingFamily = {
  id: 'dhl-paket-sscc',
  name: 'DHL Paket 20-digit (00 + SSCC)',
  lengths: [20],
  firstChars: '0',
  pattern: /^00340434\d{12}$/,
  check: gs1LastDigit(2),
  shape: 'distinctive',
};

/**
 * The same SSCC without its `00` application identifier, as labels print it under the barcode: 18 digits, GS1 mod
 * 10. FedEx Ground's SSCC-18 has the same shape and rule, so such a number fits both and the carrier decides; the
 * shape is generic for that reason, although 340434 is Deutsche Post's prefix.
 */
export const DHL_PAKET_SSCC_18: TrackingFamily = {
  id: 'dhl-paket-sscc-18',
  name: 'DHL Paket SSCC-18',
  lengths: [18],
  firstChars: '3',
  pattern: /^340434\d{12}$/,
  check: gs1LastDigit(),
  shape: 'generic',
};

/** JJD + 18–20 digits (parcel piece numbers, longer than Yodel's JJD + 16), and JD + 18 digits. No check digit. */
export const DHL_PAKET_JJD: TrackingFamily = {
  id: 'dhl-paket-jjd',
  name: 'DHL Paket JJD / JD',
  lengths: [20, 21, 22, 23],
  firstChars: 'J',
  pattern: /^(?:JJD\d{18,20}|JD\d{18})$/,
  shape: 'distinctive',
};

export const DEUTSCHE_POST_S10 = s10Family('deutsche-post-s10', 'Deutsche Post (UPU S10)', ['DE']);

/** DHL Paket and Deutsche Post (one network in Germany). On amazon.de the plain code `DHL` means this carrier. */
export const dhlPaket = {
  id: 'dhl-paket',
  name: 'DHL Paket / Deutsche Post',
  amazonCodes: [{ code: 'DHL', marketplaces: ['DE'] }, { code: 'DHL-Paket' }, { code: 'Deutsche Post' }, { code: 'DHL Home Delivery' }],
  aliases: [
    'DHL-Paket', 'DHL Paket', 'DHL Parcel Germany', 'Deutsche Post', 'Deutsche Post DHL', 'Warenpost', 'DHL Warenpost',
    'Deutsche Post Einschreiben', 'DHL Home Delivery',
  ],
  families: [DHL_PAKET_SSCC, DHL_PAKET_SSCC_18, DHL_PAKET_JJD, DEUTSCHE_POST_S10, DHL_PAKET_12],
  statusMap: dhlStatusMap,
  trackingUrl: (n) => `https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
