import type { Store } from '../store/store.js';
import { listChannels } from './channels.js';
import { sendToChannel } from './notifiers/index.js';
import { REFUSE_INTERNAL } from './targets.js';
import type { TargetPolicy } from './targets.js';
import type { AlertEvent } from './types.js';

export interface DeliveryOptions {
  timeoutMs: number;
  /** Give up on a notification after this many failed attempts. */
  maxAttempts: number;
  /** A claim older than this belongs to a process that died mid-send; it may be taken over. */
  staleClaimMs: number;
  /** Which addresses a receiver may have; checked at every send, after DNS (targets.ts). */
  targets: TargetPolicy;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { timeoutMs: 10_000, maxAttempts: 5, staleClaimMs: 120_000, targets: REFUSE_INTERNAL };

export interface DeliveryResult {
  sent: number;
  failed: number;
}

interface DeliveryRow {
  alert_key: string;
  change_no: number;
  channel_id: string;
  payload: string;
}

/**
 * Sends the queued notifications of one seller, oldest change first. A row is claimed with a conditional
 * UPDATE before it is sent, so concurrent dispatchers never both send it; a failed one is retried on the
 * next evaluation until `maxAttempts`.
 */
export async function dispatchPending(store: Store, sellerId: string, now: number, options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS): Promise<DeliveryResult> {
  const channels = new Map((await listChannels(store, sellerId)).map((c) => [c.channelId, c]));
  const rows = await store.sql.all<DeliveryRow>(
    `SELECT alert_key, change_no, channel_id, payload FROM alert_deliveries
     WHERE seller_id = ? AND (status IN ('pending', 'failed') OR (status = 'sending' AND claimed_at < ?)) AND attempts < ?
     ORDER BY created_at, alert_key, change_no`,
    [sellerId, now - options.staleClaimMs, options.maxAttempts],
  );
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (const row of rows) {
    const id = [sellerId, row.alert_key, row.change_no, row.channel_id] as const;
    const claimed = await store.sql.run(
      `UPDATE alert_deliveries SET status = 'sending', claimed_at = ?, attempts = attempts + 1
       WHERE seller_id = ? AND alert_key = ? AND change_no = ? AND channel_id = ?
         AND (status IN ('pending', 'failed') OR (status = 'sending' AND claimed_at < ?)) AND attempts < ?`,
      [now, ...id, now - options.staleClaimMs, options.maxAttempts],
    );
    const channel = channels.get(row.channel_id);
    if (claimed === 0 || !channel) continue;
    try {
      await sendToChannel(JSON.parse(row.payload) as AlertEvent, channel.config, { timeoutMs: options.timeoutMs, now, targets: options.targets });
      await store.sql.run(
        `UPDATE alert_deliveries SET status = 'sent', sent_at = ?, last_error = NULL
         WHERE seller_id = ? AND alert_key = ? AND change_no = ? AND channel_id = ?`,
        [now, ...id],
      );
      result.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await store.sql.run(
        `UPDATE alert_deliveries SET status = 'failed', last_error = ?
         WHERE seller_id = ? AND alert_key = ? AND change_no = ? AND channel_id = ?`,
        [reason.slice(0, 500), ...id],
      );
      result.failed++;
    }
  }
  return result;
}

export interface DeliveryRecord {
  alertKey: string;
  changeNo: number;
  channelId: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  sentAt: number | null;
  lastError: string | null;
}

export async function listDeliveries(store: Store, sellerId: string): Promise<DeliveryRecord[]> {
  const rows = await store.sql.all<{
    alert_key: string; change_no: number; channel_id: string; status: DeliveryRecord['status'];
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
