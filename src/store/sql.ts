import { createHash } from 'node:crypto';

/** The little SQL surface both dialects share. Statements use `?` placeholders in both. */
export type SqlValue = string | number | null;
/** A bound parameter: a value, or (PostgreSQL only, `?::type[]`) a whole array of them. */
export type SqlParam = SqlValue | readonly SqlValue[];
export type Dialect = 'sqlite' | 'postgres';

/**
 * A statement whose text never varies (its keys or rows bound as arrays, not spelled as placeholders) and that a
 * write runs every time: PostgreSQL prepares it once per connection under `name`, so it is parsed and planned
 * once there instead of on every run (a keyed read of 500 packages planned in 9 of its 21 ms). SQLite caches every
 * statement by its text anyway. Only for statements whose best plan does not depend on their values (key lookups,
 * upserts by key): after five runs PostgreSQL may keep one generic plan for all values.
 */
export interface PreparedSql {
  readonly text: string;
  readonly name: string;
}

/** A statement's text, prepared or not. */
export type SqlText = string | PreparedSql;

/** `text` as a PreparedSql, named after its text (one name per text, on any connection). */
export function prepared(text: string): PreparedSql {
  return { text, name: `vtrguard_${createHash('sha1').update(text).digest('hex').slice(0, 20)}` };
}

export const sqlText = (sql: SqlText): string => (typeof sql === 'string' ? sql : sql.text);

