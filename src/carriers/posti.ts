import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Posti (Finland): S10 numbers ending FI. Amazon lists no code for Posti (confirm as Other with its name); its
 * domestic JJFI… numbers are not checked.
 */
export const POSTI_S10 = s10Family('posti-s10', 'Posti (UPU S10)', ['FI']);

export const posti = {
  id: 'posti',
  name: 'Posti',
  amazonCodes: [],
  aliases: ['Posti', 'Itella', 'Finnish Post', 'Posti Finland'],
  families: [POSTI_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.posti.fi/en/tracking#/lahetys/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
