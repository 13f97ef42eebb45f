import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** SF Express waybill: SF + 13 digits. No published check digit. Older 12-digit waybills are not checked. */
export const SF_WAYBILL: TrackingFamily = {
  id: 'sf-waybill',
  name: 'SF Express waybill',
  lengths: [15],
  firstChars: 'S',
  pattern: /^SF\d{13}$/,
  shape: 'distinctive',
};

export const sfExpress = {
  id: 'sf-express',
  name: 'SF Express',
  amazonCodes: [{ code: 'SF Express' }, { code: 'Shunfeng Express' }],
  aliases: ['SF Express', 'Shunfeng Express', 'S.F. Express', 'SF International', '顺丰速运'],
  families: [SF_WAYBILL],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.sf-express.com/we/ow/chn/en/waybill/waybill-detail/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
