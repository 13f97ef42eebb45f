import { aftership } from './aftership.js';
import { easypost } from './easypost.js';
import type { WebhookProvider } from './provider.js';
import { seventeenTrack } from './seventeen-track.js';
import { shippo } from './shippo.js';

/** Every webhook provider, by the name used in `POST /v1/webhooks/{provider}`. Explicit, not discovered. */
export const WEBHOOK_PROVIDERS: ReadonlyMap<string, WebhookProvider> = new Map(
  [aftership, easypost, shippo, seventeenTrack].map((p) => [p.name, p] as const),
);
