import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { VtrguardError } from '../core/errors.js';
import type { MetricsConfig } from '../metrics/config.js';
import { openStore } from '../store/open.js';
import type { FigureIncrements } from '../store/rollups.js';
import type { OrderSpan, Store, StoreLocation } from '../store/store.js';
import { fromWire, toWire } from './thread-errors.js';
import type { WireError } from './thread-errors.js';

/**
 * A full rebuild's spans counted on worker threads (issue 16; docs/scaling.md). Every kept figure is a sum of
 * per-package and per-order contributions and spans of orders are disjoint, so each span is counted apart, from
 * empty, and its increments added to the figures. Each thread opens its own read connection to the store, takes
 * the next span, counts it and posts its increments to the thread that holds the rebuild's transaction, which
 * writes them as they come (SQLite has one writer; one transaction keeps the rebuild all or nothing).
 *
 * Every thread reads what the rebuild's transaction would: on SQLite each reader of the file sees the last commit,
 * the transaction has changed no raw row and, holding the write lock, lets no commit in; on PostgreSQL each thread
 * reads on the snapshot the transaction exported after it took the seller's write lock.
 */

/** The counter thread's script, built beside this module (absent when the sources run untranspiled: then serial). */
export const SPAN_COUNTER_SCRIPT = new URL('../workers/span-counter.js', import.meta.url);

/** How a rebuild counts its spans off its own thread. */
export interface SpanThreads {
  /** Counter threads beside the thread that writes (Config.rebuildThreads); 0 counts on that thread. */
  threads: number;
  /** The counter's script (tests name the built one); SPAN_COUNTER_SCRIPT when absent. */
  script?: URL;
}

/** What a counter thread is given (its workerData): plain data, structured-cloneable. */
export interface SpanCountingData {
  location: StoreLocation;
  sellerId: string;
  metrics: MetricsConfig;
  /** PostgreSQL: the rebuild's exported snapshot (`Store.exportSnapshot`); null on SQLite. */
  snapshot: string | null;
}

/**
 * Rows of one kept table as they cross to the writing thread: per column its distinct values and, for each row, the
 * index of its value (an Int32Array, moved rather than copied). A span's hundred thousand defect rows cost ~0.4 s
 * of CPU to clone as arrays, ~0.13 s to pack on the counter thread and ~0.02 s to copy and unpack on the writing
 * thread, which is the one a rebuild waits for.
 */
interface PackedRows {
  count: number;
  values: (string | number)[][];
  codes: Int32Array[];
}

type PackedIncrements = Record<keyof FigureIncrements, PackedRows>;

const INCREMENT_LISTS = [
  'cells', 'lateSteps', 'defectCounts', 'scanDelays', 'scanDelaySteps', 'defectDeletes', 'defectRows', 'defectStepDeletes', 'defectSteps',
] as const satisfies readonly (keyof FigureIncrements)[];

function packRows(rows: readonly (readonly (string | number)[])[]): PackedRows {
  const width = rows[0]?.length ?? 0;
  const values: (string | number)[][] = [];
  const codes: Int32Array[] = [];
  for (let c = 0; c < width; c++) {
    const seen = new Map<string | number, number>();
    const distinct: (string | number)[] = [];
    const code = new Int32Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const value = rows[r]![c]!;
      let index = seen.get(value);
      if (index === undefined) {
        index = distinct.push(value) - 1;
        seen.set(value, index);
      }
      code[r] = index;
    }
    values.push(distinct);
    codes.push(code);
  }
  return { count: rows.length, values, codes };
}

function unpackRows(packed: PackedRows): (string | number)[][] {
  const rows = new Array<(string | number)[]>(packed.count);
  for (let r = 0; r < packed.count; r++) rows[r] = packed.codes.map((code, c) => packed.values[c]![code[r]!]!);
  return rows;
}

function packIncrements(increments: FigureIncrements): { packed: PackedIncrements; buffers: ArrayBuffer[] } {
  const packed = Object.fromEntries(INCREMENT_LISTS.map((list) => [list, packRows(increments[list])])) as PackedIncrements;
  return { packed, buffers: INCREMENT_LISTS.flatMap((list) => packed[list].codes.map((code) => code.buffer as ArrayBuffer)) };
}

function unpackIncrements(packed: PackedIncrements): FigureIncrements {
  // Each list comes back as the rows `packIncrements` was given, value for value: their tuple types hold.
  return Object.fromEntries(INCREMENT_LISTS.map((list) => [list, unpackRows(packed[list])])) as unknown as FigureIncrements;
}

type ToCounter = { kind: 'span'; index: number; span: OrderSpan } | { kind: 'close' };

type FromCounter =
  | { kind: 'ready' }
  | { kind: 'counted'; index: number; increments: PackedIncrements }
  /** `index` null: the thread could not read at all (the store would not open, the snapshot was refused). */
  | { kind: 'failed'; index: number | null; error: WireError };

const describeSpan = (span: OrderSpan) => `${span.after === null ? 'from the first' : `after ${span.after}`} ${span.upTo === null ? 'to the last' : `up to ${span.upTo}`}`;

