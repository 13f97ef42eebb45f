import { keyLists, prepared } from './sql.js';
import type { SqlValue } from './sql.js';
import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/**
 * Storage of the carrier polling queue (table `tracking_poll`): which packages to poll when, and the leases
 * that keep two workers off the same package. The SQL stays here; src/ingest/tracking/poller.ts drives it.
 */

/**
 * Whose number of a package a row follows: the seller's (the package's own tracking number), or Amazon's, where
 * Amazon holds another number for the package (migration 019) — Amazon judges VTR on that one. Part of the key
 * (migration 021): a package has at most one row of each, each on its own schedule.
 */
export type PollSource = 'seller' | 'amazon';

/** A package's number a worker has leased for one poll. */
export interface PollTask {
  sellerId: string;
  packageId: number;
  source: PollSource;
  trackingNumber: string;
  confirmedAt: number;
}

/** The outcome of an Amazon row dropped because Amazon held the seller's number again. */
const SAME_NUMBER = 'same_number';

/** A queued number that changed (corrected, or Amazon's edited) is polled from the start again; an unchanged one keeps its schedule. */
const FOLLOW_CHANGED_NUMBER = `ON CONFLICT (seller_id, package_id, source) DO UPDATE SET
       tracking_number = excluded.tracking_number, carrier_key = excluded.carrier_key, confirmed_at = excluded.confirmed_at,
       next_poll_at = excluded.next_poll_at, done = 0
     WHERE tracking_poll.tracking_number <> excluded.tracking_number OR tracking_poll.carrier_key <> excluded.carrier_key`;

/** Which packages the poller could ever poll: those of carriers it has an API for, confirmed after `confirmedAfter`. */
export interface PollWindow {
  carrierKeys: readonly string[];
  confirmedAfter: number;
}

/**
 * Brings the queue up to date with the packages of these orders, in the transaction that wrote them (their rows, or
 * Amazon's record of them): a package worth polling (a tracking number, a carrier in the window, not delivered, not
 * exempt, confirmed within it) is queued, and so is Amazon's own number of it where it differs; a corrected number
 * is followed from the start. An Amazon row is dropped once Amazon holds the seller's number again, and taken up
 * again once they differ again — the seller's own number imported once more, say — though Amazon's number itself did
 * not change. A write costs the lookups of its own packages: the queue is never filled by a scan of the store
 * (docs/scaling.md, stop 26). Rows of packages delivered since are closed when claimed (`claimDue`).
 */
export async function queuePackages(store: Store, sellerId: string, orderIds: readonly string[], window: PollWindow): Promise<void> {
  const sql = sqlOf(store);
  const carriers = window.carrierKeys.map(() => '?').join(', ');
  // SQLite, which plans without table sizes, would read `tracking_number IS NOT NULL` as a range of packages_tracking
  // (seller_id, tracking_number): every numbered package of the seller, 23 ms a batch of 500 orders at 100k packages.
  // `+` keeps the number off the index, so the orders' keys drive.
  const numbered = store.dialect === 'sqlite' ? '+p.tracking_number IS NOT NULL' : 'p.tracking_number IS NOT NULL';
  for (const { list, params } of keyLists(store.dialect, orderIds, 'text')) {
    await sql.run(
      prepared(`INSERT INTO tracking_poll (seller_id, package_id, source, carrier_key, tracking_number, confirmed_at, next_poll_at)
       SELECT p.seller_id, p.package_id, 'seller', p.carrier_key, p.tracking_number, p.confirmed_at, p.confirmed_at
       FROM packages p
       WHERE p.seller_id = ? AND p.order_id ${list} AND ${numbered} AND p.carrier_key IN (${carriers})
         AND p.delivered_at IS NULL AND p.exempt = 0 AND p.confirmed_at > ?
       ${FOLLOW_CHANGED_NUMBER}`),
      [sellerId, ...params, ...window.carrierKeys, window.confirmedAfter],
    );
    // Amazon's own number for a package, where it differs from the one the seller meant to send (edited in Seller
    // Central, a feed row's number): Amazon judges VTR on that number, so it is polled too, as the package's Amazon
    // source, on its own schedule.
    await sql.run(
      prepared(`INSERT INTO tracking_poll (seller_id, package_id, source, carrier_key, tracking_number, confirmed_at, next_poll_at)
       SELECT p.seller_id, p.package_id, 'amazon', a.carrier_key, a.tracking_key, p.confirmed_at, p.confirmed_at
       FROM packages p
       JOIN amazon_packages a ON a.seller_id = p.seller_id AND a.order_id = p.order_id AND a.package_ref = p.package_ref
       WHERE p.seller_id = ? AND p.order_id ${list} AND a.tracking_key IS NOT NULL AND a.carrier_key IN (${carriers})
         AND (p.tracking_number IS NULL OR p.tracking_number <> a.tracking_key) AND p.exempt = 0 AND p.confirmed_at > ?
       ${FOLLOW_CHANGED_NUMBER} OR (tracking_poll.done = 1 AND tracking_poll.last_outcome = '${SAME_NUMBER}')`),
      [sellerId, ...params, ...window.carrierKeys, window.confirmedAfter],
    );
    await sql.run(
      prepared(`UPDATE tracking_poll SET done = 1, last_outcome = '${SAME_NUMBER}'
       WHERE seller_id = ? AND source = 'amazon' AND done = 0
         AND package_id IN (SELECT p.package_id FROM packages p WHERE p.seller_id = ? AND p.order_id ${list})
         AND NOT EXISTS (SELECT 1 FROM packages p
           JOIN amazon_packages a ON a.seller_id = p.seller_id AND a.order_id = p.order_id AND a.package_ref = p.package_ref
           WHERE p.seller_id = tracking_poll.seller_id AND p.package_id = tracking_poll.package_id AND a.tracking_key = tracking_poll.tracking_number
             AND (p.tracking_number IS NULL OR p.tracking_number <> a.tracking_key))`),
      [sellerId, sellerId, ...params],
    );
  }
}

