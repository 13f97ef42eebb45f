import type { CarrierDefinition } from './carrier.js';
import { USPS_IMPB } from './usps.js';

/** UPS Mail Innovations: UPS consolidates, USPS delivers, so its numbers are USPS IMpb numbers. */
export const upsMailInnovations = {
  id: 'ups-mail-innovations',
  name: 'UPS Mail Innovations',
  amazonCodes: [{ code: 'UPS Mail Innovations' }, { code: 'UPSMI' }],
  aliases: ['UPS Mail Innovations', 'UPSMI', 'UPS MI', 'Mail Innovations'],
  families: [],
  partnerFamilies: [USPS_IMPB],
  trackingUrl: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
