import { describe, expect, it } from 'vitest';
import { VtrguardError } from '../core/errors.js';
import { parsePerformanceReport } from './amazon-performance-report.js';

const range = (from: string, to: string) => ({ reportingDateFrom: `${from}T00:00Z`, reportingDateTo: `${to}T23:59Z` });

describe('GET_V2_SELLER_PERFORMANCE_REPORT parser', () => {
  it('reads the schema keys, every field to its own place', () => {
    const report = parsePerformanceReport({
      accountStatuses: [{ marketplaceId: 'ATVPDKIKX0DER', status: 'NORMAL' }],
      performanceMetrics: [{
        marketplaceId: 'ATVPDKIKX0DER',
        validTrackingRate: { reportingDateRange: range('2020-10-11', '2020-11-09'), shipmentCount: 200, validTrackingCount: 190, status: 'GOOD', rate: 0.95, targetValue: 0.95, targetCondition: 'GREATER_THAN' },
        lateShipmentRate: { reportingDateRange: range('2020-10-21', '2020-11-19'), orderCount: 210, lateShipmentCount: 4, status: 'GOOD', rate: 0.019, targetValue: 0.04, targetCondition: 'LESS_THAN' },
        preFulfillmentCancellationRate: { reportingDateRange: range('2020-11-12', '2020-11-18'), orderCount: 50, cancellationCount: 1, status: 'GOOD', rate: 0.02, targetValue: 0.025, targetCondition: 'LESS_THAN' },
        onTimeDeliveryRate: { reportingDateRange: range('2020-10-11', '2020-11-09'), shipmentCountWithValidTracking: 130, onTimeDeliveryCount: 120, status: 'GOOD', rate: 0.923, targetValue: 0.9, targetCondition: 'GREATER_THAN' },
      }],
    });
    expect(report.warnings).toEqual([]);
    expect(report.accountStatuses).toEqual([{ marketplaceId: 'ATVPDKIKX0DER', marketplace: 'US', status: 'NORMAL' }]);
    const [us] = report.marketplaces;
    expect(us!.marketplace).toBe('US');
    expect(us!.figures).toEqual([
      { metric: 'vtr', from: '2020-10-11', to: '2020-11-09', total: 200, hits: 190, rate: 0.95, status: 'GOOD', target: 0.95, condition: 'GREATER_THAN' },
      { metric: 'lsr', from: '2020-10-21', to: '2020-11-19', total: 210, hits: 4, rate: 0.019, status: 'GOOD', target: 0.04, condition: 'LESS_THAN' },
      { metric: 'cr', from: '2020-11-12', to: '2020-11-18', total: 50, hits: 1, rate: 0.02, status: 'GOOD', target: 0.025, condition: 'LESS_THAN' },
      { metric: 'otdr', from: '2020-10-11', to: '2020-11-09', total: 130, hits: 120, rate: 0.923, status: 'GOOD', target: 0.9, condition: 'GREATER_THAN' },
    ]);
  });

  it("reads the example's spellings and real payloads' extra keys; missing counts are derived and reported", () => {
    const report = parsePerformanceReport({
      accountStatuses: [{ marketplaceId: 'A1PA6795UKMFR9', status: 'SUSPENDED' }],
      performanceMetrics: [{
        marketplaceId: 'A1PA6795UKMFR9',
        prefulfillmentCancelRate: { orderCount: '40', cancellationCount: '2', rate: '0.05', status: 'BAD' },
        validTrackingRate: { shipmentCount: 100, rate: 0.97, status: 'GOOD' },
        lateShipmentRateList: [
          { reportingDateRange: range('2020-11-10', '2020-11-19'), orderCount: 70, lateShipmentCount: 1, rate: 0.0143 },
          { reportingDateRange: range('2020-10-21', '2020-11-19'), orderCount: 210, lateShipmentCount: 4, rate: 0.019 },
        ],
        onTimeDeliveryRate: { targetValue: 0.97, status: 'GOOD', rate: 0.43 },
        accountHealthRating: { ahrScore: 250 },
      }],
    });
    const figures = report.marketplaces[0]!.figures;
    expect(report.marketplaces[0]!.marketplace).toBe('DE');
    expect(report.accountStatuses[0]!.status).toBe('SUSPENDED');
    expect(figures.find((f) => f.metric === 'cr')).toMatchObject({ total: 40, hits: 2, rate: 0.05 });
    expect(figures.find((f) => f.metric === 'vtr')).toMatchObject({ total: 100, hits: 97 });
    expect(figures.filter((f) => f.metric === 'lsr').map((f) => f.total)).toEqual([70, 210]);
    expect(figures.find((f) => f.metric === 'otdr')).toMatchObject({ total: null, hits: null, rate: 0.43, target: 0.97 });
    expect(report.warnings.some((w) => w.includes('validTrackingCount missing'))).toBe(true);
    expect(report.warnings.some((w) => w.includes('shipmentCountWithValidTracking missing'))).toBe(true);
  });

  it('accepts a payload wrapper, percentages and unknown marketplaces with warnings', () => {
    const report = parsePerformanceReport({ payload: { performanceMetrics: [{ marketplaceId: 'XXX', validTrackingRate: { rate: 95, shipmentCount: 20, validTrackingCount: 19 } }] } });
    expect(report.marketplaces[0]!.figures[0]!.rate).toBeCloseTo(0.95);
    expect(report.marketplaces[0]!.marketplace).toBeNull();
    expect(report.warnings.length).toBe(2);
  });

  it('says so when a reporting date is not a real day, rather than reading 2026-02-30 as March 2', () => {
    const report = parsePerformanceReport({ performanceMetrics: [{ marketplaceId: 'ATVPDKIKX0DER', validTrackingRate: {
      reportingDateRange: { reportingDateFrom: '2026-02-30T00:00Z', reportingDateTo: '2026-03-28' }, shipmentCount: 20, validTrackingCount: 19, rate: 0.95,
    } }] });
    expect(report.marketplaces[0]!.figures[0]).toMatchObject({ from: null, to: '2026-03-28' });
    expect(report.warnings).toEqual(['performanceMetrics[0] (ATVPDKIKX0DER).validTrackingRate.reportingDateFrom: "2026-02-30T00:00Z" is not a date, ignored']);
  });

  it('rejects what is not a performance report, as an expected failure', () => {
    for (const bad of [null, [], 'x', { reportType: 'other' }, { performanceMetrics: {} }]) {
      expect(() => parsePerformanceReport(bad)).toThrow(VtrguardError);
    }
  });
});
