import { describe, expect, it } from 'vitest';
import { CellAccumulator, addPackageCells } from '../metrics/cells.js';
import { asOfInstant, classifyContext } from '../metrics/classify.js';
import { DEFAULT_METRICS_CONFIG, buildMetricsConfig } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import { buildReports } from '../metrics/report.js';
import { LA, pkg } from '../metrics/testing.js';
import { staticTrackingDefect } from '../validate/assess.js';
import { snapshotFromReports } from './metrics-source.js';
import { ALERT_RULES, findRule } from './rules.js';
import type { AlertFinding, CategoryVtr, MetricsSnapshot, RateFigure, RuleInput } from './types.js';

const NOW = Date.parse('2026-11-20T20:00:00Z');
const HOUR = 3_600_000;

const good: RateFigure = { rate: 0.99, total: 100, status: 'good' };

function category(overrides: Partial<CategoryVtr>): CategoryVtr {
  return { category: 'Toys & Games', valid: 97, total: 100, rate: 0.97, status: 'good', ...overrides };
}

function snapshot(overrides: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    marketplace: 'US',
    asOf: '2026-11-20',
    targets: { vtr: 0.95, lsr: 0.04, cr: 0.025, otdr: 0.9 },
    vtr: { byCategory: [] },
    lsr: { d10: { rate: 0.01, total: 100, status: 'good' }, d30: { rate: 0.02, total: 300, status: 'good' } },
    cr: { rate: 0.001, total: 70, status: 'good' },
    otdr: good,
    sfp: null,
    ...overrides,
  };
}

function input(overrides: Partial<RuleInput> = {}): RuleInput {
  return { sellerId: 's', now: NOW, snapshots: [snapshot()], overdueScans: [], signals: [], ...overrides };
}

function run(ruleId: string, given: RuleInput, params: Record<string, number> = {}): AlertFinding[] {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return rule.evaluate(given, { ...rule.defaults, ...params });
}

describe('vtr_category', () => {
  const levels = (...figures: CategoryVtr[]) =>
    run('vtr_category', input({ snapshots: [snapshot({ vtr: { byCategory: figures } })] })).map((f) => [f.key, f.level]);

  it('is critical below target, with the packages needed to recover', () => {
    const [finding] = run('vtr_category', input({ snapshots: [snapshot({ vtr: { byCategory: [category({ rate: 0.931, valid: 95, total: 102, status: 'bad', neededToRecover: 38 })] } })] }));
    expect(finding).toMatchObject({
      key: 'vtr_category:US:Toys & Games',
      level: 'critical',
      message: 'VTR of Toys & Games (US) is 93.1% (95/102), below the 95.0% target; 38 more valid packages would restore it.',
      link: '/?marketplace=US&category=Toys+%26+Games#vtr',
    });
  });

  it('warns when the metrics engine says at_risk', () => {
    expect(levels(category({ status: 'at_risk' }))).toEqual([['vtr_category:US:Toys & Games', 'warning']]);
  });

  it('warns when the forecast falls below target within 7 days, and not when later', () => {
    const soon = category({ forecast: [{ day: '2026-11-21', rate: 0.96 }, { day: '2026-11-27', rate: 0.94 }] });
    const late = category({ category: 'Books', forecast: [{ day: '2026-11-21', rate: 0.96 }, { day: '2026-11-28', rate: 0.5 }] });
    expect(levels(soon, late)).toEqual([['vtr_category:US:Toys & Games', 'warning'], ['vtr_category:US:Books', 'ok']]);
    const [finding] = run('vtr_category', input({ snapshots: [snapshot({ vtr: { byCategory: [soon] } })] }));
    expect(finding?.message).toContain('(94.0% on 2026-11-27)');
    expect(run('vtr_category', input({ snapshots: [snapshot({ vtr: { byCategory: [late] } })] }), { forecastDays: 8 })[0]?.level).toBe('warning');
  });

  it('is ok at or above target and when the window is empty', () => {
    expect(levels(category({ rate: 0.95, status: 'good' }), category({ category: 'Empty', rate: null, total: 0, status: 'none' })))
      .toEqual([['vtr_category:US:Toys & Games', 'ok'], ['vtr_category:US:Empty', 'ok']]);
  });
});

describe('LSR, CR and OTDR', () => {
  it('is critical when any window is past target, per marketplace', () => {
    const uk = snapshot({ marketplace: 'UK', lsr: { d10: { rate: 0.05, total: 100, status: 'bad' }, d30: { rate: 0.03, total: 300, status: 'good' } } });
    const findings = run('lsr', input({ snapshots: [snapshot(), uk] }));
    expect(findings.map((f) => [f.key, f.level])).toEqual([['lsr:US', 'ok'], ['lsr:UK', 'critical']]);
    expect(findings[1]?.message).toBe('Late Shipment Rate in UK is 5.0% (10 days), 3.0% (30 days); target < 4.0% — past target.');
    expect(findings[1]?.link).toBe('/?marketplace=UK#other-metrics');
  });

  it('judges CR and OTDR by their statuses', () => {
    const bad = snapshot({ cr: { rate: 0.03, total: 100, status: 'bad' }, otdr: { rate: 0.85, total: 100, status: 'bad' } });
    expect(run('cr', input({ snapshots: [bad] }))[0]).toMatchObject({ key: 'cr:US', level: 'critical' });
    expect(run('otdr', input({ snapshots: [bad] }))[0]).toMatchObject({ key: 'otdr:US', level: 'critical', message: expect.stringContaining('target >= 90.0%') });
    expect(run('otdr', input())[0]?.level).toBe('ok');
  });
});

