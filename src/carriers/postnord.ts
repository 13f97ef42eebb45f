import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * PostNord, the post of Denmark and Sweden: S10 numbers ending DK or SE; domestic shipment ids are not checked.
 */
export const POSTNORD_S10 = s10Family('postnord-s10', 'PostNord (UPU S10)', ['DK', 'SE']);

export const postNord = {
  id: 'postnord',
  name: 'PostNord',
  amazonCodes: [{ code: 'PostNord' }],
  aliases: ['PostNord', 'Post Nord', 'PostNord Sverige', 'PostNord Danmark', 'Posten AB'],
  families: [POSTNORD_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.postnord.se/en/our-tools/track-and-trace?shipmentId=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
