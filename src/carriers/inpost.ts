import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { DIGITS } from './families.js';

/** InPost parcel (Paczkomat) numbers: 24 digits. No check rule is published: the shape only. */
export const INPOST_24: TrackingFamily = {
  id: 'inpost-24',
  name: 'InPost 24-digit',
  lengths: [24],
  firstChars: DIGITS,
  pattern: /^\d{24}$/,
  shape: 'generic',
};

export const inpost = {
  id: 'inpost',
  name: 'InPost',
  amazonCodes: [{ code: 'InPost' }],
  aliases: ['InPost', 'Paczkomaty', 'InPost Paczkomat', 'InPost Kurier'],
  families: [INPOST_24],
  unlistedFormats: true,
  trackingUrl: (n) => `https://inpost.pl/sledzenie-przesylek?number=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
