import { randomBytes } from 'node:crypto';
import { recordCredentialCheck } from '../../src/alerts/signals.js';
import { connectAmazon } from '../../src/app/amazon-connect.js';
import { AmazonClients, type AmazonDeps } from '../../src/app/amazon-context.js';
import { DEFAULT_METRICS_CONFIG } from '../../src/metrics/config.js';
import type { Store } from '../../src/store/store.js';
import type { MockSeller, MockSpApi } from './server.js';

/** The Amazon use cases wired to a local SP-API: the real client, retries shortened, waits real but short. */
export function mockDeps(store: Store, mock: MockSpApi, overrides: Partial<AmazonDeps> = {}): AmazonDeps {
  return {
    store,
    amazon: { secretKey: randomBytes(32), endpoint: mock.url, tokenUrl: mock.tokenUrl },
    metrics: DEFAULT_METRICS_CONFIG,
    retry: { attempts: 6, baseMs: 5, maxMs: 100 },
    onCredential: recordCredentialCheck,
    clients: new AmazonClients(),
    ...overrides,
  };
}

export async function connectMockSeller(deps: AmazonDeps, sellerId: string, seller: MockSeller, extra: { secretSetAt?: number } = {}) {
  return connectAmazon(deps, sellerId, {
    clientId: seller.clientId, clientSecret: seller.clientSecret, refreshToken: seller.refreshToken, region: 'na', ...extra,
  });
}
