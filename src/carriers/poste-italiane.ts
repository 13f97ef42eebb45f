import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Poste Italiane: S10 numbers ending IT; its domestic series are not published, so they are not checked.
 */
export const POSTE_ITALIANE_S10 = s10Family('poste-italiane-s10', 'Poste Italiane (UPU S10)', ['IT']);

export const posteItaliane = {
  id: 'poste-italiane',
  name: 'Poste Italiane',
  amazonCodes: [{ code: 'Poste Italiane' }],
  aliases: ['Poste Italiane', 'PosteItaliane', 'Poste Delivery', 'Posta Raccomandata'],
  families: [POSTE_ITALIANE_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.poste.it/cerca/index.html#/risultati-spedizioni/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
