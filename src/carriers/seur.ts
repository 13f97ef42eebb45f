import type { CarrierDefinition } from './carrier.js';

/** SEUR (Spain, DPD group). No published number format: none is checked. */
export const seur = {
  id: 'seur',
  name: 'SEUR',
  amazonCodes: [{ code: 'Seur' }],
  aliases: ['SEUR', 'Seur Spain', 'SEUR Predict'],
  families: [],
  trackingUrl: (n) => `https://www.seur.com/livetracking/?segOnlineIdentificador=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
