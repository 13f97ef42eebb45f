import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Jersey Post: S10 numbers ending JE.
 */
export const JERSEY_POST_S10 = s10Family('jersey-post-s10', 'Jersey Post (UPU S10)', ['JE']);

export const jerseyPost = {
  id: 'jersey-post',
  name: 'Jersey Post',
  amazonCodes: [{ code: 'Jersey Post' }],
  aliases: ['Jersey Post'],
  families: [JERSEY_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.jerseypost.com/track-and-trace/?trackingNumber=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
