import type { Store } from '../../store/store.js';
import { WEBHOOK_PROVIDERS } from './providers.js';

/** The secret a provider signs a seller's deliveries with; undefined when none is configured. */
export type WebhookSecretResolver = (sellerId: string, provider: string) => Promise<string | undefined>;

/** Default secret for every seller (stored under this seller id). */
const ANY_SELLER = '*';

/**
 * Secrets from configuration: `VTRGUARD_WEBHOOK_SECRET_<PROVIDER>` for every seller, and
 * `VTRGUARD_SELLER_<SELLER>_WEBHOOK_SECRET_<PROVIDER>` for one (provider upper-cased, `17TRACK` as is).
 * Seller ids in variable names are upper-cased with non-alphanumerics as `_`, so they match case-insensitively.
 */
export function webhookSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): { sellerId: string; provider: string; secret: string }[] {
  const found: { sellerId: string; provider: string; secret: string }[] = [];
  const providers = new Map([...WEBHOOK_PROVIDERS.keys()].map((p) => [p.toUpperCase(), p]));
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    const all = /^VTRGUARD_WEBHOOK_SECRET_([A-Z0-9]+)$/.exec(name);
    const one = /^VTRGUARD_SELLER_(.+)_WEBHOOK_SECRET_([A-Z0-9]+)$/.exec(name);
    const provider = providers.get((all?.[1] ?? one?.[2] ?? '').toUpperCase());
    if (!provider) continue;
    found.push({ sellerId: one ? one[1]!.toLowerCase() : ANY_SELLER, provider, secret: value });
  }
  return found;
}

/** Copies configured secrets into the store so that every server process verifies with the same ones. */
export async function saveWebhookSecrets(store: Store, secrets: readonly { sellerId: string; provider: string; secret: string }[], now: number): Promise<void> {
  await store.sql.runMany(
    `INSERT INTO webhook_secrets (seller_id, provider, secret, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (seller_id, provider) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at`,
    secrets.map((s) => [s.sellerId, s.provider, s.secret, now]),
  );
}

/** Reads secrets from the store, the seller's own first, with a short cache so a burst costs no queries. */
export function storeSecretResolver(store: Store, now: () => number = Date.now, ttlMs = 30_000): WebhookSecretResolver {
  const cache = new Map<string, { value: string | undefined; until: number }>();
  return async (sellerId, provider) => {
    const key = `${sellerId}\u0000${provider}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.value;
    const rows = await store.sql.all<{ seller_id: string; secret: string }>(
      'SELECT seller_id, secret FROM webhook_secrets WHERE provider = ? AND seller_id IN (?, ?)',
      [provider, sellerId.toLowerCase(), ANY_SELLER],
    );
    const value = (rows.find((r) => r.seller_id !== ANY_SELLER) ?? rows[0])?.secret;
    cache.set(key, { value, until: now() + ttlMs });
    return value;
  };
}
