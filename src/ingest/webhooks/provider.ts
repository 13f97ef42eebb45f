import type { TrackingEventRecord } from '../../core/domain.js';
import type { WebhookHeaders } from './signature.js';

export interface WebhookRequest {
  /** The bytes exactly as received: signatures are computed over them, never over re-serialised JSON. */
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: WebhookHeaders;
  query: Readonly<Record<string, string | undefined>>;
}

/** One aggregator's push format. Each provider module `satisfies` this contract. */
export interface WebhookProvider {
  readonly name: string;
  /** True only when the request proves it came from the provider holding `secret`. Runs before any parsing. */
  verify(request: WebhookRequest, secret: string): boolean;
  /** The events a verified body carries; null when it is not this provider's payload at all. */
  parse(body: unknown): TrackingEventRecord[] | null;
}
