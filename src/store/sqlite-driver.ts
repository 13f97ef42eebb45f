import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { sqlText } from './sql.js';
import type { SqlDriver, SqlParam, SqlText, SqlValue } from './sql.js';
import { INLINE_CHECKPOINT_PAGES, WalCheckpointer } from './wal-checkpointer.js';
import type { WalCheckpointMode } from './wal-checkpointer.js';
import { WriteGate } from './write-gate.js';

/**
 * The most rows `stream` holds before handing them over. Reading them costs no round trip, so a batch only keeps
 * rows alive: 20,000 rows of a rebuild's package views outlived young-generation collections and were promoted
 * (300k packages: GC pauses 2.7 -> 1.5 s, rebuild 13.3 / 12.8 -> 12.0 / 11.4 s CPU with batches of 1,000).
 */
const SQLITE_STREAM_BATCH_ROWS = 1_000;

/**
 * better-sqlite3 is synchronous; the driver keeps the async contract of SqlDriver but does its work
 * inline, so a batch of rows costs no event-loop turns.
 *
 * Two connections. Writes (and everything inside a transaction) go to `db`; reads outside a transaction go to
 * `reader`, which in WAL mode reads the last commit without waiting for any writer — this process's open
 * transaction (an import through the API) or another process's (a `vtrguard import`) (issue 18 item 14).
 *
 * Waiting for another process's write lock is never SQLite's own busy wait, which spins synchronously and would
 * hold the whole event loop (a `serve` froze for seconds behind one webhook): busy_timeout is 0, and a statement
 * the lock refused is retried after an await, with backoff, until `busyWaitMs` has passed; then its SQLITE_BUSY
 * error stands (driver-errors.ts makes it DB_BUSY). `serve` gives up at once (503 with Retry-After: the sender
 * retries), commands wait politely.
 *
 * A transaction spans awaits, and on one connection every statement issued meanwhile would join it (and be
 * rolled back with it). So the async context that opened a transaction is remembered, and writes and
 * transactions from any other context wait until it ends.
 *
 * Other threads of this process may write the same file on connections of their own (the webhook writer thread);
 * they take SQLite's write lock in turn through a WriteGate shared with them (write-gate.ts), so a write here waits
 * for theirs instead of meeting SQLITE_BUSY, and SQLITE_BUSY keeps meaning another process.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly readerStatements = new Map<string, Statement>();
  private readonly rawStatements = new Map<string, Statement>();
  private readonly insideTransaction = new AsyncLocalStorage<true>();
  /** Settles when the open transaction ends; null when none is open. */
  private openTransaction: Promise<void> | null = null;
  private depth = 0;
  /** The thread that checkpoints the log when this driver's commits do not (`background`). */
  checkpointer: WalCheckpointer | null = null;

  /**
   * @param reader a second connection to the same file for reads outside transactions; `db` itself when there
   *   is no file to share (`:memory:`).
   * @param busyWaitMs how long a write waits, asynchronously, for another process's write lock.
   * @param gate taken around every write and transaction on `db`; null when no other thread can open the
   *   database (`:memory:`).
   */
  constructor(
    readonly db: SqliteDatabase,
    private readonly reader: SqliteDatabase = db,
    public busyWaitMs = 0,
    readonly gate: WriteGate | null = null,
  ) {}

  /**
   * `gate`: the write gate of a driver in another thread on the same file (a new one when absent); `checkpoint`:
   * who copies the log back into the file (wal-checkpointer.ts; `inline` when absent).
   */
  static open(path: string, options: { busyWaitMs: number; gate?: SharedArrayBuffer; checkpoint?: WalCheckpointMode }): SqliteDriver {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 0');
    db.pragma('cache_size = -65536');
    if (path === '' || path === ':memory:') return new SqliteDriver(db, db, options.busyWaitMs);
    const reader = new Database(path);
    reader.pragma('busy_timeout = 0');
    reader.pragma('query_only = ON');
    reader.pragma('cache_size = -65536');
    const driver = new SqliteDriver(db, reader, options.busyWaitMs, new WriteGate(options.gate));
    const checkpoint = options.checkpoint ?? 'inline';
    if (checkpoint !== 'inline') db.pragma('wal_autocheckpoint = 0');
    if (checkpoint === 'background') {
      driver.checkpointer = new WalCheckpointer(path, () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
      });
    }
    return driver;
  }

  /** Who checkpoints the log for another thread's connection to this file: this driver's thread, or its commits. */
  get checkpointForOthers(): WalCheckpointMode {
    return this.checkpointer === null ? 'inline' : 'elsewhere';
  }

  prepare(sql: string): Statement {
    return cached(this.statements, sql, () => this.db.prepare(sql));
  }

  /**
   * Runs `work` on the write connection once no other context's transaction holds it, retrying while another
   * process holds the write lock (see the class comment). Outside a transaction `work` holds the write gate (the
   * transaction holds it inside), so no transaction of this driver is open while it runs even when the gate was
   * awaited after the last check of `blocked()`.
   */
  private async write<T>(work: () => T, waitMs = this.busyWaitMs): Promise<T> {
    const gate = this.insideTransaction.getStore() ? null : this.gate;
    const deadline = Date.now() + waitMs;
    for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      while (this.blocked()) await this.openTransaction;
      if (gate && !gate.tryAcquire()) await gate.acquire();
      try {
        return work();
      } catch (error) {
        const left = deadline - Date.now();
        if (!isBusy(error)) throw error;
        // How long it waited, for the message that gives up (driver-errors.ts).
        if (left <= 0) throw Object.assign(error as Error, { waitedMs: waitMs });
      } finally {
        gate?.release();
      }
      await sleep(Math.min(pause, deadline - Date.now()));
    }
  }

  /** Runs a read: inside a transaction on its connection (it must see its own writes), else on `reader`. */
  private async read<T>(work: (connection: SqliteDatabase, statements: Map<string, Statement>) => T): Promise<T> {
    if (this.insideTransaction.getStore() || this.reader === this.db) return this.write(() => work(this.db, this.statements), READ_WAIT_MS);
    const deadline = Date.now() + READ_WAIT_MS;
    for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      try {
        return work(this.reader, this.readerStatements);
      } catch (error) {
        // A WAL reader is refused only in rare moments (another connection recovering the WAL index).
        const left = deadline - Date.now();
        if (!isBusy(error) || left <= 0) throw error;
        await sleep(Math.min(pause, left));
      }
    }
  }

  /**
   * Whether another async context holds a transaction open. Callers loop `while (blocked) await` right before
   * touching the connection, with no await between the last check and the statement.
   */
  private blocked(): boolean {
    return this.openTransaction !== null && !this.insideTransaction.getStore();
  }

  async all<T extends object>(statement: SqlText, bound: readonly SqlParam[] = []): Promise<T[]> {
    const sql = sqlText(statement);
    const params = scalars(bound);
    // `INSERT … RETURNING` comes through here too: a statement that writes is a write.
    if (!this.prepare(sql).readonly) return this.write(() => this.prepare(sql).all(...params) as T[]);
    return this.read((connection, statements) => cached(statements, sql, () => connection.prepare(sql)).all(...params) as T[]);
  }

  async stream(sql: string, params: readonly SqlValue[], batchSize: number, onBatch: (rows: SqlValue[][]) => void): Promise<void> {
    const statement = await this.read((connection) => this.rawStatement(connection, sql));
    const size = Math.min(batchSize, SQLITE_STREAM_BATCH_ROWS);
    let batch: SqlValue[][] = [];
    for (const row of statement.iterate(...params) as IterableIterator<SqlValue[]>) {
      batch.push(row);
      if (batch.length >= size) {
        onBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) onBatch(batch);
  }

  async rows(statement: SqlText, params: readonly SqlParam[]): Promise<SqlValue[][]> {
    const sql = sqlText(statement);
    return this.read((connection) => this.rawStatement(connection, sql).all(...scalars(params)) as SqlValue[][]);
  }

  /** A statement that returns arrays (`raw(true)` changes what a statement returns; the cached one serves `all`). */
  private rawStatement(connection: SqliteDatabase, sql: string): Statement {
    return cached(this.rawStatements, `${connection === this.db ? 'w' : 'r'}:${sql}`, () => connection.prepare(sql).raw(true));
  }

  async run(statement: SqlText, params: readonly SqlParam[] = []): Promise<number> {
    return this.write(() => this.prepare(sqlText(statement)).run(...scalars(params)).changes);
  }

  async runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    if (this.insideTransaction.getStore()) return this.write(() => this.runEach(sql, rows));
    // All or none: outside a transaction the rows get one of their own, so a refused lock cannot cut them in two.
    return this.transaction(async () => this.runEach(sql, rows));
  }

  private runEach(sql: string, rows: readonly (readonly SqlValue[])[]): number {
    const statement = this.prepare(sql);
    let changes = 0;
    for (const row of rows) changes += statement.run(...row).changes;
    return changes;
  }

  async exec(sql: string): Promise<void> {
    await this.write(() => this.db.exec(sql));
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.insideTransaction.getStore()) return this.nested(fn);
    while (this.blocked()) await this.openTransaction;
    let end!: () => void;
    this.openTransaction = new Promise((resolve) => {
      end = resolve;
    });
    try {
      // Held from BEGIN to COMMIT: other threads' writes to this file wait for it (write-gate.ts).
      if (this.gate && !this.gate.tryAcquire()) await this.gate.acquire();
      try {
        return await this.insideTransaction.run(true, () => this.nested(fn));
      } finally {
        this.gate?.release();
      }
    } finally {
      this.openTransaction = null;
      end();
    }
  }

  private async nested<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    const savepoint = `sp${this.depth}`;
    // BEGIN IMMEDIATE takes the write lock now, waiting (asynchronously) while another process holds it.
    if (this.depth === 0) await this.write(() => this.db.exec('BEGIN IMMEDIATE'));
    else this.db.exec(`SAVEPOINT ${savepoint}`);
    this.depth++;
    try {
      const result = await fn(this);
      this.depth--;
      this.db.exec(this.depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      this.depth--;
      this.db.exec(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    this.statements.clear();
    this.readerStatements.clear();
    this.rawStatements.clear();
    if (this.reader !== this.db) this.reader.close();
    this.db.close();
  }
}

/** The backoff between attempts at a lock another process holds: short first (most writes are short), then longer. */
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 250;
/** How long a read waits in the rare moments a WAL reader is refused. */
const READ_WAIT_MS = 2_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** SQLite binds no arrays (`keyLists` spells keys as `IN` lists for it): one is a bug. */
function scalars(params: readonly SqlParam[]): readonly SqlValue[] {
  for (const param of params) if (Array.isArray(param)) throw new Error('SQLite cannot bind an array parameter');
  return params as readonly SqlValue[];
}

function cached(statements: Map<string, Statement>, key: string, prepare: () => Statement): Statement {
  let statement = statements.get(key);
  if (!statement) {
    statement = prepare();
    statements.set(key, statement);
  }
  return statement;
}
