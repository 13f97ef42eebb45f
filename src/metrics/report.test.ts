import { describe, expect, it } from 'vitest';
import { addDays } from '../core/time.js';
import type { PackageView } from '../core/views.js';
import { CellAccumulator, addOrderCells, addPackageCells } from './cells.js';
import { asOfInstant, classifyContext } from './classify.js';
import { DEFAULT_METRICS_CONFIG, buildMetricsConfig, configForView } from './config.js';
import type { MarketplaceMetricsConfig } from './config.js';
import { buildReports } from './report.js';
import { LA, at, order, pkg } from './testing.js';
import { staticTrackingDefect } from '../validate/assess.js';

const AS_OF = '2026-11-20';

function report(packages: PackageView[], cfg: MarketplaceMetricsConfig = DEFAULT_METRICS_CONFIG.US, asOf = AS_OF) {
  const acc = new CellAccumulator();
  const ctx = classifyContext(cfg, asOfInstant(asOf, LA), staticTrackingDefect);
  for (const p of packages) addPackageCells(acc, p, { ...ctx, metrics: ['vtr_pd', 'vtr_sc', 'otdr'] });
  return buildReports(acc.list(), asOf, 'US', cfg, 'raw');
}

const valid = (day: string, extra: Partial<PackageView> = {}) => pkg({ promisedDay: day, ...extra });
const noScan = (day: string, extra: Partial<PackageView> = {}) => pkg({ promisedDay: day, firstScanAt: null, ...extra });

describe('VTR window', () => {
  it('covers D-29 … D, both included', () => {
    const r = report([valid('2026-10-22'), valid('2026-11-20'), noScan('2026-10-21'), noScan('2026-11-21')]).metrics;
    expect(r.vtr.window).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(r.vtr.overall).toMatchObject({ valid: 2, total: 2, rate: 1 });
    // The unscanned package promised tomorrow enters tomorrow's window.
    expect(r.vtr.overall.status).toBe('at_risk');
  });

  it('a lag L moves the window to end on D-L', () => {
    const cfg = buildMetricsConfig({ US: { lagDays: 10 } }).US;
    const r = report([valid('2026-10-12'), noScan('2026-11-11')], cfg).metrics;
    expect(r.vtr.window).toEqual({ from: '2026-10-12', to: '2026-11-10' });
    expect(r.vtr.overall.total).toBe(1);
  });

  it('has a 7-day window ending where the 30-day one ends (definitions.md v2)', () => {
    const r = report([valid('2026-11-14'), noScan('2026-11-20'), noScan('2026-11-13'), valid('2026-11-21')]).metrics;
    expect(r.vtr.d7).toEqual({ window: { from: '2026-11-14', to: '2026-11-20' }, valid: 1, total: 2, rate: 0.5, status: 'bad' });
    expect(r.vtr.overall).toMatchObject({ valid: 1, total: 3 });
    const lagged = report([valid('2026-11-04'), noScan('2026-11-03')], buildMetricsConfig({ US: { lagDays: 10 } }).US).metrics;
    expect(lagged.vtr.d7).toMatchObject({ window: { from: '2026-11-04', to: '2026-11-10' }, valid: 1, total: 1, status: 'good' });
    expect(report([]).metrics.vtr.d7).toMatchObject({ total: 0, rate: null, status: 'none' });
  });

  it('the amazon view lags the VTR window 14 days (configurable), the live view not at all', () => {
    const packages = [noScan('2026-11-07'), valid('2026-11-06'), valid('2026-10-08'), noScan('2026-10-07')];
    const live = report(packages).metrics;
    expect(live).toMatchObject({ view: 'live', vtr: { lagDays: 0, window: { from: '2026-10-22', to: '2026-11-20' }, overall: { valid: 1, total: 2 } } });
    const amazonCfg = configForView(buildMetricsConfig(), 'amazon').US;
    const acc = new CellAccumulator();
    for (const p of packages) addPackageCells(acc, p, { ...classifyContext(amazonCfg, asOfInstant(AS_OF, LA), staticTrackingDefect), metrics: ['vtr_pd'] });
    const amazon = buildReports(acc.list(), AS_OF, 'US', amazonCfg, 'raw', [], 'amazon').metrics;
    expect(amazon).toMatchObject({ view: 'amazon', vtr: { lagDays: 14, window: { from: '2026-10-08', to: '2026-11-06' }, overall: { valid: 2, total: 2 } } });
    expect(amazon.vtr.d7.window).toEqual({ from: '2026-10-31', to: '2026-11-06' });
    // The lag of the amazon view is a setting of its own; the live view's lag stays as configured.
    const seven = configForView(buildMetricsConfig({ US: { amazonLagDays: 7, lagDays: 2 } }), 'amazon').US;
    expect(seven.lagDays).toBe(7);
    expect(configForView(buildMetricsConfig({ US: { lagDays: 2 } }), 'live').US.lagDays).toBe(2);
    expect(() => buildMetricsConfig({ US: { amazonLagDays: -1 } })).toThrow(/amazonLagDays/);
  });

  it('ship-confirm attribution places packages by the local day of confirmation', () => {
    const cfg = buildMetricsConfig({ US: { attribution: 'ship_confirm' } }).US;
    // Confirmed 2026-11-20 23:30 PST (07:30Z on the 21st): in the window; its promise (Dec) is irrelevant.
    const late = at('2026-11-21T07:30:00Z');
    const p = pkg({ promisedDay: '2026-12-05', confirmedAt: late, confirmDay: '2026-11-20', firstScanAt: at('2026-11-21T08:00:00Z'), deliveredAt: null });
    const r = report([p], cfg).metrics;
    expect(r.vtr.overall.total).toBe(1);
    expect(r.vtr.overall.valid).toBe(0); // the scan came after the as-of instant
  });

  it('an empty window has rate null and status none', () => {
    expect(report([]).metrics.vtr.overall).toEqual({ valid: 0, total: 0, rate: null, status: 'none' });
  });
});

