import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** TBA / TBC / TBM + 12 digits; no check digit, but the prefix is Amazon's alone. */
export const AMAZON_TBA: TrackingFamily = {
  id: 'amazon-tba',
  name: 'Amazon Logistics TBA',
  lengths: [15],
  firstChars: 'T',
  pattern: /^TB[ACM]\d{12}$/,
  shape: 'distinctive',
};

/** International shipments: A, F or C + 10 digits. */
export const AMAZON_INTERNATIONAL: TrackingFamily = {
  id: 'amazon-international',
  name: 'Amazon international',
  lengths: [11],
  firstChars: 'AFC',
  pattern: /^[AFC]\d{10}$/,
  shape: 'generic',
};

export const amazonLogistics = {
  id: 'amazon-logistics',
  name: 'Amazon Logistics',
  amazonCodes: [{ code: 'AMZL_UK', marketplaces: ['UK'] }, { code: 'AMZL' }, { code: 'Amazon Shipping' }],
  aliases: ['Amazon Logistics', 'AMZL', 'Amazon', 'Amazon Shipping', 'AMZL US', 'AMZL UK', 'Amazon Logistics UK'],
  families: [AMAZON_TBA, AMAZON_INTERNATIONAL],
  trackingUrl: (n) => `https://track.amazon.com/tracking/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
