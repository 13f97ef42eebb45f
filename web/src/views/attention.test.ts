import { describe, expect, it } from 'vitest';
import type { AttentionMetric, MetricsReport } from '../api.js';
import { metricTitle, nextStep, targetText } from './attention.js';
import { compareLines } from './compare.js';
import { tilesFor } from './tiles.js';

const metric = (over: Partial<AttentionMetric>): AttentionMetric => ({
  marketplace: 'US', key: 'lsr30', metric: 'lsr30', category: null, defects: 'lsr', target: 0.04, direction: 'below',
  live: { rate: 0.05, status: 'bad' }, amazon: { rate: 0.05, status: 'bad' }, defectCount: 5, total: 100, neededToRecover: null, ...over,
});

const window = { from: '2026-10-22', to: '2026-11-20' };
const line = (rate: number | null, status: 'good' | 'bad' | 'at_risk' | 'none') => ({ valid: 0, total: 0, rate, status });
function report(over: { overall?: number; categories?: [string, number][]; sfp?: MetricsReport['sfp'] }): MetricsReport {
  return {
    asOf: '2026-11-20', marketplace: 'US', source: 'rollups', view: 'live',
    vtr: {
      window, target: 0.95, attribution: 'promised_delivery', lagDays: 0, overall: line(over.overall ?? 0.96, 'good'), d7: { ...line(0.9, 'bad'), window },
      byCategory: (over.categories ?? []).map(([category, rate]) => ({ category, ...line(rate, rate < 0.95 ? 'bad' : 'good'), neededToRecover: 0 })), byCarrier: [],
    },
    lsr: { target: 0.04, d10: { window, late: 0, total: 0, rate: null, status: 'none' }, d30: { window, late: 0, total: 0, rate: null, status: 'none' } },
    cr: { window, target: 0.025, cancelled: 0, total: 0, rate: null, status: 'none' },
    otdr: { window, target: 0.9, unit: 'unit', onTime: 8, total: 10, rate: 0.8, status: 'bad' },
    sfp: over.sfp ?? null,
  };
}

describe('attention items', () => {
  it('names each metric, with its category, and says its target the way round it is judged', () => {
    expect(metricTitle(metric({ metric: 'vtr_category', category: 'Toys' }))).toBe('VTR · Toys');
    expect(targetText(metric({}))).toBe('under 4.0%');
    expect(targetText(metric({ target: 0.95, direction: 'at_least' }))).toBe('95% or more');
    expect(targetText(metric({ target: 0.005, direction: 'at_most' }))).toBe('0.5% or less');
  });

  it('gives a below-target VTR category the defects to fix and the packages that restore it, and an at-risk one its cause', () => {
    expect(nextStep(metric({ metric: 'vtr_category', defectCount: 3, neededToRecover: 12 }))).toBe(
      'Fix or replace the tracking of its 3 defects; 12 more valid packages restore the target.',
    );
    expect(nextStep(metric({ metric: 'vtr_category', live: { rate: 0.96, status: 'at_risk' } }))).toContain('waiting for a first scan');
  });

  it('has a next step of its own for every metric', () => {
    const keys = ['vtr7', 'lsr10', 'cr', 'otdr', 'sfp_ship', 'sfp_cancel', 'sfp_otdr', 'sfp_vtr'] as const;
    const steps = keys.map((k) => nextStep(metric({ metric: k })));
    expect(new Set(steps).size).toBe(keys.length);
  });
});

describe('the two views', () => {
  it('puts the live and Seller Central figures of every line side by side, a category one view lacks included', () => {
    const lines = compareLines(report({ overall: 0.93, categories: [['Toys', 0.9]] }), report({ overall: 0.97, categories: [['Books', 1]] }));
    expect(lines.map((l) => [l.name, l.live?.rate ?? null, l.amazon?.rate ?? null])).toEqual([
      ['Overall, 30 days', 0.93, 0.97],
      ['Overall, last 7 days', 0.9, 0.9],
      ['Books', null, 1],
      ['Toys', 0.9, null],
    ]);
  });
});

describe('tiles', () => {
  it('add the four SFP tiles only where there are Prime orders, and open no package count in units', () => {
    expect(tilesFor(report({})).map((t) => t.key)).toEqual(['lsr10', 'lsr30', 'cr', 'otdr']);
    const sfpLine = { window, target: 0.99, total: 4, rate: 0.5, status: 'bad' as const };
    const sfp = { onTimeShipment: { ...sfpLine, onTime: 2 }, cancelRate: { ...sfpLine, target: 0.005, rate: 0, status: 'good' as const, cancelled: 0 }, otdr: { ...sfpLine, onTime: 2 }, vtr: { ...sfpLine, valid: 2 } };
    const tiles = tilesFor(report({ sfp }));
    expect(tiles.map((t) => t.key)).toEqual(['lsr10', 'lsr30', 'cr', 'otdr', 'sfp_ship', 'sfp_cancel', 'sfp_otdr', 'sfp_vtr']);
    // Prime VTR opens its own defect list: the Prime packages without valid tracking.
    expect(tiles.find((t) => t.key === 'sfp_vtr')).toMatchObject({ title: 'Prime valid tracking, 30 days', target: '99% or more', defects: { metric: 'sfp_vtr', count: 2 } });
    expect(tiles.find((t) => t.key === 'sfp_cancel')?.target).toBe('0.5% or less');
    // OTDR in units (US): 2 late units are not 2 packages, so the button does not count them.
    expect(tiles.find((t) => t.key === 'otdr')?.defects).toEqual({ metric: 'otdr', count: null });
    // Each Prime tile opens its own list: orders not scanned in time, cancelled Prime orders (none here: no button),
    // late Prime deliveries (in units too).
    expect(tiles.filter((t) => t.key.startsWith('sfp_')).map((t) => t.defects)).toEqual([
      { metric: 'sfp_ship', count: 2 }, { metric: 'sfp_cancel', count: 0 }, { metric: 'sfp_otdr', count: null }, { metric: 'sfp_vtr', count: 2 },
    ]);
  });
});
