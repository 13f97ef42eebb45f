import { compareCodeUnits } from '../../core/compare.js';
import type { TrackingEventRecord } from '../../core/domain.js';
import type { FactWrites, Store } from '../../store/store.js';
import { writeEventBatches, writeEvents } from '../write-events.js';
import type { EventBatch } from '../write-events.js';

/** Where an EventWriter's transactions run: on this thread (`committerOn`) or on a writer thread (src/app/webhook-writer-thread.ts). */
export interface EventCommitter {
  /** Events per transaction at most (MAX_EVENTS_PER_TRANSACTION); for a writer thread, per hand-over. */
  readonly maxEvents: number;
  /**
   * Batches handed to it at once. 1 on this thread: the next batch forms from what arrives while one commits.
   * Unbounded for a writer thread: each turn's deliveries go at once, and the thread groups what waits there while
   * it commits (its own EventWriter), so it neither idles for the answer's round trip nor commits small batches.
   * A committer that takes more than one also gets a full batch (`maxEvents`) as soon as it is queued, before the
   * turn ends: handing it over costs this thread little, and the thread starts on it while this one parses the
   * rest of a burst.
   */
  readonly pipeline: number;
  /**
   * Stores the events of one seller (distinct keys, in key order) in one transaction that keeps the figures
   * current; settles once it is committed, or rejects with why it was not. A committer that keeps its transaction
   * open for what arrives meanwhile (`committerOn`'s `takesArrivals`) stores in it each batch `more` hands out
   * until it hands out null.
   */
  commit(sellerId: string, events: readonly TrackingEventRecord[], receivedAt: number, more?: () => Promise<EventBatch | null>): Promise<void>;
  /** Releases what it holds (a thread), after its last commit. */
  close(): Promise<void>;
}

