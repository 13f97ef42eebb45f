import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** GFUS + 14 digits. */
export const GOFO_US: TrackingFamily = {
  id: 'gofo-us',
  name: 'GOFO US',
  lengths: [18],
  firstChars: 'G',
  pattern: /^GFUS\d{14}$/,
  shape: 'distinctive',
};

/** GOFO Express (US last mile) has no Amazon code: confirm as Other. */
export const gofo = {
  id: 'gofo',
  name: 'GOFO Express',
  amazonCodes: [],
  aliases: ['GOFO', 'GOFO Express', 'GoFo'],
  families: [GOFO_US],
  trackingUrl: (n) => `https://www.gofoexpress.com/track?trackingNumber=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
