import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS, s10Family } from './families.js';

/** Colissimo domestic: a digit, a letter, 11 digits (6A…, 8R…, 9V…). No published check rule. */
export const COLISSIMO_DOMESTIC: TrackingFamily = {
  id: 'colissimo-domestic',
  name: 'Colissimo domestic',
  lengths: [13],
  firstChars: DIGITS,
  pattern: /^\d[A-Z]\d{11}$/,
  shape: 'generic',
};

/**
 * La Poste and its parcel brand Colissimo (formerly Coliposte): S10 numbers ending FR, and Colissimo's domestic
 * 13-character numbers (a digit, a letter, 11 digits), whose check rule is not published: shape only.
 */
export const LA_POSTE_S10 = s10Family('la-poste-s10', 'La Poste / Colissimo (UPU S10)', ['FR']);

export const laPoste = {
  id: 'la-poste',
  name: 'La Poste / Colissimo',
  amazonCodes: [{ code: 'La Poste' }, { code: 'Colissimo' }, { code: 'Coliposte' }],
  aliases: ['La Poste', 'Colissimo', 'Coliposte', 'Lettre suivie', 'Colissimo International', 'Colissimo Expert'],
  families: [LA_POSTE_S10, COLISSIMO_DOMESTIC],
  unlistedFormats: true,
  trackingUrl: (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
