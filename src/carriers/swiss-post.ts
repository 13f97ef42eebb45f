import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Swiss Post: S10 numbers ending CH (Amazon spells the code `Swiss post`); domestic 99… numbers are not checked.
 */
export const SWISS_POST_S10 = s10Family('swiss-post-s10', 'Swiss Post (UPU S10)', ['CH']);

export const swissPost = {
  id: 'swiss-post',
  name: 'Swiss Post',
  amazonCodes: [{ code: 'Swiss post' }, { code: 'Schweizer Post' }],
  aliases: ['Swiss Post', 'Schweizer Post', 'La Poste Suisse', 'Die Post', 'PostPac'],
  families: [SWISS_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://service.post.ch/ekp-web/ui/entry/shipping/1?parcelId=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
