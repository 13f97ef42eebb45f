import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { SqlDriver, SqlValue } from './sql.js';

/**
 * better-sqlite3 is synchronous; the driver keeps the async contract of SqlDriver but does its work
 * inline, so a batch of rows costs no event-loop turns. One connection: SQLite has one writer anyway.
 *
 * A transaction spans awaits, and on one connection every statement issued meanwhile would join it (and be
 * rolled back with it). So the async context that opened a transaction is remembered, and statements and
 * transactions from any other context wait until it ends.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly rawStatements = new Map<string, Statement>();
  private readonly insideTransaction = new AsyncLocalStorage<true>();
  /** Settles when the open transaction ends; null when none is open. */
  private openTransaction: Promise<void> | null = null;
  private depth = 0;

  constructor(readonly db: SqliteDatabase) {}

  static open(path: string): SqliteDriver {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    return new SqliteDriver(db);
  }

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Whether another async context holds a transaction open. Callers loop `while (blocked) await` right before
   * touching the connection, with no await between the last check and the statement.
   */
  private blocked(): boolean {
    return this.openTransaction !== null && !this.insideTransaction.getStore();
  }

  async all<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    while (this.blocked()) await this.openTransaction;
    return this.prepare(sql).all(...params) as T[];
  }

  async stream(sql: string, params: readonly SqlValue[], batchSize: number, onBatch: (rows: SqlValue[][]) => void): Promise<void> {
    while (this.blocked()) await this.openTransaction;
    // A statement of its own: `raw(true)` changes what a statement returns, and the cached one serves `all`.
    let statement = this.rawStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw(true);
      this.rawStatements.set(sql, statement);
    }
    let batch: SqlValue[][] = [];
    for (const row of statement.iterate(...params) as IterableIterator<SqlValue[]>) {
      batch.push(row);
      if (batch.length >= batchSize) {
        onBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) onBatch(batch);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    while (this.blocked()) await this.openTransaction;
    return this.prepare(sql).run(...params).changes;
  }

  async runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    while (this.blocked()) await this.openTransaction;
    const statement = this.prepare(sql);
    let changes = 0;
    for (const row of rows) changes += statement.run(...row).changes;
    return changes;
  }

  async exec(sql: string): Promise<void> {
    while (this.blocked()) await this.openTransaction;
    this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.insideTransaction.getStore()) return this.nested(fn);
    while (this.blocked()) await this.openTransaction;
    let end!: () => void;
    this.openTransaction = new Promise((resolve) => {
      end = resolve;
    });
    try {
      return await this.insideTransaction.run(true, () => this.nested(fn));
    } finally {
      this.openTransaction = null;
      end();
    }
  }

  private async nested<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    const savepoint = `sp${this.depth}`;
    this.db.exec(this.depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
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
    this.statements.clear();
    this.rawStatements.clear();
    this.db.close();
  }
}
