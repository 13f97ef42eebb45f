import type { Store } from '../../store/store.js';
import { queuePackages } from '../../store/tracking-poll.js';
import { API_CARRIER_KEYS, PULL_CARRIERS } from './clients/index.js';
import { MAX_AGE_MS } from './schedule.js';

/** The registry carrier keys some API client serves: only their packages can ever be polled. */
const POLLED_CARRIER_KEYS = PULL_CARRIERS.flatMap((carrier) => API_CARRIER_KEYS[carrier]);

/**
 * Queues the packages of these orders for the poller as a write has just left them (their rows, or Amazon's record of
 * them), inside the write's transaction: what a crash loses of the write, it loses of the queue, and nothing else. The
 * window is the default schedule's: a package confirmed longer ago than it lasts would only be polled once and closed.
 */
export function queueForPolling(tx: Store, sellerId: string, orderIds: readonly string[], now: number): Promise<void> {
  return queuePackages(tx, sellerId, orderIds, { carrierKeys: POLLED_CARRIER_KEYS, confirmedAfter: now - MAX_AGE_MS() });
}
