import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Österreichische Post (Amazon: `AT POST` or `AT Post`): S10 numbers ending AT; domestic numbers are not checked.
 */
export const AT_POST_S10 = s10Family('at-post-s10', 'Österreichische Post (UPU S10)', ['AT']);

export const atPost = {
  id: 'at-post',
  name: 'Österreichische Post',
  amazonCodes: [{ code: 'AT POST' }, { code: 'AT Post' }],
  aliases: ['Österreichische Post', 'Austrian Post', 'Post AG', 'Oesterreichische Post'],
  families: [AT_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.post.at/s/sendungsdetails?snr=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
