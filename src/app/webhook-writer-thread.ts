import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { TrackingEventRecord } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { committerOn, EventWriter, MAX_EVENTS_PER_TRANSACTION } from '../ingest/webhooks/event-writer.js';
import type { EventCommitter } from '../ingest/webhooks/event-writer.js';
import type { MetricsConfig } from '../metrics/config.js';
import { openStore } from '../store/open.js';
import type { Store, StoreLocation } from '../store/store.js';
import { WriteGate } from '../store/write-gate.js';
import { keptFigures } from './kept-figures.js';
import { fromWire, toWire } from './thread-errors.js';
import type { WireError } from './thread-errors.js';

/**
 * Webhook deliveries' transactions on a thread of their own (issue 16). On SQLite a transaction holds its thread
 * from BEGIN to COMMIT (better-sqlite3 is synchronous), so on the server's thread every read waited behind the
 * writes and both shared one core. The writer thread opens its own connection to the same database — SQLite in WAL
 * mode, where the server's reads keep reading the last commit; or its own PostgreSQL pool — and runs the same
 * `writeEvents` with the kept figures of the same metrics configuration. The server's thread keeps HTTP,
 * signatures, parsing, grouping (EventWriter) and every read, and settles each delivery when the thread answers.
 *
 * Nothing about the figures is cached on the server's thread (every read asks the database whether they are
 * current: rollups.ts `figuresCurrent`), so a read after the thread's commit sees it.
 */

/**
 * Events a transaction on the writer thread holds at most, on either dialect. The thread serves no reads, so the
 * bound that keeps SQLite transactions on the server's thread short (MAX_EVENTS_PER_TRANSACTION) has no reason
 * there, and a transaction costs less an event the more it holds (pages of the kept figures and of the indexes
 * written once for all, one COMMIT): on the bench's 300k-package SQLite store, 124–134 µs of CPU an event in one
 * transaction of 1,000, 215 in four of 250, 310–390 in transactions of 32 (docs/scaling.md, "Webhook deliveries:
 * one growing transaction on the writer thread"). The server's other writes wait for the write gate meanwhile.
 */
export const WRITER_THREAD_MAX_EVENTS = 2000;

/**
 * Events the server's thread hands over in one message at most. A burst parsed in one turn goes in parts, the
 * first as soon as it is parsed (`EventCommitter.pipeline`), and the thread's open transaction takes the next ones
 * as they come (`committerOn`'s `takesArrivals`): the thread works while the server's thread still parses.
 */
const HAND_OVER_EVENTS = MAX_EVENTS_PER_TRANSACTION.sqlite;

/** What the writer thread is given (its workerData): plain data, structured-cloneable. */
export interface WriterThreadData {
  location: StoreLocation;
  metrics: MetricsConfig;
}

/** One transaction's worth of events, and the instant they were received (the server's clock, not the thread's). */
interface CommitRequest {
  kind: 'commit';
  id: number;
  sellerId: string;
  events: readonly TrackingEventRecord[];
  receivedAt: number;
}

type ToWriter = CommitRequest | { kind: 'close' };

type FromWriter =
  | { kind: 'answer'; id: number; error: WireError | null }
  /**
   * The thread cannot write at all (the database would not open); it ends after saying why: `error` for the
   * deliveries it holds, `reason` (the driver's own words) for the log.
   */
  | { kind: 'broken'; error: WireError; reason: string };

/** The thread's side: opens the store and answers each commit request. Runs until asked to close. */
export async function serveWebhookWrites(port: MessagePort, data: WriterThreadData): Promise<void> {
  let store: Store;
  try {
    // The server's thread migrated it when it opened it.
    store = await openStore(data.location.target, { ...data.location.options, migrate: false });
  } catch (error) {
    port.postMessage({ kind: 'broken', error: toWire(error), reason: error instanceof Error ? error.message : String(error) } satisfies FromWriter);
    port.close();
    return;
  }
  // Group commit here too: the batches that arrive while a transaction runs join it, up to its bound, and those that
  // arrive while it commits are stored together in the next.
  const writer = new EventWriter(committerOn(store, keptFigures(data.metrics), WRITER_THREAD_MAX_EVENTS, true));
  port.on('message', (message: ToWriter) => {
    if (message.kind === 'close') {
      void writer.close().then(() => store.close()).finally(() => port.close());
      return;
    }
    const answer = (error: WireError | null) => port.postMessage({ kind: 'answer', id: message.id, error } satisfies FromWriter);
    writer.write(message.sellerId, message.events, message.receivedAt).then(() => answer(null), (error: unknown) => answer(toWire(error)));
  });
}

