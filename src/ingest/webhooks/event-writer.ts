import { compareCodeUnits } from '../../core/compare.js';
import type { TrackingEventRecord } from '../../core/domain.js';
import type { FactWrites, Store } from '../../store/store.js';
import { writeEvents } from '../write-events.js';

/** Where an EventWriter's transactions run: on this thread (`committerOn`) or on a writer thread (src/app/webhook-writer-thread.ts). */
export interface EventCommitter {
  /** Events per transaction at most (MAX_EVENTS_PER_TRANSACTION). */
  readonly maxEvents: number;
  /**
   * Batches handed to it at once. 1 on this thread: the next batch forms from what arrives while one commits.
   * Unbounded for a writer thread: each turn's deliveries go at once, and the thread groups what waits there while
   * it commits (its own EventWriter), so it neither idles for the answer's round trip nor commits small batches.
   */
  readonly pipeline: number;
  /**
   * Stores the events of one seller (distinct keys, in key order) in one transaction that keeps the figures
   * current; settles once it is committed, or rejects with why it was not.
   */
  commit(sellerId: string, events: readonly TrackingEventRecord[], receivedAt: number): Promise<void>;
  /** Releases what it holds (a thread), after its last commit. */
  close(): Promise<void>;
}

interface Pending {
  events: readonly TrackingEventRecord[];
  receivedAt: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Events per transaction by default. On SQLite a transaction holds the event loop from its first statement to its
 * COMMIT, so every request that arrives meanwhile (a dashboard read) waits for all of it: ~0.6 ms an event (CPU,
 * 100k packages, the 2-core VM at load 15). A bigger transaction spreads its fixed cost (the kept figures' pages
 * each COMMIT writes, the statements around the events: ~12 ms a transaction there) over more events: 1,000 a
 * transaction cost 600 µs of CPU a delivery where 100 cost 710. 250 keeps most of that, and bounds the wait.
 * PostgreSQL's statements leave the event loop free while they run, so there a transaction takes what waits, up
 * to 2,000 events (its round trips are the fixed cost).
 */
export const MAX_EVENTS_PER_TRANSACTION = { sqlite: 250, postgres: 2000 } as const;

/** Transactions on this thread, on `store`, keeping the figures with `figures` (src/app/kept-figures.ts). */
export function committerOn(store: Store, figures?: FactWrites, maxEvents: number = MAX_EVENTS_PER_TRANSACTION[store.dialect]): EventCommitter {
  return {
    maxEvents,
    pipeline: 1,
    commit: async (sellerId, events, receivedAt) => {
      await writeEvents(store, figures, sellerId, events, receivedAt);
    },
    close: async () => undefined,
  };
}

/**
 * Group commit for webhook deliveries: deliveries that arrive while a write is in flight are stored together in
 * the next transaction, and each caller's promise settles only once its events are committed. Under load one
 * transaction carries up to `maxEvents` events (SQLite commits are a cost), idle it is one per delivery; between
 * two transactions the event loop turns, so requests waiting for it are served before the next one.
 */
export class EventWriter {
  private readonly queues = new Map<string, Pending[]>();
  /** The running drain, until it has stored every queued delivery. */
  private flushing: Promise<void> | null = null;
  /** Wakes a drain that waits for deliveries while a transaction commits. */
  private arrived: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly committer: EventCommitter,
    private readonly maxEvents: number = committer.maxEvents,
  ) {}

  /** `receivedAt`: when the server received the delivery (a transaction stores its latest delivery's). */
  write(sellerId: string, events: readonly TrackingEventRecord[], receivedAt: number): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('the webhook event writer is closed'));
    return new Promise<void>((resolve, reject) => {
      let queue = this.queues.get(sellerId);
      if (!queue) this.queues.set(sellerId, (queue = []));
      queue.push({ events, receivedAt, resolve, reject });
      this.arrived?.();
      // Let the deliveries already parsed in this turn of the event loop join the first batch.
      this.flushing ??= new Promise((resolve) => setImmediate(resolve)).then(() => this.drain());
    });
  }

  /** Stores what is queued, then closes the committer (a writer thread ends). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.committer.close();
  }

  private async drain(): Promise<void> {
    const committing = new Set<Promise<void>>();
    try {
      for (;;) {
        const next = this.queues.entries().next();
        if (next.done) {
          if (committing.size === 0) return;
          // Room for another transaction (a writer thread's pipeline): the next delivery to arrive, and those parsed
          // in the same turn of the event loop, are handed over without waiting for the one committing.
          await Promise.race([...committing, new Promise<void>((resolve) => (this.arrived = resolve))]);
          this.arrived = null;
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        const [sellerId, queue] = next.value;
        const batch: Pending[] = [];
        let size = 0;
        while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.events.length <= this.maxEvents)) {
          const item = queue.shift()!;
          batch.push(item);
          size += item.events.length;
        }
        if (queue.length === 0) this.queues.delete(sellerId);
        const commit: Promise<void> = this.commit(sellerId, batch).finally(() => committing.delete(commit));
        committing.add(commit);
        if (committing.size >= this.committer.pipeline) await Promise.race(committing);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commit(sellerId: string, batch: readonly Pending[]): Promise<void> {
    // Keys in one order in every transaction, so concurrent PostgreSQL writers cannot deadlock on them.
    const unique = new Map<string, TrackingEventRecord>();
    for (const item of batch) for (const e of item.events) if (!unique.has(e.eventKey)) unique.set(e.eventKey, e);
    const events = [...unique.values()].sort((a, b) => compareCodeUnits(a.eventKey, b.eventKey));
    let receivedAt = batch[0]!.receivedAt;
    for (const item of batch) receivedAt = Math.max(receivedAt, item.receivedAt);
    try {
      await this.committer.commit(sellerId, events, receivedAt);
      for (const item of batch) item.resolve();
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
