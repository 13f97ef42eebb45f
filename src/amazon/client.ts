import { VtrguardError } from '../core/errors.js';
import { OAuthClientCredentials } from '../ingest/tracking/auth.js';
import { systemClock, type Clock } from '../ingest/tracking/clock.js';
import { makeRedactor, type Redactor } from '../ingest/tracking/redact.js';
import { backoffDelay, type RetryPolicy } from '../ingest/tracking/retry.js';
import { TokenBucket } from '../ingest/tracking/token-bucket.js';
import { DEFAULT_RATE_LIMITS, type SpApiOperation } from './rate-limits.js';
import { LWA_TOKEN_URL, REGION_ENDPOINTS, type SpApiRegion } from './regions.js';

/** A seller's SP-API app credentials (a private app self-authorised in Seller Central). */
export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** One line per call, for the log: never a token, a secret, a body or a query (orders carry buyer data). */
export interface SpApiCallLog {
  operation: SpApiOperation;
  status: number;
  attempt: number;
  ms: number;
  requestId: string | null;
  /** The rate Amazon stated for this operation (`x-amzn-RateLimit-Limit`), when it did. */
  rateLimit: number | null;
}

export interface SpApiClientOptions {
  region: SpApiRegion;
  credentials: LwaCredentials;
  /** Base URL of the SP-API (a local server in tests and benches); the region's host by default. */
  endpoint?: string;
  /** The LWA token URL; Amazon's by default. */
  tokenUrl?: string;
  retry?: RetryPolicy;
  clock?: Clock;
  fetch?: typeof fetch;
  random?: () => number;
  log?: (entry: SpApiCallLog) => void;
  userAgent?: string;
}

export interface SpApiRequest {
  operation: SpApiOperation;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | readonly string[] | number | undefined>;
  json?: unknown;
}

export interface SpApiAnswer {
  status: number;
  body: unknown;
}

/** Throttling and server faults get more tries than the carriers' default: a backfill must not give up on a 429. */
export const SP_API_RETRY: RetryPolicy = { attempts: 8, baseMs: 1000, maxMs: 60_000 };

interface ErrorEntry {
  code?: string;
  message?: string;
  details?: string;
}

function errorsOf(body: unknown): ErrorEntry[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as ErrorEntry[]) : [];
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** "The access token you provided has expired." — Amazon's 403 for a lapsed token, worth one fresh token. */
function isExpiredToken(status: number, body: unknown): boolean {
  return status === 403 && errorsOf(body).some((e) => /expired/i.test(`${e.message ?? ''} ${e.details ?? ''}`));
}

/**
 * The one road to the SP-API: an LWA access token (cached, refreshed early, and once more when Amazon says it
 * expired), a token bucket per operation that follows the rate Amazon states, and 429/5xx/network faults retried
 * with exponential backoff and full jitter. Operations (`operations.ts`) only build requests and read answers.
 */
export class SpApiClient {
  private readonly auth: OAuthClientCredentials;
  private readonly buckets = new Map<SpApiOperation, TokenBucket>();
  private readonly endpoint: string;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly fetchFn: typeof fetch;
  private readonly random: () => number;
  readonly redact: Redactor;

