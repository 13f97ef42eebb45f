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

/**
 * Adds every package worth polling to the queue (tracking number, a pull carrier, not delivered, confirmed within
 * the schedule), and Amazon's own number of a package where it differs, and follows a package whose number was
 * corrected. Rows of packages delivered meanwhile (e.g. by a webhook) are closed, so no call is spent on them.
 */
export async function syncPollQueue(store: Store, carriers: readonly string[], now: number, maxAgeMs: number): Promise<void> {
  const marks = carriers.map(() => '?').join(', ');
  await sqlOf(store).run(
    `INSERT INTO tracking_poll (seller_id, package_id, source, carrier_key, tracking_number, confirmed_at, next_poll_at)
     SELECT p.seller_id, p.package_id, 'seller', p.carrier_key, p.tracking_number, p.confirmed_at, p.confirmed_at
     FROM packages p
     WHERE p.tracking_number IS NOT NULL AND p.carrier_key IN (${marks}) AND p.delivered_at IS NULL
       AND p.exempt = 0 AND p.confirmed_at IS NOT NULL AND p.confirmed_at > ?
     ${FOLLOW_CHANGED_NUMBER}`,
    [...carriers, now - maxAgeMs],
  );
  // Amazon's own number for a package, where it differs from the one the seller meant to send (edited in Seller
  // Central, a feed row's number): Amazon judges VTR on that number, so it is polled too, as the package's Amazon
  // source: one Amazon record per package, on its own schedule. A row dropped while the two were the same number
  // (below) is taken up again once they differ again — the seller's own number imported once more, say —
  // though Amazon's number itself did not change.
  await sqlOf(store).run(
    `INSERT INTO tracking_poll (seller_id, package_id, source, carrier_key, tracking_number, confirmed_at, next_poll_at)
     SELECT p.seller_id, p.package_id, 'amazon', a.carrier_key, a.tracking_key, p.confirmed_at, p.confirmed_at
     FROM amazon_packages a
     JOIN packages p ON p.seller_id = a.seller_id AND p.order_id = a.order_id AND p.package_ref = a.package_ref
     WHERE a.tracking_key IS NOT NULL AND a.carrier_key IN (${marks}) AND (p.tracking_number IS NULL OR p.tracking_number <> a.tracking_key)
       AND p.exempt = 0 AND p.confirmed_at IS NOT NULL AND p.confirmed_at > ?
     ${FOLLOW_CHANGED_NUMBER} OR (tracking_poll.done = 1 AND tracking_poll.last_outcome = '${SAME_NUMBER}')`,
    [...carriers, now - maxAgeMs],
  );
  // …and stops following it once Amazon holds the seller's number again.
  await sqlOf(store).run(
    `UPDATE tracking_poll SET done = 1, last_outcome = '${SAME_NUMBER}'
     WHERE done = 0 AND source = 'amazon' AND NOT EXISTS (SELECT 1 FROM amazon_packages a
       JOIN packages p ON p.seller_id = a.seller_id AND p.order_id = a.order_id AND p.package_ref = a.package_ref
       WHERE p.seller_id = tracking_poll.seller_id AND p.package_id = tracking_poll.package_id AND a.tracking_key = tracking_poll.tracking_number
         AND (p.tracking_number IS NULL OR p.tracking_number <> a.tracking_key))`,
  );
  // The package's delivery is its own number's: Amazon's number goes on until its own poll finds it delivered.
  await sqlOf(store).run(
    `UPDATE tracking_poll SET done = 1, last_outcome = 'delivered'
     WHERE done = 0 AND source = 'seller' AND EXISTS (SELECT 1 FROM packages p WHERE p.seller_id = tracking_poll.seller_id
       AND p.package_id = tracking_poll.package_id AND p.delivered_at IS NOT NULL)`,
  );
}

/**
 * Leases up to `limit` due rows of the carrier keys one API serves. On PostgreSQL the inner SELECT takes row locks with SKIP LOCKED,
 * so workers claiming at the same moment get disjoint rows instead of waiting on each other; the lease then keeps
 * the rows out of later claims until the poll finishes or the lease lapses (a crashed worker's rows come back).
 * SQLite has a single writer, so the same statement is atomic there without the lock clause.
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
  const sellerFilter = sellerId === undefined ? '' : 'AND seller_id = ?';
  const params: SqlValue[] = [now + leaseMs, owner, ...carrierKeys, now, now, ...(sellerId === undefined ? [] : [sellerId]), limit];
  const rows = await sqlOf(store).all<{ seller_id: string; package_id: number; source: PollSource; tracking_number: string; confirmed_at: number }>(
    `UPDATE tracking_poll SET lease_until = ?, lease_owner = ?
     WHERE (seller_id, package_id, source) IN (
       SELECT seller_id, package_id, source FROM tracking_poll
       WHERE done = 0 AND carrier_key IN (${carrierKeys.map(() => '?').join(', ')}) AND next_poll_at <= ? AND (lease_until IS NULL OR lease_until < ?) ${sellerFilter}
       ORDER BY next_poll_at LIMIT ? ${lock})
     RETURNING seller_id, package_id, source, tracking_number, confirmed_at`,
    params,
  );
  return rows.map((r) => ({
    sellerId: r.seller_id, packageId: Number(r.package_id), source: r.source, trackingNumber: r.tracking_number, confirmedAt: Number(r.confirmed_at),
  }));
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
