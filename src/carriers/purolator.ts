import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { luhn } from './check-digits.js';
import { lastCharacterCheck } from './families.js';

/** 12 digits starting 0–5, Luhn check: the same length as FedEx 12, so both may fit and the carrier decides. */
export const PUROLATOR_12: TrackingFamily = {
  id: 'purolator-12',
  name: 'Purolator 12-digit',
  lengths: [12],
  firstChars: '012345',
  pattern: /^[0-5]\d{11}$/,
  check: lastCharacterCheck('luhn', luhn),
  shape: 'generic',
};

/**
 * 3 letters + 9 digits (JFV…, the piece numbers); no check digit. As telling as a DHL Express piece id, which it
 * overlaps (J + 2 letters + 9 digits fits both): then neither is claimed and the carrier given decides.
 */
export const PUROLATOR_ALPHA: TrackingFamily = {
  id: 'purolator-alpha',
  name: 'Purolator alphanumeric',
  lengths: [12],
  firstChars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  pattern: /^[A-Z]{3}\d{9}$/,
  shape: 'distinctive',
};

export const purolator = {
  id: 'purolator',
  name: 'Purolator',
  amazonCodes: [{ code: 'PUROLATOR' }],
  aliases: ['Purolator', 'Purolator Courier', 'Purolator Ground', 'Purolator Express'],
  families: [PUROLATOR_12, PUROLATOR_ALPHA],
  trackingUrl: (n) => `https://www.purolator.com/en/shipping/tracker?pin=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
