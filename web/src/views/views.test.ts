import { describe, expect, it } from 'vitest';
import type { GroupForecast, RatePoint, TrendReport } from '../api.js';
import { carrierText, csvFileName } from './defects.js';
import { tilesFor } from './tiles.js';
import { chartDays, seriesFor, shortDay, summarise, summaryText, trendAxisMin } from './trend.js';
import { parseNumbers } from './validate.js';
import { axisMin, axisPosition } from './vtr.js';

const point = (date: string, rate: number | null, total = 100): RatePoint => ({ date, rate, total, valid: rate === null ? 0 : Math.round(rate * total) });

describe('validate box input', () => {
  it('reads one number per line, with the carrier after a comma or tab in either order', () => {
    expect(parseNumbers(' 1Z999AA10123456784 \n\n1Z999AA10123456784, UPS\nUSPS\t9400 1118 9922 3817 1645 30\n')).toEqual([
      { trackingNumber: '1Z999AA10123456784' },
      { trackingNumber: '1Z999AA10123456784', carrier: 'UPS' },
      { trackingNumber: '9400 1118 9922 3817 1645 30', carrier: 'USPS' },
    ]);
  });

  it('returns nothing for blank input', () => {
    expect(parseNumbers('  \n \n')).toEqual([]);
  });
});

describe('VTR bars', () => {
  it('starts the axis 5 points below the worst rate, in 5-point steps, never above 80%', () => {
    expect(axisMin([0.97, 0.99])).toBe(0.8);
    expect(axisMin([0.85])).toBe(0.8);
    expect(axisMin([0.6, null])).toBe(0.55);
    expect(axisMin([0.02])).toBe(0);
    expect(axisMin([])).toBe(0.8);
  });

  it('places rates along the axis', () => {
    expect(axisPosition(0.95, 0.8)).toBeCloseTo(75);
    expect(axisPosition(0.5, 0.8)).toBe(0);
    expect(axisPosition(1, 0.8)).toBe(100);
  });
});

describe('tiles', () => {
  it('shows the server’s targets (India cancels at 2%)', () => {
    const window = { from: '2026-10-22', to: '2026-11-20' };
    const line = { window, late: 1, total: 10, rate: 0.1, status: 'bad' as const };
    const none = { valid: 0, total: 0, rate: null, status: 'none' as const };
    const base = {
      asOf: '2026-11-20',
      marketplace: 'IN',
      source: 'rollups' as const,
      view: 'live' as const,
      vtr: { window, target: 0.95, attribution: 'promised_delivery' as const, lagDays: 0, overall: none, d7: { ...none, window }, byCategory: [], byCarrier: [] },
      lsr: { target: 0.04, d10: line, d30: line },
      cr: { window, target: 0.02, cancelled: 0, total: 0, rate: null, status: 'none' as const },
      otdr: { window, target: 0.85, unit: 'package' as const, onTime: 9, total: 10, rate: 0.9, status: 'good' as const },
      sfp: null,
    };
    const tiles = tilesFor(base);
    expect(tiles.map((t) => t.key)).toEqual(['lsr10', 'lsr30', 'cr', 'otdr']);
    expect(tiles.find((t) => t.key === 'cr')?.target).toBe('under 2.0%');
    expect(tiles.find((t) => t.key === 'otdr')?.target).toBe('85% or more');
  });
});

describe('trend chart data', () => {
  const trend: TrendReport = {
    marketplace: 'US',
    asOf: '2026-11-20',
    source: 'rollups',
    days: 2,
    target: 0.95,
    overall: [point('2026-11-19', 0.96), point('2026-11-20', 0.955)],
    byCategory: [
      { category: 'Toys', points: [point('2026-11-19', 0.93), point('2026-11-20', 0.94)] },
      { category: 'Beauty', points: [point('2026-11-19', 0.99), point('2026-11-20', 0.99)] },
    ],
  };
  const group = (days: RatePoint[]): GroupForecast => ({ valid: 0, total: 0, rate: null, status: 'none', neededToRecover: 0, days, defectExits: [] });
  const forecast = {
    marketplace: 'US',
    asOf: '2026-11-20',
    target: 0.95,
    window: { from: '2026-10-22', to: '2026-11-20' },
    overall: group([point('2026-11-21', 0.96)]),
    categories: [{ category: 'Toys', ...group([point('2026-11-21', 0.945), point('2026-11-22', 0.951)]) }],
  };

  it('spans history and forecast days in order', () => {
    expect(chartDays(trend, forecast.categories)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
  });

  it('picks the series of the chosen category, or all of them, or the overall line', () => {
    expect(seriesFor({ trend, forecast, category: '' }).map((s) => s.name)).toEqual(['Toys', 'Beauty']);
    expect(seriesFor({ trend, forecast, category: 'Toys' })[0]?.forecast?.days).toHaveLength(2);
    expect(seriesFor({ trend, forecast, category: 'Overall' })[0]?.forecast).toBe(forecast.overall);
    expect(seriesFor({ trend, forecast: null, category: 'Beauty' })[0]?.forecast).toBeNull();
  });

  it('summarises each line in words for screen readers', () => {
    const text = summaryText(summarise(seriesFor({ trend, forecast, category: '' })), 0.95);
    expect(text).toBe('Toys 94.0% now, 95.1% by 2026-11-22 if nothing new ships (on target); Beauty 99.0% now.');
    expect(summaryText([], 0.95)).toBe('No packages in the last 60 days.');
  });

  it('keeps a small category below 80% on the chart, and a young window off the axis', () => {
    const small = { name: 'Garden', history: [point('2026-11-19', 0.7, 10), point('2026-11-20', 0.72, 11)], forecast: null };
    const big = { name: 'Toys', history: [point('2026-10-01', 0.5, 2), point('2026-11-20', 0.96, 400)], forecast: null };
    expect(trendAxisMin([big])).toBe(0.8);
    expect(trendAxisMin([big, small])).toBe(0.65);
  });

  it('shortens axis days', () => {
    expect(shortDay('2026-11-05')).toBe('5 Nov');
    expect(shortDay('garbage')).toBe('garbage');
  });
});

describe('defects', () => {
  it('names the CSV after its filter, safely', () => {
    expect(csvFileName({ marketplace: 'US', asOf: '2026-11-20', carrier: 'Other: UPS Ground', category: 'Toys & Games' })).toBe(
      'vtrguard-defects-US-2026-11-20-Other-UPS-Ground-Toys-Games.csv',
    );
    expect(csvFileName({ marketplace: 'DE' })).toBe('vtrguard-defects-DE.csv');
  });

  it('labels carriers as the metrics group them', () => {
    expect(carrierText({ carrierCode: 'Other', carrierName: 'Speedy' })).toBe('Other: Speedy');
    expect(carrierText({ carrierCode: 'UPS', carrierName: null })).toBe('UPS');
    expect(carrierText({ carrierCode: null, carrierName: null })).toBeNull();
  });
});
