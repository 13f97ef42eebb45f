import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Correos (Spain): S10 numbers ending ES; its domestic series (PQ…, PK…) have no published rule, so they are not
 * checked.
 */
export const CORREOS_S10 = s10Family('correos-s10', 'Correos (UPU S10)', ['ES']);

export const correos = {
  id: 'correos',
  name: 'Correos',
  amazonCodes: [{ code: 'Correos' }],
  aliases: ['Correos', 'Correos de España', 'Correos Espana', 'Correos Paq'],
  families: [CORREOS_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
