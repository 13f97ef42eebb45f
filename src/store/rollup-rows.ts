import type { DayWindow } from '../core/time.js';
import type { Marketplace } from '../core/domain.js';
import { appendRows } from './sql.js';
import type { SqlValue } from './sql.js';
import type { Store } from './store.js';

/** Rows per multi-row INSERT (9 columns × 500 stays far below both dialects' parameter limits). */
const INSERT_CHUNK = 500;

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
  const placeholders = ['?', '?', ...columns.map(() => '?')].join(', ');
  await appendRows(
    store.sql,
    `INSERT INTO ${table} (seller_id, marketplace, ${columns.join(', ')}) VALUES (${placeholders})`,
    rows,
    [sellerId, marketplace],
    INSERT_CHUNK,
  );
}
