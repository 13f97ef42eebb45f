import type { StatusMap } from './status-map.js';

/**
 * FedEx Track API `scanEvents[].eventType` (tracking.md §2.2; the official table is UNCONFIRMED, codes from FedEx
 * examples and karrio). `OC` (label created) is the only documented non-scan; any other event is a physical scan,
 * hence the in_transit fallback. `CA` (cancelled) is not evidence of possession, so it is not a scan.
 */
export const fedexStatusMap: StatusMap = {
  codes: {
    OC: 'pre_transit',
    CA: 'unknown',
    PU: 'in_transit',
    AR: 'in_transit',
    DP: 'in_transit',
    IT: 'in_transit',
    IX: 'in_transit',
    DY: 'in_transit',
    DD: 'in_transit',
    OD: 'out_for_delivery',
    AD: 'out_for_delivery',
    ED: 'out_for_delivery',
    DL: 'delivered',
    DE: 'exception',
    SE: 'exception',
    HL: 'available_for_pickup',
    RS: 'returned',
  },
  fallback: 'in_transit',
};

/** `dateAndTimes[].type` entries that are themselves evidence of a scan or of delivery. */
export const fedexDateTypeMap: StatusMap = {
  codes: {
    ACTUAL_PICKUP: 'in_transit',
    ACTUAL_TENDER: 'in_transit',
    ACTUAL_DELIVERY: 'delivered',
  },
  // Estimates, commitments and ship dates say nothing about possession.
  fallback: 'unknown',
};
