import { envSellerName } from '../../core/domain.js';
import { WEBHOOK_PROVIDERS } from './providers.js';

/** The secret a provider signs a seller's deliveries with; undefined when none is configured. */
export type WebhookSecretResolver = (sellerId: string, provider: string) => Promise<string | undefined>;

export interface ConfiguredWebhookSecret {
  /** The seller as its variable names it (`envSellerName`), or `*` for every seller. */
  sellerKey: string;
  provider: string;
  secret: string;
}

/** Default secret for every seller. */
const ANY_SELLER = '*';

/**
 * Secrets from configuration: `VTRGUARD_WEBHOOK_SECRET_<PROVIDER>` for every seller, and
 * `VTRGUARD_SELLER_<SELLER>_WEBHOOK_SECRET_<PROVIDER>` for one (provider upper-cased, `17TRACK` as is).
 * A seller id is named in a variable as `envSellerName` writes it (`shop-1` → `SHOP_1`), like carrier credentials.
 */
export function webhookSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): ConfiguredWebhookSecret[] {
  const found: ConfiguredWebhookSecret[] = [];
  const providers = new Map([...WEBHOOK_PROVIDERS.keys()].map((p) => [p.toUpperCase(), p]));
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    const all = /^VTRGUARD_WEBHOOK_SECRET_([A-Z0-9]+)$/.exec(name);
    const one = /^VTRGUARD_SELLER_(.+)_WEBHOOK_SECRET_([A-Z0-9]+)$/.exec(name);
    const provider = providers.get((all?.[1] ?? one?.[2] ?? '').toUpperCase());
    if (!provider) continue;
    found.push({ sellerKey: one ? envSellerName(one[1]!) : ANY_SELLER, provider, secret: value });
  }
  return found;
}

/**
 * Verifies with what the configuration says now, and nothing else: a secret removed from it stops working at the
 * next start (no copy is kept anywhere). A seller's own secret wins over the one for every seller.
 */
export function configuredSecretResolver(secrets: readonly ConfiguredWebhookSecret[]): WebhookSecretResolver {
  const bySellerAndProvider = new Map(secrets.map((s) => [`${s.sellerKey}\u0000${s.provider}`, s.secret]));
  return async (sellerId, provider) =>
    bySellerAndProvider.get(`${envSellerName(sellerId)}\u0000${provider}`) ?? bySellerAndProvider.get(`${ANY_SELLER}\u0000${provider}`);
}
