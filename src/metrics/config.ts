import type { Marketplace } from '../core/domain.js';
import { MARKETPLACES } from '../core/domain.js';
import { DEFAULT_ZONES } from '../core/time.js';
import type { PackageAttribution } from '../core/views.js';
import { CARRIER_RULES_DIGEST } from '../carriers/rules-digest.js';
import { KEPT_FIGURES_REVISION } from '../core/cells.js';

/**
 * A rule that makes a package exempt from VTR (definitions.md: "by a marketplace rule configured for it"). A rule
 * applies when every test it has holds; strings match exactly, as Amazon requires (same letters, case, spaces).
 */
export interface ExemptionRule {
  /** Exact shipping-method strings (Amazon matches these exactly, e.g. CA's envelope services). */
  shippingMethods?: readonly string[];
  /** Carrier codes whose packages are exempt (e.g. listed freight carriers). */
  carrierCodes?: readonly string[];
  /**
   * The package's declared value is below this (in `currency`, default the marketplace's): DE under EUR 20,
   * FR under EUR 10 for untracked letter methods. A package without a declared value, or with one in another
   * currency, does not match.
   */
  valueBelow?: number;
  currency?: string;
}

/**
 * The US cross-border rule (definitions.md VTR rule 4, v2): a package shipped on or after `from` from one of the
 * origins below, with a declared value at or above the origin's threshold, needs a network scan and an end scan.
 */
export interface CrossBorderRule {
  /** Local day from which it applies (by the package's ship date, else its confirmation). */
  from: string;
  /** Origin country (ISO 3166 alpha-2) → lowest declared value, in `currency`, that needs two scans. */
  thresholds: Readonly<Record<string, number>>;
  currency: string;
}

/** `live`: windows end on as-of (what Amazon will show). `amazon`: what Seller Central shows today (VTR lagged). */
export const METRICS_VIEWS = ['live', 'amazon'] as const;
export type MetricsView = (typeof METRICS_VIEWS)[number];

export interface MetricTargets {
  /** VTR is good when rate >= target. */
  vtr: number;
  /** LSR is good when rate < target. */
  lsr: number;
  /** CR is good when rate < target. */
  cr: number;
  /** OTDR is good when rate >= target. */
  otdr: number;
  /** Seller Fulfilled Prime (definitions.md v2): on-time shipment of Prime orders, good when rate >= target. */
  sfpShip: number;
  /** SFP cancel rate of Prime orders, good when rate <= target. */
  sfpCancel: number;
  /** SFP OTDR of Prime packages, good when rate >= target. */
  sfpOtdr: number;
  /** SFP VTR of Prime packages (VTR's rules, window and lag), good when rate >= target. */
  sfpVtr: number;
}

export interface MarketplaceMetricsConfig {
  zone: string;
  attribution: PackageAttribution;
  /** VTR lag in days of the `live` view: the window ends on as-of minus this. */
  lagDays: number;
  /** VTR lag in days of the `amazon` view (Seller Central runs about two weeks behind). */
  amazonLagDays: number;
  /** ISO 4217 currency of declared values given without one. */
  currency: string;
  targets: MetricTargets;
  exemptions: readonly ExemptionRule[];
  /** Whether tracking whose only carrier scans are deliveries is valid (not in IT and IN). */
  deliveryScanOnlyValid: boolean;
  /** The two-scan rule for cross-border packages (on for US), or null. */
  crossBorder: CrossBorderRule | null;
  /** What OTDR counts: packages, or units (item quantities; US since 2024-09-25). */
  otdrUnit: 'package' | 'unit';
  /** Forecast: hours after confirmation during which a package without a scan is expected to get one. */
  scanGraceHours: number;
}

export type MetricsConfig = Readonly<Record<Marketplace, MarketplaceMetricsConfig>>;

export const DEFAULT_TARGETS: MetricTargets = {
  vtr: 0.95, lsr: 0.04, cr: 0.025, otdr: 0.9, sfpShip: 0.99, sfpCancel: 0.005, sfpOtdr: 0.97,
  // definitions.md gives a Prime VTR target for JP only; elsewhere the strictest Amazon is cited with outside FR
  // (docs/definitions.md, "Seller Fulfilled Prime"): conservative, configurable.
  sfpVtr: 0.99,
};

/** Per-marketplace differences from DEFAULT_TARGETS stated in definitions.md (FR: docs/definitions.md, SFP). */
const TARGET_OVERRIDES: Partial<Record<Marketplace, Partial<MetricTargets>>> = {
  IN: { cr: 0.02 },
  JP: { sfpOtdr: 0.96, sfpCancel: 0.01, sfpVtr: 0.94 },
  FR: { sfpVtr: 1 },
};

/** Each marketplace's currency: the one of declared values given without a `currency`. */
export const MARKETPLACE_CURRENCIES: Readonly<Record<Marketplace, string>> = {
  US: 'USD', CA: 'CAD', MX: 'MXN', BR: 'BRL', UK: 'GBP', DE: 'EUR', FR: 'EUR', IT: 'EUR', ES: 'EUR', NL: 'EUR',
  SE: 'SEK', PL: 'PLN', BE: 'EUR', JP: 'JPY', AU: 'AUD', IN: 'INR', AE: 'AED', SG: 'SGD',
};

