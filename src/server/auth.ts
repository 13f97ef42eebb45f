import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VtrguardError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { operatesSeller } from '../store/operators.js';
import { resolveApiKey } from './api-keys.js';
import type { ClientResolver } from './client.js';
import type { FailureCounter } from './rate-limit.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The seller this request acts for, set by the auth hook; every data route reads it. */
    sellerId: string;
    /** The API key's id, or null for the anonymous demo seller on loopback. */
    apiKeyId: string | null;
    /** The operator (3PL) of an operator key; null for a seller's own key and the demo seller. */
    operatorId: string | null;
  }
  interface FastifyContextConfig {
    /** `'none'` for /v1 routes that anyone may call (health) or that authenticate themselves (webhooks). */
    auth?: 'key' | 'none';
    /**
     * `only`: a route about an operator's sellers (`/v1/operator/…`), for an operator key alone, naming no seller.
     * `allowed`: any key, and an operator key may leave the seller unnamed (`/v1/session`).
     */
    operator?: 'only' | 'allowed';
  }
}

export interface AuthOptions {
  store: Store;
  defaultSellerId: string;
  /** Lets loopback clients without a key act as the default (demo) seller. */
  anonymousLoopback: boolean;
  /** Who the client is (the peer, or what trusted proxies say). */
  clients: ClientResolver;
  /** Host names key-less local access answers to (Config.access.allowedHosts). */
  allowedHosts: readonly string[];
  /** Failed authentications a client may make per window before every authenticated route answers 429. */
  failures: FailureCounter;
}

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

/** The header an operator key names the seller of a request with (the dashboard's seller switcher sends it). */
export const SELLER_HEADER = 'x-vtrguard-seller';

function namedSeller(request: FastifyRequest): string | null {
  const header = request.headers[SELLER_HEADER];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value === undefined || value === '' ? null : value;
}

/**
 * Who a key acts for on this request. A seller's key: its own seller, and nothing else — naming another seller or
 * calling an operator route is refused (403), never quietly answered with its own data. An operator key: the seller
 * the request names, which must be one of the operator's; only the operator routes name none.
 */
async function actingSeller(store: Store, request: FastifyRequest, key: { sellerId: string; operator: boolean }): Promise<string> {
  const named = namedSeller(request);
  const operatorRoute = request.routeOptions.config.operator;
  if (!key.operator) {
    if (operatorRoute === 'only') throw new VtrguardError('FORBIDDEN', 'Only an operator key sees the sellers overview; this key is one seller\'s own.', { sellerId: key.sellerId });
    if (named !== null && named !== key.sellerId) {
      throw new VtrguardError('FORBIDDEN', `This key acts only for its own seller; it may not switch to "${named}".`, { field: SELLER_HEADER, value: named });
    }
    return key.sellerId;
  }
  if (operatorRoute === 'only' || (operatorRoute === 'allowed' && named === null)) return '';
  if (named === null) {
    throw new VtrguardError('BAD_REQUEST', `An operator key names the seller of each request in the ${SELLER_HEADER} header.`, { field: SELLER_HEADER });
  }
  if (!(await operatesSeller(store, key.sellerId, named))) {
    throw new VtrguardError('FORBIDDEN', `Seller "${named}" is not one of this operator's sellers.`, { field: SELLER_HEADER, value: named });
  }
  return named;
}

/** Content types a browser sends cross-site without asking first (CORS "simple" requests). */
const SIMPLE_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

function hostName(hostHeader: string): string {
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Why a key-less request may not act as the local seller, or null when it may (issue 18, item 6). A page on any
 * web site can make the browser on this machine send requests to localhost: its Host is not ours when it got
 * here by DNS rebinding, its Origin names another site, and a cross-site write it can send without a CORS
 * preflight is a "simple" one (a form's content types, no custom header). Tools on this machine (curl, scripts,
 * the dashboard itself) pass all three.
 */
export function localAccessRefusal(request: FastifyRequest, allowedHosts: readonly string[]): string | null {
  const host = request.headers.host ?? '';
  if (!allowedHosts.includes(hostName(host))) {
    return `Host "${host}" is not one this server answers to without a key (VTRGUARD_ALLOWED_HOSTS adds names).`;
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let originHost = '';
    try {
      originHost = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    } catch {
      // "null" (a sandboxed frame, a file:// page) and anything unreadable is another origin.
    }
    if (!allowedHosts.includes(originHost)) return `A page from ${origin} may not use this server without a key.`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'A page from another site may not use this server without a key.';
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const custom = request.headers['x-requested-with'] !== undefined;
    if (!custom && (type === '' || SIMPLE_CONTENT_TYPES.includes(type))) {
      return `A change without a key needs a Content-Type other than ${SIMPLE_CONTENT_TYPES.join(', ')} (e.g. text/csv, `
        + 'application/json) or an X-Requested-With header, which a page on another site cannot send unasked.';
    }
  }
  return null;
}

/**
 * Resolves the seller of every request before any route runs; routes with `config.auth: 'none'` are exempt. A
 * client whose keys keep failing is throttled before its next key is even looked at.
 */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('sellerId', '');
  app.decorateRequest('apiKeyId', null);
  app.decorateRequest('operatorId', null);
  app.addHook('onRequest', async (request) => {
    // Only the API carries seller data; the docs and the dashboard's files are public, and unknown URLs
    // fall through to the not-found handler, which touches no seller data.
    const url = request.routeOptions.url;
    if (url === undefined || !url.startsWith('/v1/') || request.routeOptions.config.auth === 'none') return;
    const client = options.clients.address(request);
    const blocked = options.failures.retryAfterSeconds(client);
    if (blocked !== null) {
      throw new VtrguardError('RATE_LIMITED', 'Too many failed authentications from this client; retry later.', { retryAfterSeconds: blocked });
    }
    try {
      const key = presentedKey(request);
      if (key === null) {
        if (!options.anonymousLoopback || !options.clients.directLocal(request)) throw new VtrguardError('UNAUTHORIZED');
        const refusal = localAccessRefusal(request, options.allowedHosts);
        if (refusal !== null) throw new VtrguardError('LOCAL_ACCESS_REFUSED', refusal);
        request.sellerId = await actingSeller(options.store, request, { sellerId: options.defaultSellerId, operator: false });
        return;
      }
      const info = await resolveApiKey(options.store, key);
      if (!info) throw new VtrguardError('UNAUTHORIZED', 'The API key is unknown or revoked.');
      request.apiKeyId = info.keyId;
      request.sellerId = await actingSeller(options.store, request, info);
      if (info.operator) request.operatorId = info.sellerId;
    } catch (error) {
      if (error instanceof VtrguardError && (error.code === 'UNAUTHORIZED' || error.code === 'LOCAL_ACCESS_REFUSED')) options.failures.add(client);
      throw error;
    }
  });
}
