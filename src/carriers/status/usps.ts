import type { StatusMap } from './status-map.js';

/**
 * USPS Tracking v3 `trackingEvents[].eventCode` (tracking.md §2.3; the list is UNCONFIRMED, taken from
 * USPS::WebTools). Only `MA` is a pre-shipment code; any other code is a USPS scan, hence the in_transit fallback.
 * Events without a code are judged by their text (see the USPS client).
 */
export const uspsStatusMap: StatusMap = {
  codes: {
    MA: 'pre_transit',
    '03': 'in_transit',
    TM: 'in_transit',
    PA: 'in_transit',
    '10': 'in_transit',
    '07': 'in_transit',
    EF: 'in_transit',
    SF: 'in_transit',
    '80': 'in_transit',
    '81': 'in_transit',
    '82': 'in_transit',
    OF: 'out_for_delivery',
    '01': 'delivered',
    '02': 'delivery_failed',
    '52': 'delivery_failed',
    '53': 'delivery_failed',
    '54': 'delivery_failed',
    '55': 'delivery_failed',
    '56': 'delivery_failed',
    '16': 'available_for_pickup',
    '09': 'returned',
    ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(21 + i), 'returned' as const])),
  },
  fallback: 'in_transit',
};
