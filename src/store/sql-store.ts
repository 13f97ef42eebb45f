import { STATUS_PROGRESS, TRACKING_STATUSES } from '../core/domain.js';
import type { Marketplace, TrackingEventRecord, TrackingStatus } from '../core/domain.js';
import { DAY_MS } from '../core/time.js';
import { VtrguardError } from '../core/errors.js';
import { recordProblem } from '../core/limits.js';
import { MIGRATIONS } from './migrations/index.js';
import { DERIVED_COLUMNS, tableWrites } from './table-writes.js';
import { distinctFrom, insertRows, keyLists, prepared } from './sql.js';
import type { Dialect, KeyList, SqlDriver, SqlParam, SqlValue } from './sql.js';
import type { EventInsertResult, FactKeys, ImportRecord, OrderSpan, ReadOptions, Store, StoreLocation, TrackingUse, WriteBatch } from './store.js';
import type { CountedPackageView, DayRange, OrderView, PackageAttribution, PackageView } from '../core/views.js';

/**
 * The latest status of a package is its events' furthest by STATUS_PROGRESS, the latest among equals, ties of
 * the same instant broken by TRACKING_STATUSES order. One integer orders all three (rank, then instant in ms
 * × 10, then the status's index; instants up to the year 5138 keep ranks apart), so a MAX finds it in the same
 * pass as the scan times, and its last digit names the status (so at most ten statuses).
 */
const statusKey = (status: TrackingStatus) => `${STATUS_PROGRESS[status]} * 100000000000000 + ${TRACKING_STATUSES.indexOf(status)}`;
const STATUS_KEY_SQL = `(CASE e.status ${TRACKING_STATUSES
  .map((status) => `WHEN '${status}' THEN ${statusKey(status)}`)
  .join(' ')} ELSE ${statusKey('unknown')} END + e.occurred_at * 10)`;

const statusOfKey = (key: string) => `CASE ${key} % 10 ${TRACKING_STATUSES
  .map((status, index) => `WHEN ${index} THEN '${status}'`)
  .join(' ')} END`;

/**
 * The events that belong to package `p` (definitions.md VTR rule 4, DESIGN.md §1): same tracking number,
 * compatible carrier, at or after its ship date minus one day, and not claimed by a later package that
 * recycled the same number.
 */
const OWN_EVENT = `e.seller_id = p.seller_id AND e.tracking_number = p.tracking_number
  AND (e.carrier_key IS NULL OR p.carrier_key IS NULL OR e.carrier_key = p.carrier_key)
  AND e.occurred_at >= COALESCE(p.ship_date, p.confirmed_at) - ${DAY_MS}
  AND NOT EXISTS (SELECT 1 FROM packages p2
    WHERE p2.seller_id = p.seller_id AND p2.tracking_number = p.tracking_number
      AND COALESCE(p2.ship_date, p2.confirmed_at) > COALESCE(p.ship_date, p.confirmed_at)
      AND COALESCE(p2.ship_date, p2.confirmed_at) - ${DAY_MS} <= e.occurred_at)`;

/**
 * Each listed package's scan times and latest status from its own events, in one pass over them: a package
 * with events none of which are its own (a later package recycled the number) gets NULLs.
 */
const DERIVED_SELECT = `SELECT p.package_id,
    MIN(CASE WHEN e.status NOT IN ('pre_transit', 'unknown') THEN e.occurred_at END) AS first_scan_at,
    MIN(CASE WHEN e.status = 'delivered' THEN e.occurred_at END) AS delivered_at,
    MIN(CASE WHEN e.status IN ('delivered', 'delivery_failed') THEN e.occurred_at END) AS first_attempt_at,
    MAX(e.occurred_at) AS last_event_at,
    ${statusOfKey(`MAX(${STATUS_KEY_SQL})`)} AS last_status,
    MIN(CASE WHEN e.status IN ('in_transit', 'out_for_delivery', 'available_for_pickup') THEN e.occurred_at END) AS network_scan_at,
    MIN(CASE WHEN e.status NOT IN ('pre_transit', 'unknown', 'delivered') THEN e.occurred_at END) AS non_delivery_scan_at
  FROM packages p LEFT JOIN tracking_events e ON ${OWN_EVENT}`;

/** Gathers what a streaming read hands out, for the callers that want the whole list. */
async function collect<T>(each: (fn: (value: T) => void) => Promise<void>): Promise<T[]> {
  const values: T[] = [];
  await each((value) => values.push(value));
  return values;
}

/** The conflict key of a write row: the `count` columns after seller_id. */
function keyColumns(count: number): (row: readonly SqlValue[]) => string {
  return (row) => row.slice(1, 1 + count).join('\u0000');
}

/**
 * Rows of the raw metric reads are streamed as arrays (`SqlDriver.stream`), this many per batch: memory stays
 * bounded however long the range, and no row object is built (better-sqlite3 sets every column by name on a
 * fresh object, ~0.5 µs a value). A row's first element is a placeholder, so a column's index is its position
 * in the column list plus one.
 */
const STREAM_BATCH_ROWS = 20_000;

/**
 * Columns of a PackageView row, in the order `toPackageView` reads them; the item's category comes from `oi`, the
 * order's id from `orderId`, the units of the row from `units`.
 */
const packageColumns = (orderId: string, units: string) => `p.package_id, ${orderId}, p.package_ref, o.marketplace,
  o.fulfillment_channel, oi.category, p.carrier_code, p.carrier_name, p.carrier_key, p.shipping_method, p.tracking_number,
  p.ship_date, p.confirmed_at, p.confirm_day, o.latest_delivery_date, o.promised_day, p.exempt, p.static_defect, p.problems,
  p.first_scan_at, p.delivered_at, p.first_attempt_at, p.last_status, p.last_event_at, p.network_scan_at,
  p.non_delivery_scan_at, o.is_prime, o.original_latest_delivery_date, p.declared_value, p.currency, p.origin_country,
  p.buy_shipping, ${units}`;

/** One row per package and item it carries (`pi`); a further item row adds its units (`mergePackageRow`). */
const PACKAGE_COLUMNS = packageColumns('p.order_id', 'pi.quantity');

/**
 * PACKAGE_COLUMNS with only the package's own row: the order's and items' columns read as NULL, their places kept
 * (`withOwnRow` takes those facts from a view read before).
 */
