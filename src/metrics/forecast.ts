import { addDays, dayWindow } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { MetricStatus } from './rates.js';
import { neededToRecover, rate, statusOf } from './rates.js';

/** VTR counts of one group (a category, a carrier, or everything) per attribution day. */
export type DailySeries = ReadonlyMap<string, { total: number; hit: number }>;

export const VTR_WINDOW_DAYS = 30;
export const FORECAST_DAYS = 14;
/** definitions.md: at_risk when the forecast for the next 7 days falls below target. */
export const AT_RISK_DAYS = 7;

/** The VTR window of as-of `day`: 30 days ending on day minus the lag. */
export function vtrWindow(asOfDay: string, lagDays: number): DayWindow {
  return dayWindow(addDays(asOfDay, -lagDays), VTR_WINDOW_DAYS);
}

export function sumWindow(series: DailySeries, window: DayWindow): { valid: number; total: number } {
  let valid = 0;
  let total = 0;
  for (const [day, counts] of series) {
    if (day >= window.from && day <= window.to) {
      valid += counts.hit;
      total += counts.total;
    }
  }
  return { valid, total };
}

export interface ForecastDay {
  date: string;
  valid: number;
  total: number;
  rate: number | null;
}

export interface DefectExit {
  /** First as-of date whose window no longer holds these defects. */
  date: string;
  count: number;
}

export interface GroupForecast {
  valid: number;
  total: number;
  rate: number | null;
  /** good/bad/none now; at_risk when good now and any of the next 7 forecast days is below target. */
  status: MetricStatus;
  neededToRecover: number;
  days: ForecastDay[];
  defectExits: DefectExit[];
}

const NOTHING_AWAITED: DailySeries = new Map();

/**
 * Rates on each of the next 14 days from what is known now: packages already confirmed whose attribution
 * day is ahead enter the window as their day comes, and defects age out 30 days after theirs. No new
 * packages are assumed, and a package keeps the verdict it has now — except the ones in `awaitingScan`,
 * recently confirmed and expected to get their first scan, which count as valid in the forecast days.
 */
export function forecastSeries(
  series: DailySeries,
  asOfDay: string,
  lagDays: number,
  target: number,
  awaitingScan: DailySeries = NOTHING_AWAITED,
): GroupForecast {
  const window = vtrWindow(asOfDay, lagDays);
  const now = sumWindow(series, window);
  const nowRate = rate(now.valid, now.total);
  const days: ForecastDay[] = [];
  for (let k = 1; k <= FORECAST_DAYS; k++) {
    const date = addDays(asOfDay, k);
    const dayWindowOf = vtrWindow(date, lagDays);
    const counts = sumWindow(series, dayWindowOf);
    const valid = counts.valid + sumWindow(awaitingScan, dayWindowOf).valid;
    days.push({ date, valid, total: counts.total, rate: rate(valid, counts.total) });
  }
  const exits = new Map<string, number>();
  for (const [day, counts] of series) {
    const defects = counts.total - counts.hit;
    if (defects > 0 && day >= window.from && day <= window.to) {
      // A day d is in the window of as-of X while X - lag - 29 <= d, so it leaves on d + lag + 30.
      const date = addDays(day, lagDays + VTR_WINDOW_DAYS);
      exits.set(date, (exits.get(date) ?? 0) + defects);
    }
  }
  let status = statusOf(nowRate, target, 'at_least');
  const dips = days.slice(0, AT_RISK_DAYS).some((d) => d.rate !== null && d.rate < target);
  if (status === 'good' && dips) status = 'at_risk';
  return {
    valid: now.valid,
    total: now.total,
    rate: nowRate,
    status,
    neededToRecover: neededToRecover(now.valid, now.total, target),
    days,
    defectExits: [...exits].map(([date, count]) => ({ date, count })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
