import type { CarrierDefinition } from './carrier.js';
import { s10Country, s10Family } from './families.js';
import { UPU_OPERATORS } from './upu-operators.js';

/** Countries whose post has a carrier module of its own (that module owns their S10 numbers). */
export const S10_COUNTRIES_WITH_OWN_CARRIER: readonly string[] = ['US', 'GB', 'CA', 'AU', 'JP', 'CN', 'DE'];

/**
 * Posts Amazon lists under a code of their own. Any other post is confirmed as `Other` with its name — which is
 * acceptable precisely because Amazon does not list it.
 */
const AMAZON_CODE_BY_COUNTRY: Readonly<Record<string, string>> = {
  AE: 'Emirates Post', AT: 'AT POST', BE: 'BPOST', BR: 'Correios', CH: 'Swiss post', DK: 'PostNord', ES: 'Correos',
  FR: 'La Poste', HK: 'Hongkong Post', IN: 'India Post', IT: 'Poste Italiane', JE: 'Jersey Post', NL: 'PostNL',
  PL: 'Polish Post', SE: 'PostNord', SG: 'Singapore Post',
};

const OTHER_POSTS = Object.keys(UPU_OPERATORS).filter((c) => !S10_COUNTRIES_WITH_OWN_CARRIER.includes(c));

export const UPU_POST_S10 = s10Family(
  'upu-post-s10',
  'Postal operator (UPU S10)',
  OTHER_POSTS,
  (n) => AMAZON_CODE_BY_COUNTRY[s10Country(n)] ?? 'Other',
);

/** Every other UPU postal operator: the issuing post is read from the number's country code. */
export const upuPost = {
  id: 'upu-post',
  name: 'Postal operator (UPU)',
  amazonCodes: [],
  aliases: ['Post', 'Postal Service', 'National Post', 'EMS', 'Registered Mail', 'International Registered Mail', 'Airmail'],
  families: [UPU_POST_S10],
  trackingUrl: (n) => `https://www.17track.net/en/track?nums=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
