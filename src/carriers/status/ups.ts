import type { StatusMap } from './status-map.js';

/**
 * UPS Track API `activity[].status`: looked up as `type:code` first, then `type` (tracking.md §2.1).
 * `D` alone covers loaded-on-vehicle, out-for-delivery and delivered, so only `D:FS` (and the DEL delivery date)
 * means delivered. Unknown letters (e.g. `P`, UNCONFIRMED) fall back to in_transit: the carrier-scan rule counts
 * every physical activity that is not a manifest.
 */
export const upsStatusMap: StatusMap = {
  codes: {
    M: 'pre_transit',
    MV: 'pre_transit',
    I: 'in_transit',
    P: 'in_transit',
    U: 'in_transit',
    X: 'exception',
    D: 'out_for_delivery',
    // Track Alert examples: delivered = D/FS, out for delivery = I/OT.
    'D:FS': 'delivered',
    'I:OT': 'out_for_delivery',
  },
  fallback: 'in_transit',
};
