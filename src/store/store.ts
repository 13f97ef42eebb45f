import type {
  Marketplace,
  OrderItemRecord,
  OrderRecord,
  PackageItemRecord,
  PackageRecord,
  TrackingEventRecord,
} from '../core/domain.js';
import type { CountedPackageView, DayRange, OrderView, PackageAttribution, PackageView } from '../core/views.js';
import type { Dialect } from './sql.js';

/** An order as written: the record plus its local days, computed in the marketplace's zone. */
export interface OrderWrite extends OrderRecord {
  purchaseDay: string;
  shipByDay: string | null;
  promisedDay: string | null;
}

export interface PackageWrite extends PackageRecord {
  /** Local day of `confirmedAt` in the marketplace's zone (ship-confirm attribution). */
  confirmDay: string | null;
}

/**
 * The facts a write touches, by key: the orders it writes (with their items and packages) and the tracking
 * numbers it writes or adds events to. Every package and order whose view the write can change is found from
 * them (`packagesOf`, `ordersByIds`): the kept figures take those views' contributions before and after. A write
 * changes an order, its items or its packages' facts only with the order named; through a tracking number alone
 * it changes only what the package's row derives from events and other packages (scans, the reuse flag).
 */
export interface FactKeys {
  orderIds: readonly string[];
  trackingNumbers: readonly string[];
}

/**
 * What keeps derived figures current with the writes of one transaction (src/app/kept-figures.ts implements it;
 * writers below the application layer are handed one).
 */
export interface FactWrites {
  /** Starts the writes of one seller inside `tx`: takes the seller's write lock first. */
  begin(tx: Store, sellerId: string): Promise<FactWriteSession>;
}

export interface FactWriteSession {
  /**
   * Runs `write`, which changes at most the facts reachable from `keys`, and counts what it changed. `done`: the
   * share of the session's writes done once this one is (an import: the bytes read of its file), when known.
   */
  change<T>(keys: FactKeys, write: () => Promise<T>, done?: number): Promise<T>;
  /** Writes what was counted; the figures are then current with the transaction's writes. */
  finish(): Promise<void>;
}

/** The orders and tracking numbers of a batch (see FactKeys). */
export function factKeysOf(batch: WriteBatch): FactKeys {
  const orderIds: string[] = [];
  for (const rows of [batch.orders, batch.items, batch.packages, batch.packageItems]) for (const r of rows ?? []) orderIds.push(r.orderId);
  return { orderIds, trackingNumbers: trackingNumbersOf(batch) };
}

export interface WriteBatch {
  orders?: readonly OrderWrite[];
  items?: readonly OrderItemRecord[];
  packages?: readonly PackageWrite[];
  packageItems?: readonly PackageItemRecord[];
}

/** The tracking numbers a batch writes: what `refreshDerived` and `flagReusedTracking` take after it. */
export function trackingNumbersOf(batch: WriteBatch): string[] {
  const numbers: string[] = [];
  for (const p of batch.packages ?? []) if (p.trackingNumber !== null) numbers.push(p.trackingNumber);
  return numbers;
}

export interface EventInsertResult {
  inserted: number;
  duplicates: number;
}

/** Orders with ids after `after` up to `upTo` (null: no bound). */
export interface OrderSpan {
  after: string | null;
  upTo: string | null;
}

/** How a streamed read may plan itself. */
export interface ReadOptions {
  /**
   * The range holds most of the seller's rows (a full rollup rebuild): walking everything in key order is
   * cheaper than the day index plus sorts.
   */
  readAll?: boolean;
}

export interface ImportRecord {
  contentHash: string;
  format: string;
  fileName: string;
  rowsRead: number;
  rowsRejected: number;
  finishedAt: number;
}

export interface TrackingUse {
  orderId: string;
  packageRef: string;
  confirmedAt: number | null;
}

/** What `openStore` needs to open a store again, in another thread (src/store/open.ts). */
export interface StoreLocation {
  /** A SQLite path or a `postgres://` URL (may carry a password: never printed). */
  target: string;
  /** PostgreSQL: its schema. SQLite: its busy wait, and the write gate the threads share (write-gate.ts). */
  options: { schema?: string; busyWaitMs?: number; writeGate?: SharedArrayBuffer };
}

/**
 * Everything vtrguard keeps, per seller. Both dialects implement it over `SqlDriver`, which this interface does
 * not show: the store's own modules that keep tables of their own (rollups, polling state, keys, alerts) reach
 * it with `sqlOf` (sql-store.ts), and src/layers.test.ts keeps that inside src/store/.
 */
export interface Store {
  readonly dialect: Dialect;
  /**
   * How another thread of this process opens this same database (`openStore(location.target, location.options)`):
   * plain data, structured-cloneable. Null where there is none to share — SQLite `:memory:`, a store inside a
   * transaction.
   */
  readonly location: StoreLocation | null;
  /**
   * Applies the pending migrations, up to version `through` when given (a test's way to hold a database at the
   * schema a migration starts from); returns how many it applied.
   */
  migrate(through?: number): Promise<number>;
  close(): Promise<void>;
  /** Asks the database a trivial question; throws the driver's error when it does not answer (the health check). */
  ping(): Promise<void>;
  /** All of `fn` or nothing, on one connection. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: an id by which other connections read what this transaction's reads see, committed rows
   * only (`readingSnapshot`), valid until it ends. PostgreSQL exports its snapshot; null on SQLite, where every
   * reader of the file sees the last commit and, while this transaction holds the write lock, none can come.
   */
  exportSnapshot(): Promise<string | null>;
  /** Runs the reads of `fn` in a read-only transaction on the snapshot `exportSnapshot` named (PostgreSQL). */
  readingSnapshot<T>(snapshot: string, fn: (store: Store) => Promise<T>): Promise<T>;

