import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/**
 * bpost (Belgium): S10 numbers ending BE; its domestic 24-digit barcodes have no published rule here.
 */
export const BPOST_S10 = s10Family('bpost-s10', 'bpost (UPU S10)', ['BE']);

export const bpost = {
  id: 'bpost',
  name: 'bpost',
  amazonCodes: [{ code: 'BPOST' }],
  aliases: ['bpost', 'Belgian Post', 'De Post', 'La Poste belge'],
  families: [BPOST_S10],
  unlistedFormats: true,
  trackingUrl: (n) => `https://track.bpost.cloud/btr/web/#/search?itemCode=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
