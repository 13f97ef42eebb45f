import type { AlertEvent } from '../types.js';

/** One change of level, with a distinct value in every field so a swapped field cannot pass. */
export const SAMPLE_EVENT: AlertEvent = {
  sellerId: 'seller-7',
  key: 'vtr_category:US:Toys & Games',
  ruleId: 'vtr_category',
  level: 'critical',
  previousLevel: 'ok',
  title: 'VTR Toys & Games (US)',
  message: 'VTR of Toys & Games (US) is 93.1% (95/102), below the 95.0% target; 38 more valid packages would restore it.',
  details: { marketplace: 'US', category: 'Toys & Games', rate: 0.931 },
  url: 'http://dash.test/?marketplace=US&category=Toys+%26+Games#vtr',
  changeNo: 3,
  changedAt: '2026-11-20T12:00:00.000Z',
};
