import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** YT + 16 digits. */
export const YUNEXPRESS_YT: TrackingFamily = {
  id: 'yunexpress-yt',
  name: 'YunExpress YT',
  lengths: [18],
  firstChars: 'Y',
  pattern: /^YT\d{16}$/,
  shape: 'distinctive',
};

export const yunexpress = {
  id: 'yunexpress',
  name: 'YunExpress',
  amazonCodes: [{ code: 'Yun Express' }],
  aliases: ['YunExpress', 'Yun Express', 'Yuntu', '云途'],
  families: [YUNEXPRESS_YT],
  trackingUrl: (n) => `https://www.yuntrack.com/parcelTracking?id=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
