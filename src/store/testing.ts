import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { changeFacts } from './fact-writes.js';
import { openStore } from './open.js';
import type { OpenStoreOptions } from './open.js';
import type { SqlDriver } from './sql.js';
import { sqlOf } from './sql-store.js';
import { SqliteDriver } from './sqlite-driver.js';
import type { FactKeys, FactWrites, Store } from './store.js';

/** Test support shared by every suite that needs a real database of each dialect. */

export const TEST_PG_URL = process.env.VTRGUARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgReachable: Promise<boolean> | undefined;

/**
 * Whether the PostgreSQL suite can run. Without a server it is skipped with a clear message — except under
 * CI=true, where a missing PostgreSQL is a failure.
 */
export function postgresAvailable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (process.env.CI === 'true') {
        throw new Error(`PostgreSQL is required under CI=true but ${TEST_PG_URL} is unreachable: ${reason}`);
      }
      console.warn(`[vtrguard] SKIPPING the PostgreSQL suite: ${TEST_PG_URL} is unreachable (${reason}). Set VTRGUARD_TEST_PG_URL.`);
      return false;
    }
  })();
  return pgReachable;
}

/**
 * Tests and benchmarks only: the SQL driver under a store, to look at or seed its tables directly. Code outside
 * src/store/ reaches the store through its typed functions (src/layers.test.ts).
 */
export function rawSql(store: Store): SqlDriver {
  return sqlOf(store);
}

/** Tests only: the kept tables of a seller, zero rows left out (a count taken back to zero stays until a rebuild). */
export async function keptRows(store: Store, seller: string): Promise<Record<string, unknown[]>> {
  const tables: [string, string, string][] = [
    ['metric_rollups', 'marketplace, metric, day, category, carrier, total, hit', 'total <> 0'],
    ['metric_late_steps', 'marketplace, metric, day, category, carrier, from_day, total, hit', '(total <> 0 OR hit <> 0)'],
    ['defect_rollups', 'marketplace, metric, day, sort_day, order_id, package_id, carrier_keys, category_keys', '1 = 1'],
    ['defect_late_steps', 'marketplace, metric, day, sort_day, order_id, package_id, from_day, carrier_keys, category_keys, step', '1 = 1'],
    ['defect_counts', 'marketplace, metric, day, sort_day, carrier_keys, category_keys, defects', 'defects <> 0'],
    ['scan_delay_rollups', 'marketplace, metric, day, level, carrier, bucket, packages', 'packages <> 0'],
    ['scan_delay_late_steps', 'marketplace, metric, day, from_day, carrier, bucket, packages', 'packages <> 0'],
  ];
  const result: Record<string, unknown[]> = {};
  for (const [table, columns, nonZero] of tables) {
    const rows = await sqlOf(store).all<Record<string, unknown>>(`SELECT ${columns} FROM ${table} WHERE seller_id = ? AND ${nonZero} ORDER BY ${columns}`, [seller]);
    result[table] = rows.map((r) => Object.values(r).map((v) => (typeof v === 'string' ? v : Number(v))));
  }
  return result;
}

/** Tests and benchmarks only: the driver under a SQLite store (its busy wait, its file, its connection). */
export function sqliteDriver(store: Store): SqliteDriver {
  const driver = sqlOf(store);
  if (!(driver instanceof SqliteDriver)) throw new Error(`a SQLite store was expected, not ${store.dialect}`);
  return driver;
}

export interface TestStore {
  store: Store;
  dispose(): Promise<void>;
}

/** A fresh, empty, migrated SQLite database in a temporary directory. */
export async function freshSqliteStore(options: OpenStoreOptions = {}): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'vtrguard-test-'));
  const store = await openStore(join(dir, 'test.db'), options);
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty, migrated PostgreSQL schema that is dropped afterwards. */
export async function freshPostgresStore(options: Pick<OpenStoreOptions, 'migrate'> = {}): Promise<TestStore> {
  const schema = `vtrguard_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore(TEST_PG_URL, { ...options, schema });
  return {
    store,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

export interface DialectCase {
  name: 'sqlite' | 'postgres';
  available: boolean;
  /** `{ migrate: false }`: an empty database, for a test that migrates it step by step (`store.migrate(version)`). */
  fresh: (options?: Pick<OpenStoreOptions, 'migrate'>) => Promise<TestStore>;
}

/** Every dialect, for `describe.each`-style contract suites (kysely's DIALECTS). */
export async function dialectCases(): Promise<DialectCase[]> {
  return [
    { name: 'sqlite', available: true, fresh: freshSqliteStore },
    { name: 'postgres', available: await postgresAvailable(), fresh: freshPostgresStore },
  ];
}

/** `changeFacts` in a transaction of its own (`write` gets the transaction's store): tests' one-off writes. */
export function writeFacts<T>(store: Store, figures: FactWrites | undefined, sellerId: string, keys: FactKeys, write: (tx: Store) => Promise<T>): Promise<T> {
  return store.transaction((tx) => changeFacts(tx, figures, sellerId, keys, () => write(tx)));
}
