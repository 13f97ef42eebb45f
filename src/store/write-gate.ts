import { threadId } from 'node:worker_threads';

/** `Atomics.waitAsync` (Node 16+, ES2024): the lib this project compiles against does not declare it yet. */
type WaitAsync = (array: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

const FREE = 0;

/**
 * SQLite's write lock, taken in turn by the threads of one process that write one database file, each on a
 * connection of its own (the webhook writer thread beside the server's thread: src/app/webhook-writer-thread.ts).
 *
 * SQLite itself would refuse the second writer at once (busy_timeout is 0: sqlite-driver.ts) and `serve` would
 * answer 503 DB_BUSY for a write that only met another thread of the same process. The gate makes those writers
 * wait for each other — asynchronously, the event loop stays free — so SQLITE_BUSY is left meaning what
 * docs/scaling.md says it means: another process holds the lock.
 *
 * One Int32 in shared memory: 0 when free, else the holder's thread id + 1 (so the thread that owns a writer
 * thread can free the gate if that thread dies holding it: `releaseHeldBy`). Not re-entrant, and not fair
 * beyond what the threads' event loops make it: writers of one thread queue on its driver first.
 */
export class WriteGate {
  private readonly cell: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.cell = new Int32Array(buffer);
  }

  /** Takes the gate if it is free, without waiting. */
  tryAcquire(): boolean {
    return Atomics.compareExchange(this.cell, 0, FREE, threadId + 1) === FREE;
  }

  /** Takes the gate, waiting (without blocking the event loop) while another holds it. */
  async acquire(): Promise<void> {
    while (!this.tryAcquire()) {
      const holder = Atomics.load(this.cell, 0);
      if (holder === FREE) continue;
      const wait = waitAsync(this.cell, 0, holder);
      if (wait.async) await wait.value;
    }
  }

  release(): void {
    Atomics.store(this.cell, 0, FREE);
    Atomics.notify(this.cell, 0);
  }

  /** Frees the gate if the thread `holderThreadId` holds it (that thread has ended; its connection was closed with it). */
  releaseHeldBy(holderThreadId: number): void {
    if (Atomics.compareExchange(this.cell, 0, holderThreadId + 1, FREE) === holderThreadId + 1) Atomics.notify(this.cell, 0);
  }
}
