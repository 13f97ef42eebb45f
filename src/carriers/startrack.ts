import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { fixedForEveryNumber, LETTERS, lengthsBetween } from './families.js';

/** Consignment: 3–4 letters + 8 digits (shape from labels, no check digit known). */
export const STARTRACK_CONSIGNMENT: TrackingFamily = {
  id: 'startrack-consignment',
  name: 'StarTrack consignment',
  lengths: [11, 12],
  firstChars: LETTERS,
  pattern: /^[A-Z]{3,4}\d{8}$/,
  shape: 'generic',
  amazonCode: () => 'StarTrack-Consignment',
  numberKey: fixedForEveryNumber,
};

/** Article (item) id: the consignment + 5–10 digits. */
export const STARTRACK_ARTICLE: TrackingFamily = {
  id: 'startrack-article',
  name: 'StarTrack article id',
  lengths: lengthsBetween(16, 22),
  firstChars: LETTERS,
  pattern: /^[A-Z]{3,4}\d{13,18}$/,
  shape: 'generic',
  amazonCode: () => 'StarTrack-ArticleID',
  numberKey: fixedForEveryNumber,
};

export const startrack = {
  id: 'startrack',
  name: 'StarTrack',
  amazonCodes: [{ code: 'StarTrack-ArticleID' }, { code: 'StarTrack-Consignment' }],
  aliases: ['StarTrack', 'Star Track', 'StarTrack Express', 'StarTrack Premium'],
  families: [STARTRACK_ARTICLE, STARTRACK_CONSIGNMENT],
  trackingUrl: (n) => `https://startrack.com.au/track/details/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
