import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** Cainiao logistics numbers: LP + 14 digits. No published check digit. */
export const CAINIAO_LP: TrackingFamily = {
  id: 'cainiao-lp',
  name: 'Cainiao LP',
  lengths: [16],
  firstChars: 'L',
  pattern: /^LP\d{14}$/,
  shape: 'distinctive',
};

/** Cainiao (AliExpress shipping). Amazon lists no Cainiao code: confirm as Other with its name. */
export const cainiao = {
  id: 'cainiao',
  name: 'Cainiao',
  amazonCodes: [],
  aliases: ['Cainiao', 'Cainiao Network', 'AliExpress Standard Shipping', '菜鸟'],
  families: [CAINIAO_LP],
  unlistedFormats: true,
  trackingUrl: (n) => `https://global.cainiao.com/newDetail.htm?mailNoList=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
