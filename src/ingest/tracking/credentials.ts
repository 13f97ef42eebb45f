import { envSellerName } from '../../core/domain.js';
import type { CarrierCredentials, PullCarrier } from './clients/index.js';
import type { RateLimit } from './token-bucket.js';

export type CredentialSource = (sellerId: string, carrier: PullCarrier) => CarrierCredentials;

const FIELDS: readonly [keyof CarrierCredentials, string][] = [
  ['clientId', 'CLIENT_ID'],
  ['clientSecret', 'CLIENT_SECRET'],
  ['apiKey', 'API_KEY'],
  ['merchantId', 'MERCHANT_ID'],
  ['baseUrl', 'BASE_URL'],
];

/**
 * Credentials from configuration only: `VTRGUARD_<CARRIER>_<FIELD>` for every seller, overridden field by field by
 * `VTRGUARD_SELLER_<SELLER>_<CARRIER>_<FIELD>` (FIELD: CLIENT_ID, CLIENT_SECRET, API_KEY, MERCHANT_ID, BASE_URL).
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): CredentialSource {
  return (sellerId, carrier) => {
    const c = carrier.toUpperCase();
    const result: CarrierCredentials = {};
    for (const [field, suffix] of FIELDS) {
      const value = env[`VTRGUARD_SELLER_${envSellerName(sellerId)}_${c}_${suffix}`] ?? env[`VTRGUARD_${c}_${suffix}`];
      if (value) result[field] = value;
    }
    return result;
  };
}

/** `VTRGUARD_<CARRIER>_RATE_PER_SECOND` (and `_BURST`) override a carrier's default pace. */
export function rateLimitFromEnv(env: Readonly<Record<string, string | undefined>>, carrier: PullCarrier): RateLimit | undefined {
  const perSecond = Number(env[`VTRGUARD_${carrier.toUpperCase()}_RATE_PER_SECOND`]);
  if (!(perSecond > 0)) return undefined;
  const burst = Number(env[`VTRGUARD_${carrier.toUpperCase()}_BURST`]);
  return { perSecond, burst: burst >= 1 ? burst : Math.max(1, Math.ceil(perSecond)) };
}

/** Carrier polling as configured: who to ask with which credentials, how fast, how often. */
export interface TrackingSettings {
  credentials: CredentialSource;
  /** A carrier's pace when configured; its default otherwise. */
  rateLimit: (carrier: PullCarrier) => RateLimit | undefined;
  /** Pause between polling passes (`VTRGUARD_TRACK_INTERVAL_SECONDS`, default one minute). */
  intervalMs: number;
}

export function trackingSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): TrackingSettings {
  const snapshot = Object.freeze({ ...env });
  const interval = Number(snapshot.VTRGUARD_TRACK_INTERVAL_SECONDS) * 1000;
  return Object.freeze({
    credentials: credentialsFromEnv(snapshot),
    rateLimit: (carrier: PullCarrier) => rateLimitFromEnv(snapshot, carrier),
    intervalMs: interval > 0 ? interval : 60_000,
  });
}
