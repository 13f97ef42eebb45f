import type { SqlValue } from './sql.js';
import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';
import { lastPolledAt } from './tracking-poll.js';

/** Storage of the Amazon connection (migration 012): typed reads and writes; the SQL stays here. */

export interface HoldPolicy {
  /** Hold each confirmation until its package's first carrier scan… */
  untilFirstScan: boolean;
  /** …but never past the order's latest ship date minus this many minutes. */
  marginMinutes: number;
}

export interface ConnectionRow {
  sellerId: string;
  /** The sealed credentials (sealed.ts); opened only by the app with the installation's key. */
  sealed: string;
  marketplaces: ConnectedMarketplace[];
  secretSetAt: number;
  holdPolicy: HoldPolicy | null;
  connectedAt: number;
  updatedAt: number;
}

export interface ConnectedMarketplace {
  id: string;
  marketplace: string | null;
  name: string;
}

export interface SyncState {
  /** The next run asks for orders updated after this (minus the overlap). */
  watermark: number | null;
  /** A run in progress: its lastUpdatedAfter, Amazon's bound for it, and the page to fetch next. */
  runAfter: number | null;
  runBefore: number | null;
  pageToken: string | null;
  pages: number;
  ordersSynced: number;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

export const EMPTY_SYNC_STATE: SyncState = {
  watermark: null, runAfter: null, runBefore: null, pageToken: null, pages: 0, ordersSynced: 0,
  lastSuccessAt: null, lastError: null, lastErrorAt: null,
};

export interface AmazonOrderRow {
  orderId: string;
  lastUpdated: number;
  /** The promised delivery as first seen: a later extension does not move it. */
  deliverByFirst: number | null;
  prime: boolean;
  buyShipping: boolean;
  itemCancellations: ItemCancellation[];
}

export interface ItemCancellation {
  orderItemId: string;
  requestedBy: string | null;
  cancelledBy: string | null;
  reason: string | null;
}

export interface AmazonPackageRow {
  orderId: string;
  packageRef: string;
  carrier: string | null;
  shippingService: string | null;
  trackingNumber: string | null;
  shipTime: number | null;
  status: string | null;
  /** The validator's carrier key and normalised number for Amazon's record: the poller follows that number. */
  carrierKey: string | null;
  trackingKey: string | null;
}

/**
 * `sending`: claimed by one worker while its confirmShipment call is under way, or in a feed Amazon is processing.
 * `partial`: a feed package of which Amazon applied some rows and refused others (its reason names the refused items).
 */
export type ConfirmationState = 'held' | 'sending' | 'sent' | 'partial' | 'refused' | 'failed' | 'skipped';

export const CONFIRMATION_STATES: readonly ConfirmationState[] = ['held', 'sending', 'sent', 'partial', 'refused', 'failed', 'skipped'];

export interface ConfirmationRow {
  confirmationId: string;
  orderId: string;
  packageRef: string;
  state: ConfirmationState;
  /** The confirmation as asked (JSON): what the seller meant to send. */
  request: string;
  reason: string | null;
  holdUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ReportRow {
  reportId: string;
  reportType: string;
  state: string;
  requestedAt: number;
  finishedAt: number | null;
  content: string | null;
  reconciliation: string | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Rows of `values` in chunks that stay under either dialect's parameter limit. */
async function inChunks<T, R>(values: readonly T[], size: number, fn: (chunk: readonly T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await fn(values.slice(i, i + size))));
  return out;
}

export async function saveConnection(store: Store, row: ConnectionRow): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO amazon_connections (seller_id, sealed, marketplaces, secret_set_at, hold_policy, connected_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (seller_id) DO UPDATE SET sealed = excluded.sealed, marketplaces = excluded.marketplaces,
       secret_set_at = excluded.secret_set_at, hold_policy = excluded.hold_policy, updated_at = excluded.updated_at`,
    [row.sellerId, row.sealed, JSON.stringify(row.marketplaces), row.secretSetAt, row.holdPolicy ? JSON.stringify(row.holdPolicy) : null, row.connectedAt, row.updatedAt],
  );
}

interface ConnectionRecord {
  seller_id: string;
  sealed: string;
  marketplaces: string;
  secret_set_at: number;
  hold_policy: string | null;
  connected_at: number;
  updated_at: number;
}

function toConnection(r: ConnectionRecord): ConnectionRow {
  return {
    sellerId: r.seller_id, sealed: r.sealed, marketplaces: JSON.parse(r.marketplaces) as ConnectedMarketplace[],
    secretSetAt: Number(r.secret_set_at), holdPolicy: r.hold_policy ? (JSON.parse(r.hold_policy) as HoldPolicy) : null,
    connectedAt: Number(r.connected_at), updatedAt: Number(r.updated_at),
  };
}

export async function getConnection(store: Store, sellerId: string): Promise<ConnectionRow | null> {
  const [row] = await sqlOf(store).all<ConnectionRecord>('SELECT * FROM amazon_connections WHERE seller_id = ?', [sellerId]);
  return row ? toConnection(row) : null;
}

/** Forgets the seller's credentials (the sync state, confirmations and reports stay, for a later connection). */
export async function deleteConnection(store: Store, sellerId: string): Promise<boolean> {
  return (await sqlOf(store).run('DELETE FROM amazon_connections WHERE seller_id = ?', [sellerId])) > 0;
}

export async function listConnections(store: Store): Promise<ConnectionRow[]> {
  return (await sqlOf(store).all<ConnectionRecord>('SELECT * FROM amazon_connections ORDER BY seller_id')).map(toConnection);
}

export async function setHoldPolicy(store: Store, sellerId: string, policy: HoldPolicy | null, now: number): Promise<number> {
  return sqlOf(store).run('UPDATE amazon_connections SET hold_policy = ?, updated_at = ? WHERE seller_id = ?', [policy ? JSON.stringify(policy) : null, now, sellerId]);
}

interface SyncRecord {
  watermark: number | null;
  run_after: number | null;
  run_before: number | null;
  page_token: string | null;
  pages: number;
  orders_synced: number;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
}

export async function getSyncState(store: Store, sellerId: string): Promise<SyncState> {
  const [r] = await sqlOf(store).all<SyncRecord>('SELECT * FROM amazon_sync_state WHERE seller_id = ?', [sellerId]);
  if (!r) return EMPTY_SYNC_STATE;
  return {
    watermark: num(r.watermark), runAfter: num(r.run_after), runBefore: num(r.run_before), pageToken: r.page_token,
    pages: Number(r.pages), ordersSynced: Number(r.orders_synced), lastSuccessAt: num(r.last_success_at),
    lastError: r.last_error, lastErrorAt: num(r.last_error_at),
  };
}

export async function saveSyncState(store: Store, sellerId: string, s: SyncState): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO amazon_sync_state (seller_id, watermark, run_after, run_before, page_token, pages, orders_synced, last_success_at, last_error, last_error_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (seller_id) DO UPDATE SET watermark = excluded.watermark, run_after = excluded.run_after,
       run_before = excluded.run_before, page_token = excluded.page_token, pages = excluded.pages,
       orders_synced = excluded.orders_synced, last_success_at = excluded.last_success_at,
       last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
    [sellerId, s.watermark, s.runAfter, s.runBefore, s.pageToken, s.pages, s.ordersSynced, s.lastSuccessAt, s.lastError, s.lastErrorAt],
  );
}

interface AmazonOrderRecord {
  order_id: string;
  last_updated: number;
  deliver_by_first: number | null;
  prime: number;
  buy_shipping: number;
  item_cancellations: string;
}

export async function getAmazonOrders(store: Store, sellerId: string, orderIds: readonly string[]): Promise<Map<string, AmazonOrderRow>> {
  const rows = await inChunks(orderIds, 500, (chunk) => sqlOf(store).all<AmazonOrderRecord>(
    `SELECT order_id, last_updated, deliver_by_first, prime, buy_shipping, item_cancellations FROM amazon_orders
     WHERE seller_id = ? AND order_id IN (${placeholders(chunk.length)})`,
    [sellerId, ...chunk],
  ));
  return new Map(rows.map((r) => [r.order_id, {
    orderId: r.order_id, lastUpdated: Number(r.last_updated), deliverByFirst: num(r.deliver_by_first),
    prime: Number(r.prime) === 1, buyShipping: Number(r.buy_shipping) === 1,
    itemCancellations: JSON.parse(r.item_cancellations) as ItemCancellation[],
  }]));
}

export async function putAmazonOrders(store: Store, sellerId: string, rows: readonly AmazonOrderRow[]): Promise<void> {
  await sqlOf(store).runMany(
    `INSERT INTO amazon_orders (seller_id, order_id, last_updated, deliver_by_first, prime, buy_shipping, item_cancellations)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, order_id) DO UPDATE SET last_updated = excluded.last_updated, deliver_by_first = excluded.deliver_by_first,
       prime = excluded.prime, buy_shipping = excluded.buy_shipping, item_cancellations = excluded.item_cancellations`,
    rows.map((r) => [sellerId, r.orderId, r.lastUpdated, r.deliverByFirst, r.prime ? 1 : 0, r.buyShipping ? 1 : 0, JSON.stringify(r.itemCancellations)]),
  );
}

export async function countAmazonOrders(store: Store, sellerId: string): Promise<number> {
  const [row] = await sqlOf(store).all<{ n: number }>('SELECT COUNT(*) AS n FROM amazon_orders WHERE seller_id = ?', [sellerId]);
  return Number(row?.n ?? 0);
}

/** Cached categories per ASIN in one marketplace; a cached null means the catalog had none. */
export async function getCatalogCategories(store: Store, sellerId: string, marketplaceId: string, asins: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await inChunks(asins, 500, (chunk) => sqlOf(store).all<{ asin: string; category: string | null }>(
    `SELECT asin, category FROM amazon_catalog WHERE seller_id = ? AND marketplace_id = ? AND asin IN (${placeholders(chunk.length)})`,
    [sellerId, marketplaceId, ...chunk],
  ));
  return new Map(rows.map((r) => [r.asin, r.category]));
}

export async function putCatalogCategories(store: Store, sellerId: string, marketplaceId: string, entries: ReadonlyMap<string, string | null>, now: number): Promise<void> {
  await sqlOf(store).runMany(
    `INSERT INTO amazon_catalog (seller_id, marketplace_id, asin, category, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, marketplace_id, asin) DO UPDATE SET category = excluded.category, fetched_at = excluded.fetched_at`,
    [...entries].map(([asin, category]) => [sellerId, marketplaceId, asin, category, now]),
  );
}

/** The seller's own SKU → category list replaces the previous one whole. */
export async function replaceSkuCategories(store: Store, sellerId: string, entries: ReadonlyMap<string, string>): Promise<void> {
  await store.transaction(async (tx) => {
    await sqlOf(tx).run('DELETE FROM amazon_sku_categories WHERE seller_id = ?', [sellerId]);
    await sqlOf(tx).runMany('INSERT INTO amazon_sku_categories (seller_id, sku, category) VALUES (?, ?, ?)', [...entries].map(([sku, category]) => [sellerId, sku, category]));
  });
}

export async function getSkuCategories(store: Store, sellerId: string, skus: readonly string[]): Promise<Map<string, string>> {
  const rows = await inChunks(skus, 500, (chunk) => sqlOf(store).all<{ sku: string; category: string }>(
    `SELECT sku, category FROM amazon_sku_categories WHERE seller_id = ? AND sku IN (${placeholders(chunk.length)})`,
    [sellerId, ...chunk],
  ));
  return new Map(rows.map((r) => [r.sku, r.category]));
}

export async function putAmazonPackages(store: Store, sellerId: string, rows: readonly AmazonPackageRow[], now: number): Promise<void> {
  await sqlOf(store).runMany(
    `INSERT INTO amazon_packages (seller_id, order_id, package_ref, carrier, shipping_service, tracking_number, ship_time, status, seen_at,
       carrier_key, tracking_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, order_id, package_ref) DO UPDATE SET carrier = excluded.carrier, shipping_service = excluded.shipping_service,
       tracking_number = excluded.tracking_number, ship_time = excluded.ship_time, status = excluded.status, seen_at = excluded.seen_at,
       carrier_key = excluded.carrier_key, tracking_key = excluded.tracking_key`,
    rows.map((r) => [sellerId, r.orderId, r.packageRef, r.carrier, r.shippingService, r.trackingNumber, r.shipTime, r.status, now, r.carrierKey, r.trackingKey]),
  );
}

/** The packages vtrguard holds for these orders, keyed `orderId \0 packageRef`. */
export async function existingPackageKeys(store: Store, sellerId: string, orderIds: readonly string[]): Promise<Set<string>> {
  const rows = await inChunks(orderIds, 500, (chunk) => sqlOf(store).all<{ order_id: string; package_ref: string }>(
    `SELECT order_id, package_ref FROM packages WHERE seller_id = ? AND order_id IN (${placeholders(chunk.length)})`,
    [sellerId, ...chunk],
  ));
  return new Set(rows.map((r) => `${r.order_id}\u0000${r.package_ref}`));
}

export interface PackagePair {
  orderId: string;
  packageRef: string;
  amazon: { carrier: string | null; trackingNumber: string | null; shippingService: string | null; trackingKey: string | null; shipTime: number | null };
  ours: { carrierCode: string | null; carrierName: string | null; trackingNumber: string | null } | null;
  /** What the seller asked the gateway to send for this package, when it went through it (JSON). */
  request: string | null;
}

/**
 * Amazon's recorded packages beside what the seller meant to send (the package vtrguard holds and the gateway's
 * last confirmation for it) where their carrier or number differ; at most `limit`, newest first.
 */
export async function packagePairs(store: Store, sellerId: string, limit: number): Promise<PackagePair[]> {
  const rows = await sqlOf(store).all<{
    order_id: string; package_ref: string; carrier: string | null; tracking_number: string | null; shipping_service: string | null;
    tracking_key: string | null; ship_time: number | null;
    carrier_code: string | null; carrier_name: string | null; our_number: string | null; has_ours: number | null; request: string | null;
  }>(
    `SELECT a.order_id, a.package_ref, a.carrier, a.tracking_number, a.shipping_service, a.tracking_key, a.ship_time,
            p.carrier_code, p.carrier_name, p.tracking_number AS our_number, p.package_id AS has_ours,
            (SELECT c.request FROM amazon_confirmations c WHERE c.seller_id = a.seller_id AND c.order_id = a.order_id
               AND c.package_ref = a.package_ref AND c.state IN ('sent', 'partial') ORDER BY c.updated_at DESC LIMIT 1) AS request
     FROM amazon_packages a
     LEFT JOIN packages p ON p.seller_id = a.seller_id AND p.order_id = a.order_id AND p.package_ref = a.package_ref
     WHERE a.seller_id = ?
     ORDER BY a.seen_at DESC, a.order_id, a.package_ref
     LIMIT ?`,
    [sellerId, limit],
  );
  return rows.map((r) => ({
    orderId: r.order_id, packageRef: r.package_ref,
    amazon: { carrier: r.carrier, trackingNumber: r.tracking_number, shippingService: r.shipping_service, trackingKey: r.tracking_key, shipTime: num(r.ship_time) },
    ours: r.has_ours === null ? null : { carrierCode: r.carrier_code, carrierName: r.carrier_name, trackingNumber: r.our_number },
    request: r.request,
  }));
}

/** The gateway's confirmations of these orders in these states, oldest first. */
export async function confirmationsOfOrders(
  store: Store, sellerId: string, orderIds: readonly string[], states: readonly ConfirmationState[],
): Promise<ConfirmationRow[]> {
  const rows = await inChunks(orderIds, 500, (chunk) => sqlOf(store).all<ConfirmationRecord>(
    `SELECT * FROM amazon_confirmations
     WHERE seller_id = ? AND order_id IN (${placeholders(chunk.length)}) AND state IN (${placeholders(states.length)})
     ORDER BY created_at, confirmation_id`,
    [sellerId, ...chunk, ...states],
  ));
  return rows.map(toConfirmation);
}

/**
 * Runs `fn` in a transaction beside which no other runs for a confirmation of the same seller's order: the
 * gateway's judgement against the order's earlier confirmations and the insert of the new one are one step, so two
 * identical requests at the same instant (two processes, or two requests interleaving at their awaits) make one
 * confirmation, not two sent to Amazon. PostgreSQL: a transaction-scoped advisory lock keyed by seller and order,
 * taken before any row lock (so it adds nothing to the order writers lock rows in) and read committed, so what
 * `fn` reads after it includes the other's insert. SQLite: the write transaction serialises by itself (BEGIN
 * IMMEDIATE across processes; the driver queues this process's transactions).
 */
export async function withOrderConfirmationsLocked<T>(store: Store, sellerId: string, orderId: string, fn: (tx: Store) => Promise<T>): Promise<T> {
  return store.transaction(async (tx) => {
    if (tx.dialect === 'postgres') {
      await sqlOf(tx).all('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [JSON.stringify(['amazon_confirmations', sellerId, orderId])]);
    }
    return fn(tx);
  });
}

/*
 * `amazon_confirmation_counts` (migration 027) has a column a state, named as the state: every write below that
 * inserts a confirmation or changes its state moves its seller's counts with it, atomically, so the Amazon panel
 * reads one row instead of every confirmation the seller ever sent. The column names interpolated into SQL are
 * ConfirmationState values, a closed set.
 */

export async function insertConfirmation(store: Store, sellerId: string, row: ConfirmationRow): Promise<void> {
  const counted = row.state;
  const insert = `INSERT INTO amazon_confirmations (seller_id, confirmation_id, order_id, package_ref, state, request, reason, hold_until, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const params = [sellerId, row.confirmationId, row.orderId, row.packageRef, row.state, row.request, row.reason, row.holdUntil, row.createdAt, row.updatedAt];
  const countIt = `ON CONFLICT (seller_id) DO UPDATE SET ${counted} = amazon_confirmation_counts.${counted} + 1`;
  if (store.dialect === 'postgres') {
    // One statement (a data-modifying WITH): one round trip, as before the counts, and atomic without a transaction.
    await sqlOf(store).run(
      `WITH inserted AS (${insert} RETURNING seller_id)
       INSERT INTO amazon_confirmation_counts (seller_id, ${counted}) SELECT seller_id, 1 FROM inserted ${countIt}`,
      params,
    );
    return;
  }
  // SQLite: statements in process cost no round trip.
  await store.transaction(async (tx) => {
    await sqlOf(tx).run(insert, params);
    await sqlOf(tx).run(`INSERT INTO amazon_confirmation_counts (seller_id, ${counted}) VALUES (?, 1) ${countIt}`, [sellerId]);
  });
}

/** A confirmation to move on, only from `from`. */
export interface ConfirmationMove {
  confirmationId: string;
  from: ConfirmationState;
  to: ConfirmationState;
  reason: string | null;
}

/**
 * Moves confirmations of the seller on, each only from its `from` (so two workers never send one held package
 * twice); returns the ids of those moved. The seller's counts change once for all of them: a feed's outcome moves
 * every package of the feed in one transaction, and PostgreSQL keeps each update of one row in a transaction as a
 * new version of it that the next update must find.
 */
export async function moveConfirmations(store: Store, sellerId: string, moves: readonly ConfirmationMove[], now: number): Promise<Set<string>> {
  if (moves.length === 0) return new Set();
  return store.transaction(async (tx) => {
    const moved = new Set<string>();
    const change = new Map<ConfirmationState, number>();
    for (const { confirmationId, from, to, reason } of moves) {
      const changed = await sqlOf(tx).run(
        'UPDATE amazon_confirmations SET state = ?, reason = ?, updated_at = ? WHERE seller_id = ? AND confirmation_id = ? AND state = ?',
        [to, reason, now, sellerId, confirmationId, from],
      );
      if (changed !== 1) continue;
      moved.add(confirmationId);
      change.set(from, (change.get(from) ?? 0) - 1);
      change.set(to, (change.get(to) ?? 0) + 1);
    }
    const changes = [...change].filter(([, n]) => n !== 0);
    if (changes.length > 0) {
      // The seller's row is there: the confirmations' inserts made it.
      await sqlOf(tx).run(
        `UPDATE amazon_confirmation_counts SET ${changes.map(([state]) => `${state} = ${state} + ?`).join(', ')} WHERE seller_id = ?`,
        [...changes.map(([, n]) => n), sellerId],
      );
    }
    return moved;
  });
}

/** Moves one confirmation on (`moveConfirmations`); whether it moved. */
export async function moveConfirmation(
  store: Store, sellerId: string, confirmationId: string, from: ConfirmationState, to: ConfirmationState, reason: string | null, now: number,
): Promise<boolean> {
  return (await moveConfirmations(store, sellerId, [{ confirmationId, from, to, reason }], now)).has(confirmationId);
}

interface ConfirmationRecord {
  confirmation_id: string;
  order_id: string;
  package_ref: string;
  state: ConfirmationState;
  request: string;
  reason: string | null;
  hold_until: number | null;
  created_at: number;
  updated_at: number;
}

function toConfirmation(r: ConfirmationRecord): ConfirmationRow {
  return {
    confirmationId: r.confirmation_id, orderId: r.order_id, packageRef: r.package_ref, state: r.state, request: r.request,
    reason: r.reason, holdUntil: num(r.hold_until), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

/**
 * The seller's confirmations in these states, the oldest or the newest first (by `created_at`, then
 * `confirmation_id`), at most `limit`. Each state is read apart from the index of migration 029, in this order and
 * up to the LIMIT, and the states' reads are merged under the same order and LIMIT: read together, every row of the
 * states would be read and sorted for one page (the Amazon panel's newest problems, out of all the seller ever had).
 * SQLite applies an arm's ORDER BY and LIMIT only to a subquery, so each arm is one.
 */
export async function listConfirmations(
  store: Store, sellerId: string, states: readonly ConfirmationState[], limit = 500, order: 'oldest' | 'newest' = 'oldest',
): Promise<ConfirmationRow[]> {
  const direction = order === 'oldest' ? 'ASC' : 'DESC';
  const ordered = `ORDER BY created_at ${direction}, confirmation_id ${direction} LIMIT ?`;
  const oneState = `SELECT * FROM amazon_confirmations WHERE seller_id = ? AND state = ? ${ordered}`;
  const distinct = [...new Set(states)];
  if (distinct.length === 0) return [];
  const sql = distinct.length === 1 ? oneState : `${distinct.map((_, i) => `SELECT * FROM (${oneState}) AS s${i}`).join(' UNION ALL ')} ${ordered}`;
  const params: SqlValue[] = [...distinct.flatMap((state) => [sellerId, state, limit]), ...(distinct.length === 1 ? [] : [limit])];
  const rows = await sqlOf(store).all<ConfirmationRecord>(sql, params);
  return rows.map(toConfirmation);
}

export async function getConfirmation(store: Store, sellerId: string, confirmationId: string): Promise<ConfirmationRow | null> {
  const [row] = await sqlOf(store).all<ConfirmationRecord>('SELECT * FROM amazon_confirmations WHERE seller_id = ? AND confirmation_id = ?', [sellerId, confirmationId]);
  return row ? toConfirmation(row) : null;
}

/** The seller's confirmations in each state, as kept counted (`amazon_confirmation_counts`). */
export async function countConfirmations(store: Store, sellerId: string): Promise<Record<ConfirmationState, number>> {
  const [row] = await sqlOf(store).all<Record<string, number>>(
    `SELECT ${CONFIRMATION_STATES.join(', ')} FROM amazon_confirmation_counts WHERE seller_id = ?`, [sellerId],
  );
  return Object.fromEntries(CONFIRMATION_STATES.map((state) => [state, Number(row?.[state] ?? 0)])) as Record<ConfirmationState, number>;
}

/** How many confirmations the gateway holds back: read from the held ones alone (the sent ones grow with the store). */
export async function countHeldConfirmations(store: Store, sellerId: string): Promise<number> {
  const [row] = await sqlOf(store).all<{ n: number }>("SELECT COUNT(*) AS n FROM amazon_confirmations WHERE seller_id = ? AND state = 'held'", [sellerId]);
  return Number(row?.n ?? 0);
}

/** The first carrier scan (any status but pre_transit/unknown) of a number at or after `sinceMs`. */
export async function firstCarrierScan(store: Store, sellerId: string, trackingNumber: string, sinceMs: number): Promise<number | null> {
  const [row] = await sqlOf(store).all<{ at: number | null }>(
    `SELECT MIN(occurred_at) AS at FROM tracking_events
     WHERE seller_id = ? AND tracking_number = ? AND occurred_at >= ? AND status NOT IN ('pre_transit', 'unknown')`,
    [sellerId, trackingNumber, sinceMs],
  );
  return num(row?.at);
}

/** What the carriers said of one number: its first carrier scan and latest event, and when the poller last asked. */
export interface NumberScans {
  firstCarrierScanAt: number | null;
  lastStatus: string | null;
  lastEventAt: number | null;
  /** The poller's last call for it as Amazon's number of a package (src/store/tracking-poll.ts); null: not yet. */
  lastPolledAt: number | null;
}

export async function numberScans(store: Store, sellerId: string, trackingNumber: string, sinceMs: number): Promise<NumberScans> {
  const [latest] = await sqlOf(store).all<{ status: string; occurred_at: number }>(
    `SELECT status, occurred_at FROM tracking_events WHERE seller_id = ? AND tracking_number = ? AND occurred_at >= ?
     ORDER BY occurred_at DESC LIMIT 1`,
    [sellerId, trackingNumber, sinceMs],
  );
  return {
    firstCarrierScanAt: await firstCarrierScan(store, sellerId, trackingNumber, sinceMs),
    lastStatus: latest?.status ?? null, lastEventAt: num(latest?.occurred_at), lastPolledAt: await lastPolledAt(store, sellerId, 'amazon', trackingNumber),
  };
}

export async function insertReport(store: Store, sellerId: string, row: ReportRow): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO amazon_reports (seller_id, report_id, report_type, state, requested_at, finished_at, content, reconciliation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (seller_id, report_id) DO UPDATE SET state = excluded.state, finished_at = excluded.finished_at,
       content = excluded.content, reconciliation = excluded.reconciliation`,
    [sellerId, row.reportId, row.reportType, row.state, row.requestedAt, row.finishedAt, row.content, row.reconciliation],
  );
}

interface ReportRecord {
  report_id: string;
  report_type: string;
  state: string;
  requested_at: number;
  finished_at: number | null;
  content: string | null;
  reconciliation: string | null;
}

export async function latestReports(store: Store, sellerId: string, limit: number): Promise<ReportRow[]> {
  const rows = await sqlOf(store).all<ReportRecord>(
    'SELECT * FROM amazon_reports WHERE seller_id = ? ORDER BY requested_at DESC, report_id DESC LIMIT ?', [sellerId, limit],
  );
  return rows.map((r) => ({
    reportId: r.report_id, reportType: r.report_type, state: r.state, requestedAt: Number(r.requested_at),
    finishedAt: num(r.finished_at), content: r.content, reconciliation: r.reconciliation,
  }));
}

/** An order's items as stored (what a confirmation without items ships). */
export async function orderItemsOf(store: Store, sellerId: string, orderId: string): Promise<{ orderItemId: string; quantity: number }[]> {
  const rows = await sqlOf(store).all<{ order_item_id: string; quantity: number }>(
    'SELECT order_item_id, quantity FROM order_items WHERE seller_id = ? AND order_id = ? ORDER BY order_item_id', [sellerId, orderId],
  );
  return rows.map((r) => ({ orderItemId: r.order_item_id, quantity: Number(r.quantity) }));
}

/** Package references an order already uses: vtrguard's packages, Amazon's record and the gateway's confirmations. */
export async function usedPackageRefs(store: Store, sellerId: string, orderId: string): Promise<string[]> {
  const rows = await sqlOf(store).all<{ ref: string }>(
    `SELECT package_ref AS ref FROM packages WHERE seller_id = ? AND order_id = ?
     UNION SELECT package_ref FROM amazon_packages WHERE seller_id = ? AND order_id = ?
     UNION SELECT package_ref FROM amazon_confirmations WHERE seller_id = ? AND order_id = ? AND state IN ('held', 'sending', 'sent', 'partial')`,
    [sellerId, orderId, sellerId, orderId, sellerId, orderId],
  );
  return rows.map((r) => r.ref);
}

/** Amazon's recorded packages of an order. */
export async function amazonPackagesOf(store: Store, sellerId: string, orderId: string): Promise<AmazonPackageRow[]> {
  const rows = await sqlOf(store).all<{
    order_id: string; package_ref: string; carrier: string | null; shipping_service: string | null; tracking_number: string | null; ship_time: number | null;
    status: string | null; carrier_key: string | null; tracking_key: string | null;
  }>('SELECT * FROM amazon_packages WHERE seller_id = ? AND order_id = ? ORDER BY package_ref', [sellerId, orderId]);
  return rows.map((r) => ({
    orderId: r.order_id, packageRef: r.package_ref, carrier: r.carrier, shippingService: r.shipping_service,
    trackingNumber: r.tracking_number, shipTime: num(r.ship_time), status: r.status, carrierKey: r.carrier_key, trackingKey: r.tracking_key,
  }));
}

/** Confirmations by id (a feed's), in no particular order. */
export async function getConfirmations(store: Store, sellerId: string, confirmationIds: readonly string[]): Promise<ConfirmationRow[]> {
  const rows = await inChunks(confirmationIds, 500, (chunk) => sqlOf(store).all<ConfirmationRecord>(
    `SELECT * FROM amazon_confirmations WHERE seller_id = ? AND confirmation_id IN (${placeholders(chunk.length)})`, [sellerId, ...chunk],
  ));
  return rows.map(toConfirmation);
}

/**
 * A bulk confirmation feed as kept (migration 018). `state` is Amazon's processingStatus once it has the feed;
 * before, SUBMITTING; NOT_SUBMITTED when the upload or createFeed failed, ABANDONED when the process stopped
 * between the two and nobody can tell whether Amazon has it.
 */
export interface FeedRow {
  feedKey: string;
  marketplace: string;
  feedId: string | null;
  documentId: string | null;
  /** The confirmation of each feed row, in row order (row n is Amazon's original-record-number n + 1). */
  confirmationIds: string[];
  packages: number;
  state: string;
  processed: number | null;
  successful: number | null;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

interface FeedRecord {
  feed_key: string;
  marketplace: string;
  feed_id: string | null;
  document_id: string | null;
  confirmation_ids: string;
  packages: number;
  state: string;
  processed: number | null;
  successful: number | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

function toFeed(r: FeedRecord): FeedRow {
  return {
    feedKey: r.feed_key, marketplace: r.marketplace, feedId: r.feed_id, documentId: r.document_id,
    confirmationIds: JSON.parse(r.confirmation_ids) as string[], packages: Number(r.packages), state: r.state,
    processed: num(r.processed), successful: num(r.successful), reason: r.reason,
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at), finishedAt: num(r.finished_at),
  };
}

export async function insertFeed(store: Store, sellerId: string, row: FeedRow): Promise<void> {
  await sqlOf(store).run(
    `INSERT INTO amazon_feeds (seller_id, feed_key, marketplace, feed_id, document_id, confirmation_ids, packages, state, processed,
       successful, reason, created_at, updated_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [sellerId, row.feedKey, row.marketplace, row.feedId, row.documentId, JSON.stringify(row.confirmationIds), row.packages, row.state,
      row.processed, row.successful, row.reason, row.createdAt, row.updatedAt, row.finishedAt],
  );
}

/**
 * Moves a feed on while it is not finished; false when it already was (another worker applied its outcome first).
 * Setting `finishedAt` finishes it: whoever does so, in the transaction that applies the outcome, applies it once.
 */
export async function updateOpenFeed(
  store: Store, sellerId: string, feedKey: string,
  change: Partial<Pick<FeedRow, 'feedId' | 'documentId' | 'state' | 'processed' | 'successful' | 'reason' | 'finishedAt'>>, now: number,
): Promise<boolean> {
  const columns: Record<string, string> = {
    feedId: 'feed_id', documentId: 'document_id', state: 'state', processed: 'processed', successful: 'successful', reason: 'reason', finishedAt: 'finished_at',
  };
  const entries = Object.entries(change).filter(([, value]) => value !== undefined);
  const changed = await sqlOf(store).run(
    `UPDATE amazon_feeds SET ${entries.map(([key]) => `${columns[key]} = ?, `).join('')}updated_at = ?
     WHERE seller_id = ? AND feed_key = ? AND finished_at IS NULL`,
    [...entries.map(([, value]) => value as SqlValue), now, sellerId, feedKey],
  );
  return changed === 1;
}

/** Feeds not finished yet, oldest first: what a restarted process resumes. */
export async function openFeeds(store: Store, sellerId: string): Promise<FeedRow[]> {
  return (await sqlOf(store).all<FeedRecord>(
    'SELECT * FROM amazon_feeds WHERE seller_id = ? AND finished_at IS NULL ORDER BY created_at, feed_key', [sellerId],
  )).map(toFeed);
}

/**
 * The seller's feeds created from `from` to `to` (inclusive), oldest first: a range of the `amazon_feeds_created`
 * index, so bounded by the span asked, not the seller's feeds.
 */
export async function feedsCreatedBetween(store: Store, sellerId: string, from: number, to: number): Promise<FeedRow[]> {
  return (await sqlOf(store).all<FeedRecord>(
    'SELECT * FROM amazon_feeds WHERE seller_id = ? AND created_at >= ? AND created_at <= ? ORDER BY created_at, feed_key',
    [sellerId, from, to],
  )).map(toFeed);
}

export async function storedFeedByAmazonId(store: Store, sellerId: string, feedId: string): Promise<FeedRow | null> {
  const [row] = await sqlOf(store).all<FeedRecord>('SELECT * FROM amazon_feeds WHERE seller_id = ? AND feed_id = ?', [sellerId, feedId]);
  return row ? toFeed(row) : null;
}

export async function getStoredFeed(store: Store, sellerId: string, feedKey: string): Promise<FeedRow | null> {
  const [row] = await sqlOf(store).all<FeedRecord>('SELECT * FROM amazon_feeds WHERE seller_id = ? AND feed_key = ?', [sellerId, feedKey]);
  return row ? toFeed(row) : null;
}

export async function latestFeeds(store: Store, sellerId: string, limit: number): Promise<FeedRow[]> {
  return (await sqlOf(store).all<FeedRecord>(
    'SELECT * FROM amazon_feeds WHERE seller_id = ? ORDER BY created_at DESC, feed_key DESC LIMIT ?', [sellerId, limit],
  )).map(toFeed);
}
