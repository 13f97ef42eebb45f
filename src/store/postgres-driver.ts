import pg from 'pg';
import { sqlText } from './sql.js';
import type { SqlDriver, SqlParam, SqlText, SqlValue } from './sql.js';

// BIGINT columns hold epoch milliseconds, which fit a double exactly; read them as numbers.
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

const placeholderCache = new Map<string, string>();

/** Rewrites `?` placeholders to `$1…$n` (statements here never carry `?` inside string literals). */
export function toPostgres(sql: string): string {
  let converted = placeholderCache.get(sql);
  if (converted === undefined) {
    let n = 0;
    converted = sql.replace(/\?/g, () => `$${++n}`);
    placeholderCache.set(sql, converted);
  }
  return converted;
}

type Queryable = pg.Pool | pg.PoolClient;

/**
 * The query config of `sql`: a PreparedSql goes by its name, so node-postgres parses it once per connection and
 * binds it after (the server keeps its plan: see PreparedSql).
 */
function queryOf(sql: SqlText, params: readonly SqlParam[]): pg.QueryConfig<unknown[]> {
  const text = toPostgres(sqlText(sql));
  return typeof sql === 'string' ? { text, values: params as unknown[] } : { name: sql.name, text, values: params as unknown[] };
}

let cursorSeq = 0;

/** `sql` with its `?` placeholders replaced by literals (a DECLARE CURSOR statement carries its own values). */
function inlineParams(client: pg.PoolClient, sql: string, params: readonly SqlValue[]): string {
  let n = 0;
  return sql.replace(/\?/g, () => {
    const value = params[n++];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
      return String(value);
    }
    return client.escapeLiteral(value);
  });
}

/**
 * Settings of a streamed read, local to its transaction and restored after it: JIT compiles each expression of a
 * plan that reads millions of rows (seconds, for nothing at this size); a cursor plan is otherwise optimised for
 * its first 10% of rows (nested loops), and the hash joins and the sort want more than the 4 MB default.
 */
const STREAM_SETTINGS: readonly [string, string][] = [
  ['jit', 'off'],
  ['cursor_tuple_fraction', '1'],
  ['work_mem', '256MB'],
];

/** Reads `sql` through a server-side cursor, `batchSize` rows per FETCH, inside the client's open transaction. */
async function streamOn(
  client: pg.PoolClient,
  sql: string,
  params: readonly SqlValue[],
  batchSize: number,
  onBatch: (rows: SqlValue[][]) => void,
): Promise<void> {
  const saved = (await client.query<string[]>({
    text: `SELECT ${STREAM_SETTINGS.map(([name]) => `current_setting('${name}')`).join(', ')}`,
    rowMode: 'array',
  })).rows[0]!;
  const set = (values: readonly string[]) =>
    client.query(`SELECT ${STREAM_SETTINGS.map(([name], i) => `set_config('${name}', ${client.escapeLiteral(values[i]!)}, true)`).join(', ')}`);
  await set(STREAM_SETTINGS.map(([, value]) => value));
  const cursor = `vtrguard_stream_${++cursorSeq}`;
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${inlineParams(client, sql, params)}`);
  for (;;) {
    const result = await client.query<SqlValue[]>({ text: `FETCH FORWARD ${batchSize} FROM ${cursor}`, rowMode: 'array' });
    if (result.rows.length > 0) onBatch(result.rows);
    if (result.rows.length < batchSize) break;
  }
  await client.query(`CLOSE ${cursor}`);
  await set(saved);
}

class PostgresSession implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private depth = 0;

  constructor(protected readonly target: Queryable) {}

  async all<T extends object>(sql: SqlText, params: readonly SqlParam[] = []): Promise<T[]> {
    const result = await this.target.query(queryOf(sql, params));
    return result.rows as T[];
  }

  async run(sql: SqlText, params: readonly SqlParam[] = []): Promise<number> {
    const result = await this.target.query(queryOf(sql, params));
    return result.rowCount ?? 0;
  }

  async stream(sql: string, params: readonly SqlValue[], batchSize: number, onBatch: (rows: SqlValue[][]) => void): Promise<void> {
    if (this.target instanceof pg.Pool) {
      const client = await this.target.connect();
      try {
        await client.query('BEGIN');
        await streamOn(client, sql, params, batchSize, onBatch);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      return;
    }
    // A session on a pooled client only exists inside `transaction`: the cursor lives in that transaction.
    await streamOn(this.target, sql, params, batchSize, onBatch);
  }

  async rows(sql: SqlText, params: readonly SqlParam[]): Promise<SqlValue[][]> {
    const result = await this.target.query<SqlValue[]>({ ...queryOf(sql, params), rowMode: 'array' });
    return result.rows;
  }

  async runColumns(sql: SqlText, columns: readonly (readonly SqlValue[])[]): Promise<number> {
    // node-postgres sends a JavaScript array as an array literal, nulls and quoting included.
    const result = await this.target.query(queryOf(sql, columns));
    return result.rowCount ?? 0;
  }

  async runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    const text = toPostgres(sql);
    let changes = 0;
    for (const row of rows) changes += (await this.target.query(text, row as SqlValue[])).rowCount ?? 0;
    return changes;
  }

  async exec(sql: string): Promise<void> {
    await this.target.query(sql);
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.target instanceof pg.Pool) {
      const client = await this.target.connect();
      try {
        return await new PostgresSession(client).transaction(fn);
      } finally {
        client.release();
      }
    }
    const savepoint = `sp${this.depth}`;
    await this.target.query(this.depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.depth++;
    try {
      const result = await fn(this);
      this.depth--;
      await this.target.query(this.depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      this.depth--;
      await this.target.query(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    // A session on a pooled client is released by its owner.
  }
}

export class PostgresDriver extends PostgresSession {
  constructor(private readonly pool: pg.Pool) {
    super(pool);
  }

  /** `schema` isolates a database's tables (tests use one schema per run). */
  static open(url: string, schema?: string): PostgresDriver {
    const options = schema ? `-c search_path=${schema}` : undefined;
    const pool = new pg.Pool({ connectionString: url, max: 8, ...(options ? { options } : {}) });
    return new PostgresDriver(pool);
  }

  override async close(): Promise<void> {
    await this.pool.end();
  }
}
