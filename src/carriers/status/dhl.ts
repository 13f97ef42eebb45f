import type { StatusMap } from './status-map.js';

/**
 * DHL Shipment Tracking – Unified `statusCode` (tracking.md §2.4, DHL support article). Only these five are
 * documented; divisions may add others, so an unlisted code is not counted as a scan (fallback unknown).
 */
export const dhlStatusMap: StatusMap = {
  codes: {
    'pre-transit': 'pre_transit',
    transit: 'in_transit',
    delivered: 'delivered',
    failure: 'exception',
    unknown: 'unknown',
  },
  fallback: 'unknown',
};