/** A rebuild whose span a counter thread failed to count (it threw, or the thread died): its transaction rolled back. */
export class SpanCountError extends VtrguardError {
  constructor(readonly sellerId: string, readonly span: OrderSpan | null, why: Error) {
    super(
      why instanceof VtrguardError ? why.code : 'INTERNAL',
      `rebuilding the kept figures of seller ${sellerId}: counting ${span === null ? 'spans' : `the orders ${describeSpan(span)}`} on a worker thread failed: ${why.message}`,
      { ...(why instanceof VtrguardError ? why.context : {}), sellerId, span },
    );
    this.cause = why;
  }
}

/** Whether the counter's script is there (sources run untranspiled have none: the rebuild counts on its own thread). */
export function spanThreadsAvailable(script: URL): boolean {
  return existsSync(fileURLToPath(script));
}

/**
 * The counter thread's side: opens the store, counts each span it is given with `count` and posts its increments,
 * until asked to close. On PostgreSQL every read is in one read-only transaction on the rebuild's snapshot.
 */
export async function serveSpanCounts(port: MessagePort, data: SpanCountingData, count: (store: Store, span: OrderSpan) => Promise<FigureIncrements>): Promise<void> {
  const post = (message: FromCounter) => port.postMessage(message);
  let store: Store;
  try {
    // It only reads: the rebuild's thread opened (and migrated) the store.
    store = await openStore(data.location.target, { ...data.location.options, migrate: false });
  } catch (error) {
    post({ kind: 'failed', index: null, error: toWire(error) });
    port.close();
    return;
  }
  const serve = (reader: Store) => new Promise<void>((resolve) => {
    port.on('message', (message: ToCounter) => {
      if (message.kind === 'close') return resolve();
      count(reader, message.span).then(
        (increments) => {
          const { packed, buffers } = packIncrements(increments);
          port.postMessage({ kind: 'counted', index: message.index, increments: packed } satisfies FromCounter, buffers);
        },
        (error: unknown) => post({ kind: 'failed', index: message.index, error: toWire(error) }),
      );
    });
    post({ kind: 'ready' });
  });
  try {
    await (data.snapshot === null ? serve(store) : store.readingSnapshot(data.snapshot, serve));
  } catch (error) {
    post({ kind: 'failed', index: null, error: toWire(error) });
  } finally {
    await store.close();
    port.close();
  }
}

interface Counter {
  worker: Worker;
  exited: Promise<unknown>;
  /** The span it counts now. */
  index: number | null;
  /** Told to close, or being terminated: its exit is no failure. */
  closing: boolean;
}

/**
 * The rebuild's side: counts `spans` on `threads` counter threads (the script `script`) and hands each span's
 * increments to `apply`, one at a time, in the order they come. A thread is given its next span while the
 * writes have at most `threads` spans to apply (the one being written included), so the threads count while this
 * one writes, and memory stays bounded when the writes are the slower side (a thread waits for its next span). The first failure — a span that threw, a thread that died, an `apply` that threw — ends every thread and
 * is thrown once no `apply` runs any more; no thread outlives the call.
 */
export async function countSpansOnThreads(
  threads: number, script: URL, data: SpanCountingData, spans: readonly OrderSpan[], apply: (increments: FigureIncrements) => Promise<void>,
): Promise<void> {
  if (spans.length === 0) return;
  const counters: Counter[] = [];
  let applying: Promise<void> = Promise.resolve();
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      let next = 0;
      let waitingToApply = 0;
      let applied = 0;
      const idle: Counter[] = [];
      const fail = (error: unknown) => {
        failed = true;
        reject(error);
      };
      const spanFailed = (index: number | null, why: Error) => fail(new SpanCountError(data.sellerId, index === null ? null : spans[index]!, why));
      const handOut = () => {
        while (!failed && idle.length > 0 && next < spans.length && waitingToApply <= threads) {
          const counter = idle.pop()!;
          counter.index = next;
          counter.worker.postMessage({ kind: 'span', index: next, span: spans[next]! } satisfies ToCounter);
          next++;
        }
        if (next < spans.length) return;
        for (const counter of idle.splice(0)) {
          counter.closing = true;
          counter.worker.postMessage({ kind: 'close' } satisfies ToCounter);
        }
      };
      const counted = (increments: FigureIncrements) => {
        waitingToApply++;
        applying = applying.then(async () => {
          if (failed) return;
          await apply(increments);
          waitingToApply--;
          applied++;
          if (applied === spans.length) resolve();
          else handOut();
        }).catch(fail);
      };
      for (let i = 0; i < Math.min(threads, spans.length); i++) {
        const worker = new Worker(script, { workerData: data satisfies SpanCountingData });
        const counter: Counter = { worker, exited: new Promise((ended) => worker.once('exit', ended)), index: null, closing: false };
        counters.push(counter);
        worker.on('message', (message: FromCounter) => {
          if (message.kind === 'failed') return spanFailed(message.index, fromWire(message.error, 'span counter thread'));
          if (message.kind === 'counted') counted(unpackIncrements(message.increments));
          counter.index = null;
          idle.push(counter);
          handOut();
        });
        worker.on('error', (error) => spanFailed(counter.index, error));
        worker.on('exit', (code) => {
          if (!counter.closing) spanFailed(counter.index, new Error(`the thread stopped (exit code ${code})`));
        });
      }
    });
  } finally {
    await applying;
    for (const counter of counters) {
      if (counter.closing) continue;
      counter.closing = true;
      void counter.worker.terminate();
    }
    await Promise.all(counters.map((c) => c.exited));
  }
}
