import type { AuthProvider } from './auth.js';
import { CarrierHttp } from './carrier-http.js';
import { systemClock, type Clock } from './clock.js';
import type { Redactor } from './redact.js';
import type { RetryPolicy } from './retry.js';
import { TokenBucket, type RateLimit } from './token-bucket.js';

/** Everything a pull client lets the caller change: where the API lives (tests point it at a mock), pace, retry. */
export interface ClientOptions {
  baseUrl?: string;
  rateLimit?: RateLimit;
  retry?: RetryPolicy;
  clock?: Clock;
  fetch?: typeof fetch;
  random?: () => number;
  /** Share one bucket among clients that use the same API account. */
  bucket?: TokenBucket;
}

export interface OAuthCredentials {
  clientId: string;
  clientSecret: string;
}

export interface CarrierDefaults {
  carrier: string;
  baseUrl: string;
  rateLimit: RateLimit;
}

export function buildHttp(defaults: CarrierDefaults, options: ClientOptions, auth: AuthProvider, redact: Redactor): CarrierHttp {
  const clock = options.clock ?? systemClock;
  return new CarrierHttp({
    carrier: defaults.carrier,
    baseUrl: options.baseUrl ?? defaults.baseUrl,
    auth,
    bucket: options.bucket ?? new TokenBucket(options.rateLimit ?? defaults.rateLimit, clock),
    redact,
    clock,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
}

/** Joins a path onto a base URL that may or may not end with a slash. */
export function endpoint(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
