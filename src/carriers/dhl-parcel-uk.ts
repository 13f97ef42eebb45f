import type { CarrierDefinition } from './carrier.js';

/** DHL Parcel UK (formerly UK Mail): on Amazon's 2026 list. No published number format: none is checked. */
export const dhlParcelUk = {
  id: 'dhl-parcel-uk',
  name: 'DHL Parcel UK',
  amazonCodes: [{ code: 'DHL Parcel UK' }],
  aliases: ['DHL Parcel UK', 'DHL Parcel United Kingdom'],
  families: [],
  trackingUrl: (n) => `https://track.dhlparcel.co.uk/?con=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