describe('per category and per carrier', () => {
  it('a multi-category package counts once in each category and once overall', () => {
    const p = valid('2026-11-10', { categories: ['Toys & Games', 'Books', 'Books'] });
    const r = report([p, noScan('2026-11-10', { categories: ['Books'] })]).metrics;
    expect(r.vtr.overall).toMatchObject({ valid: 1, total: 2 });
    const books = r.vtr.byCategory.find((c) => c.category === 'Books')!;
    expect(books).toMatchObject({ valid: 1, total: 2, rate: 0.5, status: 'bad', neededToRecover: 18 });
    expect(r.vtr.byCategory.find((c) => c.category === 'Toys & Games')).toMatchObject({ valid: 1, total: 1, status: 'good' });
  });

  it('groups `Other` by its typed carrier name', () => {
    const r = report([valid('2026-11-10'), valid('2026-11-10', { carrierCode: 'Other', carrierName: 'Speedy Local' })]).metrics;
    expect(r.vtr.byCarrier.map((c) => c.carrier).sort()).toEqual(['Other: Speedy Local', 'UPS']);
  });
});

describe('forecast', () => {
  it('defects age out 30 days after their day (plus lag) and the rate recovers', () => {
    const packages = [noScan('2026-10-25'), ...Array.from({ length: 19 }, () => valid('2026-11-01'))];
    const { forecast } = report(packages);
    const toys = forecast.categories[0]!;
    expect(toys).toMatchObject({ valid: 19, total: 20, rate: 0.95, status: 'good', neededToRecover: 0 });
    expect(toys.defectExits).toEqual([{ date: '2026-11-24', count: 1 }]);
    expect(toys.days.find((d) => d.date === '2026-11-24')).toMatchObject({ valid: 19, total: 19, rate: 1 });
  });

  it('good now but forecast below target within 7 days is at_risk; confirmed packages promised ahead enter the window', () => {
    const now = Array.from({ length: 20 }, () => valid('2026-11-15'));
    const ahead = [noScan('2026-11-22'), noScan('2026-11-23')];
    const { metrics, forecast } = report([...now, ...ahead]);
    expect(metrics.vtr.overall.status).toBe('at_risk');
    expect(metrics.vtr.byCategory[0]!.status).toBe('at_risk');
    expect(forecast.overall.days[1]).toMatchObject({ date: '2026-11-22', valid: 20, total: 21 });
    // A forecast dip after day 7 does not make it at_risk.
    const far = report([...now, noScan('2026-11-30')]).metrics;
    expect(far.vtr.overall.status).toBe('good');
  });

  it('counts packages awaiting their first scan as valid in the forecast days only', () => {
    const now = Array.from({ length: 20 }, () => valid('2026-11-15'));
    const inFlight = [noScan('2026-11-22'), noScan('2026-11-23')];
    const acc = new CellAccumulator();
    const ctx = classifyContext(DEFAULT_METRICS_CONFIG.US, asOfInstant(AS_OF, LA), staticTrackingDefect);
    for (const p of [...now, ...inFlight]) addPackageCells(acc, p, { ...ctx, metrics: ['vtr_pd'] });
    const awaiting = [
      { metric: 'vtr_pd' as const, day: '2026-11-22', category: '', carrier: 'UPS', total: 1, hit: 1 },
      { metric: 'vtr_pd' as const, day: '2026-11-22', category: 'Toys', carrier: 'UPS', total: 1, hit: 1 },
    ];
    const { metrics, forecast } = buildReports(acc.list(), AS_OF, 'US', DEFAULT_METRICS_CONFIG.US, 'raw', awaiting);
    // The one expected to be scanned no longer drags the forecast; the other (past its grace) still does.
    expect(forecast.overall.days[1]).toMatchObject({ date: '2026-11-22', valid: 21, total: 21 });
    expect(forecast.overall.days[2]).toMatchObject({ date: '2026-11-23', valid: 21, total: 22 });
    // Today's figure is untouched: definitions.md counts a package without a scan as a defect.
    expect(metrics.vtr.overall).toMatchObject({ valid: 20, total: 20 });
  });

  it('each of the next 14 days is reported', () => {
    const { forecast } = report([valid('2026-11-10')]);
    expect(forecast.overall.days.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => addDays(AS_OF, i + 1)));
  });
});

