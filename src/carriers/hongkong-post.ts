import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Hongkong Post: S10 numbers ending HK.
 */
export const HONGKONG_POST_S10 = s10Family('hongkong-post-s10', 'Hongkong Post (UPU S10)', ['HK']);

export const hongkongPost = {
  id: 'hongkong-post',
  name: 'Hongkong Post',
  amazonCodes: [{ code: 'Hongkong Post' }],
  aliases: ['Hongkong Post', 'Hong Kong Post', 'HK Post'],
  families: [HONGKONG_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.hongkongpost.hk/en/mail_tracking/index.html?trackNo=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