  constructor(private readonly options: SpApiClientOptions) {
    const { credentials } = options;
    this.endpoint = (options.endpoint ?? REGION_ENDPOINTS[options.region]).replace(/\/+$/, '');
    this.retry = options.retry ?? SP_API_RETRY;
    this.clock = options.clock ?? systemClock;
    this.fetchFn = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
    this.redact = makeRedactor([credentials.clientId, credentials.clientSecret, credentials.refreshToken]);
    const tokenUrl = options.tokenUrl ?? LWA_TOKEN_URL;
    this.auth = new OAuthClientCredentials({
      carrier: 'Amazon LWA',
      redact: this.redact,
      clock: this.clock,
      fetch: this.fetchFn,
      codes: { auth: 'AMAZON_AUTH_FAILED', unavailable: 'AMAZON_UNAVAILABLE', badResponse: 'AMAZON_BAD_RESPONSE' },
      request: () => ({
        url: tokenUrl,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: credentials.refreshToken,
            client_id: credentials.clientId,
            client_secret: credentials.clientSecret,
          }).toString(),
        },
      }),
    });
  }

  /** The rate this client currently keeps for an operation (the stated one once Amazon has said it). */
  rateOf(operation: SpApiOperation): number {
    return this.bucket(operation).perSecond;
  }

  private bucket(operation: SpApiOperation): TokenBucket {
    let bucket = this.buckets.get(operation);
    if (!bucket) this.buckets.set(operation, (bucket = new TokenBucket(DEFAULT_RATE_LIMITS[operation], this.clock)));
    return bucket;
  }

  private url(request: SpApiRequest): URL {
    const url = new URL(`${this.endpoint}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      // Arrays go comma-joined: Swagger 2.0's default collectionFormat (csv).
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    return url;
  }

  /** A 2xx answer, or a typed error: AMAZON_AUTH_FAILED, AMAZON_REJECTED (4xx), AMAZON_UNAVAILABLE (retries spent). */
  async call(request: SpApiRequest): Promise<SpApiAnswer> {
    const url = this.url(request);
    const bucket = this.bucket(request.operation);
    let refreshed = false;
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      await bucket.take();
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': this.options.userAgent ?? 'vtrguard/0.1 (Language=TypeScript; Platform=Node.js)',
        'x-amz-date': new Date(this.clock.now()).toISOString().replace(/[-:]|\.\d{3}/g, ''),
        'x-amz-access-token': (await this.auth.headers()).authorization!.slice('Bearer '.length),
      };
      if (request.json !== undefined) headers['content-type'] = 'application/json';
      const started = this.clock.now();
      let response: Response;
      try {
        response = await this.fetchFn(url, {
          method: request.method,
          headers,
          ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
        });
      } catch (error) {
        lastProblem = `network error: ${this.redact(String(error))}`;
        await this.clock.sleep(backoffDelay(attempt - 1, this.retry, this.random));
        continue;
      }
      const body = parseBody(await response.text());
      const stated = Number(response.headers.get('x-amzn-ratelimit-limit'));
      const rateLimit = Number.isFinite(stated) && stated > 0 ? stated : null;
      this.options.log?.({
        operation: request.operation, status: response.status, attempt, ms: this.clock.now() - started,
        requestId: response.headers.get('x-amzn-requestid'), rateLimit,
      });
      if (response.ok) {
        if (rateLimit !== null) bucket.setRate(rateLimit);
        return { status: response.status, body };
      }
      if (isExpiredToken(response.status, body) && !refreshed) {
        // A token can lapse between the cache's check and Amazon's; one fresh token, one more try.
        refreshed = true;
        this.auth.invalidate();
        attempt--;
        continue;
      }
      const errors = errorsOf(body);
      const said = errors.map((e) => `${e.code ?? '?'}: ${e.message ?? ''}${e.details ? ` (${e.details})` : ''}`).join('; ');
      if (response.status === 401 || response.status === 403) {
        throw new VtrguardError(
          'AMAZON_AUTH_FAILED',
          this.redact(`${request.operation} refused (${response.status}) ${said || 'Access to requested resource is denied.'}`),
          { operation: request.operation, status: response.status },
        );
      }
      if (response.status === 429 || response.status >= 500) {
        lastProblem = `${response.status} ${said}`.trim();
        // Throttled: the bucket holds back every caller of this operation for at least one token's time.
        const wait = Math.max(
          backoffDelay(attempt - 1, this.retry, this.random),
          response.status === 429 ? 1000 / bucket.perSecond : 0,
        );
        if (response.status === 429) bucket.pauseUntil(this.clock.now() + wait);
        else await this.clock.sleep(wait);
        continue;
      }
      throw new VtrguardError('AMAZON_REJECTED', this.redact(`${request.operation} refused (${response.status}): ${said || String(body)}`), {
        operation: request.operation, status: response.status, errors,
      });
    }
    throw new VtrguardError(
      'AMAZON_UNAVAILABLE',
      `${request.operation} failed after ${this.retry.attempts} tries: ${this.redact(lastProblem)}`,
      { operation: request.operation },
    );
  }

  /** A presigned document URL (reports, feeds): no SP-API headers, no token; Amazon's S3 signs it. */
  async fetchUrl(url: string, init: RequestInit = {}): Promise<Response> {
    let lastProblem = '';
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      try {
        const response = await this.fetchFn(url, init);
        if (response.status < 500) return response;
        lastProblem = `${response.status}`;
      } catch (error) {
        lastProblem = `network error: ${String(error)}`;
      }
      await this.clock.sleep(backoffDelay(attempt, this.retry, this.random));
    }
    throw new VtrguardError('AMAZON_UNAVAILABLE', `document transfer failed after ${this.retry.attempts} tries: ${lastProblem}`);
  }
}
