import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Where a SQLite file's write-ahead log is copied back into the database (a checkpoint):
 * - `inline`: SQLite's default — the commit that grows the log past 1,000 pages does it, inside that write;
 * - `background`: a thread of this store's own (`WalCheckpointer`) does it, beside the writes; the store's commits
 *   never do (a long-running `serve`);
 * - `elsewhere`: another store of this process on the same file checkpoints in the background (the webhook writer
 *   thread's connection beside `serve`'s), so this one's commits do not either.
 */
export type WalCheckpointMode = 'inline' | 'background' | 'elsewhere';

/** SQLite's own threshold (pages) for a commit to checkpoint, restored if the checkpointer stops. */
export const INLINE_CHECKPOINT_PAGES = 1000;
/** How often the thread tries. A passive checkpoint with nothing to copy costs microseconds. */
const CHECKPOINT_EVERY_MS = 100;

/**
 * The thread's code, run as a CommonJS worker from this text (no script file to find beside a build or beside the
 * sources): its own connection to the file, a passive checkpoint — it copies what no reader still needs, waits for
 * nobody and never blocks a writer — every CHECKPOINT_EVERY_MS. A refused one (another checkpoint running) is tried
 * again at the next turn.
 */
const THREAD_CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next turn */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * A thread that checkpoints a SQLite file's log beside its writers (`background`). Measured with the freshness
 * bench (300k packages, 1,000 events a round): a commit that checkpoints spent ~60 ms of a round's ~330 ms of CPU
 * doing it; the writes' CPU fell by ~30% with the checkpoints on another core. If the thread stops on its own,
 * `onStopped` hands checkpointing back to the commits (a log that nobody checkpoints grows without end).
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly ended: Promise<void>;
  private closing = false;

  constructor(path: string, onStopped: () => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(THREAD_CODE, { eval: true, workerData: { path, driver, everyMs: CHECKPOINT_EVERY_MS } });
    // It must not keep a process alive that has nothing else to do.
    this.worker.unref();
    this.worker.on('error', () => undefined);
    this.ended = new Promise((resolve) => {
      this.worker.once('exit', () => {
        if (!this.closing) onStopped();
        resolve();
      });
    });
  }

  /** Ends the thread (its connection closed) and waits for it. */
  async close(): Promise<void> {
    this.closing = true;
    // Held until it has ended: a process with nothing else to do would otherwise end mid-close (exit code 13).
    this.worker.ref();
    this.worker.postMessage('close');
    await this.ended;
  }

  /** Stops the thread as a crash would (tests: the commits must take checkpointing back). */
  async kill(): Promise<void> {
    await this.worker.terminate();
  }
}
