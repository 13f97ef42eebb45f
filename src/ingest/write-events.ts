import type { TrackingEventRecord } from '../core/domain.js';
import { writeFacts } from '../store/fact-writes.js';
import type { EventInsertResult, FactWrites, Store } from '../store/store.js';

/**
 * Stores tracking events in one transaction and, with `figures`, keeps the figures derived from them current in
 * it: the packages with the events' tracking numbers are the facts that can change.
 */
export function writeEvents(
  store: Store,
  figures: FactWrites | undefined,
  sellerId: string,
  events: readonly TrackingEventRecord[],
  receivedAt: number,
): Promise<EventInsertResult> {
  const keys = { orderIds: [], trackingNumbers: events.map((e) => e.trackingNumber) };
  return writeFacts(store, figures, sellerId, keys, (tx) => tx.insertEvents(sellerId, events, receivedAt));
}
