import { createHmac } from 'node:crypto';
import type { AlertEvent } from '../types.js';
import { postJson } from './http.js';
import type { HttpSendOptions } from './http.js';

export const SIGNATURE_HEADER = 'x-vtrguard-signature';

/** `sha256=<hex>` of the exact bytes sent; receivers recompute it over the raw body before parsing. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The JSON a webhook receives; `id` is stable per change so a receiver can drop a repeat. */
export function webhookBody(event: AlertEvent, sentAt: number): string {
  return JSON.stringify({ id: `${event.sellerId}:${event.key}:${event.changeNo}`, type: 'alert.changed', sentAt: new Date(sentAt).toISOString(), alert: event });
}

export async function sendWebhook(event: AlertEvent, config: { url: string; secret: string }, sentAt: number, options: HttpSendOptions): Promise<void> {
  const body = webhookBody(event, sentAt);
  await postJson(config.url, body, { [SIGNATURE_HEADER]: signBody(body, config.secret), 'x-vtrguard-event': 'alert.changed' }, options);
}
