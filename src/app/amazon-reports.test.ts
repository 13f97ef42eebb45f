import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../alerts/evaluate.js';
import { addDays } from '../core/time.js';
import { parsePerformanceReport } from '../ingest/amazon-performance-report.js';
import { makeSeller, US } from '../../test/mock-sp-api/fixtures.js';
import { connectMockSeller, mockDeps } from '../../test/mock-sp-api/harness.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../../test/mock-sp-api/server.js';
import { latestReports } from '../store/amazon.js';
import { freshSqliteStore, type TestStore } from '../store/testing.js';
import { confirmPackages } from './amazon-confirm.js';
import type { AmazonDeps } from './amazon-context.js';
import { fetchPerformanceReport } from './amazon-reports.js';
import { syncOrders } from './amazon-sync.js';
import { reconcile } from './reconcile.js';

let db: TestStore;
let mock: MockSpApi;
let seller: MockSeller;
let deps: AmazonDeps;
const NUMBERS = ['1Z999AA10123456784', '1ZQNZLQYYW42578153', '1ZI69FH60101018902'];

const range = (from: string, to: string) => ({ reportingDateFrom: `${from}T00:00Z`, reportingDateTo: `${to}T23:59Z` });

/** A report for US with the given counts over the last 30 days. */
function draft(vtr: [number, number], lsr: [number, number]) {
  const today = new Date().toISOString().slice(0, 10);
  const window = range(addDays(today, -30), addDays(today, -1));
  return {
    accountStatuses: [{ marketplaceId: US, status: 'NORMAL' }],
    performanceMetrics: [{
      marketplaceId: US,
      validTrackingRate: { reportingDateRange: window, shipmentCount: vtr[0], validTrackingCount: vtr[1], status: 'GOOD', rate: vtr[0] ? vtr[1] / vtr[0] : 0, targetValue: 0.95, targetCondition: 'GREATER_THAN' },
      lateShipmentRate: { reportingDateRange: window, orderCount: lsr[0], lateShipmentCount: lsr[1], status: 'GOOD', rate: lsr[0] ? lsr[1] / lsr[0] : 0, targetValue: 0.04, targetCondition: 'LESS_THAN' },
    }],
  };
}

beforeEach(async () => {
  db = await freshSqliteStore();
  seller = makeSeller('perf', { count: 40, marketplaceIds: [US] });
  mock = await startMockSpApi([seller]);
  mock.settleMs = 0;
  mock.pollsToFinish = 3;
  deps = mockDeps(db.store, mock);
  await connectMockSeller(deps, 's1', seller);
  await syncOrders(deps, 's1');
  const open = [...seller.orders.values()].filter((o) => o.fulfillment?.fulfilledBy === 'MERCHANT' && o.fulfillment.fulfillmentStatus !== 'CANCELLED').slice(-3);
  await confirmPackages(deps, 's1', open.map((o, i) => ({ orderId: o.orderId, carrierCode: 'UPS', trackingNumber: NUMBERS[i]!, shipDate: Date.parse(o.createdTime) + 3_600_000 })));
});
afterEach(async () => {
  await mock.close();
  await db.dispose();
});

describe('fetchPerformanceReport', () => {
  it('reads Amazon\'s report, reconciles it with vtrguard\'s figures and alerts on the one that differs', async () => {
    // Amazon's VTR is vtrguard's own; its LSR counts five late orders fewer.
    const ours = await reconcile(db.store, 's1', parsePerformanceReport(draft([1, 1], [1, 0])), deps.metrics, Date.now());
    const vtr = ours.find((r) => r.metric === 'vtr')!.ours!;
    const lsr = ours.find((r) => r.metric === 'lsr')!.ours!;
    expect(lsr.hits).toBeGreaterThan(5);
    seller.performanceReport = draft([vtr.total, vtr.hits], [lsr.total, lsr.hits - 5]);

    const fetched = await fetchPerformanceReport(deps, 's1', { pollEveryMs: 1 });
    expect(fetched.state).toBe('DONE');
    const byMetric = Object.fromEntries(fetched.gaps.map((g) => [g.metric, g]));
    expect(byMetric.vtr).toMatchObject({ beyondTolerance: false, likelyReason: null });
    expect(byMetric.lsr).toMatchObject({ beyondTolerance: true, likelyReason: expect.stringContaining('a ship-by Amazon extended') });
    expect(mock.calls.filter((c) => c.operation === 'getReport').map((c) => c.status)).toEqual([200, 200, 200]);

    const [stored] = await latestReports(db.store, 's1', 1);
    expect(stored).toMatchObject({ state: 'DONE', reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT' });
    expect(JSON.parse(stored!.content!)).toEqual(seller.performanceReport);

    const { changes } = await evaluateAlerts(db.store, 's1', Date.now(), { metricsConfig: deps.metrics });
    const figures = changes.filter((c) => c.ruleId === 'amazon_figures');
    expect(figures.map((c) => [c.key, c.level])).toEqual([['amazon_figures:US:lsr', 'warning']]);
    expect(figures[0]!.message).toContain('Likely: vtrguard counts confirmations late that Amazon took as on time');
  });

  it('stores a CANCELLED or FATAL report as such, without figures', async () => {
    mock.reportOutcomes = ['CANCELLED', 'FATAL'];
    const cancelled = await fetchPerformanceReport(deps, 's1', { pollEveryMs: 1 });
    expect(cancelled).toMatchObject({ state: 'CANCELLED', gaps: [], warnings: [expect.stringContaining('no data')] });
    const fatal = await fetchPerformanceReport(deps, 's1', { pollEveryMs: 1 });
    expect(fatal).toMatchObject({ state: 'FATAL', warnings: [expect.stringContaining('could not be generated')] });
    expect((await latestReports(db.store, 's1', 5)).map((r) => r.state)).toEqual(['FATAL', 'CANCELLED']);
  });
});
