import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { ALNUM, fixedForEveryNumber, lengthsBetween, s10Family } from './families.js';

/**
 * Article id: the consignment id (2–4 letters and digits + 7–8 digits, or a MyPost id of up to 12 characters)
 * followed by item and service digits — 18 to 26 characters ending in at least 14 digits. Shape from labels; no
 * check digit is known. Amazon wants the `-ArticleId` code for these.
 */
export const AUSPOST_ARTICLE: TrackingFamily = {
  id: 'auspost-article',
  name: 'Australia Post article id',
  lengths: lengthsBetween(18, 26),
  firstChars: ALNUM,
  pattern: /^[0-9A-Z]{4,12}\d{14}$/,
  shape: 'generic',
  amazonCode: () => 'Australia Post-ArticleId',
  numberKey: fixedForEveryNumber,
};

/** eParcel consignment id: 3 or 4 characters + 7 or 8 digits; Amazon wants the `-Consignment` code. */
export const AUSPOST_CONSIGNMENT: TrackingFamily = {
  id: 'auspost-consignment',
  name: 'Australia Post consignment id',
  lengths: lengthsBetween(10, 12),
  firstChars: ALNUM,
  pattern: /^[0-9A-Z]{2}[A-Z][0-9A-Z]?\d{7,8}$/,
  shape: 'generic',
  amazonCode: () => 'Australia Post-Consignment',
  numberKey: fixedForEveryNumber,
};

export const AUSPOST_S10 = s10Family('auspost-s10', 'Australia Post (UPU S10)', ['AU'], () => 'Australia Post-ArticleId');

export const australiaPost = {
  id: 'australia-post',
  name: 'Australia Post',
  amazonCodes: [{ code: 'Australia Post' }, { code: 'AUSSIE_POST' }, { code: 'Australia Post-ArticleId' }, { code: 'Australia Post-Consignment' }],
  aliases: [
    'Australia Post', 'AusPost', 'Aus Post', 'Aussie Post', 'AustraliaPost-Consignment', 'AustraliaPost-Article ID',
    'Australia Post eParcel', 'eParcel', 'Express Post',
  ],
  families: [AUSPOST_S10, AUSPOST_ARTICLE, AUSPOST_CONSIGNMENT],
  trackingUrl: (n) => `https://auspost.com.au/mypost/track/details/${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