const OWN_ROW_COLUMNS = PACKAGE_COLUMNS.split(',').map((column) => (column.trim().startsWith('p.') ? column : ' NULL')).join(',');

type Json = string | number | null;

/** An ORDER BY, and whether the plan reads rows in that order already (SQLite may then use the index). */
interface RowOrder {
  by: string;
  inKeyOrder: boolean;
}

/**
 * A package row as a view; its promised day is null where its order has none (only reads that allow that say so).
 * Its categories start with the row's item's, unless given.
 */
function toCountedPackage(r: Json[], categories: string[] = r[6] === null ? [] : [r[6] as string]): CountedPackageView {
  return {
    packageId: Number(r[1]),
    orderId: r[2] as string,
    packageRef: r[3] as string,
    marketplace: r[4] as Marketplace,
    fulfillmentChannel: r[5] as string,
    categories,
    carrierCode: r[7] as string | null,
    carrierName: r[8] as string | null,
    carrierKey: r[9] as string | null,
    shippingMethod: r[10] as string | null,
    trackingNumber: r[11] as string | null,
    shipDate: numberOrNull(r[12]),
    confirmedAt: numberOrNull(r[13]),
    confirmDay: r[14] as string | null,
    latestDeliveryDate: Number(r[15]),
    promisedDay: r[16] as string | null,
    exempt: Number(r[17]) === 1,
    staticDefect: r[18] as PackageView['staticDefect'],
    problems: r[19] ? (r[19] as string).split(',') : [],
    firstScanAt: numberOrNull(r[20]),
    deliveredAt: numberOrNull(r[21]),
    firstAttemptAt: numberOrNull(r[22]),
    lastStatus: r[23] as PackageView['lastStatus'],
    lastEventAt: numberOrNull(r[24]),
    networkScanAt: numberOrNull(r[25]),
    nonDeliveryScanAt: numberOrNull(r[26]),
    isPrime: Number(r[27]) === 1,
    originalLatestDeliveryDate: numberOrNull(r[28]),
    declaredValue: numberOrNull(r[29]),
    currency: r[30] as string | null,
    originCountry: r[31] as string | null,
    buyShipping: Number(r[32]) === 1,
    units: r[33] === null ? 1 : Number(r[33]),
  };
}

/** The package of `before` with its own row `row` (OWN_ROW_COLUMNS) read again: its order's and items' facts stay. */
function withOwnRow(before: CountedPackageView, row: Json[]): CountedPackageView {
  const { marketplace, fulfillmentChannel, categories, latestDeliveryDate, promisedDay, isPrime, originalLatestDeliveryDate, units } = before;
  return { ...toCountedPackage(row), marketplace, fulfillmentChannel, categories, latestDeliveryDate, promisedDay, isPrime, originalLatestDeliveryDate, units };
}

/** A further item row of the package `view`: its units add up. */
function mergePackageRow(view: PackageView, row: Json[]): void {
  if (row[33] !== null) view.units += Number(row[33]);
}

/** `mergePackageRow` for the views whose promised day may be null (only the units are merged). */
const mergeCountedRow = mergePackageRow as (view: CountedPackageView, row: Json[]) => void;

/**
 * Columns of an OrderView row, in the order `toOrderView` reads them; the item's category comes from `oi`, a
 * package's confirmation from `pc` (ORDER_JOINS: one row per item and package, the first confirmation is their
 * minimum, folded in JS by `mergeOrderRow`). On PostgreSQL a correlated `MIN(confirmed_at)` subquery cost ~10 µs
 * an order (10 of the 17.7 s of the LSR+CR read at 10M); a hash join with packages costs 12 s in all.
 */
const ORDER_COLUMNS = `o.order_id, o.marketplace, o.fulfillment_channel, o.purchase_date, o.purchase_day, o.latest_ship_date,
  o.ship_by_day, o.latest_delivery_date, o.promised_day, o.cancelled_at, o.cancelled_by, pc.confirmed_at, oi.category,
  o.is_prime, oi.order_item_id, oi.cancelled_at, oi.cancelled_by, pc.package_ref, pc.first_scan_at, pi.order_item_id`;

/** `pi` is there when package `pc` carries item `oi`: which items each package carries (definitions.md v2, LSR). */
const ORDER_JOINS = `LEFT JOIN order_items oi ON oi.seller_id = o.seller_id AND oi.order_id = o.order_id
  LEFT JOIN packages pc ON pc.seller_id = o.seller_id AND pc.order_id = o.order_id
  LEFT JOIN package_items pi ON pi.seller_id = pc.seller_id AND pi.order_id = pc.order_id AND pi.package_ref = pc.package_ref
    AND pi.order_item_id = oi.order_item_id`;

/**
 * A row of the order `view` (one per item and package): the first confirmation is the earliest of its packages';
 * each item and package is listed once, a package with the items the rows found in it.
 */
function mergeOrderRow(view: OrderView, row: Json[]): void {
  const confirmed = numberOrNull(row[12]);
  if (confirmed !== null && (view.firstConfirmedAt === null || confirmed < view.firstConfirmedAt)) view.firstConfirmedAt = confirmed;
  const itemId = row[15] as string | null;
  if (itemId !== null && !view.items.some((i) => i.orderItemId === itemId)) {
    view.items.push({ orderItemId: itemId, cancelledAt: numberOrNull(row[16]), cancelledBy: row[17] as OrderView['cancelledBy'] });
  }
  const packageRef = row[18] as string | null;
  if (packageRef === null) return;
  let pkg = view.packages.find((p) => p.packageRef === packageRef);
  if (pkg === undefined) {
    pkg = { packageRef, confirmedAt: confirmed, firstScanAt: numberOrNull(row[19]), itemIds: [] };
    view.packages.push(pkg);
  }
  const carried = row[20] as string | null;
  if (carried !== null && !pkg.itemIds.includes(carried)) pkg.itemIds.push(carried);
}

/** Where an order's own values sit in a row of a read (ORDER_COLUMNS after the row's first, or SPAN_COLUMNS). */
interface OrderPositions {
  orderId: number; marketplace: number; fulfillmentChannel: number; purchaseDate: number; purchaseDay: number;
  latestShipDate: number; shipByDay: number; latestDeliveryDate: number; promisedDay: number; cancelledAt: number;
  cancelledBy: number; isPrime: number;
}