  ensureSeller(sellerId: string, name?: string): Promise<void>;
  listSellers(): Promise<{ sellerId: string; name: string }[]>;
  /**
   * A fresh number for a write of the seller's facts. Its row stays locked to the end of the transaction: the
   * seller's write lock (src/store/rollups.ts, `lockSellerWrites`).
   */
  nextWriteSeq(sellerId: string): Promise<number>;

  /** Writes the batch's facts (and takes a fresh write number, `nextWriteSeq`). */
  writeBatch(sellerId: string, batch: WriteBatch): Promise<void>;
  /**
   * Re-derives first scan, delivery and status of the packages with these tracking numbers (a batch's packages and
   * their recycled twins). A write calls it with the numbers it wrote.
   */
  refreshDerived(sellerId: string, trackingNumbers: readonly string[]): Promise<void>;
  /**
   * Adds `REUSED_TRACKING_NUMBER` to the problems of packages with these numbers that were already confirmed on
   * another order within `windowMs` before them. Called per batch with the numbers it wrote: a later batch holding
   * the earlier use flags the earlier batch's package then.
   */
  flagReusedTracking(sellerId: string, trackingNumbers: readonly string[], windowMs: number): Promise<number>;
  /** Stores events idempotently, then re-derives the packages they belong to. */
  insertEvents(sellerId: string, events: readonly TrackingEventRecord[], receivedAt: number): Promise<EventInsertResult>;

  findImport(sellerId: string, contentHash: string, format: string): Promise<ImportRecord | null>;
  recordImport(sellerId: string, record: ImportRecord): Promise<void>;

  findTrackingUses(sellerId: string, trackingNumber: string, sinceMs: number): Promise<TrackingUse[]>;
  marketplaces(sellerId: string): Promise<Marketplace[]>;
  packagesByDay(sellerId: string, marketplace: Marketplace, range: DayRange, attribution: PackageAttribution): Promise<PackageView[]>;
  ordersByDay(sellerId: string, marketplace: Marketplace, field: 'ship_by' | 'purchase', range: DayRange): Promise<OrderView[]>;
  /** What `packagesByDay` returns, streamed one package at a time with bounded memory. */
  eachPackageByDay(
    sellerId: string, marketplace: Marketplace, range: DayRange, attribution: PackageAttribution, fn: (view: PackageView) => void,
    options?: ReadOptions,
  ): Promise<void>;
  /** What `ordersByDay` returns, streamed. */
  eachOrderByDay(
    sellerId: string, marketplace: Marketplace, field: 'ship_by' | 'purchase', range: DayRange, fn: (view: OrderView) => void,
    options?: ReadOptions,
  ): Promise<void>;
  /** Each order whose ship-by day is in `shipBy` or whose purchase day is in `purchase`, once, streamed. */
  eachOrderByDays(sellerId: string, marketplace: Marketplace, shipBy: DayRange, purchase: DayRange, fn: (view: OrderView) => void): Promise<void>;
  counts(sellerId: string): Promise<{ orders: number; packages: number; events: number }>;
  /** How many packages the seller has (one walk of its part of the packages key). */
  packageCount(sellerId: string): Promise<number>;
  /** The seller's orders cut into spans of `size` orders in key order, the last one open-ended. */
  orderSpans(sellerId: string, size: number): Promise<OrderSpan[]>;
  /**
   * Every package (promised or not) and every order of the orders in `span`, in one streamed read in key order:
   * each package to `onPackage`, each order to `onOrder` after its packages.
   */
  eachViewIn(sellerId: string, span: OrderSpan, onPackage: (view: CountedPackageView) => void, onOrder: (view: OrderView) => void): Promise<void>;
  /** The packages of these orders and those with these tracking numbers, promised or not, each once. */
  packagesOf(sellerId: string, keys: FactKeys): Promise<CountedPackageView[]>;
  /**
   * `packagesOf(sellerId, keys)` again after a write of `keys`, given the views `before` read before it: the
   * packages of the orders named are read whole; the others of `before` were reached by a tracking number only, so
   * the write changed at most their own rows (FactKeys) and only those are read again, by id — one index lookup a
   * package instead of a join of four tables.
   */
  packagesAfter(sellerId: string, keys: FactKeys, before: readonly CountedPackageView[]): Promise<CountedPackageView[]>;
  /** The packages with these ids, as views in package id order (a page of the defect list). */
  packagesByIds(sellerId: string, packageIds: readonly number[]): Promise<PackageView[]>;
  /** The orders with these ids, as views. */
  ordersByIds(sellerId: string, orderIds: readonly string[]): Promise<OrderView[]>;
}