/** A seller's row whose package was delivered meanwhile (a webhook, an import): its own number needs no more polls. */
const DELIVERED = `source = 'seller' AND EXISTS (SELECT 1 FROM packages p
       WHERE p.seller_id = tracking_poll.seller_id AND p.package_id = tracking_poll.package_id AND p.delivered_at IS NOT NULL)`;

/**
 * Leases up to `limit` due rows of the carrier keys one API serves, of one seller or of every seller, in due order,
 * each read from an index in that order (`tracking_poll_due`; a seller's from `tracking_poll_seller_due`, migration
 * 028). On PostgreSQL the inner SELECT takes row locks with SKIP LOCKED, so workers claiming at the same moment get
 * disjoint rows instead of waiting on each other; the lease then keeps the rows out of later claims until the poll
 * finishes or the lease lapses (a crashed worker's rows come back). SQLite has a single writer, so the same statement
 * is atomic there without the lock clause. A seller's row whose package has been delivered since it was queued is
 * closed by the claim instead of leased (the package's delivery is its own number's: Amazon's number goes on until
 * its own poll finds it delivered), so no call is spent on it and no pass walks the queue to find such rows.
 */
export async function claimDue(
  store: Store,
  carrierKeys: readonly string[],
  now: number,
  limit: number,
  owner: string,
  leaseMs: number,
  sellerId?: string,
): Promise<PollTask[]> {
  const lock = store.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
  const sellerFilter = sellerId === undefined ? '' : 'seller_id = ? AND';
  const params: SqlValue[] = [now + leaseMs, owner, ...(sellerId === undefined ? [] : [sellerId]), ...carrierKeys, now, now, limit];
  for (;;) {
    const rows = await sqlOf(store).all<{ seller_id: string; package_id: number; source: PollSource; tracking_number: string; confirmed_at: number; done: number }>(
      `UPDATE tracking_poll SET lease_until = ?, lease_owner = ?,
         done = CASE WHEN ${DELIVERED} THEN 1 ELSE 0 END,
         last_outcome = CASE WHEN ${DELIVERED} THEN 'delivered' ELSE last_outcome END
       WHERE (seller_id, package_id, source) IN (
         SELECT seller_id, package_id, source FROM tracking_poll
         WHERE ${sellerFilter} done = 0 AND carrier_key IN (${carrierKeys.map(() => '?').join(', ')}) AND next_poll_at <= ?
           AND (lease_until IS NULL OR lease_until < ?)
         ORDER BY next_poll_at LIMIT ? ${lock})
       RETURNING seller_id, package_id, source, tracking_number, confirmed_at, done`,
      params,
    );
    const open = rows.filter((r) => Number(r.done) === 0);
    // Every row claimed was closed: the next due ones are claimed, so that an empty answer still means nothing is due.
    if (open.length > 0 || rows.length === 0) {
      return open.map((r) => ({
        sellerId: r.seller_id, packageId: Number(r.package_id), source: r.source, trackingNumber: r.tracking_number, confirmedAt: Number(r.confirmed_at),
      }));
    }
  }
}

/** Records a poll and releases the lease; `nextAt` null closes the row. Only the lease holder may do it. */
export async function finishPoll(store: Store, task: PollTask, owner: string, now: number, outcome: string, nextAt: number | null): Promise<void> {
  await sqlOf(store).run(
    `UPDATE tracking_poll SET last_polled_at = ?, last_outcome = ?, polls = polls + 1, next_poll_at = ?, done = ?,
       lease_until = NULL, lease_owner = NULL
     WHERE seller_id = ? AND package_id = ? AND source = ? AND lease_owner = ?`,
    [now, outcome, nextAt ?? now, nextAt === null ? 1 : 0, task.sellerId, task.packageId, task.source, owner],
  );
}

/** When the poller last asked for `trackingNumber` as `source`'s number of one of the seller's packages; null: never. */
export async function lastPolledAt(store: Store, sellerId: string, source: PollSource, trackingNumber: string): Promise<number | null> {
  const [row] = await sqlOf(store).all<{ at: number | null }>(
    'SELECT MAX(last_polled_at) AS at FROM tracking_poll WHERE seller_id = ? AND source = ? AND tracking_number = ?', [sellerId, source, trackingNumber],
  );
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
