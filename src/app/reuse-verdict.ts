import type { Store } from '../store/store.js';
import { REUSE_WINDOW_MS, checkReuse } from '../validate/reuse.js';
import type { Verdict } from '../validate/validate.js';

/**
 * Adds `REUSED_TRACKING_NUMBER` to a verdict when the seller already confirmed the number on another order
 * within 90 days of `now` — the check that needs the store, kept apart so that `validate` stays pure.
 */
export async function withReuseCheck(
  verdict: Verdict,
  store: Store,
  sellerId: string,
  orderId: string | null,
  now: number,
): Promise<Verdict> {
  if (verdict.normalized === '') return verdict;
  const reused = await checkReuse(
    { trackingNumber: verdict.normalized, orderId: orderId ?? '', confirmedAt: now },
    (number) => store.findTrackingUses(sellerId, number, now - REUSE_WINDOW_MS),
  );
  // A number already on another order is not valid tracking for this one (the problem is an error).
  return reused ? { ...verdict, valid: false, problems: [...verdict.problems, reused] } : verdict;
}
