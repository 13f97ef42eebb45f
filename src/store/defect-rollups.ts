import type { Marketplace } from '../core/domain.js';
import { childMap } from '../core/maps.js';
import type { DayWindow } from '../core/time.js';
import type { ClassifyContext } from '../metrics/classify.js';
import { carrierValues, keyList, keyNeedle, orderDefect, packageCategoryValues, packageDefects } from '../metrics/defect-rules.js';
import { replaceRollupRows } from './rollup-rows.js';
import type { RollupScope } from './rollup-rows.js';
import type { Store } from './store.js';
import type { OrderView, PackageView } from '../core/views.js';

/**
 * Which packages and orders are defects as far as is known now, by metric and attribution day, with what the
 * defect list sorts and filters by. The rollup refresh keeps them with the cells (same days, same classifier),
 * so today's defect list counts and pages them here and reads only the rows of the page (src/app/defect-list.ts).
 */

export type DefectRollupMetric = 'vtr_pd' | 'vtr_sc' | 'otdr' | 'lsr' | 'cr';

const COLUMNS = ['metric', 'day', 'sort_day', 'order_id', 'package_id', 'carrier_keys', 'category_keys'] as const;
const COUNT_COLUMNS = ['metric', 'day', 'sort_day', 'carrier_keys', 'category_keys', 'defects'] as const;
type Row = [DefectRollupMetric, string, string, string, number, string, string];

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rows of one (metric, sort day, day) in key order: by order id, then package id. */
function byOwner(a: Row, b: Row): number {
  return cmp(a[3], b[3]) || cmp(a[4], b[4]);
}

function inOwnerOrder(rows: readonly Row[]): boolean {
  for (let i = 1; i < rows.length; i++) if (byOwner(rows[i - 1]!, rows[i]!) > 0) return false;
  return true;
}

/** The defects of one (metric, sort day, day): their rows, and how many per (carrier keys, category keys). */
interface DefectGroup {
  rows: Row[];
  counts: Map<string, Map<string, CountRow>>;
}

type CountRow = [DefectRollupMetric, string, string, string, string, number];

const sortedKeys = <V>(map: Map<string, V>): string[] => [...map.keys()].sort();

export class DefectAccumulator {
  /**
   * metric → sort day → day → group. Rows arrive in order-id order on a full rebuild, so `rows()` sorts a few
   * hundred keys, not every row (250 → 100 ms for 400k rows); nested maps, not joined keys, because the
   * strings are fresh for every row read (see CellAccumulator).
   */
  private readonly groups = new Map<DefectRollupMetric, Map<string, Map<string, DefectGroup>>>();
  private readonly countList: CountRow[] = [];

  private push(row: Row): void {
    const [metric, day, sortDay, , , carriers, categories] = row;
    const byDay = childMap(childMap(this.groups, metric), sortDay);
    let group = byDay.get(day);
    if (group === undefined) byDay.set(day, (group = { rows: [], counts: new Map() }));
    group.rows.push(row);
    const byCategories = childMap(group.counts, carriers);
    const count = byCategories.get(categories);
    if (count) count[5]++;
    else {
      const created: CountRow = [metric, day, sortDay, carriers, categories, 1];
      byCategories.set(categories, created);
      this.countList.push(created);
    }
  }

  constructor(private readonly ctx: ClassifyContext) {}

  addPackage(pkg: PackageView, metrics: readonly ('vtr_pd' | 'vtr_sc' | 'otdr')[]): void {
    const defects = packageDefects(pkg, this.ctx);
    if (defects.vtr === null && defects.otdr === null) return;
    const carriers = keyList(carrierValues(pkg));
    const categories = keyList(packageCategoryValues(pkg));
    for (const metric of metrics) {
      const day = metric === 'vtr_sc' ? pkg.confirmDay : pkg.promisedDay;
      if (day === null || defects[metric === 'otdr' ? 'otdr' : 'vtr'] === null) continue;
      this.push([metric, day, pkg.promisedDay, pkg.orderId, pkg.packageId, carriers, categories]);
    }
  }

  addOrder(order: OrderView, metrics: readonly ('lsr' | 'cr')[]): void {
    for (const metric of metrics) {
      const day = metric === 'lsr' ? order.shipByDay : order.purchaseDay;
      if (day === null || orderDefect(order, metric, this.ctx.before) === null) continue;
      // Orders carry no carrier (a carrier filter finds none) and no package (id 0).
      this.push([metric, day, order.promisedDay ?? '', order.orderId, 0, keyList([]), keyList(order.categories.map((c) => c.toLowerCase()))]);
    }
  }

