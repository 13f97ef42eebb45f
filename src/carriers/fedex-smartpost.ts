import type { CarrierDefinition } from './carrier.js';
import { USPS_IMPB } from './usps.js';

/** FedEx SmartPost (now Ground Economy): FedEx line haul, USPS last mile, so labels carry USPS IMpb numbers. */
export const fedexSmartPost = {
  id: 'fedex-smartpost',
  name: 'FedEx SmartPost',
  amazonCodes: [{ code: 'FedEx SmartPost' }],
  aliases: ['FedEx SmartPost', 'FedEx Smart Post', 'SmartPost', 'FedEx Ground Economy', 'Ground Economy'],
  families: [],
  partnerFamilies: [USPS_IMPB],
  trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
