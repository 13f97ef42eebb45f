import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAmazon } from '../src/app/amazon-connect.js';
import { AmazonClients } from '../src/app/amazon-context.js';
import { syncOrders } from '../src/app/amazon-sync.js';
import { DEFAULT_RATE_LIMITS } from '../src/amazon/rate-limits.js';
import { DEFAULT_METRICS_CONFIG } from '../src/metrics/config.js';
import { countAmazonOrders, getSyncState } from '../src/store/amazon.js';
import { openStore } from '../src/store/open.js';
import { rawSql } from '../src/store/testing.js';
import { DE, makeSeller, UK, US } from '../test/mock-sp-api/fixtures.js';
import { FAST_RATES, QUOTA_EXCEEDED, startMockSpApi } from '../test/mock-sp-api/server.js';

const ORDERS = 100_000;

/**
 * Backfill of 100k orders of a 3-marketplace seller from the local SP-API (docs/amazon.md): the real client, the
 * real sync, SQLite. The local server runs searchOrders far faster than Amazon's 0.0056/s (what that pace would
 * take is printed beside it) and answers a 429 on every 50th call. Checks that no order is lost or doubled.
 */
export async function benchAmazon(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vtrguard-bench-amazon-'));
  const seller = makeSeller('bench', { count: ORDERS, marketplaceIds: [US, UK, DE] });
  const merchant = [...seller.orders.values()].filter((o) => o.fulfillment?.fulfilledBy === 'MERCHANT').length;
  const mock = await startMockSpApi([seller], { rates: { ...FAST_RATES, searchOrders: { perSecond: 1000, burst: 20 } } });
  mock.settleMs = 0;
  const store = await openStore(join(dir, 'bench.db'));
  try {
    const deps = {
      store, amazon: { secretKey: randomBytes(32), endpoint: mock.url, tokenUrl: mock.tokenUrl }, metrics: DEFAULT_METRICS_CONFIG,
      retry: { attempts: 8, baseMs: 5, maxMs: 200 }, clients: new AmazonClients(),
    };
    await connectAmazon(deps, 'bench', { clientId: seller.clientId, clientSecret: seller.clientSecret, refreshToken: seller.refreshToken, region: 'na' });
    let calls = 0;
    const started = performance.now();
    const result = await syncOrders(deps, 'bench', {
      onPage: () => {
        if (++calls % 50 === 0) mock.faults.push({ status: 429, body: QUOTA_EXCEEDED });
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const [stored] = await rawSql(store).all<{ n: number; distinct_n: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT order_id) AS distinct_n FROM orders WHERE seller_id = ?', ['bench'],
    );
    const state = await getSyncState(store, 'bench');
    const throttled = mock.calls.filter((c) => c.status === 429).length;
    const lost = merchant - Number(stored!.distinct_n);
    const doubled = state.ordersSynced - Number(stored!.distinct_n);
    const documented = DEFAULT_RATE_LIMITS.searchOrders;
    const pacedHours = (Math.max(0, result.pages - documented.burst) / documented.perSecond) / 3600;
    console.log(`amazon backfill: ${ORDERS.toLocaleString('en-US')} orders (${merchant.toLocaleString('en-US')} merchant-fulfilled) in 3 marketplaces from the local SP-API`);
    console.log(`  ${seconds.toFixed(2)} s, ${Math.round(merchant / seconds).toLocaleString('en-US')} orders/s, ${result.pages} pages, ${throttled} answers 429 retried, `
      + `${mock.calls.filter((c) => c.operation === 'getCatalogItem').length} catalog lookups`);
    console.log(`  stored ${Number(stored!.n).toLocaleString('en-US')} orders, amazon_orders ${await countAmazonOrders(store, 'bench')}: lost ${lost}, doubled ${doubled}`
      + `${lost === 0 && doubled === 0 && result.complete ? '' : '  <-- WRONG'}`);
    console.log(`  at Amazon's documented searchOrders pace (${documented.perSecond}/s, burst ${documented.burst}) the same ${result.pages} pages take ${pacedHours.toFixed(1)} h`);
  } finally {
    await store.close();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
