import type { CarrierDefinition } from './carrier.js';
import { s10Family } from './families.js';

/** China Post and China EMS / ePacket (EUB): S10 numbers ending CN — anything else is not China Post's. */
export const CHINA_POST_S10 = s10Family('china-post-s10', 'China Post / EMS (UPU S10)', ['CN']);

export const chinaPost = {
  id: 'china-post',
  name: 'China Post / EMS',
  amazonCodes: [{ code: 'China Post' }, { code: 'EUB' }],
  aliases: ['China Post', 'China EMS', 'EMS China', 'China Post EMS', 'ePacket', 'EUB', 'China Post Registered Air Mail', '中国邮政'],
  families: [CHINA_POST_S10],
  trackingUrl: (n) => `https://track.chinapost.com.cn/?trackNumber=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