/** definitions.md v2, VTR rule 4: from 2025-01-15, CN and CA origins at USD 5, GB and IN at USD 15. */
export const US_CROSS_BORDER: CrossBorderRule = Object.freeze({
  from: '2025-01-15',
  thresholds: Object.freeze({ CN: 5, CA: 5, GB: 15, IN: 15 }),
  currency: 'USD',
});

/** Where delivery-confirmation-only tracking is not valid tracking (definitions.md v2, VTR rule 4). */
const DELIVERY_SCAN_ONLY_INVALID: readonly Marketplace[] = ['IT', 'IN'];

function defaultFor(marketplace: Marketplace): MarketplaceMetricsConfig {
  return {
    zone: DEFAULT_ZONES[marketplace],
    attribution: 'promised_delivery',
    lagDays: 0,
    amazonLagDays: 14,
    currency: MARKETPLACE_CURRENCIES[marketplace],
    targets: { ...DEFAULT_TARGETS, ...TARGET_OVERRIDES[marketplace] },
    exemptions: [],
    deliveryScanOnlyValid: !DELIVERY_SCAN_ONLY_INVALID.includes(marketplace),
    crossBorder: marketplace === 'US' ? US_CROSS_BORDER : null,
    otdrUnit: marketplace === 'US' ? 'unit' : 'package',
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

const TARGET_NAMES = Object.keys(DEFAULT_TARGETS);

/** Every target given must be a known one and a rate: a percentage (94) or a misspelt name would silently mislead. */
function checkTargets(marketplace: Marketplace, targets: Partial<MetricTargets>): void {
  for (const [name, value] of Object.entries(targets)) {
    if (!TARGET_NAMES.includes(name)) throw new RangeError(`targets.${name} for ${marketplace} is not a target; targets are ${TARGET_NAMES.join(', ')}`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      const hint = typeof value === 'number' && value > 1 && value <= 100 ? ` (${value / 100} for ${value}%)` : '';
      throw new RangeError(`targets.${name} for ${marketplace} must be a rate between 0 and 1${hint}, got ${JSON.stringify(value)}`);
    }
  }
}

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
    for (const [name, days] of [['lagDays', merged.lagDays], ['amazonLagDays', merged.amazonLagDays]] as const) {
      if (!Number.isInteger(days) || days < 0) throw new RangeError(`metrics ${name} for ${m} must be a whole number of days >= 0`);
    }
    checkTargets(m, o.targets ?? {});
    if (merged.otdrUnit !== 'package' && merged.otdrUnit !== 'unit') throw new RangeError(`otdrUnit for ${m} must be package or unit`);
    if (!(merged.scanGraceHours >= 0)) throw new RangeError(`scan grace hours for ${m} must be a number >= 0`);
    return [m, Object.freeze(merged)] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as Record<Marketplace, MarketplaceMetricsConfig>);
}

/**
 * The settings that decide what the kept figures hold: how a row is classified, and the zone, whose local days
 * the late steps of past as-of reads are kept by.
 */
function classificationRules(cfg: MarketplaceMetricsConfig): unknown {
  return [cfg.exemptions, cfg.currency, cfg.deliveryScanOnlyValid, cfg.crossBorder, cfg.otdrUnit, cfg.zone];
}

/**
 * The rollups store counts after the classification rules (exemptions, the v2 VTR rules, OTDR's unit, the zone) and the
 * carrier rules (VTR rules 2–3: codes, formats, check digits) have been applied, so they must be rebuilt when
 * either changes, and when what they hold changes (`KEPT_FIGURES_REVISION`). This fingerprint is kept beside them:
 * the carrier rules' digest, the figures' revision, then the marketplaces whose settings differ from the defaults
 * (a store counted with the defaults keeps its rollups until an upgrade changes the carrier rules or the figures).
 */
export function exemptionFingerprint(config: MetricsConfig): string {
  const parts = MARKETPLACES.map((m) => [m, JSON.stringify(classificationRules(config[m]))] as const)
    .filter(([m, rules]) => rules !== JSON.stringify(classificationRules(DEFAULT_METRICS_CONFIG[m])))
    .map(([m, rules]) => `${m}:${rules}`);
  return [`carriers:${CARRIER_RULES_DIGEST}`, `figures:${KEPT_FIGURES_REVISION}`, ...parts].join('|');
}

/** The configuration a view computes with: the `amazon` view lags VTR by each marketplace's `amazonLagDays`. */
export function configForView(config: MetricsConfig, view: MetricsView): MetricsConfig {
  if (view === 'live') return config;
  return Object.freeze(Object.fromEntries(MARKETPLACES.map((m) => [m, { ...config[m], lagDays: config[m].amazonLagDays }])) as Record<
    Marketplace,
    MarketplaceMetricsConfig
  >);
}
