import { addDays } from '../core/time.js';
import type { AlertFinding, AlertLevel, MetricStatus, MetricsSnapshot, RateFigure, RuleInput } from './types.js';

/**
 * One alert rule: a pure function from what was gathered to findings. A rule reports every subject it
 * watches, `ok` ones included, so that a subject that recovers changes level (and is notified as resolved).
 * Params are numbers so that `vtrguard alerts rules set <id> --param name=value` can set any of them.
 */
export interface AlertRule {
  id: string;
  description: string;
  defaults: Readonly<Record<string, number>>;
  evaluate(input: RuleInput, params: Readonly<Record<string, number>>): AlertFinding[];
}

export function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

/** Metric statuses (definitions.md) map onto alert levels; `none` (no data) is not a problem. */
function levelOf(status: MetricStatus): AlertLevel {
  return status === 'bad' ? 'critical' : status === 'at_risk' ? 'warning' : 'ok';
}

function worst(levels: readonly AlertLevel[]): AlertLevel {
  return levels.includes('critical') ? 'critical' : levels.includes('warning') ? 'warning' : 'ok';
}

function dashboardLink(marketplace: string, fragment: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ marketplace, ...extra });
  return `/?${query.toString()}#${fragment}`;
}

/** The lowest forecast day up to `lastDay` when it is below target; null when the forecast stays above. */
function lowestBelow(forecast: readonly { day: string; rate: number | null }[], target: number, lastDay: string): { day: string; rate: number } | null {
  let low: { day: string; rate: number } | null = null;
  for (const { day, rate } of forecast) {
    if (day > lastDay || rate === null || rate >= target) continue;
    if (!low || rate < low.rate) low = { day, rate };
  }
  return low;
}

const vtrCategory: AlertRule = {
  id: 'vtr_category',
  description: "A category's VTR is below target, or forecast to fall below it within 7 days.",
  defaults: { forecastDays: 7 },
  evaluate(input, params) {
    return input.snapshots.flatMap((snapshot) => snapshot.vtr.byCategory.map((figure): AlertFinding => {
      const target = snapshot.targets.vtr;
      const horizonEnd = addDays(snapshot.asOf, params.forecastDays ?? 7);
      const forecastLow = lowestBelow(figure.forecast ?? [], target, horizonEnd);
      let level = levelOf(figure.status);
      if (level === 'ok' && forecastLow) level = 'warning';
      const where = `${figure.category} (${snapshot.marketplace})`;
      const message = level === 'critical'
        ? `VTR of ${where} is ${percent(figure.rate)} (${figure.valid}/${figure.total}), below the ${percent(target)} target`
          + (figure.neededToRecover ? `; ${figure.neededToRecover} more valid packages would restore it.` : '.')
        : level === 'warning'
          ? `VTR of ${where} is ${percent(figure.rate)} and forecast to fall below ${percent(target)}`
            + (forecastLow ? ` (${percent(forecastLow.rate)} on ${forecastLow.day}).` : '.')
          : `VTR of ${where} is ${percent(figure.rate)}, at or above the ${percent(target)} target.`;
      return {
        key: `vtr_category:${snapshot.marketplace}:${figure.category}`,
        ruleId: 'vtr_category',
        level,
        title: `VTR ${where}`,
        message,
        details: {
          marketplace: snapshot.marketplace, category: figure.category, asOf: snapshot.asOf, rate: figure.rate,
          valid: figure.valid, total: figure.total, target, status: figure.status,
          forecastLow, neededToRecover: figure.neededToRecover ?? null,
        },
        link: dashboardLink(snapshot.marketplace, 'vtr', { category: figure.category }),
      };
    }));
  },
};

/** LSR, CR and OTDR: one subject per marketplace, judged by the statuses the metrics engine gave. */
function marketplaceMetricRule(
  id: string,
  label: string,
  description: string,
  pick: (snapshot: MetricsSnapshot) => { figures: Record<string, RateFigure>; target: number; comparison: string },
): AlertRule {
  return {
    id,
    description,
    defaults: {},
    evaluate(input) {
      return input.snapshots.map((snapshot): AlertFinding => {
        const { figures, target, comparison } = pick(snapshot);
        const entries = Object.entries(figures);
        const level = worst(entries.map(([, figure]) => levelOf(figure.status)));
        const shown = entries.map(([window, figure]) => `${percent(figure.rate)}${window ? ` (${window})` : ''}`).join(', ');
        return {
          key: `${id}:${snapshot.marketplace}`,
          ruleId: id,
          level,
          title: `${label} ${snapshot.marketplace}`,
          message: `${label} in ${snapshot.marketplace} is ${shown}; target ${comparison} ${percent(target)}`
            + (level === 'ok' ? ' — within target.' : ' — past target.'),
          details: {
            marketplace: snapshot.marketplace, asOf: snapshot.asOf, target,
            figures: Object.fromEntries(entries.map(([window, f]) => [window || 'window', f])),
          },
          link: dashboardLink(snapshot.marketplace, 'other-metrics'),
        };
      });
    },
  };
}

const lsr = marketplaceMetricRule('lsr', 'Late Shipment Rate', 'LSR (10 or 30 days) is past target.', (s) => ({
  figures: { '10 days': s.lsr.d10, '30 days': s.lsr.d30 }, target: s.targets.lsr, comparison: '<',
}));
const cr = marketplaceMetricRule('cr', 'Cancel Rate', 'Pre-fulfilment cancel rate is past target.', (s) => ({
  figures: { '': s.cr }, target: s.targets.cr, comparison: '<',
}));
const otdr = marketplaceMetricRule('otdr', 'On-Time Delivery Rate', 'OTDR is past target.', (s) => ({
  figures: { '': s.otdr }, target: s.targets.otdr, comparison: '>=',
}));

