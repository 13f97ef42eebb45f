import { recordCredentialCheck } from '../../alerts/signals.js';
import { amazonDeps, type AmazonClients, type AmazonDeps } from '../../app/amazon-context.js';
import { VtrguardError } from '../../core/errors.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import type { RouteOptions } from './index.js';

/**
 * The Amazon use cases' dependencies as the routes wire them (the Amazon routes and the page's credentials routes):
 * the server's clock, its call log and credential-health recorder, one client cache per route set.
 */
export function routeAmazonDeps(opts: RouteOptions, clients: AmazonClients): AmazonDeps {
  if (!opts.amazon) throw new VtrguardError('CONFIG_INVALID', 'this server has no Amazon configuration');
  return {
    ...amazonDeps(opts.store, { amazon: opts.amazon, metrics: opts.metricsConfig ?? DEFAULT_METRICS_CONFIG }, { onCredential: recordCredentialCheck, clients }),
    now: opts.now,
    ...(opts.amazonLog ? { log: opts.amazonLog } : {}),
  };
}

/** What connecting a seller takes (`POST /v1/amazon/connection`, `PUT /v1/credentials/amazon`): LWA app credentials and region. */
export const AMAZON_CONNECT_BODY = {
  type: 'object',
  required: ['clientId', 'clientSecret', 'refreshToken', 'region'],
  additionalProperties: false,
  properties: {
    clientId: { type: 'string', minLength: 1, maxLength: 2000 },
    clientSecret: { type: 'string', minLength: 1, maxLength: 2000 },
    refreshToken: { type: 'string', minLength: 1, maxLength: 4000 },
    region: { type: 'string', enum: ['na', 'eu', 'fe'] },
    secretCreatedAt: { type: 'string', format: 'date', description: 'when the LWA client secret was created (180-day rotation)' },
  },
} as const;

export interface AmazonConnectBody {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  region: string;
  secretCreatedAt?: string;
}

/** The body as the connect use case takes it: the secret's creation day as an instant. */
export function connectInput({ secretCreatedAt, ...input }: AmazonConnectBody) {
  return { ...input, ...(secretCreatedAt ? { secretSetAt: Date.parse(secretCreatedAt) } : {}) };
}
