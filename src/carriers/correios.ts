import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * Correios (Brazil): S10 numbers ending BR, domestic ones included.
 */
export const CORREIOS_S10 = s10Family('correios-s10', 'Correios (UPU S10)', ['BR']);

export const correios = {
  id: 'correios',
  name: 'Correios',
  amazonCodes: [{ code: 'Correios' }],
  aliases: ['Correios', 'Correios Brasil', 'Correios do Brasil', 'Sedex'],
  families: [CORREIOS_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://rastreamento.correios.com.br/app/index.php?objeto=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
