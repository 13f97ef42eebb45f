import { randomBytes } from 'node:crypto';
import { recordCredentialCheck } from '../../src/alerts/signals.js';
import { connectAmazon } from '../../src/app/amazon-connect.js';
import { AmazonClients, type AmazonDeps } from '../../src/app/amazon-context.js';
import { syncOrders } from '../../src/app/amazon-sync.js';
import { DEFAULT_METRICS_CONFIG } from '../../src/metrics/config.js';
import type { Store } from '../../src/store/store.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from './server.js';

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

/** A local SP-API serving `seller` with no settling delay, connected as seller `s1` and synced once. */
export async function startSyncedSeller(store: Store, seller: MockSeller, overrides: Partial<AmazonDeps> = {}): Promise<{ mock: MockSpApi; deps: AmazonDeps }> {
  const mock = await startMockSpApi([seller]);
  mock.settleMs = 0;
  const deps = mockDeps(store, mock, overrides);
  await connectMockSeller(deps, 's1', seller);
  await syncOrders(deps, 's1');
  return { mock, deps };
}
