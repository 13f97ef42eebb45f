import type { CarrierDefinition } from './carrier.js';
import { LA_POSTE_S10 } from './la-poste.js';

/**
 * Chronopost, La Poste's express arm (it also carries EMS from France): its numbers are S10 ending FR, La Poste's
 * format, so they fit Chronopost as a partner family; its domestic series are not published, so not checked.
 */
export const chronopost = {
  id: 'chronopost',
  name: 'Chronopost',
  amazonCodes: [{ code: 'Chronopost' }],
  aliases: ['Chronopost', 'Chronopost International', 'Chronopost France'],
  families: [],
  partnerFamilies: [LA_POSTE_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
