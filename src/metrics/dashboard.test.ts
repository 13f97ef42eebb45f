import { describe, expect, it } from 'vitest';
import type { Cell } from '../core/cells.js';
import { addDays } from '../core/time.js';
import { DEFAULT_METRICS_CONFIG } from './config.js';
import { buildScorecard, buildTrend, medianOfBuckets, mediansOfBuckets, sortMarketplaces, trendRange } from './dashboard.js';

const US = DEFAULT_METRICS_CONFIG.US;
const AS_OF = '2026-11-20';

const cell = (metric: Cell['metric'], day: string, category: string, carrier: string, total: number, hit: number): Cell => ({
  metric, day, category, carrier, total, hit,
});

describe('medianOfBuckets', () => {
  it('is null without data', () => {
    expect(medianOfBuckets([])).toBeNull();
    expect(medianOfBuckets([{ tenths: 5, count: 0 }])).toBeNull();
  });

  it('takes the middle bucket of an odd count', () => {
    expect(medianOfBuckets([{ tenths: 100, count: 1 }, { tenths: 20, count: 1 }, { tenths: 60, count: 1 }])).toBe(6);
  });

  it('averages the two middle values of an even count, across buckets', () => {
    expect(medianOfBuckets([{ tenths: 240, count: 1 }, { tenths: 300, count: 1 }])).toBe(27);
    expect(medianOfBuckets([{ tenths: 10, count: 3 }, { tenths: 50, count: 3 }])).toBe(3);
  });
});

describe('sortMarketplaces', () => {
  it('lists marketplaces in Amazon’s order, US first', () => {
    expect(sortMarketplaces(['DE', 'UK', 'US', 'JP'])).toEqual(['US', 'UK', 'DE', 'JP']);
  });
});

describe('buildTrend', () => {
  // Day D-40 has 10 packages with 2 defects; day D has 10 packages, all valid. Category T holds both.
  const early = addDays(AS_OF, -40);
  const cells = [
    cell('vtr_pd', early, '', 'UPS', 10, 8),
    cell('vtr_pd', early, 'T', 'UPS', 10, 8),
    cell('vtr_pd', AS_OF, '', 'UPS', 10, 10),
    cell('vtr_pd', AS_OF, 'T', 'UPS', 10, 10),
    // Another metric never leaks into VTR.
    cell('otdr', AS_OF, '', 'UPS', 50, 0),
  ];
  const trend = buildTrend(cells, 'US', AS_OF, 60, US, 'rollups');

  it('has one point per day ending on the as-of date', () => {
    expect(trend.overall).toHaveLength(60);
    expect(trend.overall[0]?.date).toBe(addDays(AS_OF, -59));
    expect(trend.overall.at(-1)?.date).toBe(AS_OF);
  });

  it('gives each day the VTR of its own 30-day window', () => {
    const at = (date: string) => trend.overall.find((p) => p.date === date);
    // D-40's defects are in the windows of D-40 … D-11, not in D-10's.
    expect(at(addDays(AS_OF, -41))).toEqual({ date: addDays(AS_OF, -41), valid: 0, total: 0, rate: null });
    expect(at(early)?.rate).toBe(0.8);
    expect(at(addDays(AS_OF, -11))).toMatchObject({ valid: 8, total: 10 });
    expect(at(addDays(AS_OF, -10))).toMatchObject({ valid: 0, total: 0, rate: null });
    expect(at(AS_OF)).toMatchObject({ valid: 10, total: 10, rate: 1 });
  });

  it('lists categories with their own series', () => {
    expect(trend.byCategory.map((c) => c.category)).toEqual(['T']);
    expect(trend.byCategory[0]?.points.at(-1)).toMatchObject({ valid: 10, total: 10 });
    expect(trend.target).toBe(0.95);
  });

  it('asks for cells from the oldest window start to the as-of date', () => {
    expect(trendRange(AS_OF, 60, 0)).toEqual({ from: addDays(AS_OF, -88), to: AS_OF });
    expect(trendRange(AS_OF, 60, 2)).toEqual({ from: addDays(AS_OF, -90), to: addDays(AS_OF, -2) });
  });
});

describe('buildScorecard', () => {
  it('joins VTR per carrier, on-time delivery and median hours to first scan', () => {
    const day = addDays(AS_OF, -10);
    const cells = [
      cell('vtr_pd', day, '', 'UPS', 20, 19),
      cell('vtr_pd', day, '', 'USPS', 10, 10),
      cell('otdr', day, '', 'UPS', 10, 9),
      // Outside the OTDR window (D-20 … D-7): ignored.
      cell('otdr', AS_OF, '', 'UPS', 10, 0),
    ];
    const report = buildScorecard(cells, mediansOfBuckets([{ carrier: 'UPS', tenths: 60, count: 3 }]), 'US', AS_OF, US, 'rollups');
    expect(report.carriers.map((c) => c.carrier)).toEqual(['UPS', 'USPS']);
    const ups = report.carriers[0];
    expect(ups).toMatchObject({ packages: 20, vtr: { valid: 19, total: 20, rate: 0.95, status: 'good' }, medianHoursToFirstScan: 6 });
    expect(ups?.onTime).toEqual({ onTime: 9, total: 10, rate: 0.9 });
    expect(report.carriers[1]).toMatchObject({ medianHoursToFirstScan: null, onTime: { onTime: 0, total: 0, rate: null } });
    expect(report.otdrWindow).toEqual({ from: addDays(AS_OF, -20), to: addDays(AS_OF, -7) });
  });
});
