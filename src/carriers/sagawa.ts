import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { mod7 } from './check-digits.js';
import { DIGITS, lastCharacterCheck } from './families.js';

/** Slip number: 11 digits + check digit = the 11 digits mod 7, like Yamato's; the carrier given decides. */
export const SAGAWA_12: TrackingFamily = {
  id: 'sagawa-12',
  name: 'Sagawa 12-digit',
  lengths: [12],
  firstChars: DIGITS,
  pattern: /^\d{12}$/,
  check: lastCharacterCheck('mod7', mod7),
  shape: 'generic',
};

export const sagawa = {
  id: 'sagawa',
  name: 'Sagawa Express',
  amazonCodes: [{ code: 'SAGAWA' }, { code: 'SagawaExpress' }],
  aliases: ['Sagawa', 'Sagawa Express', 'SAGAWA EXPRESS', 'Sagawa Kyubin', '佐川急便', '佐川'],
  families: [SAGAWA_12],
  trackingUrl: (n) => `https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
