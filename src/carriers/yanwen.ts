import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { LETTERS } from './families.js';

/**
 * Yanwen's own numbers: S10-shaped, but ending in a Yanwen suffix (YW, YP, YN) instead of a country, so no UPU
 * check applies. Numbers handed to a post are that post's S10 numbers.
 */
export const YANWEN_OWN: TrackingFamily = {
  id: 'yanwen-own',
  name: 'Yanwen (S10-shaped, Y suffix)',
  lengths: [13],
  firstChars: LETTERS,
  pattern: /^[A-Z]{2}\d{9}Y[NPW]$/,
  shape: 'distinctive',
};

export const yanwen = {
  id: 'yanwen',
  name: 'Yanwen',
  amazonCodes: [{ code: 'Yanwen' }],
  aliases: ['Yanwen', 'Yanwen Express', 'Yanwen Logistics', '燕文'],
  families: [YANWEN_OWN],
  trackingUrl: (n) => `https://track.yw56.com.cn/en/querydel?nums=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
