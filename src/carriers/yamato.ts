import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { mod7 } from './check-digits.js';
import { DIGITS, lastCharacterCheck } from './families.js';

/** Ta-Q-Bin slip number: 11 digits + check digit = the 11 digits mod 7 (the "7DR" rule printed on slips). */
export const YAMATO_12: TrackingFamily = {
  id: 'yamato-12',
  name: 'Yamato 12-digit',
  lengths: [12],
  firstChars: DIGITS,
  pattern: /^\d{12}$/,
  check: lastCharacterCheck('mod7', mod7),
  shape: 'generic',
};

export const yamato = {
  id: 'yamato',
  name: 'Yamato Transport',
  amazonCodes: [{ code: 'YAMATO' }, { code: 'YamatoTransport' }],
  aliases: ['Yamato', 'Yamato Transport', 'YAMATO TRANSPORT', 'Kuroneko', 'Ta-Q-Bin', 'TA-Q-BIN', 'ヤマト運輸', 'クロネコヤマト', '宅急便'],
  families: [YAMATO_12],
  trackingUrl: (n) => `https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&number01=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
