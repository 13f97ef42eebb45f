import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/**
 * Storage of the notifications queued per alert change and channel (table `alert_deliveries`): typed reads and
 * writes; the SQL stays here.
 */

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One notification: a change of an alert (`alertKey`, `changeNo`) for one channel. */
export interface DeliveryId {
  alertKey: string;
  changeNo: number;
  channelId: string;
}

export interface DueDelivery extends DeliveryId {
  /** The alert event as JSON (src/alerts/types.ts owns its shape). */
  payload: string;
}

/** When a queued notification may be (re)claimed: by `now`, unclaimed or claimed before `staleBefore`, fewer than `maxAttempts` tries. */
export interface ClaimRule {
  now: number;
  staleBefore: number;
  maxAttempts: number;
}

export interface DeliveryRecord extends DeliveryId {
  status: DeliveryStatus;
  attempts: number;
  sentAt: number | null;
  lastError: string | null;
}

/**
 * The statuses come first as one list so that the (seller_id, status) index bounds the read: written as an OR with
 * the stale claims it read every delivery the seller ever had, the sent ones included (src/store/query-plans.test.ts).
 */
const CLAIMABLE = "status IN ('pending', 'failed', 'sending') AND (status <> 'sending' OR claimed_at < ?) AND attempts < ?";
const BY_ID = 'seller_id = ? AND alert_key = ? AND change_no = ? AND channel_id = ?';

const idParams = (sellerId: string, id: DeliveryId) => [sellerId, id.alertKey, id.changeNo, id.channelId];

/** The seller's notifications that may be claimed now, oldest change first. */
export async function claimableDeliveries(store: Store, sellerId: string, rule: ClaimRule): Promise<DueDelivery[]> {
  const rows = await sqlOf(store).all<{ alert_key: string; change_no: number; channel_id: string; payload: string }>(
    `SELECT alert_key, change_no, channel_id, payload FROM alert_deliveries
     WHERE seller_id = ? AND ${CLAIMABLE}
     ORDER BY created_at, alert_key, change_no`,
    [sellerId, rule.staleBefore, rule.maxAttempts],
  );
  return rows.map((row) => ({ alertKey: row.alert_key, changeNo: Number(row.change_no), channelId: row.channel_id, payload: row.payload }));
}

/**
 * Claims one notification for sending with a conditional UPDATE (counted as an attempt), so concurrent
 * dispatchers never both send it; false when another one claimed it first or it is no longer claimable.
 */
export async function claimDelivery(store: Store, sellerId: string, id: DeliveryId, rule: ClaimRule): Promise<boolean> {
  const claimed = await sqlOf(store).run(
    `UPDATE alert_deliveries SET status = 'sending', claimed_at = ?, attempts = attempts + 1
     WHERE ${BY_ID} AND ${CLAIMABLE}`,
    [rule.now, ...idParams(sellerId, id), rule.staleBefore, rule.maxAttempts],
  );
  return claimed > 0;
}

export async function markDeliverySent(store: Store, sellerId: string, id: DeliveryId, sentAt: number): Promise<void> {
  await sqlOf(store).run(
    `UPDATE alert_deliveries SET status = 'sent', sent_at = ?, last_error = NULL WHERE ${BY_ID}`,
    [sentAt, ...idParams(sellerId, id)],
  );
}

export async function markDeliveryFailed(store: Store, sellerId: string, id: DeliveryId, error: string): Promise<void> {
  await sqlOf(store).run(
    `UPDATE alert_deliveries SET status = 'failed', last_error = ? WHERE ${BY_ID}`,
    [error, ...idParams(sellerId, id)],
  );
}

/** The seller's notifications, in the order they were queued. */
export async function deliveriesOf(store: Store, sellerId: string): Promise<DeliveryRecord[]> {
  const rows = await sqlOf(store).all<{
    alert_key: string; change_no: number; channel_id: string; status: DeliveryStatus;
    attempts: number; sent_at: number | null; last_error: string | null;
  }>(
    `SELECT alert_key, change_no, channel_id, status, attempts, sent_at, last_error FROM alert_deliveries
     WHERE seller_id = ? ORDER BY created_at, alert_key, change_no, channel_id`,
    [sellerId],
  );
  return rows.map((row) => ({
    alertKey: row.alert_key,
    changeNo: Number(row.change_no),
    channelId: row.channel_id,
    status: row.status,
    attempts: Number(row.attempts),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
    lastError: row.last_error,
  }));
}

/** Queues the notifications of one alert change, one per channel (in the transaction that wrote the change). */
export async function queueDeliveries(
  store: Store,
  sellerId: string,
  change: { alertKey: string; changeNo: number; payload: string },
  channelIds: readonly string[],
  now: number,
): Promise<void> {
  await sqlOf(store).runMany(
    `INSERT INTO alert_deliveries (seller_id, alert_key, change_no, channel_id, payload, status, attempts, created_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)`,
    channelIds.map((channelId) => [sellerId, change.alertKey, change.changeNo, channelId, change.payload, now]),
  );
}
