import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Emirates Post: S10 numbers ending AE.
 */
export const EMIRATES_POST_S10 = s10Family('emirates-post-s10', 'Emirates Post (UPU S10)', ['AE']);

export const emiratesPost = {
  id: 'emirates-post',
  name: 'Emirates Post',
  amazonCodes: [{ code: 'Emirates Post' }],
  aliases: ['Emirates Post', 'EPG', 'Emirates Post Group'],
  families: [EMIRATES_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.emiratespost.ae/all-services/track-a-package?trackingNumber=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
