import pg from 'pg';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

/** The server the benchmarks use for PostgreSQL figures. */
export const BENCH_PG_URL = process.env.VTRGUARD_BENCH_PG_URL ?? process.env.VTRGUARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Runs `fn` on a store in a schema of its own, dropped afterwards. Without a reachable server it says why and
 * runs nothing (the PostgreSQL figures are extra; the bars are SQLite's).
 */
export async function onScratchSchema(fn: (store: Store, where: { url: string; schema: string }) => Promise<void>, log: (line: string) => void = console.log): Promise<void> {
  const schema = `vtrguard_bench_${process.pid}`;
  let store: Store;
  try {
    store = await openStore(BENCH_PG_URL, { schema });
  } catch (error) {
    log(`postgres: skipped (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  try {
    await fn(store, { url: BENCH_PG_URL, schema });
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: BENCH_PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
