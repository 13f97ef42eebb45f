import { getMarketplaceParticipations } from '../amazon/operations.js';
import { seal, unseal } from '../amazon/sealed.js';
import { VtrguardError } from '../core/errors.js';
import { secrets } from '../core/redact.js';
import { isPullCarrier, PULL_CARRIERS, type CarrierCredentials, type PullCarrier } from '../ingest/tracking/clients/index.js';
import type { CredentialSource, TrackingSettings } from '../ingest/tracking/credentials.js';
import { signalsOf } from '../store/alert-signals.js';
import { deleteConnection, getConnection } from '../store/amazon.js';
import { deleteSellerCredential, putSellerCredential, sellerCredentials } from '../store/operators.js';
import type { Store } from '../store/store.js';
import { connectAmazon, secretRotation, type ConnectInput, type SecretRotation } from './amazon-connect.js';
import { AmazonClients, nowOf, withAmazon, type AmazonDeps } from './amazon-context.js';

/**
 * Per-seller credentials managed through the API and the page (issue 19, item 12), not only environment variables:
 * a carrier's API account per seller, sealed at rest with VTRGUARD_SECRET_KEY (AES-GCM, amazon/sealed.ts) and the
 * seller and carrier as associated data, so a sealed blob moved onto another row does not open. Nothing here ever
 * returns a credential: what may be shown is whether each is set and when it last changed.
 */

export const CREDENTIAL_FIELDS = ['clientId', 'clientSecret', 'apiKey', 'merchantId', 'baseUrl'] as const satisfies readonly (keyof CarrierCredentials)[];

export interface CredentialState {
  /** A carrier (ups, fedex, usps, dhl) or `amazon`. */
  name: string;
  set: boolean;
  /** When it was last set or changed; null when not set. */
  updatedAt: number | null;
  /** Amazon's, once connected: what it reaches, when its secret must rotate, whether Amazon last took it. */
  connection: AmazonConnectionState | null;
}

export interface AmazonConnectionState {
  /** The connected marketplaces (their codes, or Amazon's names for ones vtrguard has no code for). */
  marketplaces: string[];
  /** The LWA client secret's 180-day deadline. */
  rotation: SecretRotation;
  /** The last call made with the credentials (a sync, a confirmation, a test): whether Amazon accepted them. */
  lastCheck: { ok: boolean; message: string | null; checkedAt: number; since: number } | null;
}

function keyOrRefuse(key: Buffer | null): Buffer {
  if (!key) throw new VtrguardError('CONFIG_INVALID', 'VTRGUARD_SECRET_KEY is not set: credentials are kept only encrypted (openssl rand -hex 32)');
  return key;
}

const carrierName = (carrier: PullCarrier): string => `carrier:${carrier}`;
const associated = (sellerId: string, name: string): string => `${sellerId}\u0000${name}`;

function knownCarrier(carrier: string): PullCarrier {
  if (!isPullCarrier(carrier)) {
    throw new VtrguardError('NOT_FOUND', `No carrier API "${carrier}"; credentials are kept for ${PULL_CARRIERS.join(', ')}.`, { field: 'carrier', value: carrier });
  }
  return carrier;
}

/** Whether each carrier's and Amazon's credentials are set, and since when; Amazon's connection state. */
export async function credentialStates(store: Store, sellerId: string, now: number): Promise<CredentialState[]> {
  const stored = new Map((await sellerCredentials(store, sellerId)).map((c) => [c.name, c.updatedAt]));
  return [
    ...PULL_CARRIERS.map((carrier) => {
      const updatedAt = stored.get(carrierName(carrier)) ?? null;
      return { name: carrier, set: updatedAt !== null, updatedAt, connection: null };
    }),
    await amazonCredentialState(store, sellerId, now),
  ];
}

export async function amazonCredentialState(store: Store, sellerId: string, now: number): Promise<CredentialState> {
  const connection = await getConnection(store, sellerId);
  if (!connection) return { name: 'amazon', set: false, updatedAt: null, connection: null };
  const check = (await signalsOf(store, sellerId)).find((s) => s.source === 'amazon');
  return {
    name: 'amazon',
    set: true,
    updatedAt: connection.updatedAt,
    connection: {
      marketplaces: connection.marketplaces.map((m) => m.marketplace ?? m.name),
      rotation: secretRotation(connection.secretSetAt, now),
      lastCheck: check ? { ok: check.ok, message: check.message, checkedAt: check.checkedAt, since: check.since } : null,
    },
  };
}

/**
 * Enters or replaces the seller's SP-API app credentials (the `connect` use case: tried against Amazon first, then
 * sealed); answers only their state.
 */
export async function setAmazonCredentials(deps: AmazonDeps, sellerId: string, input: ConnectInput): Promise<CredentialState> {
  await connectAmazon(deps, sellerId, input);
  return amazonCredentialState(deps.store, sellerId, nowOf(deps));
}

/** Forgets the seller's Amazon credentials; what was synced stays, and connecting again resumes. */
export async function removeAmazonCredentials(store: Store, sellerId: string): Promise<boolean> {
  return deleteConnection(store, sellerId);
}

