import type { RateLimit } from '../ingest/tracking/token-bucket.js';

/**
 * The operations vtrguard calls and their default usage plans, from each operation's description in Amazon's
 * models (sp-api.md §2–§4). A 2xx's `x-amzn-RateLimit-Limit` header states the seller's actual rate, which then
 * replaces the default; the burst stays the documented one.
 */
export const DEFAULT_RATE_LIMITS = {
  getMarketplaceParticipations: { perSecond: 0.016, burst: 15 },
  searchOrders: { perSecond: 0.0056, burst: 20 },
  getOrder: { perSecond: 0.5, burst: 30 },
  confirmShipment: { perSecond: 2, burst: 10 },
  getCatalogItem: { perSecond: 2, burst: 2 },
  createReport: { perSecond: 0.0167, burst: 15 },
  getReport: { perSecond: 2, burst: 15 },
  getReportDocument: { perSecond: 0.0167, burst: 15 },
  createFeedDocument: { perSecond: 0.5, burst: 15 },
  createFeed: { perSecond: 0.0083, burst: 15 },
  getFeed: { perSecond: 2, burst: 15 },
  getFeedDocument: { perSecond: 0.0222, burst: 10 },
} as const satisfies Record<string, RateLimit>;

export type SpApiOperation = keyof typeof DEFAULT_RATE_LIMITS;
