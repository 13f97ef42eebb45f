import { VtrguardError } from '../../core/errors.js';
import type { AuthProvider } from './auth.js';
import { systemClock, type Clock } from './clock.js';
import type { Redactor } from './redact.js';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry.js';
import type { TokenBucket } from './token-bucket.js';

export interface CarrierHttpOptions {
  carrier: string;
  baseUrl: string;
  auth: AuthProvider;
  bucket: TokenBucket;
  redact: Redactor;
  retry?: RetryPolicy;
  clock?: Clock;
  fetch?: typeof fetch;
  random?: () => number;
}

export interface CallOptions {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  json?: unknown;
}

/** An answer the carrier meant: 2xx, or a 4xx that describes the request (404 unknown number, 400 bad input). */
export interface CarrierAnswer {
  status: number;
  body: unknown;
}

/**
 * The one road every pull client takes to its API: rate limit, auth, retry with backoff, Retry-After on 429,
 * one re-authentication on 401. Clients only build requests and read answers.
 */
export class CarrierHttp {
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly fetchFn: typeof fetch;
  private readonly random: () => number;

  constructor(private readonly options: CarrierHttpOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.clock = options.clock ?? systemClock;
    this.fetchFn = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  async call(call: CallOptions): Promise<CarrierAnswer> {
    const url = new URL(call.path.replace(/^\//, ''), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    let reauthenticated = false;
    let lastProblem = '';
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      await this.options.bucket.take();
      const headers: Record<string, string> = { accept: 'application/json', ...call.headers, ...(await this.options.auth.headers()) };
      if (call.json !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await this.fetchFn(url, {
          method: call.method,
          headers,
          ...(call.json !== undefined ? { body: JSON.stringify(call.json) } : {}),
        });
      } catch (error) {
        lastProblem = `network error: ${String(error)}`;
        await this.clock.sleep(backoffDelay(attempt, this.retry, this.random));
        continue;
      }
      const text = await response.text();
      if (response.status === 401 && !reauthenticated) {
        // Tokens can be revoked before their stated expiry; one fresh token is worth one more try.
        reauthenticated = true;
        this.options.auth.invalidate();
        attempt--;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw new VtrguardError(
          'CARRIER_AUTH_FAILED',
          this.options.redact(`${this.options.carrier} refused the credentials (${response.status}): ${text.slice(0, 300)}`),
          { carrier: this.options.carrier },
        );
      }
      if (isRetryableStatus(response.status)) {
        lastProblem = `HTTP ${response.status}`;
        const now = this.clock.now();
        const told = response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), now) : null;
        const wait = told ?? backoffDelay(attempt, this.retry, this.random);
        // Throttling is per account, so every caller sharing the bucket holds back, not just this one.
        if (response.status === 429) this.options.bucket.pauseUntil(now + wait);
        else await this.clock.sleep(wait);
        continue;
      }
      return { status: response.status, body: parseBody(text) };
    }
    throw new VtrguardError(
      'CARRIER_UNAVAILABLE',
      this.options.redact(`${this.options.carrier}: ${call.method} ${url.pathname} failed after ${this.retry.attempts} tries (${lastProblem})`),
      { carrier: this.options.carrier },
    );
  }
}

function parseBody(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
