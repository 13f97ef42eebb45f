import { claimableDeliveries, claimDelivery, markDeliveryFailed, markDeliverySent } from '../store/alert-deliveries.js';
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

/**
 * Sends the queued notifications of one seller, oldest change first. A row is claimed with a conditional
 * UPDATE before it is sent, so concurrent dispatchers never both send it; a failed one is retried on the
 * next evaluation until `maxAttempts`.
 */
export async function dispatchPending(store: Store, sellerId: string, now: number, options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS): Promise<DeliveryResult> {
  const channels = new Map((await listChannels(store, sellerId)).map((c) => [c.channelId, c]));
  const rule = { now, staleBefore: now - options.staleClaimMs, maxAttempts: options.maxAttempts };
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (const delivery of await claimableDeliveries(store, sellerId, rule)) {
    const claimed = await claimDelivery(store, sellerId, delivery, rule);
    const channel = channels.get(delivery.channelId);
    if (!claimed || !channel) continue;
    try {
      await sendToChannel(JSON.parse(delivery.payload) as AlertEvent, channel.config, { timeoutMs: options.timeoutMs, now, targets: options.targets });
      await markDeliverySent(store, sellerId, delivery, now);
      result.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await markDeliveryFailed(store, sellerId, delivery, reason.slice(0, 500));
      result.failed++;
    }
  }
  return result;
}

/** The seller's notifications, in the order they were queued. */
export { deliveriesOf as listDeliveries, type DeliveryRecord } from '../store/alert-deliveries.js';
