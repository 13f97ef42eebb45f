import type { DayWindow } from '../core/time.js';
import type { Marketplace } from '../core/domain.js';
import type { SqlValue } from './sql.js';
import type { Store } from './store.js';

/** Rows per multi-row INSERT (9 columns × 500 stays far below both dialects' parameter limits). */
const INSERT_CHUNK = 500;

const valuesCache = new Map<string, string>();

/** `placeholders` repeated `count` times, comma-separated (cached: the same few shapes recur). */
function valuesOf(placeholders: string, count: number): string {
  const key = `${count}:${placeholders}`;
  let text = valuesCache.get(key);
  if (text === undefined) {
    text = Array.from({ length: count }, () => placeholders).join(', ');
    valuesCache.set(key, text);
  }
  return text;
}

/** Which rows of a rollup table a recompute replaces: a day range, every day, or none (already deleted). */
export interface RollupScope {
  sellerId: string;
  marketplace: Marketplace;
  metrics: readonly string[];
  days: DayWindow | 'all' | 'none';
}

/**
 * Deletes the scope's rows of `table` and inserts `rows` (values for `columns`, after seller_id and marketplace).
 * Every rollup table is keyed by (seller_id, marketplace, metric, day, …), so one shape serves them all.
 */
export async function replaceRollupRows(
  store: Store,
  table: string,
  scope: RollupScope,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const { sellerId, marketplace, metrics } = scope;
  if (scope.days !== 'none') {
    const inMetrics = `metric IN (${metrics.map(() => '?').join(', ')})`;
    const range = scope.days === 'all' ? { sql: '', params: [] } : { sql: ' AND day >= ? AND day <= ?', params: [scope.days.from, scope.days.to] };
    await store.sql.run(`DELETE FROM ${table} WHERE seller_id = ? AND marketplace = ? AND ${inMetrics}${range.sql}`, [
      sellerId, marketplace, ...metrics, ...range.params,
    ]);
  }
  const placeholders = `(${['?', '?', ...columns.map(() => '?')].join(', ')})`;
  // One parameter array refilled per statement, and the statement text built once per chunk size: spreading
  // each row into a fresh array cost ~1.5 µs a row (400k defect rows of a 200k-package rebuild).
  const params: SqlValue[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const end = Math.min(i + INSERT_CHUNK, rows.length);
    params.length = 0;
    for (let r = i; r < end; r++) {
      params.push(sellerId, marketplace);
      for (const value of rows[r]!) params.push(value);
    }
    await store.sql.run(`INSERT INTO ${table} (seller_id, marketplace, ${columns.join(', ')}) VALUES ${valuesOf(placeholders, end - i)}`, params);
  }
}