interface Waiting {
  events: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A started thread and the commits it has not answered yet. */
interface Running {
  worker: Worker;
  threadId: number;
  waiting: Map<number, Waiting>;
  /** Why it stopped, for the log, once it said (a database that would not open) or crashed. */
  cause: string | null;
  /** The typed reason it gave for not starting (DB_UNREACHABLE, DB_BUSY): what the commits it held are answered. */
  failure: VtrguardError | null;
}

/**
 * How long a sender waits before sending again what a writer thread that died held: the next commit starts a new
 * thread at once, so the wait is only for the sender not to arrive before it.
 */
const RESTART_RETRY_SECONDS = 1;

/**
 * What the senders of the deliveries a thread that could not start held are told: its error's code and when to
 * retry, not the file or the host it names (that is the log's); null when it has no code (a bug).
 */
function toSender(error: WireError): VtrguardError | null {
  if (!error.code) return null;
  const retryAfterSeconds = error.context?.retryAfterSeconds;
  return new VtrguardError(error.code, undefined, typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {});
}

/** Whether the thread's script is there (it is built beside this module; sources run untranspiled have none). */
export function writerThreadAvailable(url: URL): boolean {
  return existsSync(fileURLToPath(url));
}

/**
 * The server's side: an EventCommitter whose transactions run on the writer thread (the script at `url`, which
 * calls `serveWebhookWrites`). The thread starts at the first commit. When it dies, every commit it had not
 * answered is rejected (nothing is acknowledged that it may not have stored: a commit that did land is stored
 * again harmlessly by the sender's retry) with WEBHOOK_WRITER_RESTARTING — 503 and Retry-After, as retrying helps:
 * the next commit starts a new thread — or with the typed reason a thread that could not start gave.
 */
export class WebhookWriterThread implements EventCommitter {
  readonly maxEvents = HAND_OVER_EVENTS;
  readonly pipeline = Infinity;
  private running: Running | null = null;
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly url: URL,
    private readonly data: WriterThreadData,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  commit(sellerId: string, events: readonly TrackingEventRecord[], receivedAt: number): Promise<void> {
    if (this.closing) return Promise.reject(new Error('the webhook writer thread is closed'));
    const running = (this.running ??= this.start());
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      running.waiting.set(id, { events: events.length, resolve, reject });
      // Held while it owes an answer, so the process does not end with a delivery unanswered.
      running.worker.ref();
      running.worker.postMessage({ kind: 'commit', id, sellerId, events, receivedAt } satisfies ToWriter);
    });
  }

  private start(): Running {
    const worker = new Worker(this.url, { workerData: this.data satisfies WriterThreadData });
    // `worker.threadId` reads -1 once the thread has ended: keep it for the exit handler.
    const running: Running = { worker, threadId: worker.threadId, waiting: new Map(), cause: null, failure: null };
    worker.unref();
    worker.on('message', (message: FromWriter) => {
      if (message.kind === 'broken') {
        running.failure = toSender(message.error);
        running.cause = `it could not start: ${message.reason}`;
        return;
      }
      const waiting = running.waiting.get(message.id);
      running.waiting.delete(message.id);
      if (running.waiting.size === 0) worker.unref();
      if (message.error) waiting?.reject(fromWire(message.error, 'webhook writer thread'));
      else waiting?.resolve();
    });
    worker.on('error', (error) => {
      running.cause ??= error.message;
    });
    worker.once('exit', (code) => {
      if (this.running === running) this.running = null;
      // A thread that died inside a transaction cannot free the write gate; SQLite rolled the transaction back when
      // the thread's connection closed with it.
      const gate = this.data.location.options.writeGate;
      if (gate) new WriteGate(gate).releaseHeldBy(running.threadId);
      if (running.waiting.size === 0 && this.closing) return;
      const why = running.failure ?? new VtrguardError('WEBHOOK_WRITER_RESTARTING', undefined, { retryAfterSeconds: RESTART_RETRY_SECONDS });
      const events = [...running.waiting.values()].reduce((sum, waiting) => sum + waiting.events, 0);
      this.log(`webhook writer thread stopped (exit code ${code}${running.cause ? `: ${running.cause}` : ''}); `
        + `the deliveries of ${events} event${events === 1 ? '' : 's'} not acknowledged (answered ${why.code}), the next ones start a new thread`);
      for (const waiting of running.waiting.values()) waiting.reject(why);
      running.waiting.clear();
    });
    return running;
  }

  /** Ends the thread once it has closed its store (the EventWriter has drained: nothing is waiting). */
  async close(): Promise<void> {
    this.closing = true;
    const running = this.running;
    if (!running) return;
    const exited = new Promise((resolve) => running.worker.once('exit', resolve));
    // Held until it has ended: an idle thread is unref'd, and a process with nothing else to do would end before.
    running.worker.ref();
    running.worker.postMessage({ kind: 'close' } satisfies ToWriter);
    await exited;
  }
}

/**
 * The committer for webhook deliveries on `store`: the writer thread when `thread` names its script, the script
 * exists and the store can be opened from another thread (`store.location`); else transactions on this thread.
 */
export function webhookCommitter(store: Store, metrics: MetricsConfig, thread: URL | null, log?: (line: string) => void): EventCommitter {
  if (thread !== null && store.location !== null && writerThreadAvailable(thread)) return new WebhookWriterThread(thread, { location: store.location, metrics }, log);
  return committerOn(store, keptFigures(metrics));
}