interface Pending {
  events: readonly TrackingEventRecord[];
  receivedAt: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One seller's deliveries waiting for a transaction, and their events in all. */
interface Queue {
  items: Pending[];
  events: number;
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

/**
 * Transactions on this thread, on `store`, keeping the figures with `figures` (src/app/kept-figures.ts). With
 * `takesArrivals`, a transaction stays open for the deliveries that arrive while it runs (`EventWriter`: a turn of
 * the event loop between two batches), up to `maxEvents` in all: its figures and its COMMIT are written once for
 * all of them. Only where no reads wait for this thread (the writer thread): a SQLite transaction holds the other
 * writes of the file meanwhile.
 */
export function committerOn(store: Store, figures?: FactWrites, maxEvents: number = MAX_EVENTS_PER_TRANSACTION[store.dialect], takesArrivals = false): EventCommitter {
  return {
    maxEvents,
    pipeline: 1,
    commit: async (sellerId, events, receivedAt, more) => {
      if (takesArrivals && more) await writeEventBatches(store, figures, sellerId, { events, receivedAt }, more);
      else await writeEvents(store, figures, sellerId, events, receivedAt);
    },
    close: async () => undefined,
  };
}

/**
 * Group commit for webhook deliveries: deliveries that arrive while a write is in flight are stored together in
 * the next transaction (or, with a committer that takes them, in the open one), and each caller's promise settles
 * only once its events are committed. Under load one transaction carries up to `maxEvents` events (SQLite commits
 * are a cost), idle it is one per delivery; between two transactions the event loop turns, so requests waiting for
 * it are served before the next one.
 */
export class EventWriter {
  private readonly queues = new Map<string, Queue>();
  /** The running drain, until it has stored every queued delivery. */
  private flushing: Promise<void> | null = null;
  /** Wakes a drain that waits for deliveries while a transaction commits. */
  private arrived: (() => void) | null = null;
  /** Ends a drain's wait for the end of the turn early, once a full batch is queued (`EventCommitter.pipeline`). */
  private batchFull: (() => void) | null = null;
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
      if (!queue) this.queues.set(sellerId, (queue = { items: [], events: 0 }));
      queue.items.push({ events, receivedAt, resolve, reject });
      queue.events += events.length;
      this.arrived?.();
      // Let the deliveries already parsed in this turn of the event loop join the first batch.
      this.flushing ??= this.endOfTurn().then(() => this.drain());
      if (queue.events >= this.maxEvents && this.committer.pipeline > 1) this.batchFull?.();
    });
  }

  /** Stores what is queued, then closes the committer (a writer thread ends). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.committer.close();
  }

  /** Settles once this turn of the event loop has run what waits in it, or earlier when `batchFull` is called. */
  private endOfTurn(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearImmediate(immediate);
        this.batchFull = null;
        resolve();
      };
      const immediate = setImmediate(wake);
      this.batchFull = wake;
    });
  }

  private async drain(): Promise<void> {
    const committing = new Set<Promise<void>>();
    try {
      for (;;) {
        const next = this.queues.keys().next();
        if (next.done) {
          if (committing.size === 0) return;
          // Room for another transaction (a writer thread's pipeline): the next delivery to arrive, and those parsed
          // in the same turn of the event loop, are handed over without waiting for the one committing.
          await Promise.race([...committing, new Promise<void>((resolve) => (this.arrived = resolve))]);
          this.arrived = null;
          await this.endOfTurn();
          continue;
        }
        const sellerId = next.value;
        const commit: Promise<void> = this.commit(sellerId, this.take(sellerId, this.maxEvents)).finally(() => committing.delete(commit));
        committing.add(commit);
        if (committing.size >= this.committer.pipeline) await Promise.race(committing);
        await this.endOfTurn();
      }
    } finally {
      this.flushing = null;
    }
  }

  /** The seller's first queued deliveries, at least one and else at most `room` events in all. */
  private take(sellerId: string, room: number): Pending[] {
    const queue = this.queues.get(sellerId);
    if (!queue) return [];
    const batch: Pending[] = [];
    let size = 0;
    while (queue.items.length > 0 && (batch.length === 0 || size + queue.items[0]!.events.length <= room)) {
      const item = queue.items.shift()!;
      batch.push(item);
      size += item.events.length;
    }
    queue.events -= size;
    if (queue.items.length === 0) this.queues.delete(sellerId);
    return batch;
  }

  private async commit(sellerId: string, first: readonly Pending[]): Promise<void> {
    const batch = [...first];
    let size = eventsIn(first);
    // Deliveries of this seller that arrived while the transaction ran, asked for after a turn of the event loop
    // (the committer asks only when it keeps its transaction open), up to the transaction's bound.
    const more = async (): Promise<EventBatch | null> => {
      await new Promise((resolve) => setImmediate(resolve));
      const room = this.maxEvents - size;
      const queued = this.queues.get(sellerId);
      if (!queued || queued.items[0]!.events.length > room) return null;
      const arrived = this.take(sellerId, room);
      batch.push(...arrived);
      size += eventsIn(arrived);
      return eventBatch(arrived);
    };
    try {
      const { events, receivedAt } = eventBatch(first);
      await this.committer.commit(sellerId, events, receivedAt, more);
      for (const item of batch) item.resolve();
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}

const eventsIn = (items: readonly Pending[]) => items.reduce((n, item) => n + item.events.length, 0);

/** Deliveries' events with distinct keys, in key order (so concurrent PostgreSQL writers cannot deadlock on them), and their latest receipt. */
function eventBatch(items: readonly Pending[]): EventBatch {
  const unique = new Map<string, TrackingEventRecord>();
  for (const item of items) for (const e of item.events) if (!unique.has(e.eventKey)) unique.set(e.eventKey, e);
  let receivedAt = items[0]!.receivedAt;
  for (const item of items) receivedAt = Math.max(receivedAt, item.receivedAt);
  return { events: [...unique.values()].sort((a, b) => compareCodeUnits(a.eventKey, b.eventKey)), receivedAt };
}
