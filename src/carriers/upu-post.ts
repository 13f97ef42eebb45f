import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';
import { UPU_OPERATORS } from './upu-operators.js';

/**
 * Countries whose post has a carrier module of its own (that module owns their S10 numbers, and the Amazon codes
 * that designate the post or its parcel brand). The registry test checks every UPU country has exactly one owner.
 */
export const S10_COUNTRIES_WITH_OWN_CARRIER: readonly string[] = [
  'US', 'GB', 'CA', 'AU', 'JP', 'CN', 'DE', 'FR', 'NL', 'IT', 'ES', 'BE', 'CH', 'DK', 'SE', 'PL', 'AT', 'IN', 'BR', 'AE',
  'SG', 'HK', 'JE', 'FI',
];

const OTHER_POSTS = Object.keys(UPU_OPERATORS).filter((c) => !S10_COUNTRIES_WITH_OWN_CARRIER.includes(c));

/** Any other post's S10 numbers: Amazon lists none of these posts, so they are confirmed as `Other` with the name. */
export const UPU_POST_S10 = s10Family('upu-post-s10', 'Postal operator (UPU S10)', OTHER_POSTS);

/** Every other UPU postal operator: the issuing post is read from the number's country code. */
export const upuPost = {
  id: 'upu-post',
  name: 'Postal operator (UPU)',
  amazonCodes: [],
  aliases: ['Post', 'Postal Service', 'National Post', 'EMS', 'Registered Mail', 'International Registered Mail', 'Airmail'],
  families: [UPU_POST_S10],
  trackingUrl: (n) => `https://www.17track.net/en/track?nums=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
