import type { TrackingEventRecord } from '../core/domain.js';
import type { EventInsertResult, FactWrites, Store } from '../store/store.js';

/** Events received together, and when (a transaction stores its latest delivery's instant). */
export interface EventBatch {
  events: readonly TrackingEventRecord[];
  receivedAt: number;
}

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
  return writeEventBatches(store, figures, sellerId, { events, receivedAt }, async () => null);
}

/**
 * Stores `first`, then each batch `next` hands out until it hands out null, in one transaction with one FactWrites
 * session: each batch's packages are read before and after it as `writeEvents` reads them, while the figures'
 * increments and the COMMIT are written once for all the batches.
 */
export function writeEventBatches(
  store: Store,
  figures: FactWrites | undefined,
  sellerId: string,
  first: EventBatch,
  next: () => Promise<EventBatch | null>,
): Promise<EventInsertResult> {
  return store.transaction(async (tx) => {
    const session = figures === undefined ? null : await figures.begin(tx, sellerId);
    const stored: EventInsertResult = { inserted: 0, duplicates: 0 };
    for (let batch: EventBatch | null = first; batch !== null; batch = await next()) {
      const { events, receivedAt } = batch;
      const write = () => tx.insertEvents(sellerId, events, receivedAt);
      const keys = { orderIds: [], trackingNumbers: events.map((e) => e.trackingNumber) };
      const { inserted, duplicates } = session === null ? await write() : await session.change(keys, write);
      stored.inserted += inserted;
      stored.duplicates += duplicates;
    }
    await session?.finish();
    return stored;
  });
}