/** Seller Fulfilled Prime: one subject per marketplace with Prime orders, each line judged against its own target. */
const sfp: AlertRule = {
  id: 'sfp',
  description: 'A Seller Fulfilled Prime metric (on-time shipment, cancel rate, OTDR, VTR) is past its target.',
  defaults: {},
  evaluate(input) {
    return input.snapshots.flatMap((snapshot): AlertFinding[] => {
      if (!snapshot.sfp) return [];
      const lines = Object.entries(snapshot.sfp);
      const level = worst(lines.map(([, line]) => levelOf(line.status)));
      const past = lines.filter(([, line]) => levelOf(line.status) !== 'ok');
      const shown = (list: typeof lines) => list.map(([name, line]) => `${name} ${percent(line.rate)} (target ${line.comparison} ${percent(line.target)})`).join(', ');
      return [{
        key: `sfp:${snapshot.marketplace}`,
        ruleId: 'sfp',
        level,
        title: `Seller Fulfilled Prime ${snapshot.marketplace}`,
        message: level === 'ok'
          ? `Seller Fulfilled Prime in ${snapshot.marketplace} is within its targets: ${shown(lines)}.`
          : `Seller Fulfilled Prime in ${snapshot.marketplace} is past target: ${shown(past)}.`,
        details: { marketplace: snapshot.marketplace, asOf: snapshot.asOf, figures: Object.fromEntries(lines) },
        link: dashboardLink(snapshot.marketplace, 'other-metrics'),
      }];
    });
  },
};

/** How many overdue packages are gathered: enough to count and name the oldest. */
export const OVERDUE_LIMIT = 1000;

const noFirstScan: AlertRule = {
  id: 'no_first_scan',
  description: 'Packages confirmed more than N hours ago have no carrier scan yet.',
  defaults: { hours: 24 },
  // The threshold is applied when the packages are gathered (the watch list's query, per-carrier hours included).
  evaluate(input, params) {
    const overdue = input.overdueScans;
    const oldest = overdue[0];
    const count = overdue.length >= OVERDUE_LIMIT ? `At least ${overdue.length}` : `${overdue.length}`;
    return [{
      key: 'no_first_scan',
      ruleId: 'no_first_scan',
      level: oldest ? 'warning' : 'ok',
      title: 'Packages without a first scan',
      message: oldest
        ? `${count} package(s) have no carrier scan ${params.hours ?? 24} or more hours after confirmation; `
          + `oldest: order ${oldest.orderId} (${oldest.carrier ?? 'unknown carrier'} ${oldest.trackingNumber}, ${Math.floor(oldest.hoursWaiting)} h).`
        : 'Every confirmed package has been scanned by its carrier within its threshold.',
      details: {
        hours: params.hours ?? 24,
        count: overdue.length,
        oldest: overdue.slice(0, 10).map((p) => ({
          orderId: p.orderId, packageRef: p.packageRef, trackingNumber: p.trackingNumber, carrier: p.carrier,
          confirmedAt: new Date(p.confirmedAt).toISOString(), hoursWaiting: p.hoursWaiting,
        })),
      },
      link: '/#watch',
    }];
  },
};

const credential: AlertRule = {
  id: 'credential',
  description: 'A carrier API or Amazon credential is failing.',
  defaults: {},
  evaluate(input) {
    return input.signals.map((signal): AlertFinding => ({
      key: `credential:${signal.source}`,
      ruleId: 'credential',
      level: signal.ok ? 'ok' : 'critical',
      title: `Credential ${signal.source}`,
      message: signal.ok
        ? `The ${signal.source} credential works again.`
        : `The ${signal.source} credential is failing since ${new Date(signal.since).toISOString()}`
          + (signal.message ? `: ${signal.message}` : '.'),
      details: { source: signal.source, since: new Date(signal.since).toISOString(), lastMessage: signal.message },
      link: '/#scorecard',
    }));
  },
};

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

const amazonFigures: AlertRule = {
  id: 'amazon_figures',
  description: "Amazon's own figures (its seller performance report) differ from vtrguard's for the same window.",
  defaults: { tolerancePoints: 0.5 },
  evaluate(input, params) {
    const tolerance = params.tolerancePoints ?? 0.5;
    return (input.amazonFigures ?? []).map((gap): AlertFinding => {
      const off = gap.gapPoints !== null && gap.gapPoints > tolerance;
      const name = `${gap.metric.toUpperCase()} ${gap.marketplace}`;
      return {
        key: `amazon_figures:${gap.marketplace}:${gap.metric}`,
        ruleId: 'amazon_figures',
        level: off ? 'warning' : 'ok',
        title: `${name}: Amazon ${pct(gap.amazonRate)}, vtrguard ${pct(gap.oursRate)}`,
        message: off
          ? `Amazon reports ${name} at ${pct(gap.amazonRate)}, vtrguard ${pct(gap.oursRate)} (${gap.gapPoints} points apart). Likely: ${gap.likelyReason}.`
          : `${name}: Amazon's figure and vtrguard's agree within ${tolerance} points.`,
        details: { ...gap },
        link: `/?marketplace=${encodeURIComponent(gap.marketplace)}#amazon`,
      };
    });
  },
};

/** Every rule, in the order they are listed. */
export const ALERT_RULES: readonly AlertRule[] = [vtrCategory, lsr, cr, otdr, sfp, noFirstScan, credential, amazonFigures];

export function findRule(id: string): AlertRule | undefined {
  return ALERT_RULES.find((rule) => rule.id === id);
}
