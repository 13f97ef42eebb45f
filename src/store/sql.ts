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
