import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS, s10Family } from './families.js';

/** Domestic (Yu-Pack, Yu-Packet, Letter Pack): 11–13 digits. No check digit rule is documented in our sources. */
export const JAPAN_POST_DOMESTIC: TrackingFamily = {
  id: 'japan-post-domestic',
  name: 'Japan Post domestic',
  lengths: [11, 12, 13],
  firstChars: DIGITS,
  pattern: /^\d{11,13}$/,
  shape: 'generic',
};

export const JAPAN_POST_S10 = s10Family('japan-post-s10', 'Japan Post (UPU S10)', ['JP']);

export const japanPost = {
  id: 'japan-post',
  name: 'Japan Post',
  amazonCodes: [{ code: 'Japan Post' }],
  aliases: ['Japan Post', 'JapanPost', 'Nippon Post', 'Yu-Pack', 'Yu Pack', 'Yu-Packet', 'Letter Pack', '日本郵便', 'ゆうパック', 'ゆうパケット'],
  families: [JAPAN_POST_S10, JAPAN_POST_DOMESTIC],
  trackingUrl: (n) => `https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=${encodeURIComponent(n)}&locale=en`,
} satisfies CarrierDefinition;
