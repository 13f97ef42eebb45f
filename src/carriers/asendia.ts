import type { CarrierDefinition } from './carrier.js';

/** Asendia: hands its parcels to posts, whose numbers it prints; no format of its own is published or checked. */
export const asendia = {
  id: 'asendia',
  name: 'Asendia',
  amazonCodes: [{ code: 'Asendia' }],
  aliases: ['Asendia', 'Asendia USA', 'Asendia UK', 'Asendia Europe'],
  families: [],
  trackingUrl: (n) => `https://tracking.asendia.com/tracking/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
