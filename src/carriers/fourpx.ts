import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { lengthsBetween } from './families.js';

/** 4PX + 10–16 digits, optionally followed by CN. */
export const FOURPX_OWN: TrackingFamily = {
  id: '4px-own',
  name: '4PX',
  lengths: lengthsBetween(13, 21),
  firstChars: '4',
  pattern: /^4PX\d{10,16}(?:CN)?$/,
  shape: 'distinctive',
};

export const fourPx = {
  id: '4px',
  name: '4PX',
  amazonCodes: [{ code: '4PX' }],
  aliases: ['4PX', '4PX Express', '4PX Worldwide', '递四方'],
  families: [FOURPX_OWN],
  trackingUrl: (n) => `https://track.4px.com/#/result/0/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
