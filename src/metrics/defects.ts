import { dayWindow, formatInstant, localDay } from '../core/time.js';
import type { DayWindow } from '../core/time.js';
import type { OrderView, PackageView } from '../core/views.js';
import { getCarrier } from '../carriers/registry.js';
import { isOtdrMetric } from '../core/cells.js';
import { packageCategories } from './cells.js';
import type { ClassifyContext } from './classify.js';
import { orderDefect, packageDefects } from './defect-rules.js';
import type { MarketplaceMetricsConfig } from './config.js';
import { vtrWindow } from './forecast.js';
import { otdrWindow } from './report.js';

/**
 * Every metric with a defect list: VTR, LSR, CR, OTDR, and Seller Fulfilled Prime's (definitions.md v2): `sfp_vtr`
 * the VTR defects of Prime packages, `sfp_ship` Prime orders not scanned by their ship-by date, `sfp_cancel` Prime
 * orders the seller cancelled, `sfp_otdr` late Prime packages.
 */
export const DEFECT_METRICS = ['vtr', 'lsr', 'cr', 'otdr', 'sfp_vtr', 'sfp_ship', 'sfp_cancel', 'sfp_otdr'] as const;
export type DefectMetric = (typeof DEFECT_METRICS)[number];
/** The lists of orders (they carry no carrier: a carrier filter finds none); the others list packages. */
export type OrderDefectMetric = 'lsr' | 'cr' | 'sfp_ship' | 'sfp_cancel';
export type PackageDefectMetric = Exclude<DefectMetric, OrderDefectMetric>;

export function isOrderDefectMetric(metric: DefectMetric): metric is OrderDefectMetric {
  return metric === 'lsr' || metric === 'cr' || metric === 'sfp_ship' || metric === 'sfp_cancel';
}

export function isDefectMetric(value: string): value is DefectMetric {
  return (DEFECT_METRICS as readonly string[]).includes(value);
}

/** One defect package (VTR, OTDR, SFP VTR and OTDR) or order (LSR, CR, SFP on-time shipment and cancels). Instants are ISO 8601 UTC. */
export interface DefectRow {
  orderId: string;
  packageRef: string | null;
  carrierCode: string | null;
  carrierName: string | null;
  trackingNumber: string | null;
  shippingMethod: string | null;
  categories: string[];
  promisedDeliveryDate: string | null;
  shipDate: string | null;
  confirmedAt: string | null;
  firstScanAt: string | null;
  deliveredAt: string | null;
  reasons: string[];
  /** The carrier's own tracking page for the number, when the carrier is known (not a CSV column). */
  trackingUrl: string | null;
}

export const DEFECT_COLUMNS = [
  'orderId', 'packageRef', 'carrierCode', 'carrierName', 'trackingNumber', 'shippingMethod', 'categories',
  'promisedDeliveryDate', 'shipDate', 'confirmedAt', 'firstScanAt', 'deliveredAt', 'reasons',
] as const satisfies readonly (keyof DefectRow)[];

export interface DefectQuery {
  metric: DefectMetric;
  asOf: string;
  /** The days to list instead of the metric's window as of `asOf` (those not yet in Amazon's window, say). */
  days?: DayWindow;
  carrier?: string;
  category?: string;
}

const iso = (ms: number | null): string | null => formatInstant(ms);

function packageRow(pkg: PackageView, reasons: string[]): DefectRow {
  return {
    orderId: pkg.orderId,
    packageRef: pkg.packageRef,
    carrierCode: pkg.carrierCode,
    carrierName: pkg.carrierName,
    trackingNumber: pkg.trackingNumber,
    shippingMethod: pkg.shippingMethod,
    categories: packageCategories(pkg),
    promisedDeliveryDate: pkg.promisedDay,
    shipDate: iso(pkg.shipDate),
    confirmedAt: iso(pkg.confirmedAt),
    firstScanAt: iso(pkg.firstScanAt),
    deliveredAt: iso(pkg.deliveredAt),
    reasons,
    trackingUrl: pkg.carrierKey && pkg.trackingNumber ? (getCarrier(pkg.carrierKey)?.trackingUrl(pkg.trackingNumber) ?? null) : null,
  };
}

function orderRow(order: OrderView, reasons: string[]): DefectRow {
  return {
    orderId: order.orderId,
    packageRef: null,
    carrierCode: null,
    carrierName: null,
    trackingNumber: null,
    shippingMethod: null,
    categories: order.categories,
    promisedDeliveryDate: order.promisedDay,
    shipDate: null,
    confirmedAt: iso(order.firstConfirmedAt),
    firstScanAt: null,
    deliveredAt: null,
    reasons,
    trackingUrl: null,
  };
}

/** The days a defect list covers: the query's own days, else the metric's window as of `asOf`. */
export function defectWindow(metric: DefectMetric, asOf: string, cfg: MarketplaceMetricsConfig, days?: DayWindow): DayWindow {
  if (days) return days;
  if (metric === 'vtr' || metric === 'sfp_vtr') return vtrWindow(asOf, cfg.lagDays);
  if (isOtdrMetric(metric)) return otdrWindow(asOf);
  // SFP's on-time shipment counts Prime orders over LSR's 30 days; its cancel rate over CR's 7.
  return dayWindow(asOf, metric === 'lsr' || metric === 'sfp_ship' ? 30 : 7);
}

/**
 * `a.localeCompare(b)`: ECMA-402 defines it as this collator's `compare` (default locale and options), which
 * costs a fraction of a call per comparison — it sorts thousands of ids per page.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;

/** Promised day, then order id; a stable sort, so packages of one order keep their package id order. */
export function compareDefectRows(a: DefectRow, b: DefectRow): number {
  return compareText(a.promisedDeliveryDate ?? '', b.promisedDeliveryDate ?? '') || compareText(a.orderId, b.orderId);
}

/**
 * The defect row of a package, or null when it is no defect of `metric` (`sfp_vtr`, `sfp_otdr`: a Prime package's
 * VTR or OTDR defect).
 */
export function packageDefectRow(pkg: PackageView, metric: PackageDefectMetric, ctx: ClassifyContext): DefectRow | null {
  if ((metric === 'sfp_vtr' || metric === 'sfp_otdr') && !pkg.isPrime) return null;
  const reasons = packageDefects(pkg, ctx)[isOtdrMetric(metric) ? 'otdr' : 'vtr'];
  return reasons ? packageRow(pkg, reasons) : null;
}

export function orderDefectRow(order: OrderView, metric: OrderDefectMetric, before: number): DefectRow | null {
  const reasons = orderDefect(order, metric, before);
  return reasons ? orderRow(order, reasons) : null;
}

/** Today in the marketplace's zone, the default as-of everywhere. */
export function todayIn(cfg: MarketplaceMetricsConfig, now: number): string {
  return localDay(now, cfg.zone);
}
