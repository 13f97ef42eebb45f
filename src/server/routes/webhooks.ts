import type { FastifyInstance } from 'fastify';
import { webhookCommitter } from '../../app/webhook-writer-thread.js';
import { EventWriter } from '../../ingest/webhooks/event-writer.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { WEBHOOK_PROVIDERS } from '../../ingest/webhooks/providers.js';
import { receiveWebhook } from '../../ingest/webhooks/receive.js';
import { configuredSecretResolver } from '../../ingest/webhooks/secrets.js';
import { VtrguardError } from '../../core/errors.js';
import { errorResponses } from '../schemas.js';
import type { RouteOptions } from './index.js';

/**
 * `POST /v1/webhooks/{provider}` for AfterShip, EasyPost, Shippo and 17TRACK. The seller is `?seller=` (else the
 * default seller) and must exist; the provider's signature with that seller's configured secret is what
 * authenticates the request, so no API key is asked and the API rate limit does not apply (providers retry on 429
 * and would only pile up).
 */
export default async function webhookRoutes(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  const committer = webhookCommitter(opts.store, opts.metricsConfig ?? DEFAULT_METRICS_CONFIG, opts.webhookWriterThread ?? null, opts.log);
  const writer = new EventWriter(committer);
  // Closing the app stores what is queued, then ends the writer thread.
  app.addHook('onClose', () => writer.close());
  const secrets = opts.webhookSecrets ?? configuredSecretResolver([]);
  // Sellers are never deleted, so one seen stays known; an unknown id asks the store again (it may be new).
  const knownSellers = new Set<string>();
  const sellerExists = async (sellerId: string): Promise<boolean> => {
    if (knownSellers.has(sellerId)) return true;
    for (const seller of await opts.store.listSellers()) knownSellers.add(seller.sellerId);
    return knownSellers.has(sellerId);
  };

  // Signatures cover the exact bytes: keep the body as a Buffer. This plugin is encapsulated, so other routes
  // keep the normal JSON parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.post<{ Params: { provider: string }; Querystring: Record<string, string | undefined> }>('/webhooks/:provider', {
    config: { auth: 'none', rateLimit: false },
    // Shippo's URL-token option puts a secret in the query string; request logs (info) must not print it.
    logLevel: 'warn',
    schema: {
      tags: ['tracking'],
      summary: 'Receive a tracking webhook from an aggregator',
      description: `Providers: ${[...WEBHOOK_PROVIDERS.keys()].join(', ')}. The signature is checked on the raw body before anything is `
        + 'parsed; the answer is 200 only after the events are stored. Re-deliveries are harmless. See docs/tracking.md.',
      security: [],
      params: { type: 'object', required: ['provider'], properties: { provider: { type: 'string' } } },
      querystring: { type: 'object', additionalProperties: false, properties: { seller: { type: 'string' }, token: { type: 'string' } } },
      response: {
        200: { type: 'object', required: ['events'], properties: { events: { type: 'integer' } } },
        ...errorResponses('WEBHOOK_BAD_SIGNATURE', 'WEBHOOK_BAD_PAYLOAD', 'WEBHOOK_UNKNOWN_PROVIDER', 'WEBHOOK_UNKNOWN_SELLER'),
      },
    },
  }, async (request) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const sellerId = request.query.seller ?? opts.defaultSellerId;
    if (!(await sellerExists(sellerId))) throw new VtrguardError('WEBHOOK_UNKNOWN_SELLER', undefined, { seller: sellerId });
    return receiveWebhook({ writer, secrets, now: opts.now }, request.params.provider, sellerId, { rawBody, headers: request.headers, query: request.query });
  });
}
