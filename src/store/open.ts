import { VtrguardError } from '../core/errors.js';
import { redactUrl } from '../core/redact.js';
import { PostgresDriver } from './postgres-driver.js';
import { SqliteDriver } from './sqlite-driver.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** PostgreSQL only: keep the tables in this schema (created if missing). */
  schema?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens the store named by a SQLite path or a `postgres://` URL and brings its schema up to date. */
export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  let store: SqlStore;
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
    store = new SqlStore(PostgresDriver.open(target, options.schema));
  } else {
    try {
      store = new SqlStore(SqliteDriver.open(target));
    } catch (error) {
      throw unreachable(target, error);
    }
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw unreachable(target, error);
    }
  }
  return store;
}

function unreachable(target: string, error: unknown): VtrguardError {
  const reason = error instanceof Error ? error.message : String(error);
  return new VtrguardError('DB_UNREACHABLE', `cannot open the database ${redact(target)}: ${reason}`, { target: redact(target) });
}

/** Never print a password that a URL carries (core/redact.ts knows where URLs keep them). */
export const redact = redactUrl;
