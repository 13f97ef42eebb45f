import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Singapore Post: S10 numbers ending SG.
 */
export const SINGAPORE_POST_S10 = s10Family('singapore-post-s10', 'Singapore Post (UPU S10)', ['SG']);

export const singaporePost = {
  id: 'singapore-post',
  name: 'Singapore Post',
  amazonCodes: [{ code: 'Singapore Post' }],
  aliases: ['Singapore Post', 'SingPost'],
  families: [SINGAPORE_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.singpost.com/track-items?trackingid=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
