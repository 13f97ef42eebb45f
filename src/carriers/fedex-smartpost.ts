import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { USPS_IMPB } from './usps.js';

/**
 * The 20-digit SmartPost / Ground Economy numbers FedEx shows (6129… and 02… + 18 digits). Their check rule is not
 * published, so the shape is generic: a number confirmed as SmartPost fits, but nothing is claimed from it alone.
 */
export const SMARTPOST_20: TrackingFamily = {
  id: 'fedex-smartpost-20',
  name: 'FedEx SmartPost / Ground Economy 20-digit',
  lengths: [20],
  firstChars: '06',
  pattern: /^(?:6129\d{16}|02\d{18})$/,
  shape: 'generic',
};

/** FedEx SmartPost (now Ground Economy): FedEx line haul, USPS last mile, so labels carry USPS IMpb numbers. */
export const fedexSmartPost = {
  id: 'fedex-smartpost',
  name: 'FedEx SmartPost',
  amazonCodes: [{ code: 'FedEx SmartPost' }],
  aliases: ['FedEx SmartPost', 'FedEx Smart Post', 'SmartPost', 'FedEx Ground Economy', 'Ground Economy'],
  families: [SMARTPOST_20],
  partnerFamilies: [USPS_IMPB],
  trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
