import { compareCodeUnits } from '../core/compare.js';
import type { Marketplace } from '../core/domain.js';
import type { DayWindow } from '../core/time.js';
import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/**
 * Reads of the kept defect rows: which packages and orders are defects as far as is known now, by metric and
 * attribution day, with what the defect list sorts and filters by (`carrier_keys`, `category_keys`: see
 * `keyList` in src/metrics/defect-rules.ts), and their steps (defect_late_steps), which take them back to a past
 * as-of day. They are kept with the cells (src/app/kept-figures.ts), so the defect list counts and pages them
 * here and reads only the rows of the page (src/app/defect-list.ts).
 */

export type DefectRollupMetric = 'vtr_pd' | 'vtr_sc' | 'sfp_vtr_pd' | 'sfp_vtr_sc' | 'otdr' | 'sfp_otdr' | 'lsr' | 'sfp_ship' | 'cr' | 'sfp_cr';

/** Sort days (ISO days, or '' for none) order the same by code unit as by localeCompare. */
export const compareSortDays: (a: string, b: string) => number = compareCodeUnits;

/** Filter needles as `keyNeedle` (src/metrics/defect-rules.ts) encodes a carrier or a category. */
export interface DefectFilter {
  carrier?: string;
  category?: string;
}

export interface DefectRef {
  sortDay: string;
  orderId: string;
  packageId: number;
}

/** `WHERE` of the defects of `metric` attributed to `window` that pass `filter`. */
function where(store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow, filter: DefectFilter) {
  const contains = (column: string) => (store.dialect === 'sqlite' ? `instr(${column}, ?) > 0` : `strpos(${column}, ?) > 0`);
  const conditions = ['seller_id = ?', 'marketplace = ?', 'metric = ?', 'day >= ?', 'day <= ?'];
  const params: string[] = [sellerId, marketplace, metric, window.from, window.to];
  if (filter.carrier) {
    conditions.push(contains('carrier_keys'));
    params.push(filter.carrier);
  }
  if (filter.category) {
    conditions.push(contains('category_keys'));
    params.push(filter.category);
  }
  return { sql: conditions.join(' AND '), params };
}

/** How many defects each day of `window` holds (the day they are attributed to), days without any left out. */
export async function defectCountsByDay(
  store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow,
): Promise<{ day: string; count: number }[]> {
  const w = where(store, sellerId, marketplace, metric, window, {});
  const rows = await sqlOf(store).all<{ day: string; n: number | string }>(
    `SELECT day, SUM(defects) AS n FROM defect_counts WHERE ${w.sql} GROUP BY day HAVING SUM(defects) <> 0`,
    w.params,
  );
  return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
}

/** How many defects sort under each day (the promised day, '' for none), in the list's order of days (from defect_counts). */
export async function defectCountsBySortDay(
  store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow, filter: DefectFilter,
): Promise<{ sortDay: string; count: number }[]> {
  const w = where(store, sellerId, marketplace, metric, window, filter);
  const rows = await sqlOf(store).all<{ sort_day: string; n: number | string }>(
    `SELECT sort_day, SUM(defects) AS n FROM defect_counts WHERE ${w.sql} GROUP BY sort_day HAVING SUM(defects) <> 0`,
    w.params,
  );
  // ISO days and '' sort the same by code unit and by localeCompare; the database's collation may not.
  return rows.map((r) => ({ sortDay: r.sort_day, count: Number(r.n) })).sort((a, b) => compareSortDays(a.sortDay, b.sortDay));
}

/** A kept defect row whose presence as of a past day differs from now: `change` 1 listed then only, -1 now only. */
export interface DefectChange extends DefectRef {
  day: string;
  change: 1 | -1;
}

/**
 * The defects of `metric` attributed to `window` that pass `filter` whose presence as of the end of the past day
 * `asOf` differs from now: the sum of their steps from later days (defect_late_steps, migration 023) taken back.
 */
export async function defectChangesAfter(
  store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow, filter: DefectFilter, asOf: string,
): Promise<DefectChange[]> {
  const w = where(store, sellerId, marketplace, metric, window, filter);
  const rows = await sqlOf(store).all<{ day: string; sort_day: string; order_id: string; package_id: number | string; steps: number | string }>(
    `SELECT day, sort_day, order_id, package_id, SUM(step) AS steps FROM defect_late_steps WHERE ${w.sql} AND from_day > ?
     GROUP BY day, sort_day, order_id, package_id HAVING SUM(step) <> 0`,
    [...w.params, asOf],
  );
  return rows.map((r) => ({ day: r.day, sortDay: r.sort_day, orderId: r.order_id, packageId: Number(r.package_id), change: Number(r.steps) > 0 ? -1 : 1 }));
}

/** The defects that sort under days `from` … `to`. */
export async function defectRefs(
  store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow, filter: DefectFilter, sortDays: DayWindow,
): Promise<DefectRef[]> {
  // The sort day bounds the primary key's range (defect_rollups has no index by day: migration 017).
  const w = where(store, sellerId, marketplace, metric, window, filter);
  const rows = await sqlOf(store).all<{ sort_day: string; order_id: string; package_id: number | string }>(
    `SELECT sort_day, order_id, package_id FROM defect_rollups WHERE ${w.sql} AND sort_day >= ? AND sort_day <= ?`,
    [...w.params, sortDays.from, sortDays.to],
  );
  return rows.map((r) => ({ sortDay: r.sort_day, orderId: r.order_id, packageId: Number(r.package_id) }));
}