/** An order's view from a row, before its items and packages are folded in. */
function orderHead(r: Json[], at: OrderPositions, categories: string[]): OrderView {
  return {
    orderId: r[at.orderId] as string,
    marketplace: r[at.marketplace] as Marketplace,
    fulfillmentChannel: r[at.fulfillmentChannel] as string,
    purchaseDate: Number(r[at.purchaseDate]),
    purchaseDay: r[at.purchaseDay] as string,
    latestShipDate: numberOrNull(r[at.latestShipDate]),
    shipByDay: r[at.shipByDay] as string | null,
    latestDeliveryDate: numberOrNull(r[at.latestDeliveryDate]),
    promisedDay: r[at.promisedDay] as string | null,
    cancelledAt: numberOrNull(r[at.cancelledAt]),
    cancelledBy: r[at.cancelledBy] as OrderView['cancelledBy'],
    firstConfirmedAt: null,
    categories,
    isPrime: Number(r[at.isPrime]) === 1,
    items: [],
    packages: [],
  };
}

const ORDER_ROW: OrderPositions = {
  orderId: 1, marketplace: 2, fulfillmentChannel: 3, purchaseDate: 4, purchaseDay: 5, latestShipDate: 6, shipByDay: 7,
  latestDeliveryDate: 8, promisedDay: 9, cancelledAt: 10, cancelledBy: 11, isPrime: 14,
};

const toOrderView = (r: Json[]): OrderView => orderHead(r, ORDER_ROW, r[13] === null ? [] : [r[13] as string]);

/**
 * A span of orders read once for both kinds of view (`eachViewIn`): every order, each of its packages crossed with
 * each of its items (`pi` there when the package carries the item), nulls where it has none; rows in order, package
 * and item order. The package columns (`packageColumns`, the order's id from `o`: an order may have no package)
 * come first; a package's units are those of all its package items, also of items the order does not list, which
 * the crossing cannot see; then the order's own columns, the item's, and the carried item.
 */
const SPAN_COLUMNS = `${packageColumns('o.order_id', `(SELECT SUM(pu.quantity) FROM package_items pu
    WHERE pu.seller_id = p.seller_id AND pu.order_id = p.order_id AND pu.package_ref = p.package_ref)`)},
  o.purchase_date, o.purchase_day, o.latest_ship_date, o.ship_by_day, o.cancelled_at, o.cancelled_by,
  oi.order_item_id, oi.cancelled_at, oi.cancelled_by, pi.order_item_id`;

const SPAN_JOINS = `LEFT JOIN packages p ON p.seller_id = o.seller_id AND p.order_id = o.order_id
  LEFT JOIN order_items oi ON oi.seller_id = o.seller_id AND oi.order_id = o.order_id
  LEFT JOIN package_items pi ON pi.seller_id = p.seller_id AND pi.order_id = p.order_id AND pi.package_ref = p.package_ref
    AND pi.order_item_id = oi.order_item_id`;

/** Where a SPAN_COLUMNS row holds its order's values (the promise and Prime come with the package columns). */
const SPAN_ROW: OrderPositions = {
  orderId: 2, marketplace: 4, fulfillmentChannel: 5, purchaseDate: 34, purchaseDay: 35, latestShipDate: 36, shipByDay: 37,
  latestDeliveryDate: 15, promisedDay: 16, cancelledAt: 38, cancelledBy: 39, isPrime: 27,
};

/**
 * Folds a span's rows (SPAN_COLUMNS) into the views the package and order reads give (`toCountedPackage`,
 * `toOrderView` with `mergeOrderRow`): a package's categories are those of the items it carries, an order's those of
 * all its items; a package is handed out when its rows are over, an order after its packages.
 */
class SpanFolder {
  private order: OrderView | null = null;
  private pkg: CountedPackageView | null = null;
  private carriedIds: string[] = [];

  constructor(
    private readonly onPackage: (view: CountedPackageView) => void,
    private readonly onOrder: (view: OrderView) => void,
  ) {}

  push(rows: Json[][]): void {
    for (const row of rows) {
      let order = this.order;
      if (order === null || row[2] !== order.orderId) {
        this.finish();
        order = this.order = orderHead(row, SPAN_ROW, []);
      }
      const itemId = row[40] as string | null;
      if (itemId !== null && !order.items.some((i) => i.orderItemId === itemId)) {
        order.items.push({ orderItemId: itemId, cancelledAt: numberOrNull(row[41]), cancelledBy: row[42] as OrderView['cancelledBy'] });
        order.categories.push(row[6] as string);
      }
      const packageRef = row[3] as string | null;
      if (packageRef === null) continue;
      let pkg = this.pkg;
      if (pkg === null || pkg.packageRef !== packageRef) {
        this.finishPackage();
        pkg = this.pkg = toCountedPackage(row, []);
        this.carriedIds = [];
        order.packages.push({ packageRef, confirmedAt: pkg.confirmedAt, firstScanAt: pkg.firstScanAt, itemIds: this.carriedIds });
        const confirmed = pkg.confirmedAt;
        if (confirmed !== null && (order.firstConfirmedAt === null || confirmed < order.firstConfirmedAt)) order.firstConfirmedAt = confirmed;
      }
      const carried = row[43] as string | null;
      if (carried !== null) {
        this.carriedIds.push(carried);
        pkg.categories.push(row[6] as string);
      }
    }
  }

  /** Hands out the views still open (at the end of the rows). */
  finish(): void {
    this.finishPackage();
    const order = this.order;
    if (order === null) return;
    this.order = null;
    order.categories = finishCategories(order.categories);
    this.onOrder(order);
  }

  private finishPackage(): void {
    const pkg = this.pkg;
    if (pkg === null) return;
    this.pkg = null;
    pkg.categories = finishCategories(pkg.categories);
    this.onPackage(pkg);
  }
}

/** Reads that select packages of promised orders only. */
const toPackageView = toCountedPackage as (r: Json[]) => PackageView;

/** An order's view from its first row; the rest of its rows (and the first) fold in with `mergeOrderRow`. */
function toOrderViewMerged(r: Json[]): OrderView {
  const view = toOrderView(r);
  mergeOrderRow(view, r);
  return view;
}

