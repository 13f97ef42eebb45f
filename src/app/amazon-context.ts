import { SpApiClient, type LwaCredentials, type SpApiCallLog } from '../amazon/client.js';
import { isSpApiRegion, type SpApiRegion } from '../amazon/regions.js';
import { unseal } from '../amazon/sealed.js';
import { secrets } from '../core/redact.js';
import type { AmazonConfig } from '../config.js';
import { VtrguardError } from '../core/errors.js';
import { systemClock, type Clock } from '../ingest/tracking/clock.js';
import type { RetryPolicy } from '../ingest/tracking/retry.js';
import type { MetricsConfig } from '../metrics/config.js';
import { getConnection, type ConnectionRow } from '../store/amazon.js';
import { isTransientDbError } from '../store/driver-errors.js';
import type { Store } from '../store/store.js';

/** What the Amazon use cases need; the CLI, the server and the workers build it once. */
export interface AmazonDeps {
  store: Store;
  amazon: AmazonConfig;
  /** Zones, targets and rules per marketplace (the zone gives orders their local days). */
  metrics: MetricsConfig;
  now?: () => number;
  /** Waits between report and feed polls (tests pass one that does not really wait). */
  clock?: Clock;
  retry?: RetryPolicy;
  /** One line per SP-API call (client.ts: no secrets, tokens, bodies or queries). */
  log?: (sellerId: string, entry: SpApiCallLog) => void;
  /** Credential health for the `credential` alert (alerts/signals.ts recordCredentialCheck). */
  onCredential?: (store: Store, sellerId: string, check: { source: string; ok: boolean; message: string | null }, now: number) => Promise<void>;
  clients?: AmazonClients;
}

/** The sealed blob's content. */
export interface SealedCredentials extends LwaCredentials {
  region: SpApiRegion;
}

export function nowOf(deps: AmazonDeps): number {
  return (deps.now ?? Date.now)();
}

export function secretKeyOf(deps: AmazonDeps): Buffer {
  if (!deps.amazon.secretKey) {
    throw new VtrguardError('CONFIG_INVALID', 'VTRGUARD_SECRET_KEY is not set: Amazon credentials are kept only encrypted (openssl rand -hex 32)');
  }
  return deps.amazon.secretKey;
}

export function openCredentials(deps: AmazonDeps, connection: ConnectionRow): SealedCredentials {
  const parsed = JSON.parse(unseal(secretKeyOf(deps), connection.sellerId, connection.sealed)) as SealedCredentials;
  if (!isSpApiRegion(parsed.region)) throw new VtrguardError('CONFIG_INVALID', 'stored Amazon credentials name no region');
  // Opened credentials join the process's redactor before any request can carry (and an error echo) them.
  secrets.add(...Object.values(parsed).filter((value): value is string => typeof value === 'string'));
  return parsed;
}

/**
 * SP-API clients per seller, each keeping its token cache and rate buckets between calls. Bounded: past
 * `limit` sellers the least recently used client is dropped (it costs one token exchange to rebuild).
 */
export class AmazonClients {
  private readonly clients = new Map<string, { version: number; client: SpApiClient }>();

  constructor(private readonly limit = 1000) {}

  get(deps: AmazonDeps, connection: ConnectionRow): SpApiClient {
    const cached = this.clients.get(connection.sellerId);
    if (cached && cached.version === connection.updatedAt) {
      this.clients.delete(connection.sellerId);
      this.clients.set(connection.sellerId, cached);
      return cached.client;
    }
    const client = buildClient(deps, connection.sellerId, openCredentials(deps, connection));
    this.clients.set(connection.sellerId, { version: connection.updatedAt, client });
    if (this.clients.size > this.limit) this.clients.delete(this.clients.keys().next().value!);
    return client;
  }
}

export function buildClient(deps: AmazonDeps, sellerId: string, credentials: SealedCredentials): SpApiClient {
  return new SpApiClient({
    region: credentials.region,
    credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken },
    ...(deps.amazon.endpoint ? { endpoint: deps.amazon.endpoint } : {}),
    ...(deps.amazon.tokenUrl ? { tokenUrl: deps.amazon.tokenUrl } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.log ? { log: (entry: SpApiCallLog) => deps.log!(sellerId, entry) } : {}),
  });
}

export async function requireConnection(deps: AmazonDeps, sellerId: string): Promise<ConnectionRow> {
  const connection = await getConnection(deps.store, sellerId);
  if (!connection) throw new VtrguardError('AMAZON_NOT_CONNECTED', `seller ${sellerId} has no Amazon connection; run vtrguard amazon connect`);
  return connection;
}

/**
 * Runs `fn` with the seller's client and reports the credential's health: a refused credential raises the
 * `credential` alert (source `amazon`), the next call that goes through clears it.
 */
export async function withAmazon<T>(deps: AmazonDeps, sellerId: string, fn: (client: SpApiClient, connection: ConnectionRow) => Promise<T>): Promise<T> {
  const connection = await requireConnection(deps, sellerId);
  const clients = (deps.clients ??= new AmazonClients());
  try {
    const result = await fn(clients.get(deps, connection), connection);
    await deps.onCredential?.(deps.store, sellerId, { source: 'amazon', ok: true, message: null }, nowOf(deps));
    return result;
  } catch (error) {
    if (error instanceof VtrguardError && error.code === 'AMAZON_AUTH_FAILED') {
      await deps.onCredential?.(deps.store, sellerId, { source: 'amazon', ok: false, message: error.message }, nowOf(deps));
    }
    throw error;
  }
}

/** The deps from the loaded configuration; the caller brings the credential recorder and the call log. */
export function amazonDeps(
  store: Store,
  config: { amazon: AmazonConfig; metrics: MetricsConfig },
  extras: Pick<AmazonDeps, 'log' | 'onCredential' | 'clients'> = {},
): AmazonDeps {
  return { store, amazon: config.amazon, metrics: config.metrics, clients: new AmazonClients(), ...extras };
}

/** A call log line: operation, status, attempt, time, Amazon's request id; nothing else. */
export function formatCallLog(sellerId: string, entry: SpApiCallLog): string {
  return `sp-api ${sellerId} ${entry.operation} ${entry.status} attempt=${entry.attempt} ${entry.ms}ms`
    + `${entry.rateLimit !== null ? ` rate=${entry.rateLimit}/s` : ''}${entry.requestId ? ` request=${entry.requestId}` : ''}`;
}

/** Waits before each retry of a write the database was busy for or briefly could not take: about a second in all. */
const TRANSIENT_RETRY_MS = [50, 200, 800];

/**
 * Runs a write that must follow something Amazon already did (a package it took, a feed it named) again while the
 * database is busy or briefly gone: Amazon's side cannot be taken back, so a lock conflict must not lose it.
 * Throws the last error when it still fails, or at once when it is no transient one.
 */
export async function retryingTransient<T>(deps: AmazonDeps, write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const wait = TRANSIENT_RETRY_MS[attempt];
      if (wait === undefined || !isTransientDbError(error)) throw error;
      await (deps.clock ?? systemClock).sleep(wait);
    }
  }
}
