import { getMarketplaceParticipations } from '../amazon/operations.js';
import { isSpApiRegion, marketplaceOfId, type SpApiRegion } from '../amazon/regions.js';
import { seal } from '../amazon/sealed.js';
import { VtrguardError } from '../core/errors.js';
import { getConnection, saveConnection, type ConnectedMarketplace, type HoldPolicy } from '../store/amazon.js';
import { buildClient, nowOf, secretKeyOf, type AmazonDeps } from './amazon-context.js';

const DAY_MS = 86_400_000;
/** Amazon makes every app rotate its LWA client secret every 180 days (sp-api.md §1.1). */
export const SECRET_LIFETIME_DAYS = 180;
/** Warn this many days before the rotation is due. */
export const SECRET_WARN_DAYS = 14;

export interface ConnectInput {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  region: string;
  /** When the client secret was created (it may be older than the connection); now by default. */
  secretSetAt?: number;
  holdPolicy?: HoldPolicy | null;
}

export interface SecretRotation {
  dueAt: number;
  daysLeft: number;
  /** Within SECRET_WARN_DAYS of the deadline, or past it. */
  warn: boolean;
}

/** What connecting returns and shows: never a credential. */
export interface ConnectResult {
  sellerId: string;
  region: SpApiRegion;
  marketplaces: ConnectedMarketplace[];
  rotation: SecretRotation;
  /** The connection existed and its credentials were replaced (a rotated secret). */
  updated: boolean;
}

export function secretRotation(secretSetAt: number, now: number): SecretRotation {
  const dueAt = secretSetAt + SECRET_LIFETIME_DAYS * DAY_MS;
  const daysLeft = Math.floor((dueAt - now) / DAY_MS);
  return { dueAt, daysLeft, warn: daysLeft <= SECRET_WARN_DAYS };
}

function required(value: string, field: string): string {
  const text = value.trim();
  if (text === '') throw new VtrguardError('BAD_REQUEST', `${field} is required`, { field });
  return text;
}

/**
 * Connects a seller: the credentials are tried first (an LWA exchange and the Sellers API's marketplace list),
 * then stored sealed with the installation's key. Connecting again replaces them, so a rotated client secret
 * needs no new authorisation; the sync's state stays.
 */
export async function connectAmazon(deps: AmazonDeps, sellerId: string, input: ConnectInput): Promise<ConnectResult> {
  const key = secretKeyOf(deps);
  const region = input.region.trim().toLowerCase();
  if (!isSpApiRegion(region)) throw new VtrguardError('BAD_REQUEST', `region must be na, eu or fe, not "${input.region}"`, { field: 'region' });
  const credentials = {
    clientId: required(input.clientId, 'clientId'),
    clientSecret: required(input.clientSecret, 'clientSecret'),
    refreshToken: required(input.refreshToken, 'refreshToken'),
    region,
  };
  const now = nowOf(deps);
  const client = buildClient(deps, sellerId, credentials);
  let participations;
  try {
    participations = await getMarketplaceParticipations(client);
  } catch (error) {
    if (error instanceof VtrguardError && error.code === 'AMAZON_AUTH_FAILED') {
      await deps.onCredential?.(deps.store, sellerId, { source: 'amazon', ok: false, message: error.message }, now);
    }
    throw error;
  }
  const marketplaces = participations
    .filter((p) => p.participation.isParticipating)
    .map((p) => ({ id: p.marketplace.id, marketplace: marketplaceOfId(p.marketplace.id), name: p.marketplace.name }));
  const existing = await getConnection(deps.store, sellerId);
  await deps.store.ensureSeller(sellerId);
  const secretSetAt = input.secretSetAt ?? now;
  await saveConnection(deps.store, {
    sellerId,
    sealed: seal(key, sellerId, JSON.stringify(credentials)),
    marketplaces,
    secretSetAt,
    holdPolicy: input.holdPolicy !== undefined ? input.holdPolicy : (existing?.holdPolicy ?? null),
    connectedAt: existing?.connectedAt ?? now,
    updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
  });
  await deps.onCredential?.(deps.store, sellerId, { source: 'amazon', ok: true, message: null }, now);
  return { sellerId, region, marketplaces, rotation: secretRotation(secretSetAt, now), updated: existing !== null };
}
