import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { lengthsBetween } from './families.js';

/** L + a letter + 8 digits (LX…, LA…, LE…, LS…: the reference's L[AIEHNX][1-3] + 7 digits is a subset). */
export const LASERSHIP_L: TrackingFamily = {
  id: 'lasership-l',
  name: 'LaserShip L',
  lengths: [10],
  firstChars: 'L',
  pattern: /^L[A-Z]\d{8}$/,
  shape: 'distinctive',
};

/**
 * 1LS7 + 1/2 + 10 digits; a piece suffix `-1` after 1LS7x + 2 + 01[1-4] + 6 digits arrives without its dash;
 * 1LS7 + 16 digits (the 20-character labels); 1LSCX + 10 characters. No check digit.
 */
export const LASERSHIP_1LS: TrackingFamily = {
  id: 'lasership-1ls',
  name: 'LaserShip / OnTrac 1LS',
  lengths: [15, 17, 20],
  firstChars: '1',
  pattern: /^1LS(?:7[12]\d{10}|7[12]\d{2}01[1-4]\d{6}1|7\d{16}|CX[0-9A-Z]{10})$/,
  shape: 'distinctive',
};

/** Q + 8–12 digits (LaserShip's Q labels). The exact rule is not published, so the shape is generic: it fits a
 *  number confirmed as LaserShip, and never names LaserShip on its own. */
export const LASERSHIP_Q: TrackingFamily = {
  id: 'lasership-q',
  name: 'LaserShip Q',
  lengths: lengthsBetween(9, 13),
  firstChars: 'Q',
  pattern: /^Q\d{8,12}$/,
  shape: 'generic',
};

export const lasership = {
  id: 'lasership',
  name: 'LaserShip',
  amazonCodes: [{ code: 'Lasership' }],
  aliases: ['LaserShip', 'Laser Ship', 'LSO', 'Lasership Inc'],
  families: [LASERSHIP_1LS, LASERSHIP_L, LASERSHIP_Q],
  trackingUrl: (n) => `https://www.ontrac.com/tracking/?number=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
