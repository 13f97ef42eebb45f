import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/server/app.js';
import { ROUTES } from '../../src/server/routes/index.js';
import webhookRoutes from '../../src/server/routes/webhooks.js';
import { configuredSecretResolver, webhookSecretsFromEnv } from '../../src/ingest/webhooks/secrets.js';
import type { Store } from '../../src/store/store.js';

/**
 * The HTTP server `vtrguard serve` runs (createApp), listening on a loopback port, with the webhook routes mounted
 * (added here only while the server's route list does not include them yet) and secrets from configuration.
 */
export async function startWebhookServer(store: Store, secret: string): Promise<{ app: FastifyInstance; url: string }> {
  const webhookSecrets = configuredSecretResolver(webhookSecretsFromEnv({
    VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: secret, VTRGUARD_WEBHOOK_SECRET_EASYPOST: secret,
    VTRGUARD_WEBHOOK_SECRET_SHIPPO: secret, VTRGUARD_WEBHOOK_SECRET_17TRACK: secret,
  }));
  await store.ensureSeller('default');
  const app = await createApp({ store, defaultSellerId: 'default', webhookSecrets });
  if (!(ROUTES as readonly unknown[]).includes(webhookRoutes)) {
    await app.register(webhookRoutes, { prefix: '/v1', store, defaultSellerId: 'default', now: Date.now, dashboardUrl: '', webhookSecrets });
  }
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}