  /**
   * In primary-key order (metric, sort day, day, order, package): SQLite then appends to the key's b-tree instead
   * of splitting pages all over it.
   */
  rows(): readonly Row[] {
    const sorted: Row[] = [];
    for (const metric of [...this.groups.keys()].sort()) {
      const bySortDay = this.groups.get(metric)!;
      for (const sortDay of sortedKeys(bySortDay)) {
        const byDay = bySortDay.get(sortDay)!;
        for (const day of sortedKeys(byDay)) {
          const rows = byDay.get(day)!.rows;
          if (!inOwnerOrder(rows)) rows.sort(byOwner);
          for (const row of rows) sorted.push(row);
        }
      }
    }
    return sorted;
  }

  countRows(): readonly (string | number)[][] {
    return this.countList;
  }
}

export async function writeDefects(store: Store, scope: RollupScope, acc: DefectAccumulator): Promise<void> {
  await replaceRollupRows(store, 'defect_rollups', scope, COLUMNS, acc.rows());
  await replaceRollupRows(store, 'defect_counts', scope, COUNT_COLUMNS, acc.countRows());
}

/** Sort days (ISO days, or '' for none) order the same by code unit as by localeCompare. */
export function compareSortDays(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DefectFilter {
  carrier?: string;
  category?: string;
}

export interface DefectRef {
  sortDay: string;
  orderId: string;
  packageId: number;
}

/**
 * `WHERE` of the defects of `metric` attributed to `window` that pass `filter`. `bySortDay`: the caller also bounds
 * the sort day, which is the key to read by — SQLite, without statistics, would range over the window's days
 * through defect_rollups_day instead (75k rows, 140 ms at 10M, for the 7.5k of one day), so `+` keeps `day` off it.
 */
function where(store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow, filter: DefectFilter, bySortDay = false) {
  const contains = (column: string) => (store.dialect === 'sqlite' ? `instr(${column}, ?) > 0` : `strpos(${column}, ?) > 0`);
  const day = bySortDay && store.dialect === 'sqlite' ? '+day' : 'day';
  const conditions = ['seller_id = ?', 'marketplace = ?', 'metric = ?', `${day} >= ?`, `${day} <= ?`];
  const params: string[] = [sellerId, marketplace, metric, window.from, window.to];
  if (filter.carrier) {
    conditions.push(contains('carrier_keys'));
    params.push(keyNeedle(filter.carrier));
  }
  if (filter.category) {
    conditions.push(contains('category_keys'));
    params.push(keyNeedle(filter.category));
  }
  return { sql: conditions.join(' AND '), params };
}

/** How many defects sort under each day (the promised day, '' for none), in the list's order of days (from defect_counts). */
export async function defectCountsBySortDay(
  store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow, filter: DefectFilter,
): Promise<{ sortDay: string; count: number }[]> {
  const w = where(store, sellerId, marketplace, metric, window, filter);
  const rows = await store.sql.all<{ sort_day: string; n: number | string }>(
    `SELECT sort_day, SUM(defects) AS n FROM defect_counts WHERE ${w.sql} GROUP BY sort_day`,
    w.params,
  );
  // ISO days and '' sort the same by code unit and by localeCompare; the database's collation may not.
  return rows.map((r) => ({ sortDay: r.sort_day, count: Number(r.n) })).sort((a, b) => compareSortDays(a.sortDay, b.sortDay));
}

/** The defects that sort under days `from` … `to`. */
export async function defectRefs(
  store: Store, sellerId: string, marketplace: Marketplace, metric: DefectRollupMetric, window: DayWindow, filter: DefectFilter, sortDays: DayWindow,
): Promise<DefectRef[]> {
  const w = where(store, sellerId, marketplace, metric, window, filter, true);
  const rows = await store.sql.all<{ sort_day: string; order_id: string; package_id: number | string }>(
    `SELECT sort_day, order_id, package_id FROM defect_rollups WHERE ${w.sql} AND sort_day >= ? AND sort_day <= ?`,
    [...w.params, sortDays.from, sortDays.to],
  );
  return rows.map((r) => ({ sortDay: r.sort_day, orderId: r.order_id, packageId: Number(r.package_id) }));
}
