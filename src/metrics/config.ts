import type { Marketplace } from '../core/domain.js';
import { MARKETPLACES } from '../core/domain.js';
import { DEFAULT_ZONES } from '../core/time.js';
import type { PackageAttribution } from '../core/views.js';

/** A rule that makes a package exempt from VTR (definitions.md: "by a marketplace rule configured for it"). */
export interface ExemptionRule {
  /** Exact shipping-method strings (Amazon matches these exactly, e.g. CA's envelope services). */
  shippingMethods?: readonly string[];
  /** Carrier codes whose packages are exempt (e.g. listed freight carriers). */
  carrierCodes?: readonly string[];
}

export interface MetricTargets {
  /** VTR is good when rate >= target. */
  vtr: number;
  /** LSR is good when rate < target. */
  lsr: number;
  /** CR is good when rate < target. */
  cr: number;
  /** OTDR is good when rate >= target. */
  otdr: number;
}

export interface MarketplaceMetricsConfig {
  zone: string;
  attribution: PackageAttribution;
  /** VTR lag in days: the window ends on as-of minus this. */
  lagDays: number;
  targets: MetricTargets;
  exemptions: readonly ExemptionRule[];
  /** Forecast: hours after confirmation during which a package without a scan is expected to get one. */
  scanGraceHours: number;
}

export type MetricsConfig = Readonly<Record<Marketplace, MarketplaceMetricsConfig>>;

export const DEFAULT_TARGETS: MetricTargets = { vtr: 0.95, lsr: 0.04, cr: 0.025, otdr: 0.9 };

/** Per-marketplace differences from DEFAULT_TARGETS stated in definitions.md. */
const TARGET_OVERRIDES: Partial<Record<Marketplace, Partial<MetricTargets>>> = { IN: { cr: 0.02 } };

function defaultFor(marketplace: Marketplace): MarketplaceMetricsConfig {
  return {
    zone: DEFAULT_ZONES[marketplace],
    attribution: 'promised_delivery',
    lagDays: 0,
    targets: { ...DEFAULT_TARGETS, ...TARGET_OVERRIDES[marketplace] },
    exemptions: [],
    scanGraceHours: 24,
  };
}

export const DEFAULT_METRICS_CONFIG: MetricsConfig = Object.freeze(
  Object.fromEntries(MARKETPLACES.map((m) => [m, Object.freeze(defaultFor(m))])) as Record<
    Marketplace,
    MarketplaceMetricsConfig
  >,
);

export type MarketplaceMetricsOverride = Partial<Omit<MarketplaceMetricsConfig, 'targets'>> & {
  targets?: Partial<MetricTargets>;
};

/** Defaults with per-marketplace overrides laid over them (what config.ts builds from env / file). */
export function buildMetricsConfig(
  overrides: Partial<Record<Marketplace, MarketplaceMetricsOverride>> = {},
): MetricsConfig {
  const entries = MARKETPLACES.map((m) => {
    const base = DEFAULT_METRICS_CONFIG[m];
    const o = overrides[m] ?? {};
    const merged: MarketplaceMetricsConfig = {
      ...base,
      ...o,
      targets: { ...base.targets, ...o.targets },
      exemptions: o.exemptions ?? base.exemptions,
    };
    if (!Number.isInteger(merged.lagDays) || merged.lagDays < 0) {
      throw new RangeError(`metrics lag for ${m} must be a whole number of days >= 0`);
    }
    if (!(merged.scanGraceHours >= 0)) throw new RangeError(`scan grace hours for ${m} must be a number >= 0`);
    return [m, Object.freeze(merged)] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as Record<Marketplace, MarketplaceMetricsConfig>);
}

/**
 * The rollups store counts after exemption rules have been applied, so they must be rebuilt when the rules
 * change. This fingerprint is kept beside them.
 */
export function exemptionFingerprint(config: MetricsConfig): string {
  const parts = MARKETPLACES.filter((m) => config[m].exemptions.length > 0).map(
    (m) => `${m}:${JSON.stringify(config[m].exemptions)}`,
  );
  return parts.join('|');
}
