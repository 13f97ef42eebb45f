import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * India Post: Speed Post and registered items carry S10 numbers ending IN.
 */
export const INDIA_POST_S10 = s10Family('india-post-s10', 'India Post (UPU S10)', ['IN']);

export const indiaPost = {
  id: 'india-post',
  name: 'India Post',
  amazonCodes: [{ code: 'India Post' }],
  aliases: ['India Post', 'IndiaPost', 'Speed Post', 'Indian Post'],
  families: [INDIA_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.indiapost.gov.in/VAS/Pages/trackconsignment.aspx?consignment=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
