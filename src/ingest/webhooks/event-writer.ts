import type { TrackingEventRecord } from '../../core/domain.js';
import type { FactWrites, Store } from '../../store/store.js';
import { writeEvents } from '../write-events.js';

interface Pending {
  events: readonly TrackingEventRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for webhook deliveries: deliveries that arrive while a write is in flight are stored together in
 * the next transaction, and each caller's promise settles only once its events are committed. Under load one
 * transaction carries hundreds of deliveries (SQLite commits are the cost), idle it is one per delivery.
 */
export class EventWriter {
  private readonly queues = new Map<string, Pending[]>();
  private flushing = false;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    /** Keeps the figures current with each commit (src/app/kept-figures.ts). */
    private readonly figures?: FactWrites,
    private readonly maxEvents = 2000,
  ) {}

  write(sellerId: string, events: readonly TrackingEventRecord[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let queue = this.queues.get(sellerId);
      if (!queue) this.queues.set(sellerId, (queue = []));
      queue.push({ events, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let the deliveries already parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const next = this.queues.entries().next();
        if (next.done) return;
        const [sellerId, queue] = next.value;
        const batch: Pending[] = [];
        let size = 0;
        while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.events.length <= this.maxEvents)) {
          const item = queue.shift()!;
          batch.push(item);
          size += item.events.length;
        }
        if (queue.length === 0) this.queues.delete(sellerId);
        await this.commit(sellerId, batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(sellerId: string, batch: readonly Pending[]): Promise<void> {
    // Keys in one order in every transaction, so concurrent PostgreSQL writers cannot deadlock on them.
    const unique = new Map<string, TrackingEventRecord>();
    for (const item of batch) for (const e of item.events) if (!unique.has(e.eventKey)) unique.set(e.eventKey, e);
    const events = [...unique.values()].sort((a, b) => (a.eventKey < b.eventKey ? -1 : a.eventKey > b.eventKey ? 1 : 0));
    try {
      await writeEvents(this.store, this.figures, sellerId, events, this.now());
      for (const item of batch) item.resolve();
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