export interface SqlDriver {
  readonly dialect: Dialect;
  all<T extends object>(sql: SqlText, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: SqlText, params?: readonly SqlParam[]): Promise<number>;
  /** Runs one statement once per parameter row (one prepared statement on SQLite). */
  runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number>;
  /**
   * Runs a query and hands its rows to `onBatch` as arrays (values in select-list order), at most `batchSize`
   * rows at a time, without holding the whole result in memory: better-sqlite3 `raw()` + `iterate()`; a
   * server-side cursor fetched with `rowMode: 'array'` on PostgreSQL (JIT off for the read). `onBatch` must
   * not use the driver (the SQLite connection is busy while a statement iterates).
   */
  stream(sql: string, params: readonly SqlValue[], batchSize: number, onBatch: (rows: SqlValue[][]) => void): Promise<void>;
  /**
   * Runs a query and returns all its rows as arrays (values in select-list order), in one statement: for reads
   * whose size their keys bound. Larger reads use `stream`.
   */
  rows(sql: SqlText, params: readonly SqlParam[]): Promise<SqlValue[][]>;
  /**
   * PostgreSQL: runs a statement whose parameters are whole columns, each bound as one array (`?::type[]`, read
   * back as rows by `unnest`); returns the number of rows it changed. See `insertRows`.
   */
  runColumns?(sql: SqlText, columns: readonly (readonly SqlValue[])[]): Promise<number>;
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

/** Keys per `IN (…)` list on SQLite: far below its parameter limit. */
const KEYS_PER_LIST = 500;

/** A part of a read or update by keys: `column ${list}` selects its keys, bound by `params`. */
export interface KeyList {
  list: string;
  params: SqlParam[];
}

/**
 * The distinct `keys` as the conditions of statements that select them: SQLite spells them as `IN (?, …)` lists of
 * at most KEYS_PER_LIST keys; PostgreSQL binds them all as one array, one statement whose text is the same whatever
 * the number of keys (prepared once: `PreparedSql`). The array is read through a scalar subquery so that the planner
 * does not see its elements: it planned `= ANY(?)` with 1,000 tracking numbers by estimating each one against the
 * column's statistics, 40–50 ms of server CPU for a read whose generic plan (the same index lookups) costs 22–28
 * (docs/design-notes.md, "PostgreSQL write path"), and a prepared statement runs five such custom plans on each
 * connection before it settles on the generic one. None when there are no keys.
 */
export function keyLists(dialect: Dialect, keys: readonly SqlValue[], type: 'text' | 'bigint'): KeyList[] {
  const distinct = [...new Set(keys)];
  if (distinct.length === 0) return [];
  if (dialect === 'postgres') return [{ list: `= ANY((SELECT ?::${type}[])::${type}[])`, params: [distinct] }];
  const lists: KeyList[] = [];
  for (let start = 0; start < distinct.length; start += KEYS_PER_LIST) {
    const chunk = distinct.slice(start, start + KEYS_PER_LIST);
    lists.push({ list: `IN (${chunk.map(() => '?').join(', ')})`, params: chunk });
  }
  return lists;
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

/** `INSERT INTO table (columns) VALUES (?, …) rest`, taken apart for staging. */
interface InsertParts {
  table: string;
  columns: string;
  rest: string;
}

const INSERT_SHAPE = /^\s*INSERT INTO (\w+) \(([^)]*)\)\s*VALUES\s*\([?,\s]+\)([\s\S]*)$/;
const partsCache = new Map<string, InsertParts>();

function insertParts(sql: string): InsertParts {
  let parts = partsCache.get(sql);
  if (parts === undefined) {
    const match = INSERT_SHAPE.exec(sql);
    if (!match) throw new Error(`insertRows needs an INSERT INTO t (…) VALUES (?, …) statement: ${sql.slice(0, 80)}`);
    parts = { table: match[1]!, columns: match[2]!, rest: match[3]! };
    partsCache.set(sql, parts);
  }
  return parts;
}

/**
 * Runs a plain `INSERT … VALUES (?, …)` (no conflict clause) for many rows, each row's values after `prefix`:
 * on SQLite `perStatement` rows a statement, one parameter array refilled for each (slicing, spreading and
 * flattening rows cost ~1–1.5 µs a row); on PostgreSQL as column arrays (`insertColumns`).
 */
export async function appendRows(
  driver: SqlDriver,
  sql: string,
  rows: readonly (readonly SqlValue[])[],
  prefix: readonly SqlValue[] = [],
  perStatement = ROWS_PER_STATEMENT,
): Promise<void> {
  if (driver.dialect === 'postgres') {
    await insertColumns(driver, sql, rows, prefix);
    return;
  }
  const params: SqlValue[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(start + perStatement, rows.length);
    params.length = 0;
    for (let r = start; r < end; r++) {
      for (let c = 0; c < prefix.length; c++) params.push(prefix[c]!);
      const row = rows[r]!;
      for (let c = 0; c < row.length; c++) params.push(row[c]!);
    }
    await driver.run(multiRow(sql, end - start), params);
  }
}

/**
 * SQLite: the rows go into a temporary table first (plain appends), then one `INSERT … SELECT` applies them
 * in order with the statement's own conflict clause; rows sharing a key apply one after the other, as if
 * inserted singly. Measured on 200k orders (docs/design-notes.md, "Import"): ~16 µs a row as multi-row
 * `VALUES` upserts, ~2.9 µs staging plus ~3.9 µs merging this way.
 */
async function stageAndMerge(driver: SqlDriver, sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
  const { table, columns, rest } = insertParts(sql);
  const stage = `temp.stage_${table}`;
  const names = columns.split(',').map((c) => c.trim());
  await driver.exec(`CREATE TEMP TABLE IF NOT EXISTS stage_${table} (${names.join(', ')})`);
  const stageInsert = `INSERT INTO ${stage} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  await appendRows(driver, stageInsert, rows);
  try {
    return await driver.run(`INSERT INTO ${table} (${columns}) SELECT ${names.join(', ')} FROM ${stage} ORDER BY rowid ${rest}`);
  } finally {
    await driver.run(`DELETE FROM ${stage}`);
  }
}

/** Rows per `unnest` statement: its parameters are one array per column, whatever the number of rows. */
const ROWS_PER_COLUMN_STATEMENT = 5000;

const columnTypesCache = new Map<string, Map<string, string>>();

/** PostgreSQL: the declared type of each column of `table` (the schema is the migrations', so read once). */
async function columnTypes(driver: SqlDriver, table: string): Promise<Map<string, string>> {
  let types = columnTypesCache.get(table);
  if (types === undefined) {
    const rows = await driver.all<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
       WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
      [table],
    );
    types = new Map(rows.map((r) => [r.name, r.type]));
    columnTypesCache.set(table, types);
  }
  return types;
}

/**
 * PostgreSQL: `INSERT … VALUES (?, …) rest` as `INSERT … SELECT * FROM unnest(?::type[], …) rest`, up to
 * ROWS_PER_COLUMN_STATEMENT rows a statement: one array per column instead of a placeholder per value, so the
 * server parses and plans one short statement per 5,000 rows (200k orders: 20.6 → 13.0 µs a row). A statement
 * ends early where `keyOf` repeats: `ON CONFLICT DO UPDATE` may not touch one row twice.
 */
async function insertColumns(
  driver: SqlDriver,
  sql: string,
  rows: readonly (readonly SqlValue[])[],
  prefix: readonly SqlValue[],
  keyOf?: (row: readonly SqlValue[]) => string,
): Promise<number> {
  const runColumns = driver.runColumns?.bind(driver);
  if (!runColumns) throw new Error(`insertRows: the ${driver.dialect} driver cannot bind column arrays`);
  const { table, columns, rest } = insertParts(sql);
  const names = columns.split(',').map((c) => c.trim());
  const types = await columnTypes(driver, table);
  const arrays = names.map((name) => {
    const type = types.get(name);
    if (type === undefined) throw new Error(`insertRows: ${table} has no column ${name}`);
    return `?::${type}[]`;
  });
  const statement = prepared(`INSERT INTO ${table} (${columns}) SELECT * FROM unnest(${arrays.join(', ')}) AS r ${rest}`);
  let changes = 0;
  let chunk: SqlValue[][] = names.map(() => []);
  let size = 0;
  const keys = new Set<string>();
  const flush = async () => {
    if (size === 0) return;
    changes += await runColumns(statement, chunk);
    chunk = names.map(() => []);
    size = 0;
    keys.clear();
  };
  for (const row of rows) {
    if (keyOf) {
      const key = keyOf(row);
      if (keys.has(key)) await flush();
      keys.add(key);
    }
    for (let c = 0; c < prefix.length; c++) chunk[c]!.push(prefix[c]!);
    for (let c = 0; c < row.length; c++) chunk[prefix.length + c]!.push(row[c]!);
    if (++size >= ROWS_PER_COLUMN_STATEMENT) await flush();
  }
  await flush();
  return changes;
}

/**
 * Inserts many rows with a few statements, applying them exactly as one by one (the statement's own conflict
 * clause decides each): SQLite stages the rows and merges them in one statement (`stageAndMerge`), PostgreSQL
 * binds them as column arrays, 5,000 rows a statement (`insertColumns`).
 */
export async function insertRows(
  driver: SqlDriver,
  sql: string,
  rows: readonly (readonly SqlValue[])[],
  keyOf?: (row: readonly SqlValue[]) => string,
): Promise<number> {
  if (rows.length === 0) return 0;
  return driver.dialect === 'sqlite' ? stageAndMerge(driver, sql, rows) : insertColumns(driver, sql, rows, [], keyOf);
}
