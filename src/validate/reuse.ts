/**
 * Reuse: a tracking number already confirmed on another order within 90 days is suspicious (a recycled label or
 * a copy-paste slip; amazon-metrics.md §4.8). Async because it needs the store; the lookup is injected.
 */
import { DAY_MS } from '../core/time.js';
import { problem, type Problem } from './problems.js';

export const REUSE_WINDOW_MS = 90 * DAY_MS;

export interface TrackingUseRecord {
  orderId: string;
  confirmedAt: number | null;
}

/** Previous confirmations of a normalised number, e.g. `(n) => store.findTrackingUses(sellerId, n, since)`. */
export type TrackingUseLookup = (trackingNumber: string) => Promise<readonly TrackingUseRecord[]>;

export interface ReuseQuery {
  /** Normalised. */
  trackingNumber: string;
  orderId: string;
  confirmedAt: number;
}

/** `REUSED_TRACKING_NUMBER` when another order confirmed the same number within 90 days either side, else null. */
export async function checkReuse(query: ReuseQuery, lookup: TrackingUseLookup): Promise<Problem | null> {
  const uses = await lookup(query.trackingNumber);
  for (const use of uses) {
    if (use.orderId === query.orderId) continue;
    if (use.confirmedAt !== null && Math.abs(use.confirmedAt - query.confirmedAt) > REUSE_WINDOW_MS) continue;
    const when = use.confirmedAt === null ? '' : ` on ${new Date(use.confirmedAt).toISOString().slice(0, 10)}`;
    return problem('REUSED_TRACKING_NUMBER', `this number was already confirmed on order ${use.orderId}${when} — a reused or copied label is not valid tracking for this order`);
  }
  return null;
}