describe('sfp', () => {
  const line = (rate: number, target: number, status: 'good' | 'bad', comparison: '>=' | '<=' = '>=') => ({ rate, total: 100, status, target, comparison });
  const prime = (vtr: ReturnType<typeof line>) => ({
    'on-time shipment': line(0.995, 0.99, 'good'), 'cancel rate': line(0.004, 0.005, 'good', '<='), OTDR: line(0.98, 0.97, 'good'), VTR: vtr,
  });

  it('is critical when a Prime line is past its own target, naming it; ok within; silent without Prime orders', () => {
    // JP holds Prime VTR to 94%: 95% is within it, 93% is not.
    const jp = (vtr: number, status: 'good' | 'bad') => snapshot({ marketplace: 'JP', sfp: prime(line(vtr, 0.94, status)) });
    const [bad] = run('sfp', input({ snapshots: [jp(0.93, 'bad')] }));
    expect(bad).toMatchObject({ key: 'sfp:JP', level: 'critical', link: '/?marketplace=JP#other-metrics' });
    expect(bad?.message).toBe('Seller Fulfilled Prime in JP is past target: VTR 93.0% (target >= 94.0%).');
    expect(run('sfp', input({ snapshots: [jp(0.95, 'good')] }))[0]?.level).toBe('ok');
    expect(run('sfp', input())).toEqual([]);
  });

  it("takes each marketplace's Prime targets from the metrics configuration (JP VTR 94%, configurable)", () => {
    const jpReport = (config: MetricsConfig) => {
      const cfg = { ...config.JP, zone: LA };
      const acc = new CellAccumulator();
      const ctx = classifyContext(cfg, asOfInstant('2026-11-20', LA), staticTrackingDefect);
      for (let i = 0; i < 20; i++) addPackageCells(acc, pkg({ promisedDay: '2026-11-10', isPrime: true, ...(i === 0 ? { firstScanAt: null } : {}) }), { ...ctx, metrics: ['vtr_pd'] });
      return snapshotFromReports(buildReports(acc.list(), '2026-11-20', 'JP', cfg, 'raw'));
    };
    // 19 of 20 valid: 95%, within JP's 94%.
    const [within] = run('sfp', input({ snapshots: [jpReport(DEFAULT_METRICS_CONFIG)] }));
    expect(within?.level).toBe('ok');
    expect(within?.message).toContain('VTR 95.0% (target >= 94.0%)');
    expect(run('sfp', input({ snapshots: [jpReport(buildMetricsConfig({ JP: { targets: { sfpVtr: 0.97 } } }))] }))[0]?.level).toBe('critical');
  });
});

describe('no_first_scan', () => {
  const overdue = (hoursWaiting: number, orderId: string) => ({
    orderId, packageRef: '1', trackingNumber: `1Z${orderId}`, carrier: 'UPS', confirmedAt: NOW - hoursWaiting * HOUR, hoursWaiting,
  });

  it('warns about the overdue packages it was given, naming the oldest', () => {
    const [finding] = run('no_first_scan', input({ overdueScans: [overdue(72.5, 'A'), overdue(50, 'B')] }));
    expect(finding).toMatchObject({ key: 'no_first_scan', level: 'warning', details: { count: 2, hours: 24 }, link: '/#watch' });
    expect(finding?.message).toBe('2 package(s) have no carrier scan 24 or more hours after confirmation; oldest: order A (UPS 1ZA, 72 h).');
    expect((finding?.details.oldest as { orderId: string }[]).map((p) => p.orderId)).toEqual(['A', 'B']);
  });

  it('is ok when nothing is overdue', () => {
    expect(run('no_first_scan', input())[0]?.level).toBe('ok');
  });
});

describe('credential', () => {
  it('is critical while a credential fails and ok once it works', () => {
    const findings = run('credential', input({
      signals: [
        { source: 'carrier:ups', ok: false, message: 'invalid client secret', since: NOW - HOUR, checkedAt: NOW },
        { source: 'amazon', ok: true, message: null, since: NOW - HOUR, checkedAt: NOW },
      ],
    }));
    expect(findings.map((f) => [f.key, f.level])).toEqual([['credential:carrier:ups', 'critical'], ['credential:amazon', 'ok']]);
    expect(findings[0]?.message).toBe('The carrier:ups credential is failing since 2026-11-20T19:00:00.000Z: invalid client secret');
  });
});

describe('amazon_figures', () => {
  it('warns on a figure beyond the tolerance with its likely reason, ok within it', () => {
    const gap = { reportId: 'r1', marketplace: 'US', amazonRate: 0.95, likelyReason: 'scans vtrguard lacks' };
    const findings = run('amazon_figures', input({
      amazonFigures: [
        { ...gap, metric: 'vtr', oursRate: 0.97, gapPoints: 2 },
        { ...gap, metric: 'otdr', oursRate: 0.952, gapPoints: 0.2 },
      ],
    }));
    expect(findings.map((f) => [f.key, f.level])).toEqual([['amazon_figures:US:vtr', 'warning'], ['amazon_figures:US:otdr', 'ok']]);
    expect(findings[0]?.message).toBe('Amazon reports VTR US at 95.00%, vtrguard 97.00% (2 points apart). Likely: scans vtrguard lacks.');
    expect(run('amazon_figures', input())).toEqual([]);
  });
});

it('every rule has a unique id, a description and positive defaults', () => {
  expect(new Set(ALERT_RULES.map((r) => r.id)).size).toBe(ALERT_RULES.length);
  for (const rule of ALERT_RULES) {
    expect(rule.description.length).toBeGreaterThan(10);
    for (const value of Object.values(rule.defaults)) expect(value).toBeGreaterThan(0);
  }
});
