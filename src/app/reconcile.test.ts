import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import { parsePerformanceReport } from '../ingest/amazon-performance-report.js';
import { freshSqliteStore, type TestStore } from '../store/testing.js';
import { reconcile } from './reconcile.js';

const US = 'ATVPDKIKX0DER';
let db: TestStore;
beforeEach(async () => { db = await freshSqliteStore(); });
afterEach(async () => { await db.dispose(); });

const range = (from: string, to: string) => ({ reportingDateFrom: `${from}T00:00Z`, reportingDateTo: `${to}T23:59Z` });

/** Amazon's report with an OTDR figure over [from, to] and an LSR figure ending on `lsrTo` (UTC days). */
function report(from: string, to: string, lsrTo = to) {
  return parsePerformanceReport({
    accountStatuses: [{ marketplaceId: US, status: 'NORMAL' }],
    performanceMetrics: [{
      marketplaceId: US,
      onTimeDeliveryRate: {
        reportingDateRange: range(from, to),
        shipmentCountWithValidTracking: 10, onTimeDeliveryCount: 9, rate: 0.9, status: 'GOOD', targetValue: 0.9, targetCondition: 'GREATER_THAN',
      },
      lateShipmentRate: { reportingDateRange: range(from, lsrTo), orderCount: 4, lateShipmentCount: 0, rate: 0, status: 'GOOD', targetValue: 0.04, targetCondition: 'LESS_THAN' },
    }],
  });
}

const metric = (rows: Awaited<ReturnType<typeof reconcile>>, name: string) => rows.find((r) => r.metric === name)!;

describe('reconcile', () => {
  it('puts our OTDR window on Amazon\'s: as of 7 days after its last day', async () => {
    const rows = await reconcile(db.store, 's1', report('2026-11-10', '2026-11-23'), DEFAULT_METRICS_CONFIG, Date.parse('2026-12-06T18:00:00Z'));
    expect(metric(rows, 'otdr').ours).toMatchObject({ asOf: '2026-11-30', window: { to: '2026-11-23' } });
  });

  it('matches a window that ends after today as of today, instead of refusing the report', async () => {
    // Amazon's days are UTC: in a US evening its windows can end on, or 7 days before, a day that is still tomorrow in Los Angeles.
    const now = Date.parse('2026-12-07T04:00:00Z');
    const rows = await reconcile(db.store, 's1', report('2026-11-17', '2026-11-30', '2026-12-07'), DEFAULT_METRICS_CONFIG, now);
    expect(metric(rows, 'otdr').amazon).toMatchObject({ total: 10, hits: 9 });
    expect(metric(rows, 'otdr').ours).toMatchObject({ asOf: '2026-12-06', window: { to: '2026-11-29' } });
    expect(metric(rows, 'lsr').ours).toMatchObject({ asOf: '2026-12-06', window: { to: '2026-12-06' } });
  });
});
