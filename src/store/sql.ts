/** The little SQL surface both dialects share. Statements use `?` placeholders in both. */
export type SqlValue = string | number | null;
export type Dialect = 'sqlite' | 'postgres';

export interface SqlDriver {
  readonly dialect: Dialect;
  all<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one statement once per parameter row (one prepared statement on SQLite). */
  runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number>;
  /**
   * Runs a query and hands its rows to `onBatch` as arrays (values in select-list order), at most `batchSize`
   * rows at a time, without holding the whole result in memory: better-sqlite3 `raw()` + `iterate()`; a
   * server-side cursor fetched with `rowMode: 'array'` on PostgreSQL (JIT off for the read). `onBatch` must
   * not use the driver (the SQLite connection is busy while a statement iterates).
   */
  stream(sql: string, params: readonly SqlValue[], batchSize: number, onBatch: (rows: SqlValue[][]) => void): Promise<void>;
  /** Runs several `;`-separated statements with no parameters. */
  exec(sql: string): Promise<void>;
  /** All of `fn` or nothing. Nested calls become savepoints. */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `a IS DISTINCT FROM b`, spelled for the dialect (SQLite's `IS NOT` has the same null-safe meaning). */
export function distinctFrom(dialect: Dialect, a: string, b: string): string {
  return dialect === 'sqlite' ? `${a} IS NOT ${b}` : `${a} IS DISTINCT FROM ${b}`;
}

const ROWS_PER_STATEMENT = 100;
const multiRowCache = new Map<string, string>();

/** `INSERT … VALUES (?, …) …` with its one row of placeholders repeated `rows` times. */
function multiRow(sql: string, rows: number): string {
  const key = `${rows}\u0000${sql}`;
  let expanded = multiRowCache.get(key);
  if (expanded === undefined) {
    const match = /VALUES\s*(\([?,\s]+\))/.exec(sql);
    if (!match) throw new Error(`insertRows needs an INSERT … VALUES (?, …) statement: ${sql.slice(0, 80)}`);
    const group = match[1]!;
    expanded = `${sql.slice(0, match.index)}VALUES ${Array.from({ length: rows }, () => group).join(', ')}${sql.slice(match.index + match[0].length)}`;
    multiRowCache.set(key, expanded);
  }
  return expanded;
}

/**
 * Inserts many rows with one statement per hundred rows: one round trip (PostgreSQL) or one native call
 * (SQLite) per hundred rows instead of per row. PostgreSQL refuses an `ON CONFLICT DO UPDATE` that touches
 * one row twice, so a statement ends early where `keyOf` repeats: the rows apply exactly as one by one.
 */
export async function insertRows(
  driver: SqlDriver,
  sql: string,
  rows: readonly (readonly SqlValue[])[],
  keyOf?: (row: readonly SqlValue[]) => string,
): Promise<number> {
  let changes = 0;
  let chunk: (readonly SqlValue[])[] = [];
  const keys = new Set<string>();
  const flush = async () => {
    if (chunk.length === 0) return;
    changes += await driver.run(multiRow(sql, chunk.length), chunk.flat());
    chunk = [];
    keys.clear();
  };
  for (const row of rows) {
    if (keyOf) {
      const key = keyOf(row);
      if (keys.has(key)) await flush();
      keys.add(key);
    }
    chunk.push(row);
    if (chunk.length >= ROWS_PER_STATEMENT) await flush();
  }
  await flush();
  return changes;
}
