import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/** Royal Mail tracked and signed-for items, domestic and international, carry S10 numbers ending GB. */
export const ROYAL_MAIL_S10 = s10Family('royal-mail-s10', 'Royal Mail (UPU S10)', ['GB']);

export const royalMail = {
  id: 'royal-mail',
  name: 'Royal Mail',
  amazonCodes: [{ code: 'Royal Mail' }, { code: 'ROYAL_MAIL' }, { code: 'RMLGB' }],
  aliases: [
    'Royal Mail', 'RM', 'Royal Mail 24', 'Royal Mail 48', 'Royal Mail Tracked 24', 'Royal Mail Tracked 48', 'RM Tracked 24',
    'RM Tracked 48', 'RM24', 'RM48', 'Royal Mail Special Delivery', 'Special Delivery', 'Royal Mail Signed For',
    'Royal Mail International Tracked', 'Click and Drop',
  ],
  families: [ROYAL_MAIL_S10],
  trackingUrl: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