export interface ConnectionTest {
  ok: boolean;
  /** Why Amazon refused or did not answer (never a credential: errors are redacted). */
  message: string | null;
  credential: CredentialState;
}

/** Tries the stored credentials now (an LWA exchange and the Sellers API's marketplace list) and says how it went. */
export async function testAmazonConnection(deps: AmazonDeps, sellerId: string): Promise<ConnectionTest> {
  let failure: string | null = null;
  try {
    // A client of its own: a cached access token would answer for credentials Amazon no longer takes.
    await withAmazon({ ...deps, clients: new AmazonClients() }, sellerId, (client) => getMarketplaceParticipations(client));
  } catch (error) {
    if (!(error instanceof VtrguardError) || (error.code !== 'AMAZON_AUTH_FAILED' && error.code !== 'AMAZON_UNAVAILABLE')) throw error;
    failure = error.message;
  }
  return { ok: failure === null, message: failure, credential: await amazonCredentialState(deps.store, sellerId, nowOf(deps)) };
}

/** Replaces a carrier's credentials for the seller; empty fields are left out, and at least one id or key is needed. */
export async function setCarrierCredentials(
  store: Store, secretKey: Buffer | null, sellerId: string, carrier: string, input: CarrierCredentials, now: number,
): Promise<CredentialState> {
  const key = keyOrRefuse(secretKey);
  const known = knownCarrier(carrier);
  const credentials: CarrierCredentials = {};
  for (const field of CREDENTIAL_FIELDS) {
    const value = input[field]?.trim();
    if (value) credentials[field] = value;
  }
  if (!credentials.clientId && !credentials.apiKey) {
    throw new VtrguardError('BAD_REQUEST', `${known} credentials need a clientId (with its clientSecret) or an apiKey.`, { field: 'clientId' });
  }
  if (credentials.clientId && !credentials.clientSecret) {
    throw new VtrguardError('BAD_REQUEST', 'A clientId needs its clientSecret.', { field: 'clientSecret' });
  }
  if (credentials.baseUrl && !/^https?:\/\/[^\s/]+/.test(credentials.baseUrl)) {
    throw new VtrguardError('BAD_REQUEST', 'baseUrl must be an http(s) URL.', { field: 'baseUrl' });
  }
  // From here on the values are known secrets: any echo in an error or a log line is redacted.
  secrets.add(credentials.clientSecret, credentials.apiKey, credentials.clientId);
  secrets.addBasic(credentials.clientId, credentials.clientSecret);
  await store.ensureSeller(sellerId);
  const name = carrierName(known);
  await putSellerCredential(store, sellerId, { name, sealed: seal(key, associated(sellerId, name), JSON.stringify(credentials)), updatedAt: now });
  return { name: known, set: true, updatedAt: now, connection: null };
}

export async function removeCarrierCredentials(store: Store, sellerId: string, carrier: string): Promise<boolean> {
  return deleteSellerCredential(store, sellerId, carrierName(knownCarrier(carrier)));
}

/**
 * The stored carrier credentials of every seller, opened, for the carrier clients: `over(configured)` answers a
 * seller's stored account first and the configuration's otherwise. `refresh()` reads them again (each polling pass).
 */
export class StoredCarrierCredentials {
  private byKey = new Map<string, CarrierCredentials>();

  constructor(private readonly store: Store, private readonly secretKey: Buffer | null) {}

  async refresh(): Promise<void> {
    if (!this.secretKey) return;
    const next = new Map<string, CarrierCredentials>();
    for (const row of await sellerCredentials(this.store)) {
      if (!row.name.startsWith('carrier:')) continue;
      const opened = JSON.parse(unseal(this.secretKey, associated(row.sellerId, row.name), row.sealed)) as CarrierCredentials;
      secrets.add(opened.clientSecret, opened.apiKey, opened.clientId);
      secrets.addBasic(opened.clientId, opened.clientSecret);
      next.set(`${row.sellerId}\u0000${row.name.slice('carrier:'.length)}`, opened);
    }
    this.byKey = next;
  }

  over(configured: CredentialSource): CredentialSource {
    return (sellerId, carrier) => this.byKey.get(`${sellerId}\u0000${carrier}`) ?? configured(sellerId, carrier);
  }
}

/**
 * Tracking settings whose credentials are each seller's stored account first, then the configuration's: what every
 * entry that polls carriers uses (`vtrguard serve`'s worker and `POST /v1/track`, `vtrguard track`). `refresh` reads
 * the stored accounts again (each polling pass, since the page may change them at any time).
 */
export async function withStoredCarrierCredentials<S extends TrackingSettings>(
  store: Store, secretKey: Buffer | null, settings: S,
): Promise<{ settings: S; refresh: () => Promise<void> }> {
  const stored = new StoredCarrierCredentials(store, secretKey);
  await stored.refresh();
  return { settings: { ...settings, credentials: stored.over(settings.credentials) }, refresh: () => stored.refresh() };
}