describe('OTDR, LSR and CR windows', () => {
  it('OTDR counts promised days D-20 … D-7', () => {
    const r = report([valid('2026-10-31'), valid('2026-11-13'), valid('2026-10-30'), valid('2026-11-14')]).metrics;
    expect(r.otdr.window).toEqual({ from: '2026-10-31', to: '2026-11-13' });
    expect(r.otdr).toMatchObject({ onTime: 2, total: 2, rate: 1, status: 'good' });
  });

  it('LSR has 10- and 30-day windows; CR a 7-day window', () => {
    const acc = new CellAccumulator();
    const before = asOfInstant(AS_OF, LA);
    const orders = [
      order({ shipByDay: '2026-11-11', purchaseDay: '2026-11-14', firstConfirmedAt: null, latestShipDate: at('2026-11-12T07:59:59Z') }),
      order({ shipByDay: '2026-11-10' }),
      order({ shipByDay: '2026-10-22', purchaseDay: '2026-11-15', cancelledBy: 'seller', cancelledAt: at('2026-11-13T20:00:00Z'), firstConfirmedAt: null }),
      order({ shipByDay: '2026-10-21', purchaseDay: '2026-11-20' }),
    ];
    for (const o of orders) addOrderCells(acc, o, ['lsr', 'cr'], before);
    const r = buildReports(acc.list(), AS_OF, 'US', DEFAULT_METRICS_CONFIG.US, 'raw').metrics;
    expect(r.lsr.d10).toMatchObject({ late: 1, total: 1, status: 'bad' });
    expect(r.lsr.d30).toMatchObject({ late: 1, total: 2 });
    expect(r.cr).toMatchObject({ cancelled: 1, total: 3, window: { from: '2026-11-14', to: '2026-11-20' } });
  });

  it('India has a CR target of 0.02', () => {
    expect(DEFAULT_METRICS_CONFIG.IN.targets.cr).toBe(0.02);
    expect(DEFAULT_METRICS_CONFIG.US.targets).toMatchObject({ vtr: 0.95, lsr: 0.04, cr: 0.025, otdr: 0.9 });
    expect(DEFAULT_METRICS_CONFIG.UK.zone).toBe('Europe/London');
  });
});