function numberOrNull(value: Json | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * The distinct categories of an owner's items, sorted; a lone empty category means none (what the former
 * string aggregate gave: an empty string). One item — the common case — costs no Set and no sort.
 */
function finishCategories(list: string[]): string[] {
  if (list.length === 1) return list[0] === '' ? [] : list;
  if (list.length === 0) return list;
  const unique = [...new Set(list)].sort();
  return unique.length === 1 && unique[0] === '' ? [] : unique;
}

/**
 * Rows in order (one per item, LEFT JOINed: an owner without items has one row with a null category) become
 * views; consecutive rows of one owner (its key at index 1) fold into one view carrying all its categories.
 * Rows arrive in batches; a view is emitted once its owner's rows are over (or at `finish`).
 */
class ViewFolder<V extends { categories: string[] }> {
  private view: V | null = null;
  private owner: Json | undefined;

  constructor(
    private readonly toView: (row: Json[]) => V,
    private readonly categoryAt: number,
    private readonly emit: (view: V) => void,
    private readonly merge?: (view: V, row: Json[]) => void,
  ) {}

  push(rows: Json[][]): void {
    for (const row of rows) {
      const key = row[1];
      if (this.view !== null && key === this.owner) {
        const category = row[this.categoryAt];
        if (category !== null && category !== undefined) this.view.categories.push(category as string);
        this.merge?.(this.view, row);
        continue;
      }
      this.finish();
      this.owner = key;
      this.view = this.toView(row);
    }
  }

  finish(): void {
    const view = this.view;
    if (view === null) return;
    this.view = null;
    const list = view.categories;
    if (list.length === 1 ? list[0] === '' : list.length > 1) view.categories = finishCategories(list);
    this.emit(view);
  }
}

/**
 * PostgreSQL plans with the statistics of the last ANALYZE, and a table that grew inside one long transaction
 * (a large import) has none for its new rows: seller_id = X then looks like 0.5% of a small table, and the
 * reuse check hash-joined every package of the seller for each batch (47 of the 68 s of a 200k-row import).
 * So a store re-analyzes the tables it writes once its writes reach this many rows, then at four times as many.
 */
const ANALYZE_FIRST_AT = 10_000;
const ANALYZE_GROWTH = 4;

/**
 * The last guard of core/limits.ts: what one dialect would store and the other refuse with a driver error (a NUL,
 * a huge text, a number beyond its column) is refused here, the same on both. Readers check first, with lines.
 */
function refuseUnstorable(records: readonly object[]): void {
  for (const record of records) {
    const problem = recordProblem(record);
    if (problem) throw new VtrguardError('BAD_REQUEST', `cannot store it: ${problem.message}`, { field: problem.field });
  }
}

/**
 * The driver under a store, for the modules of src/store/ that keep tables of their own; nothing outside
 * src/store/ may call it (src/layers.test.ts), so the store's SQL does not leave it.
 */
export function sqlOf(store: Store): SqlDriver {
  if (!(store instanceof SqlStore)) throw new Error('sqlOf: not a store opened by openStore');
  return store.sql;
}

/**
 * PostgreSQL: the events one process inserted since tracking_events was last analyzed, shared by its
 * transactions (a webhook batch is one). Events arrive in small transactions all day, so the per-transaction
 * count of `keepStatisticsCurrent` never gets there; and where autovacuum is off or behind, statistics taken
 * when the table was small made the planner hash every event of the seller to refresh a batch's packages (70 ms a
 * batch at 6k events, growing with them, against 10 ms by index). The table is analyzed again once this process
 * has inserted as many events as the statistics counted (at least EVENTS_ANALYZE_AT): a table that doubled.
 */
const EVENTS_ANALYZE_AT = 1_000;

interface EventStatistics {
  inserted: number;
  /** How many inserted events call for the next ANALYZE; null until the statistics' row count is read. */
  analyzeAt: number | null;
}

export class SqlStore implements Store {
  readonly dialect: Dialect;
  /** PostgreSQL: rows this store (one per transaction) wrote, and at how many it analyzes next. */
  private rowsWritten = 0;
  private analyzeAt = ANALYZE_FIRST_AT;

  constructor(
    readonly sql: SqlDriver,
    readonly location: StoreLocation | null = null,
    private readonly eventStatistics: EventStatistics = { inserted: 0, analyzeAt: null },
  ) {
    this.dialect = sql.dialect;
  }

