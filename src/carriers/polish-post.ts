import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Poczta Polska: S10 numbers ending PL; its domestic 20-digit numbers are not checked.
 */
export const POLISH_POST_S10 = s10Family('polish-post-s10', 'Polish Post (Poczta Polska) (UPU S10)', ['PL']);

export const polishPost = {
  id: 'polish-post',
  name: 'Polish Post (Poczta Polska)',
  amazonCodes: [{ code: 'Polish Post' }],
  aliases: ['Polish Post', 'Poczta Polska', 'Pocztex'],
  families: [POLISH_POST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://emonitoring.poczta-polska.pl/?numer=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