describe('definitions.md v2 in the report', () => {
  it('OTDR counts units in the US (configurable), packages elsewhere; tracking after delivery counts as late', () => {
    const delivered = at('2026-11-08T20:00:00Z');
    const packages = [
      valid('2026-11-10', { units: 3 }),
      valid('2026-11-10', { units: 2, deliveredAt: delivered, firstAttemptAt: delivered, confirmedAt: delivered + 1 }),
    ];
    expect(report(packages).metrics.otdr).toMatchObject({ unit: 'unit', onTime: 3, total: 5, rate: 0.6 });
    const byPackage = buildMetricsConfig({ US: { otdrUnit: 'package' } }).US;
    expect(report(packages, byPackage).metrics.otdr).toMatchObject({ unit: 'package', onTime: 1, total: 2 });
  });

  it('shows Seller Fulfilled Prime only where there are Prime orders, with its own targets', () => {
    const before = asOfInstant(AS_OF, LA);
    const build = (primeOrders: boolean) => {
      const acc = new CellAccumulator();
      const ctx = classifyContext(DEFAULT_METRICS_CONFIG.US, before, staticTrackingDefect);
      addPackageCells(acc, valid('2026-11-10', { isPrime: primeOrders }), { ...ctx, metrics: ['otdr'] });
      addPackageCells(acc, valid('2026-11-10'), { ...ctx, metrics: ['otdr'] });
      const shipBy = at('2026-11-15T07:59:59Z');
      for (const scanHours of [1, 60]) {
        const confirmed = at('2026-11-14T20:00:00Z');
        addOrderCells(acc, order({
          isPrime: primeOrders, shipByDay: '2026-11-14', purchaseDay: '2026-11-14', latestShipDate: shipBy, firstConfirmedAt: confirmed,
          packages: [{ packageRef: '1', confirmedAt: confirmed, firstScanAt: confirmed + scanHours * 3_600_000, itemIds: [] }],
        }), ['lsr', 'cr'], before);
      }
      return buildReports(acc.list(), AS_OF, 'US', DEFAULT_METRICS_CONFIG.US, 'raw').metrics;
    };
    expect(build(false).sfp).toBeNull();
    const r = build(true);
    expect(r.lsr.d30).toMatchObject({ late: 0, total: 2 });
    expect(r.sfp).toEqual({
      onTimeShipment: { window: { from: '2026-10-22', to: '2026-11-20' }, target: 0.99, onTime: 1, total: 2, rate: 0.5, status: 'bad' },
      cancelRate: { window: { from: '2026-11-14', to: '2026-11-20' }, target: 0.005, cancelled: 0, total: 2, rate: 0, status: 'good' },
      otdr: { window: { from: '2026-10-31', to: '2026-11-13' }, target: 0.97, onTime: 1, total: 1, rate: 1, status: 'good' },
      vtr: { window: { from: '2026-10-22', to: '2026-11-20' }, target: 0.99, valid: 0, total: 0, rate: null, status: 'none' },
    });
    expect(DEFAULT_METRICS_CONFIG.JP.targets).toMatchObject({ sfpOtdr: 0.96, sfpCancel: 0.01, sfpVtr: 0.94 });
  });

  it("Prime VTR counts the Prime packages by VTR's rules, window, attribution and lag; JP's target is 94%", () => {
    const prime = { isPrime: true };
    const packages = [
      valid('2026-11-20', prime), valid('2026-10-22', prime), noScan('2026-11-01', prime),
      // Outside the window, exempt, or not Prime: not counted.
      valid('2026-10-21', prime), noScan('2026-11-21', prime), noScan('2026-11-02', { ...prime, exempt: true }), noScan('2026-11-03'), valid('2026-11-04'),
    ];
    const r = report(packages).metrics;
    expect(r.vtr.overall).toMatchObject({ valid: 3, total: 5 });
    expect(r.sfp?.vtr).toEqual({ window: { from: '2026-10-22', to: '2026-11-20' }, target: 0.99, valid: 2, total: 3, rate: 2 / 3, status: 'bad' });
    // The package's day is its confirmation's under ship-confirm attribution; the window moves with the lag.
    const bySc = buildMetricsConfig({ US: { attribution: 'ship_confirm', lagDays: 5 } }).US;
    const confirmed = (day: string, extra: Partial<PackageView>) => valid('2026-12-01', { shipDate: at(`${day}T18:00:00Z`), ...extra });
    const sc = report([confirmed('2026-11-15', prime), confirmed('2026-11-16', prime), confirmed('2026-11-14', { ...prime, firstScanAt: null })], bySc).metrics;
    expect(sc.sfp?.vtr).toMatchObject({ window: { from: '2026-10-17', to: '2026-11-15' }, valid: 1, total: 2, status: 'bad' });
    // A Prime package alone makes the SFP block; JP holds it to 94%.
    const jp = buildMetricsConfig({ JP: { zone: LA } }).JP;
    const good = report([...Array.from({ length: 94 }, () => valid('2026-11-10', prime)), ...Array.from({ length: 6 }, () => noScan('2026-11-10', prime))], jp).metrics;
    expect(good.sfp?.vtr).toMatchObject({ target: 0.94, valid: 94, total: 100, status: 'good' });
    expect(good.sfp?.onTimeShipment.total).toBe(0);
    expect(report([valid('2026-11-10')]).metrics.sfp).toBeNull();
  });

  it('Prime VTR targets: 99% by default, JP 94%, FR 100%, each configurable', () => {
    expect(DEFAULT_METRICS_CONFIG.US.targets.sfpVtr).toBe(0.99);
    expect(DEFAULT_METRICS_CONFIG.JP.targets.sfpVtr).toBe(0.94);
    expect(DEFAULT_METRICS_CONFIG.FR.targets.sfpVtr).toBe(1);
    expect(buildMetricsConfig({ JP: { targets: { sfpVtr: 0.9 } } }).JP.targets).toMatchObject({ sfpVtr: 0.9, sfpOtdr: 0.96 });
  });
});
