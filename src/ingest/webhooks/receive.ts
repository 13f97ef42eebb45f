import type { TrackingEventRecord } from '../../core/domain.js';
import { VtrguardError } from '../../core/errors.js';
import type { EventWriter } from './event-writer.js';
import type { WebhookRequest } from './provider.js';
import { WEBHOOK_PROVIDERS } from './providers.js';
import type { WebhookSecretResolver } from './secrets.js';

export interface ReceiveDeps {
  writer: EventWriter;
  secrets: WebhookSecretResolver;
  /** The server's clock: when the delivery was received. */
  now: () => number;
}

/**
 * One delivery, start to finish: find the provider, verify the signature over the raw bytes (nothing is parsed
 * before that), parse, and return only once the events are committed. Re-deliveries and out-of-order
 * deliveries are harmless because every event has a stable key and the store derives state from all events.
 */
export async function receiveWebhook(deps: ReceiveDeps, providerName: string, sellerId: string, request: WebhookRequest): Promise<{ events: number }> {
  const provider = WEBHOOK_PROVIDERS.get(providerName.toLowerCase());
  if (!provider) throw new VtrguardError('WEBHOOK_UNKNOWN_PROVIDER', undefined, { provider: providerName });
  const secret = await deps.secrets(sellerId, provider.name);
  // No secret configured means nothing can be verified; such a delivery is refused like a forged one.
  if (!secret || !provider.verify(request, secret)) throw new VtrguardError('WEBHOOK_BAD_SIGNATURE', undefined, { provider: provider.name });
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    throw new VtrguardError('WEBHOOK_BAD_PAYLOAD', 'The webhook body is not JSON.', { provider: provider.name });
  }
  const events: TrackingEventRecord[] | null = provider.parse(body);
  if (events === null) throw new VtrguardError('WEBHOOK_BAD_PAYLOAD', undefined, { provider: provider.name });
  await deps.writer.write(sellerId, events, deps.now());
  return { events: events.length };
}
