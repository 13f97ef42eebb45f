import pg from 'pg';
import type { SqlDriver, SqlValue } from './sql.js';

// BIGINT columns hold epoch milliseconds, which fit a double exactly; read them as numbers.
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

const placeholderCache = new Map<string, string>();

/** Rewrites `?` placeholders to `$1…$n` (statements here never carry `?` inside string literals). */
function toPostgres(sql: string): string {
  let converted = placeholderCache.get(sql);
  if (converted === undefined) {
    let n = 0;
    converted = sql.replace(/\?/g, () => `$${++n}`);
    placeholderCache.set(sql, converted);
  }
  return converted;
}

type Queryable = pg.Pool | pg.PoolClient;

class PostgresSession implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private depth = 0;

  constructor(protected readonly target: Queryable) {}

  async all<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.target.query(toPostgres(sql), params as SqlValue[]);
    return result.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.target.query(toPostgres(sql), params as SqlValue[]);
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
