import { VtrguardError } from '../../core/errors.js';
import type { ErrorCode } from '../../core/errors.js';
import { systemClock, type Clock } from './clock.js';
import type { Redactor } from './redact.js';

/** How a client proves who it is on each API call. */
export interface AuthProvider {
  headers(): Promise<Record<string, string>>;
  /** The API answered 401: forget whatever was cached so the next call starts afresh. */
  invalidate(): void;
}

/** A static key in a header (DHL `DHL-API-Key`). */
export function apiKeyAuth(header: string, key: string): AuthProvider {
  return { headers: async () => ({ [header]: key }), invalidate: () => {} };
}

/** The carrier-specific part of an OAuth2 client-credentials exchange: where and how to ask. */
export interface TokenRequest {
  url: string;
  init: RequestInit;
}

export interface OAuthOptions {
  request: () => TokenRequest;
  fetch?: typeof fetch;
  clock?: Clock;
  redact: Redactor;
  carrier: string;
  /** Refresh this long before expiry so no request goes out with a token about to lapse. */
  marginMs?: number;
  /** When the token response omits expires_in. */
  defaultTtlSeconds?: number;
  /** The codes its failures carry (carrier APIs by default; Amazon's LWA names its own). */
  codes?: TokenErrorCodes;
}

export interface TokenErrorCodes {
  auth: ErrorCode;
  unavailable: ErrorCode;
  badResponse: ErrorCode;
}

const CARRIER_TOKEN_CODES: TokenErrorCodes = { auth: 'CARRIER_AUTH_FAILED', unavailable: 'CARRIER_UNAVAILABLE', badResponse: 'CARRIER_BAD_RESPONSE' };

interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * OAuth2 client credentials with a cached token. Concurrent callers share one in-flight token request, so a
 * burst of 30 polls right after start-up costs one token call, not 30.
 */
export class OAuthClientCredentials implements AuthProvider {
  private token: CachedToken | null = null;
  private pending: Promise<CachedToken> | null = null;
  private readonly clock: Clock;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: OAuthOptions) {
    this.clock = options.clock ?? systemClock;
    this.fetchFn = options.fetch ?? fetch;
  }

  async headers(): Promise<Record<string, string>> {
    const token = await this.current();
    return { authorization: `Bearer ${token.value}` };
  }

  invalidate(): void {
    this.token = null;
  }

  private async current(): Promise<CachedToken> {
    const margin = this.options.marginMs ?? 60_000;
    if (this.token && this.token.expiresAt - margin > this.clock.now()) return this.token;
    if (!this.pending) {
      this.pending = this.fetchToken().finally(() => {
        this.pending = null;
      });
    }
    this.token = await this.pending;
    return this.token;
  }

  private async fetchToken(): Promise<CachedToken> {
    const { url, init } = this.options.request();
    const codes = this.options.codes ?? CARRIER_TOKEN_CODES;
    let response: Response;
    try {
      response = await this.fetchFn(url, init);
    } catch (error) {
      throw new VtrguardError(codes.unavailable, this.options.redact(`${this.options.carrier} token endpoint unreachable: ${String(error)}`));
    }
    const text = await response.text();
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new VtrguardError(
        codes.auth,
        this.options.redact(`${this.options.carrier} token request refused (${response.status}): ${text.slice(0, 300)}`),
        { carrier: this.options.carrier },
      );
    }
    if (!response.ok) {
      throw new VtrguardError(codes.unavailable, `${this.options.carrier} token endpoint answered ${response.status}`);
    }
    const body = safeJson(text);
    const value = body && typeof body.access_token === 'string' ? body.access_token : null;
    if (!value) throw new VtrguardError(codes.badResponse, `${this.options.carrier} token response has no access_token`);
    // expires_in is a number in UPS/FedEx examples but a string in some USPS ones; accept both.
    const ttl = Number(body?.expires_in ?? this.options.defaultTtlSeconds ?? 3600);
    const seconds = Number.isFinite(ttl) && ttl > 0 ? ttl : (this.options.defaultTtlSeconds ?? 3600);
    return { value, expiresAt: this.clock.now() + seconds * 1000 };
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
