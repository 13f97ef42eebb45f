import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS, lengthsBetween } from './families.js';
import { USPS_IMPB } from './usps.js';
import { dhlStatusMap } from './status/dhl.js';

/** GM + 10–39 characters with at least one digit: DHL eCommerce's own label number. */
export const DHL_ECOMMERCE_GM: TrackingFamily = {
  id: 'dhl-ecommerce-gm',
  name: 'DHL eCommerce GM',
  lengths: lengthsBetween(12, 41),
  firstChars: 'G',
  pattern: /^GM(?=[A-Z]*\d)[0-9A-Z]{10,39}$/,
  shape: 'distinctive',
};

/** The same shape behind the regional prefixes; two letters such as IN or TH start too many other strings. */
export const DHL_ECOMMERCE_REGIONAL: TrackingFamily = {
  id: 'dhl-ecommerce-regional',
  name: 'DHL eCommerce regional',
  lengths: lengthsBetween(12, 41),
  firstChars: 'LRUCSTIHM',
  pattern: /^(?:LX|RX|UV|CN|SG|TH|IN|HK|MY)(?=[A-Z]*\d)[0-9A-Z]{10,39}$/,
  shape: 'generic',
};

export const DHL_ECOMMERCE_14: TrackingFamily = {
  id: 'dhl-ecommerce-14',
  name: 'DHL eCommerce 14-digit',
  lengths: [14],
  firstChars: DIGITS,
  pattern: /^\d{14}$/,
  shape: 'generic',
};

export const dhlEcommerce = {
  id: 'dhl-ecommerce',
  name: 'DHL eCommerce',
  // `DHL` last: the code of the DHL brand (docs/carriers.md), named on marketplaces whose pages list no other DHL code.
  amazonCodes: [{ code: 'DHL eCommerce' }, { code: 'DHL Global Mail' }, { code: 'DHL' }],
  aliases: ['DHL eCommerce', 'DHL ECommerce Solutions', 'DHL Global Mail', 'DHL SmartMail', 'DHL Parcel International'],
  families: [DHL_ECOMMERCE_GM, DHL_ECOMMERCE_REGIONAL, DHL_ECOMMERCE_14],
  partnerFamilies: [USPS_IMPB],
  statusMap: dhlStatusMap,
  trackingUrl: (n) => `https://webtrack.dhlecs.com/orders?trackingNumber=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
