import type { Store } from '../store/store.js';
import { DEFAULT_DELIVERY_OPTIONS, dispatchPending } from './deliveries.js';
import type { DeliveryOptions, DeliveryResult } from './deliveries.js';
import { overdueScans } from './gather.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import { metricsEngineSource } from './metrics-source.js';
import type { SnapshotSource } from './metrics-source.js';
import { ALERT_RULES } from './rules.js';
import { ruleSettings } from './rule-settings.js';
import { amazonFigureGaps, credentialSignals } from './signals.js';
import { applyFindings } from './state.js';
import type { AlertEvent, AlertFinding, RuleInput } from './types.js';

export interface EvaluateOptions {
  /** Base URL of the dashboard for links in notifications (config `publicUrl`). */
  dashboardUrl?: string;
  /** Per-marketplace metric settings (zones, targets); definitions.md defaults when absent. */
  metricsConfig?: MetricsConfig;
  /** Where metric figures come from; defaults to the metrics engine over the store with `metricsConfig`. */
  snapshots?: SnapshotSource;
  /** First-scan thresholds per carrier key (`VTRGUARD_WATCH_HOURS_<CARRIER>`); others use the rule's `hours`. */
  watchHoursByCarrier?: Readonly<Record<string, number>>;
  delivery?: Partial<DeliveryOptions>;
}

export interface EvaluationResult {
  /** Changes of level found in this run. */
  changes: AlertEvent[];
  delivery: DeliveryResult;
}

/**
 * Evaluates every enabled rule for one seller at `now`, records changes of level and sends what is due
 * (including earlier notifications that failed). Called by the importer after each import and by the
 * `serve` loop on a schedule.
 */
export async function evaluateAlerts(store: Store, sellerId: string, now: number, options: EvaluateOptions = {}): Promise<EvaluationResult> {
  const config = options.metricsConfig ?? DEFAULT_METRICS_CONFIG;
  const settings = (await ruleSettings(store, sellerId)).filter((s) => s.enabled);
  const scanHours = settings.find((s) => s.ruleId === 'no_first_scan')?.params.hours;
  const input: RuleInput = {
    sellerId,
    now,
    snapshots: await (options.snapshots ?? metricsEngineSource(config))(store, sellerId, now),
    overdueScans: scanHours === undefined ? [] : await overdueScans(store, sellerId, now, scanHours, options.watchHoursByCarrier),
    signals: await credentialSignals(store, sellerId),
    amazonFigures: await amazonFigureGaps(store, sellerId),
  };
  const findings: AlertFinding[] = [];
  for (const setting of settings) {
    const rule = ALERT_RULES.find((r) => r.id === setting.ruleId);
    if (rule) findings.push(...rule.evaluate(input, setting.params));
  }
  const changes = await applyFindings(
    store, sellerId, findings, new Set(settings.map((s) => s.ruleId)), now, options.dashboardUrl ?? 'http://localhost:8080',
  );
  const delivery = await dispatchPending(store, sellerId, now, { ...DEFAULT_DELIVERY_OPTIONS, ...options.delivery });
  return { changes, delivery };
}
