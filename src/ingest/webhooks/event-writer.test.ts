import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackingEventRecord } from '../../core/domain.js';
import type { FactWrites } from '../../store/store.js';
import { freshSqliteStore, rawSql } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { committerOn, EventWriter } from './event-writer.js';
import type { EventCommitter } from './event-writer.js';

const T0 = Date.parse('2026-05-04T12:00:00Z');

function event(n: number): TrackingEventRecord {
  return {
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber: `1Z${n}`, occurredAt: T0 + n * 60_000, offsetMinutes: 0, status: 'in_transit',
    code: null, description: 'scan', location: null, source: 'test', eventKey: `test:${n}`,
  };
}

describe('EventWriter', () => {
  let t: TestStore;
  /** What happened, in order: a transaction of the writer beginning, or something else the event loop ran. */
  let log: string[];
  /** Counts the writer's transactions (one FactWrites session each) without keeping figures. */
  const counting: FactWrites = {
    begin: async () => {
      log.push('transaction');
      return { change: (_keys, write) => write(), finish: async () => undefined };
    },
  };

  beforeEach(async () => {
    t = await freshSqliteStore();
    log = [];
  });
  afterEach(() => t.dispose());

  it('stores deliveries that arrive together in shared transactions of at most maxEvents events', async () => {
    const writer = new EventWriter(committerOn(t.store, counting), 4);
    await Promise.all([0, 1, 2, 3, 4].map((k) => writer.write('s1', [event(2 * k), event(2 * k + 1)], T0)));
    // Five deliveries of two events: two transactions of two deliveries, then one of the last.
    expect(log).toEqual(['transaction', 'transaction', 'transaction']);
    const [row] = await rawSql(t.store).all<{ n: number }>("SELECT COUNT(*) AS n FROM tracking_events WHERE seller_id = 's1'");
    expect(Number(row!.n)).toBe(10);
  });

  it('lets the event loop serve what waits for it between two transactions', async () => {
    const writer = new EventWriter(committerOn(t.store, counting), 2);
    const writes = [0, 1, 2].map((k) => writer.write('s1', [event(2 * k), event(2 * k + 1)], T0));
    // Queued after the deliveries, as a request that arrived meanwhile would be.
    setImmediate(() => log.push('request'));
    await Promise.all(writes);
    expect(log).toEqual(['transaction', 'request', 'transaction', 'transaction']);
  });

  it('settles a delivery only when its events are committed, and fails every delivery of a failed transaction', async () => {
    const failing: FactWrites = { begin: async () => ({ change: async () => { throw new Error('disk full'); }, finish: async () => undefined }) };
    const writer = new EventWriter(committerOn(t.store, failing));
    const results = await Promise.allSettled([writer.write('s1', [event(1)], T0), writer.write('s1', [event(2)], T0)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const [row] = await rawSql(t.store).all<{ n: number }>('SELECT COUNT(*) AS n FROM tracking_events');
    expect(Number(row!.n)).toBe(0);
  });

  it('hands a writer thread each turn\'s deliveries at once, without waiting for the batches it already holds', async () => {
    /** Each batch handed over, by its events' keys, settled only when the test says so. */
    const handed: { keys: string[]; settle: () => void }[] = [];
    const threadLike: EventCommitter = {
      maxEvents: 250,
      pipeline: Infinity,
      commit: (_seller, events) => new Promise<void>((resolve) => handed.push({ keys: events.map((e) => e.eventKey), settle: resolve })),
      close: async () => undefined,
    };
    const writer = new EventWriter(threadLike);
    const settled: string[] = [];
    const write = (n: number) => writer.write('s1', [event(n)], T0).then(() => settled.push(`delivery ${n}`));
    const first = write(1);
    await vi.waitFor(() => expect(handed).toHaveLength(1));
    // Arriving while the first is out: handed over at once, those of one turn together.
    const second = write(2);
    await vi.waitFor(() => expect(handed).toHaveLength(2));
    const others = [write(3), write(4)];
    await vi.waitFor(() => expect(handed).toHaveLength(3));
    expect(handed.map((h) => h.keys)).toEqual([['test:1'], ['test:2'], ['test:3', 'test:4']]);
    // Each settles when its own batch does; closing waits for all of them.
    handed[1]!.settle();
    await second;
    expect(settled).toEqual(['delivery 2']);
    const closed = writer.close();
    handed[0]!.settle();
    handed[2]!.settle();
    await Promise.all([first, ...others, closed]);
    expect(settled).toEqual(['delivery 2', 'delivery 1', 'delivery 3', 'delivery 4']);
  });

  it('hands a full batch to a committer that takes several at once before the turn ends; one on this thread waits for the turn', async () => {
    const order: string[] = [];
    const threadLike: EventCommitter = {
      maxEvents: 2,
      pipeline: Infinity,
      commit: async (_seller, events) => {
        order.push(`hand-over of ${events.length}`);
      },
      close: async () => undefined,
    };
    for (const committer of [threadLike, committerOn(t.store, counting, 2)]) {
      const writer = new EventWriter(committer);
      // Queued before the deliveries, as a request already waiting in this turn would be.
      setImmediate(() => order.push('end of turn'));
      await Promise.all([0, 1, 2].map((k) => writer.write('s1', [event(k)], T0)));
    }
    expect(order).toEqual(['hand-over of 2', 'end of turn', 'hand-over of 1', 'end of turn']);
    expect(log).toEqual(['transaction', 'transaction']);
  });

  describe('with a committer that keeps its transaction open for what arrives', () => {
    /** Deliveries settled so far, in order. */
    let settled: string[];
    let writer: EventWriter;
    /** Deliveries written by the sessions below while a transaction runs. */
    let arrivals: Promise<unknown>[];
    const write = (k: number) => writer.write('s1', [event(2 * k), event(2 * k + 1)], T0).then(() => settled.push(`delivery ${k}`));

    beforeEach(() => {
      settled = [];
      arrivals = [];
    });

    it('stores what arrives while it runs in the same transaction, up to maxEvents, and settles it once committed', async () => {
      const arriving: FactWrites = {
        begin: async () => {
          log.push('transaction');
          return {
            change: async (_keys, store) => {
              log.push('batch');
              // While the first batch is written, three more deliveries arrive.
              if (arrivals.length === 0) arrivals.push(write(1), write(2), write(3));
              return store();
            },
            finish: async () => {
              log.push(`finish, ${settled.length} settled`);
            },
          };
        },
      };
      writer = new EventWriter(committerOn(t.store, arriving, 4, true));
      await write(0);
      await Promise.all(arrivals);
      // Delivery 1 joins the first transaction as its second batch (four events: its bound); 2 and 3 go in the next.
      expect(log).toEqual(['transaction', 'batch', 'batch', 'finish, 0 settled', 'transaction', 'batch', 'finish, 2 settled']);
      expect(settled).toEqual(['delivery 0', 'delivery 1', 'delivery 2', 'delivery 3']);
      const [row] = await rawSql(t.store).all<{ n: number }>('SELECT COUNT(*) AS n FROM tracking_events');
      expect(Number(row!.n)).toBe(8);
    });

    it('fails every delivery of the transaction when a later batch fails, and stores none of them', async () => {
      const failingLater: FactWrites = {
        begin: async () => ({
          change: async (_keys, store) => {
            if (arrivals.length > 0) throw new Error('disk full');
            arrivals.push(write(1));
            return store();
          },
          finish: async () => undefined,
        }),
      };
      writer = new EventWriter(committerOn(t.store, failingLater, 4, true));
      const [first] = await Promise.allSettled([write(0)]);
      const later = await Promise.allSettled(arrivals);
      expect([first, ...later].map((r) => r!.status)).toEqual(['rejected', 'rejected']);
      const [row] = await rawSql(t.store).all<{ n: number }>('SELECT COUNT(*) AS n FROM tracking_events');
      expect(Number(row!.n)).toBe(0);
    });
  });
});