  async migrate(through = Infinity): Promise<number> {
    await this.sql.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const applied = new Set(
      (await this.sql.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    let count = 0;
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version) || migration.version > through) continue;
      await this.sql.transaction(async (tx) => {
        await tx.exec(this.dialect === 'sqlite' ? migration.sqlite : migration.postgres);
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      });
      count++;
    }
    return count;
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  async ping(): Promise<void> {
    await this.sql.all('SELECT 1 AS ok');
  }

  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    return this.sql.transaction((tx) => fn(tx === this.sql ? this : new SqlStore(tx, null, this.eventStatistics)));
  }

  async exportSnapshot(): Promise<string | null> {
    if (this.dialect === 'sqlite') return null;
    return (await this.sql.all<{ id: string }>('SELECT pg_export_snapshot() AS id'))[0]!.id;
  }

  async readingSnapshot<T>(snapshot: string, fn: (store: Store) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') throw new Error('SQLite exports no snapshots: its readers see the last commit');
    // An id from pg_export_snapshot (hex digits and dashes); it is spliced into the statement, which takes no parameter.
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`not a snapshot id: ${snapshot}`);
    return this.transaction(async (tx) => {
      await sqlOf(tx).exec(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '${snapshot}'`);
      return fn(tx);
    });
  }

  async ensureSeller(sellerId: string, name = sellerId): Promise<void> {
    await this.sql.run(
      'INSERT INTO sellers (seller_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (seller_id) DO NOTHING',
      [sellerId, name, Date.now()],
    );
  }

  async listSellers(): Promise<{ sellerId: string; name: string }[]> {
    const rows = await this.sql.all<{ seller_id: string; name: string }>('SELECT seller_id, name FROM sellers ORDER BY seller_id');
    return rows.map((r) => ({ sellerId: r.seller_id, name: r.name }));
  }

  async nextWriteSeq(sellerId: string): Promise<number> {
    const rows = await this.sql.all<{ seq: number }>(
      `INSERT INTO write_seq (seller_id, seq) VALUES (?, 1)
       ON CONFLICT (seller_id) DO UPDATE SET seq = write_seq.seq + 1 RETURNING seq`,
      [sellerId],
    );
    return Number(rows[0]!.seq);
  }

  async writeBatch(sellerId: string, batch: WriteBatch): Promise<void> {
    const writes = tableWrites(this.dialect, sellerId, batch);
    // An events file's batches carry no rows: nothing is written, so no write number is taken (one statement less).
    if (writes.length === 0) return;
    // Every write of facts takes a fresh write number: kept figures not brought along are then seen to lag.
    await this.nextWriteSeq(sellerId);
    for (const records of [batch.orders, batch.items, batch.packages, batch.packageItems]) refuseUnstorable(records ?? []);
    for (const write of writes) {
      await insertRows(this.sql, `${write.insert} ${write.onConflict}`, write.rows, keyColumns(write.keyColumns));
    }
    if (this.dialect === 'postgres') await this.keepStatisticsCurrent(batch);
  }

  private async keepStatisticsCurrent(batch: WriteBatch): Promise<void> {
    this.rowsWritten += (batch.orders?.length ?? 0) + (batch.items?.length ?? 0) + (batch.packages?.length ?? 0) + (batch.packageItems?.length ?? 0);
    if (this.rowsWritten < this.analyzeAt) return;
    this.analyzeAt = this.rowsWritten * ANALYZE_GROWTH;
    await this.sql.exec('ANALYZE orders, order_items, packages, package_items');
  }

  private async keepEventStatisticsCurrent(inserted: number): Promise<void> {
    const stats = this.eventStatistics;
    stats.inserted += inserted;
    stats.analyzeAt ??= await this.eventsCounted();
    if (stats.inserted < stats.analyzeAt) return;
    await this.sql.exec('ANALYZE tracking_events');
    stats.inserted = 0;
    stats.analyzeAt = await this.eventsCounted();
  }

  /** The row count of tracking_events's statistics (at least EVENTS_ANALYZE_AT; -1 there when never analyzed). */
  private async eventsCounted(): Promise<number> {
    const rows = await this.sql.all<{ n: number | string }>("SELECT reltuples AS n FROM pg_class WHERE oid = 'tracking_events'::regclass");
    return Math.max(EVENTS_ANALYZE_AT, Number(rows[0]?.n ?? 0));
  }

  async refreshDerived(sellerId: string, trackingNumbers: readonly string[]): Promise<void> {
    // Only numbers that have events can gain derived times; the rest keep NULL (reset on renumbering). A row
    // whose values stay is not written.
    const changed = DERIVED_COLUMNS.map((c) => distinctFrom(this.dialect, `packages.${c}`, `d.${c}`)).join(' OR ');
    // On SQLite `+` keeps the grouping off the (seller_id, package_id) index (migration 011), which would walk every
    // package of the seller to avoid sorting the few with these numbers: 1,000 numbers at 100k packages 330 → 60 ms.
    const bySqliteRowid = this.dialect === 'sqlite' ? '+' : '';
    const set = DERIVED_COLUMNS.map((c) => `${c} = d.${c}`).join(', ');
    await this.forKeys(trackingNumbers, async ({ list, params }) => {
      const derived = `${DERIVED_SELECT}
           WHERE p.seller_id = ? AND p.tracking_number ${list}
             AND EXISTS (SELECT 1 FROM tracking_events x WHERE x.seller_id = p.seller_id AND x.tracking_number = p.tracking_number)
           GROUP BY ${bySqliteRowid}p.package_id`;
      const target = `${bySqliteRowid}packages.seller_id = ? AND packages.package_id = d.package_id AND (${changed})`;
      // PostgreSQL computes the new values once, first (MATERIALIZED): planned as the inner side of a nested loop
      // over packages — what it does when its statistics are older than a large first import — the grouping ran
      // again for every package, and all the numbers of a batch in one statement never finished.
      return this.sql.run(
        prepared(this.dialect === 'postgres'
          ? `WITH d AS MATERIALIZED (${derived}) UPDATE packages SET ${set} FROM d WHERE ${target}`
          : `UPDATE packages SET ${set} FROM (${derived}) AS d WHERE ${target}`),
        [sellerId, ...params, sellerId],
      );
    });
  }

  async flagReusedTracking(sellerId: string, trackingNumbers: readonly string[], windowMs: number): Promise<number> {
    const flag = 'REUSED_TRACKING_NUMBER';
    return this.forKeys(trackingNumbers, async ({ list, params }) => {
      // Most numbers are on one package: find the few on more with one index probe each, then look closer.
      const shared = (await this.sql.all<{ tracking_number: string }>(
        prepared(`SELECT tracking_number FROM packages WHERE seller_id = ? AND tracking_number ${list}
         GROUP BY tracking_number HAVING COUNT(*) > 1`),
        [sellerId, ...params],
      )).map((r) => r.tracking_number);
      let flagged = 0;
      for (const reused of keyLists(this.dialect, shared, 'text')) {
        flagged += await this.sql.run(
          prepared(`UPDATE packages AS p SET problems = CASE WHEN p.problems = '' THEN '${flag}' ELSE p.problems || ',${flag}' END
           WHERE p.seller_id = ? AND p.tracking_number ${reused.list} AND p.problems NOT LIKE '%${flag}%'
             AND EXISTS (SELECT 1 FROM packages q
               WHERE q.seller_id = p.seller_id AND q.tracking_number = p.tracking_number AND q.order_id <> p.order_id
                 AND q.confirmed_at <= p.confirmed_at AND q.confirmed_at >= p.confirmed_at - ?)`),
          [sellerId, ...reused.params, windowMs],
        );
      }
      return flagged;
    });
  }

  /** Runs `fn` over the distinct `values` as `keyLists` (one statement's worth each); sums what it returns. */
  private async forKeys(values: readonly string[], fn: (keys: KeyList) => Promise<number>): Promise<number> {
    let total = 0;
    for (const keys of keyLists(this.dialect, values, 'text')) total += await fn(keys);
    return total;
  }

  async insertEvents(sellerId: string, events: readonly TrackingEventRecord[], receivedAt: number): Promise<EventInsertResult> {
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    refuseUnstorable(events);
    return this.sql.transaction(async (tx) => {
      const store = new SqlStore(tx, null, this.eventStatistics);
      // The write number first: the seller's write lock is always taken before any row of theirs.
      await store.nextWriteSeq(sellerId);
      const inserted = await insertRows(tx,
        `INSERT INTO tracking_events (seller_id, carrier_key, carrier_raw, tracking_number, occurred_at, offset_minutes,
           status, code, description, location, source, event_key, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seller_id, event_key) DO NOTHING`,
        events.map((e) => [
          sellerId, e.carrierKey, e.carrierRaw, e.trackingNumber, e.occurredAt, e.offsetMinutes, e.status, e.code,
          e.description, e.location, e.source, e.eventKey, receivedAt,
        ]),
      );
      if (inserted > 0 && this.dialect === 'postgres') await store.keepEventStatisticsCurrent(inserted);
      if (inserted > 0) await store.refreshDerived(sellerId, events.map((e) => e.trackingNumber));
      return { inserted, duplicates: events.length - inserted };
    });
  }

  async findImport(sellerId: string, contentHash: string, format: string): Promise<ImportRecord | null> {
    const rows = await this.sql.all<{
      content_hash: string; format: string; file_name: string; rows_read: number; rows_rejected: number; finished_at: number;
    }>('SELECT * FROM imports WHERE seller_id = ? AND content_hash = ? AND format = ?', [sellerId, contentHash, format]);
    const r = rows[0];
    return r
      ? { contentHash: r.content_hash, format: r.format, fileName: r.file_name, rowsRead: Number(r.rows_read),
          rowsRejected: Number(r.rows_rejected), finishedAt: Number(r.finished_at) }
      : null;
  }

  async recordImport(sellerId: string, record: ImportRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO imports (seller_id, content_hash, format, file_name, rows_read, rows_rejected, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seller_id, content_hash, format) DO NOTHING`,
      [sellerId, record.contentHash, record.format, record.fileName, record.rowsRead, record.rowsRejected, record.finishedAt],
    );
  }

  async findTrackingUses(sellerId: string, trackingNumber: string, sinceMs: number): Promise<TrackingUse[]> {
    const rows = await this.sql.all<{ order_id: string; package_ref: string; confirmed_at: number | null }>(
      `SELECT order_id, package_ref, confirmed_at FROM packages
       WHERE seller_id = ? AND tracking_number = ? AND COALESCE(confirmed_at, ship_date) >= ?
       ORDER BY confirmed_at`,
      [sellerId, trackingNumber, sinceMs],
    );
    return rows.map((r) => ({ orderId: r.order_id, packageRef: r.package_ref, confirmedAt: r.confirmed_at }));
  }

  async marketplaces(sellerId: string): Promise<Marketplace[]> {
    // One index seek per marketplace (the next one after the last), not a DISTINCT over every order of the
    // seller: 680 ms at 10M orders on SQLite.
    const rows = await this.sql.all<{ marketplace: Marketplace | null }>(
      `WITH RECURSIVE m(marketplace) AS (
         SELECT MIN(marketplace) FROM orders WHERE seller_id = ?
         UNION ALL
         SELECT (SELECT MIN(o.marketplace) FROM orders o WHERE o.seller_id = ? AND o.marketplace > m.marketplace)
         FROM m WHERE m.marketplace IS NOT NULL)
       SELECT marketplace FROM m WHERE marketplace IS NOT NULL`,
      [sellerId, sellerId],
    );
    return rows.map((r) => r.marketplace!);
  }

  /** `SELECT <columns> <from> ORDER BY <order>` as arrays `[0, ...columns]`, streamed in batches (see STREAM_BATCH_ROWS). */
  private streamRows(columns: string, from: string, rowOrder: RowOrder | string, params: SqlValue[], onBatch: (rows: Json[][]) => void): Promise<void> {
    return this.sql.stream(this.selectRows(columns, from, rowOrder), params, STREAM_BATCH_ROWS, onBatch);
  }

  /**
   * What `streamRows` reads, for a read whose size its keys bound (`keyLists`): all rows in one statement. On
   * PostgreSQL that is one round trip instead of a cursor's six (settings saved, set, DECLARE, FETCH, CLOSE,
   * settings restored), with the keys bound as one array parameter instead of inlined into the cursor's text, and
   * prepared once per connection; a webhook batch reads three such lists.
   */
  private async keyedRows(columns: string, from: string, rowOrder: string, params: SqlParam[], onBatch: (rows: Json[][]) => void): Promise<void> {
    onBatch(await this.sql.rows(prepared(this.selectRows(columns, from, rowOrder)), params) as Json[][]);
  }

  private selectRows(columns: string, from: string, rowOrder: RowOrder | string): string {
    const order = typeof rowOrder === 'string' ? { by: rowOrder, inKeyOrder: false } : rowOrder;
    // SQLite, without statistics, would rather walk every row of the seller in `order` than range-scan the
    // day index and sort the window; `+` forbids satisfying the order from an index.
    const orderBy = this.dialect === 'sqlite' && !order.inKeyOrder ? `+${order.by}` : order.by;
    return `SELECT 0, ${columns} ${from} ORDER BY ${orderBy}`;
  }

  /**
   * The orders of `condition` and the order of the rows: the day window, sorted (`windowOrders`), or — when the
   * window holds most of the seller's rows (`readAll`, a full rollup rebuild) — every order walked in primary-key
   * order, so that the joins are already in key order and SQLite sorts nothing: 6.2 µs a package row against
   * 14.7 µs through the day index and two sorts (200k packages, docs/design-notes.md "Import").
   */
  private orderScan(condition: string, readAll: boolean, rowOrder: string): { from: string; where: string; order: RowOrder | string } {
    if (readAll) return { from: 'orders o', where: condition, order: { by: `o.order_id${rowOrder}`, inKeyOrder: true } };
    return { ...this.windowOrders(condition), order: rowOrder === '' ? 'o.order_id' : 'p.package_id' };
  }

  /**
   * `orders o` restricted to `condition` (on `o` only; its parameters come first). On SQLite the window's orders
   * are read first and sorted by order id, so that the joins probe the `(seller_id, order_id, …)` indexes of
   * packages, package_items and order_items in key order (neighbouring keys, pages already in the cache), not
   * at random: ~25% less time at 10M. `+` keeps SQLite from walking the whole primary key instead, `LIMIT -1`
   * from flattening the subquery. PostgreSQL hash-joins the window and needs no such help.
   */
  private windowOrders(condition: string): { from: string; where: string } {
    return this.dialect === 'sqlite'
      ? { from: `(SELECT * FROM orders o WHERE ${condition} ORDER BY +o.order_id LIMIT -1) o`, where: '1 = 1' }
      : { from: 'orders o', where: condition };
  }

  async packagesByDay(
    sellerId: string,
    marketplace: Marketplace,
    range: DayRange,
    attribution: PackageAttribution,
  ): Promise<PackageView[]> {
    return collect((fn) => this.eachPackageByDay(sellerId, marketplace, range, attribution, fn));
  }

  /** `packagesByDay`, handing each view to `fn` as it is read (one query, bounded memory, however long the range). */
  async eachPackageByDay(
    sellerId: string,
    marketplace: Marketplace,
    range: DayRange,
    attribution: PackageAttribution,
    fn: (view: PackageView) => void,
    options: ReadOptions = {},
  ): Promise<void> {
    const byPromise = attribution === 'promised_delivery';
    const dayColumn = byPromise ? 'o.promised_day' : 'p.confirm_day';
    const orders = byPromise
      ? this.orderScan(`o.seller_id = ? AND o.marketplace = ? AND o.promised_day >= ? AND o.promised_day <= ?`, options.readAll === true, ', p.package_ref')
      : {
        from: 'orders o',
        where: `o.seller_id = ? AND o.marketplace = ? AND ${dayColumn} >= ? AND ${dayColumn} <= ?`,
        order: 'p.package_id',
      };
    // Categories by join, one row per item (folded in JS), not a per-row aggregate subquery: that built a
    // temporary DISTINCT b-tree (SQLite) or ran a sort (PostgreSQL) for every package.
    const folder = new ViewFolder(toPackageView, 6, fn, mergePackageRow);
    await this.streamRows(
      PACKAGE_COLUMNS,
      `FROM ${orders.from} JOIN packages p ON p.seller_id = o.seller_id AND p.order_id = o.order_id
         LEFT JOIN package_items pi ON pi.seller_id = p.seller_id AND pi.order_id = p.order_id AND pi.package_ref = p.package_ref
         LEFT JOIN order_items oi ON oi.seller_id = pi.seller_id AND oi.order_id = pi.order_id AND oi.order_item_id = pi.order_item_id
       WHERE ${orders.where} AND o.promised_day IS NOT NULL`,
      orders.order,
      [sellerId, marketplace, range.from, range.to],
      (rows) => folder.push(rows),
    );
    folder.finish();
  }

  async ordersByDay(
    sellerId: string,
    marketplace: Marketplace,
    field: 'ship_by' | 'purchase',
    range: DayRange,
  ): Promise<OrderView[]> {
    return collect((fn) => this.eachOrderByDay(sellerId, marketplace, field, range, fn));
  }

  /** `ordersByDay`, handing each view to `fn` as it is read (one query, bounded memory, however long the range). */
  async eachOrderByDay(
    sellerId: string,
    marketplace: Marketplace,
    field: 'ship_by' | 'purchase',
    range: DayRange,
    fn: (view: OrderView) => void,
    options: ReadOptions = {},
  ): Promise<void> {
    const dayColumn = field === 'ship_by' ? 'o.ship_by_day' : 'o.purchase_day';
    const orders = this.orderScan(`o.seller_id = ? AND o.marketplace = ? AND ${dayColumn} >= ? AND ${dayColumn} <= ?`, options.readAll === true, '');
    const folder = new ViewFolder(toOrderViewMerged, 13, fn, mergeOrderRow);
    await this.streamRows(
      ORDER_COLUMNS,
      `FROM ${orders.from} ${ORDER_JOINS}
       WHERE ${orders.where}`,
      orders.order,
      [sellerId, marketplace, range.from, range.to],
      (rows) => folder.push(rows),
    );
    folder.finish();
  }

  /**
   * Each order whose ship-by day is in `shipBy` or whose purchase day is in `purchase`, once (LSR and CR read in
   * one pass: their windows overlap), handed to `fn` as it is read.
   */
  async eachOrderByDays(
    sellerId: string,
    marketplace: Marketplace,
    shipBy: DayRange,
    purchase: DayRange,
    fn: (view: OrderView) => void,
  ): Promise<void> {
    const orders = this.windowOrders(
      `o.seller_id = ? AND o.marketplace = ? AND ((o.ship_by_day >= ? AND o.ship_by_day <= ?) OR (o.purchase_day >= ? AND o.purchase_day <= ?))`,
    );
    const folder = new ViewFolder(toOrderViewMerged, 13, fn, mergeOrderRow);
    await this.streamRows(
      ORDER_COLUMNS,
      `FROM ${orders.from} ${ORDER_JOINS}
       WHERE ${orders.where}`,
      'o.order_id',
      [sellerId, marketplace, shipBy.from, shipBy.to, purchase.from, purchase.to],
      (rows) => folder.push(rows),
    );
    folder.finish();
  }

  async counts(sellerId: string): Promise<{ orders: number; packages: number; events: number }> {
    return { orders: await this.countOf('orders', sellerId), packages: await this.packageCount(sellerId), events: await this.countOf('tracking_events', sellerId) };
  }

  packageCount(sellerId: string): Promise<number> {
    return this.countOf('packages', sellerId);
  }

  private async countOf(table: 'orders' | 'packages' | 'tracking_events', sellerId: string): Promise<number> {
    return Number((await this.sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE seller_id = ?`, [sellerId]))[0]?.n ?? 0);
  }

  /** `order_id` bounds of an OrderSpan, with their parameters (after the seller's). */
  private spanCondition(span: OrderSpan): { sql: string; params: string[] } {
    const parts: string[] = [];
    const params: string[] = [];
    if (span.after !== null) {
      parts.push(' AND o.order_id > ?');
      params.push(span.after);
    }
    if (span.upTo !== null) {
      parts.push(' AND o.order_id <= ?');
      params.push(span.upTo);
    }
    return { sql: parts.join(''), params };
  }

  async orderSpans(sellerId: string, size: number): Promise<OrderSpan[]> {
    const spans: OrderSpan[] = [];
    let after: string | null = null;
    for (;;) {
      // One seek along the primary key per span.
      const rows: { order_id: string }[] = await this.sql.all<{ order_id: string }>(
        `SELECT order_id FROM orders WHERE seller_id = ?${after === null ? '' : ' AND order_id > ?'} ORDER BY order_id LIMIT 1 OFFSET ?`,
        after === null ? [sellerId, size - 1] : [sellerId, after, size - 1],
      );
      const upTo = rows[0]?.order_id ?? null;
      spans.push({ after, upTo });
      if (upTo === null) return spans;
      after = upTo;
    }
  }

  async eachViewIn(
    sellerId: string,
    span: OrderSpan,
    onPackage: (view: CountedPackageView) => void,
    onOrder: (view: OrderView) => void,
  ): Promise<void> {
    const bounds = this.spanCondition(span);
    const folder = new SpanFolder(onPackage, onOrder);
    await this.streamRows(
      SPAN_COLUMNS,
      `FROM orders o ${SPAN_JOINS} WHERE o.seller_id = ?${bounds.sql}`,
      { by: 'o.order_id, p.package_ref, oi.order_item_id', inKeyOrder: true },
      [sellerId, ...bounds.params],
      (rows) => folder.push(rows),
    );
    folder.finish();
  }

  packagesOf(sellerId: string, keys: FactKeys): Promise<CountedPackageView[]> {
    return this.packageViewsOf(sellerId, keys);
  }

  /** The packages of these orders and those with these tracking numbers, promised or not, each once. */
  private async packageViewsOf(sellerId: string, keys: FactKeys): Promise<CountedPackageView[]> {
    const byId = new Map<number, CountedPackageView>();
    const read = async (condition: string, values: readonly string[]) => {
      for (const { list, params } of keyLists(this.dialect, values, 'text')) {
        const folder = new ViewFolder(toCountedPackage, 6, (view: CountedPackageView) => byId.set(view.packageId, view), mergeCountedRow);
        await this.keyedRows(
          PACKAGE_COLUMNS,
          `FROM packages p JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
             LEFT JOIN package_items pi ON pi.seller_id = p.seller_id AND pi.order_id = p.order_id AND pi.package_ref = p.package_ref
             LEFT JOIN order_items oi ON oi.seller_id = pi.seller_id AND oi.order_id = pi.order_id AND oi.order_item_id = pi.order_item_id
           WHERE p.seller_id = ? AND ${condition} ${list}`,
          'p.package_id',
          [sellerId, ...params],
          (rows) => folder.push(rows),
        );
        folder.finish();
      }
    };
    await read('p.order_id', keys.orderIds);
    await read('p.tracking_number', keys.trackingNumbers);
    return [...byId.values()];
  }

  async packagesAfter(sellerId: string, keys: FactKeys, before: readonly CountedPackageView[]): Promise<CountedPackageView[]> {
    const named = new Set(keys.orderIds);
    const views = await this.packageViewsOf(sellerId, { orderIds: keys.orderIds, trackingNumbers: [] });
    const reached = new Map<number, CountedPackageView>();
    for (const view of before) if (!named.has(view.orderId)) reached.set(view.packageId, view);
    for (const { list, params } of keyLists(this.dialect, [...reached.keys()], 'bigint')) {
      const rows = await this.sql.rows(prepared(`SELECT 0, ${OWN_ROW_COLUMNS} FROM packages p WHERE ${this.sellerOfIds} = ? AND p.package_id ${list}`), [sellerId, ...params]);
      for (const row of rows as Json[][]) views.push(withOwnRow(reached.get(Number(row[1]))!, row));
    }
    return views;
  }

  /**
   * The seller condition's column of a read of packages by id. SQLite would rather walk every package of the
   * seller through the (seller_id, order_id, …) index than look the ids up (1.3 s for 500 ids at 10M; 140 ms a round
   * of 1,000 events at 300k for `packagesAfter`); `+` keeps seller_id off the index, so the rowid IN list drives.
   */
  private get sellerOfIds(): string {
    return this.dialect === 'sqlite' ? '+p.seller_id' : 'p.seller_id';
  }

  /** The packages with these ids, as views in package id order: the page of a list kept elsewhere (defect rollups). */
  async packagesByIds(sellerId: string, packageIds: readonly number[]): Promise<PackageView[]> {
    return this.viewsByKeys([...packageIds].sort((a, b) => a - b), 'bigint', async ({ list, params }, fn) => {
      const folder = new ViewFolder(toPackageView, 6, fn, mergePackageRow);
      await this.keyedRows(
        PACKAGE_COLUMNS,
        `FROM packages p JOIN orders o ON o.seller_id = p.seller_id AND o.order_id = p.order_id
           LEFT JOIN package_items pi ON pi.seller_id = p.seller_id AND pi.order_id = p.order_id AND pi.package_ref = p.package_ref
           LEFT JOIN order_items oi ON oi.seller_id = pi.seller_id AND oi.order_id = pi.order_id AND oi.order_item_id = pi.order_item_id
         WHERE ${this.sellerOfIds} = ? AND p.package_id ${list}`,
        'p.package_id',
        [sellerId, ...params],
        (rows) => folder.push(rows),
      );
      folder.finish();
    });
  }

  /** The orders with these ids, as views (in no particular order). */
  async ordersByIds(sellerId: string, orderIds: readonly string[]): Promise<OrderView[]> {
    return this.viewsByKeys(orderIds, 'text', async ({ list, params }, fn) => {
      const folder = new ViewFolder(toOrderViewMerged, 13, fn, mergeOrderRow);
      await this.keyedRows(
        ORDER_COLUMNS,
        `FROM orders o ${ORDER_JOINS} WHERE o.seller_id = ? AND o.order_id ${list}`,
        'o.order_id',
        [sellerId, ...params],
        (rows) => folder.push(rows),
      );
      folder.finish();
    });
  }

  /** Views of the distinct `keys`, read a `keyLists` list at a time, in the order of the lists. */
  private async viewsByKeys<V>(keys: readonly SqlValue[], type: 'text' | 'bigint', read: (keys: KeyList, fn: (view: V) => void) => Promise<void>): Promise<V[]> {
    const views: V[] = [];
    for (const list of keyLists(this.dialect, keys, type)) await read(list, (view) => views.push(view));
    return views;
  }
}
