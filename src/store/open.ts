import { VtrguardError } from '../core/errors.js';
import { redactUrl } from '../core/redact.js';
import { fromDriverError } from './driver-errors.js';
import { PostgresDriver } from './postgres-driver.js';
import { SqliteDriver } from './sqlite-driver.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';
import type { WalCheckpointMode } from './wal-checkpointer.js';

export interface OpenStoreOptions {
  /** PostgreSQL only: keep the tables in this schema (created if missing). */
  schema?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** SQLite: how long a write waits, asynchronously, for another process's write lock (default `BUSY_WAIT_MS.command`). */
  busyWaitMs?: number;
  /**
   * SQLite: the write gate of a store another thread of this process opened on the same file (its
   * `location`), so that the two take the write lock in turn (write-gate.ts).
   */
  writeGate?: SharedArrayBuffer;
  /** SQLite: who copies the write-ahead log back into the file (wal-checkpointer.ts; default `inline`). */
  walCheckpoint?: WalCheckpointMode;
}

/**
 * How long a SQLite write waits for another process's write lock. A command waits politely (an import running
 * elsewhere usually ends soon); `serve` does not wait at all: it answers `503 DB_BUSY` with Retry-After at once,
 * and the webhook sender or the client retries (issue 18 item 14).
 */
export const BUSY_WAIT_MS = { command: 30_000, server: 0 } as const;

/**
 * How `vtrguard serve` opens its store: writes do not wait for another process's lock (above), and on SQLite the
 * log is checkpointed by a thread of its own beside the writes (wal-checkpointer.ts), not inside them.
 */
export const SERVER_STORE_OPTIONS = { busyWaitMs: BUSY_WAIT_MS.server, walCheckpoint: 'background' } as const satisfies OpenStoreOptions;

export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens the store named by a SQLite path or a `postgres://` URL and brings its schema up to date. */
export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  let store: SqlStore;
  let sqlite: SqliteDriver | null = null;
  const busyWaitMs = options.busyWaitMs ?? BUSY_WAIT_MS.command;
  if (isPostgresTarget(target)) {
    if (options.schema) {
      const setup = PostgresDriver.open(target);
      try {
        await setup.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`);
      } catch (error) {
        throw unreachable(target, error);
      } finally {
        await setup.close();
      }
    }
    const location = { target, options: options.schema ? { schema: options.schema } : {} };
    store = new SqlStore(PostgresDriver.open(target, options.schema), location);
  } else {
    try {
      // Migrations wait like a command even for `serve`: a server starting beside an import waits for it.
      sqlite = SqliteDriver.open(target, {
        busyWaitMs: Math.max(busyWaitMs, BUSY_WAIT_MS.command),
        ...(options.writeGate ? { gate: options.writeGate } : {}),
        ...(options.walCheckpoint ? { checkpoint: options.walCheckpoint } : {}),
      });
      // An in-memory database is this connection's alone: no other thread can open it.
      const location = sqlite.gate ? { target, options: { busyWaitMs, writeGate: sqlite.gate.buffer, walCheckpoint: sqlite.checkpointForOthers } } : null;
      store = new SqlStore(sqlite, location);
    } catch (error) {
      throw unreachable(target, error);
    }
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      // Another process writing past the wait is not an unreachable database.
      const busy = fromDriverError(error);
      throw busy?.code === 'DB_BUSY' ? busy : unreachable(target, error);
    }
  }
  if (sqlite) sqlite.busyWaitMs = busyWaitMs;
  return store;
}

function unreachable(target: string, error: unknown): VtrguardError {
  const reason = error instanceof Error ? error.message : String(error);
  return new VtrguardError('DB_UNREACHABLE', `cannot open the database ${redact(target)}: ${reason}`, { target: redact(target) });
}

/** Never print a password that a URL carries (core/redact.ts knows where URLs keep them). */
export const redact = redactUrl;
