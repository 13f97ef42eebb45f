import type { CarrierDefinition, TrackingFamily } from './carrier.js';

/** L + A/I/E/H/N/X + 1–3 + 7 digits. */
export const LASERSHIP_L: TrackingFamily = {
  id: 'lasership-l',
  name: 'LaserShip L',
  lengths: [10],
  firstChars: 'L',
  pattern: /^L[AIEHNX][1-3]\d{7}$/,
  shape: 'distinctive',
};

/** 1LS7 + 1/2 + 10 digits; a piece suffix `-1` after 1LS7x + 2 + 01[1-4] + 6 digits arrives without its dash. */
export const LASERSHIP_1LS: TrackingFamily = {
  id: 'lasership-1ls',
  name: 'LaserShip / OnTrac 1LS',
  lengths: [15, 17],
  firstChars: '1',
  pattern: /^1LS(?:7[12]\d{10}|7[12]\d{2}01[1-4]\d{6}1|CX[0-9A-Z]{10})$/,
  shape: 'distinctive',
};

export const lasership = {
  id: 'lasership',
  name: 'LaserShip',
  amazonCodes: [{ code: 'Lasership' }],
  aliases: ['LaserShip', 'Laser Ship', 'LSO', 'Lasership Inc'],
  families: [LASERSHIP_1LS, LASERSHIP_L],
  trackingUrl: (n) => `https://www.ontrac.com/tracking/?number=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
