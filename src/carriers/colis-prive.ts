import type { CarrierDefinition } from './carrier.js';

/**
 * Colis Privé (France). Amazon lists three spellings (`Colis Privé` on the 2026 list, `Colis Prive`, `COLIS PRIVE`);
 * each is exact, any other is not. No published number format: none is checked.
 */
export const colisPrive = {
  id: 'colis-prive',
  name: 'Colis Privé',
  amazonCodes: [{ code: 'Colis Privé' }, { code: 'Colis Prive' }, { code: 'COLIS PRIVE' }],
  aliases: ['Colis Privé', 'ColisPrive', 'Colis Privé France'],
  families: [],
  trackingUrl: (n) => `https://www.colisprive.com/moncolis/pages/detailColis.aspx?numColis=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
