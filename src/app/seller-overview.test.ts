import { describe, expect, it } from 'vitest';
import { createDemo } from '../demo/create-demo.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import type { MetricStatus } from '../metrics/rates.js';
import type { MetricsReport } from '../metrics/report.js';
import { freshSqliteStore } from '../store/testing.js';
import { computeReports } from './metrics.js';
import { worstOf } from './seller-overview.js';

const NOW = Date.parse('2026-11-30T18:00:00Z');

/** A real report of the demo seller's, every figure then set by the test. */
async function demoReport(): Promise<MetricsReport> {
  const t = await freshSqliteStore();
  try {
    await createDemo(t.store, 'demo', DEFAULT_METRICS_CONFIG, { now: NOW, seed: 2 });
    return (await computeReports(t.store, 'demo', 'US', { config: DEFAULT_METRICS_CONFIG, now: NOW })).metrics;
  } finally {
    await t.dispose();
  }
}

describe('a seller\'s worst metric in the operator overview', () => {
  it('counts Seller Fulfilled Prime\'s lines: a bad Prime line is worse than good standard ones', async () => {
    const report = await demoReport();
    const good = { status: 'good' as const };
    const line = (rate: number, target: number, status: MetricStatus = 'good') => ({ window: report.vtr.window, total: 100, rate, target, status });
    const healthy: MetricsReport = {
      ...report,
      vtr: { ...report.vtr, overall: { ...report.vtr.overall, ...good, rate: 0.99 } },
      lsr: { ...report.lsr, d30: { ...report.lsr.d30, ...good, rate: 0.01 } },
      cr: { ...report.cr, ...good, rate: 0.001 },
      otdr: { ...report.otdr, ...good, rate: 0.97 },
      sfp: {
        onTimeShipment: { ...line(0.995, 0.99), onTime: 99 },
        cancelRate: { ...line(0.001, 0.005), cancelled: 0 },
        otdr: { ...line(0.8, 0.93, 'bad'), onTime: 80 },
        vtr: { ...line(1, 0.99), valid: 100 },
      },
    };
    expect(worstOf([healthy])).toEqual({ marketplace: 'US', metric: 'sfp_otdr', rate: 0.8, target: 0.93, status: 'bad' });
    const primeCancels: MetricsReport = {
      ...healthy,
      sfp: { ...healthy.sfp!, otdr: { ...line(0.99, 0.93), onTime: 99 }, cancelRate: { ...line(0.004, 0.005, 'at_risk'), cancelled: 0 } },
    };
    expect(worstOf([primeCancels])).toMatchObject({ metric: 'sfp_cancel', status: 'at_risk' });
    expect(worstOf([{ ...healthy, sfp: null }])).toMatchObject({ status: 'good' });
  });
});
