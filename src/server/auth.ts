import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VtrguardError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { resolveApiKey } from './api-keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The seller this request acts for, set by the auth hook; every data route reads it. */
    sellerId: string;
    /** The API key's id, or null for the anonymous demo seller on loopback. */
    apiKeyId: string | null;
  }
  interface FastifyContextConfig {
    /** `'none'` for /v1 routes that anyone may call (health) or that authenticate themselves (webhooks). */
    auth?: 'key' | 'none';
  }
}

export interface AuthOptions {
  store: Store;
  defaultSellerId: string;
  /** Lets loopback clients without a key act as the default (demo) seller. */
  anonymousLoopback: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The key from `Authorization: Bearer <key>` or `x-api-key`; null when neither header is present. */
export function presentedKey(request: FastifyRequest): string | null {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw new VtrguardError('UNAUTHORIZED', 'The Authorization header must read "Bearer <key>".');
    return match[1];
  }
  const header = request.headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? null : value;
}

/**
 * A direct loopback connection. The socket address is used rather than `request.ip` because a configured
 * `trustProxy` would let a client spoof it, and a request that came through a proxy (it carries
 * X-Forwarded-For) is not trusted even from 127.0.0.1: a local reverse proxy would otherwise open the demo
 * seller to the whole network.
 */
export function isDirectLoopback(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress ?? '';
  return LOOPBACK.has(address) && request.headers['x-forwarded-for'] === undefined;
}

/** Resolves the seller of every request before any route runs; routes with `config.auth: 'none'` are exempt. */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('sellerId', '');
  app.decorateRequest('apiKeyId', null);
  app.addHook('onRequest', async (request) => {
    // Only the API carries seller data; the docs and the dashboard's files are public, and unknown URLs
    // fall through to the not-found handler, which touches no seller data.
    const url = request.routeOptions.url;
    if (url === undefined || !url.startsWith('/v1/') || request.routeOptions.config.auth === 'none') return;
    const key = presentedKey(request);
    if (key === null) {
      if (options.anonymousLoopback && isDirectLoopback(request)) {
        request.sellerId = options.defaultSellerId;
        return;
      }
      throw new VtrguardError('UNAUTHORIZED');
    }
    const info = await resolveApiKey(options.store, key);
    if (!info) throw new VtrguardError('UNAUTHORIZED', 'The API key is unknown or revoked.');
    request.sellerId = info.sellerId;
    request.apiKeyId = info.keyId;
  });
}
