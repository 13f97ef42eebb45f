import type { Marketplace } from '../core/domain.js';
import { dayWindow, formatInstant, localDay } from '../core/time.js';
import type { OrderView, PackageView, Store } from '../store/store.js';
import { carrierLabel, packageCategories } from './cells.js';
import { asOfInstant, classifyOrder, classifyPackage } from './classify.js';
import type { MarketplaceMetricsConfig } from './config.js';
import { vtrWindow } from './forecast.js';
import { otdrWindow } from './report.js';

export const DEFECT_METRICS = ['vtr', 'lsr', 'cr', 'otdr'] as const;
export type DefectMetric = (typeof DEFECT_METRICS)[number];

export function isDefectMetric(value: string): value is DefectMetric {
  return (DEFECT_METRICS as readonly string[]).includes(value);
}

/** One defect package (VTR, OTDR) or order (LSR, CR). Instants are ISO 8601 UTC. */
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
}

export const DEFECT_COLUMNS = [
  'orderId', 'packageRef', 'carrierCode', 'carrierName', 'trackingNumber', 'shippingMethod', 'categories',
  'promisedDeliveryDate', 'shipDate', 'confirmedAt', 'firstScanAt', 'deliveredAt', 'reasons',
] as const satisfies readonly (keyof DefectRow)[];

export interface DefectQuery {
  metric: DefectMetric;
  asOf: string;
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
  };
}

/** Carrier filter matches the Amazon code, the `Other` name or the per-carrier label, case-insensitively. */
function carrierMatches(pkg: PackageView, carrier: string | undefined): boolean {
  if (!carrier) return true;
  const wanted = carrier.toLowerCase();
  return [pkg.carrierCode, pkg.carrierName, carrierLabel(pkg)].some((v) => v?.toLowerCase() === wanted);
}

function categoryMatches(categories: readonly string[], category: string | undefined): boolean {
  return !category || categories.some((c) => c.toLowerCase() === category.toLowerCase());
}

/**
 * Defect rows, always from raw rows (a rollup has no packages). Sorted by promised day, then order id.
 * OTDR reasons: `late_delivery` (clock stopped after the promised day) or `not_delivered` (no attempt yet).
 * LSR: `late_confirmation` or `not_confirmed`. CR: `seller_cancelled`.
 */
export async function defectRows(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  cfg: MarketplaceMetricsConfig,
  query: DefectQuery,
): Promise<DefectRow[]> {
  const before = asOfInstant(query.asOf, cfg.zone);
  const ctx = { before, zone: cfg.zone, exemptions: cfg.exemptions };
  const rows: DefectRow[] = [];
  if (query.metric === 'vtr' || query.metric === 'otdr') {
    const vtr = query.metric === 'vtr';
    const window = vtr ? vtrWindow(query.asOf, cfg.lagDays) : otdrWindow(query.asOf);
    const packages = await store.packagesByDay(sellerId, marketplace, window, vtr ? cfg.attribution : 'promised_delivery');
    for (const pkg of packages) {
      if (!carrierMatches(pkg, query.carrier) || !categoryMatches(packageCategories(pkg), query.category)) continue;
      const verdict = classifyPackage(pkg, ctx);
      if (vtr && verdict.vtrCounted && verdict.reasons.length > 0) rows.push(packageRow(pkg, verdict.reasons));
      if (!vtr && verdict.otdrCounted && !verdict.onTime) {
        const attempted = pkg.firstAttemptAt !== null && pkg.firstAttemptAt < before;
        rows.push(packageRow(pkg, [attempted ? 'late_delivery' : 'not_delivered']));
      }
    }
  } else {
    // Orders carry no carrier: a carrier filter leaves LSR/CR reports empty rather than silently ignored.
    if (query.carrier) return [];
    const lsr = query.metric === 'lsr';
    const window = dayWindow(query.asOf, lsr ? 30 : 7);
    for (const order of await store.ordersByDay(sellerId, marketplace, lsr ? 'ship_by' : 'purchase', window)) {
      if (!categoryMatches(order.categories, query.category)) continue;
      const verdict = classifyOrder(order, before);
      if (lsr && verdict.late) {
        const confirmed = order.firstConfirmedAt !== null && order.firstConfirmedAt < before;
        rows.push(orderRow(order, [confirmed ? 'late_confirmation' : 'not_confirmed']));
      }
      if (!lsr && verdict.sellerCancelled) rows.push(orderRow(order, ['seller_cancelled']));
    }
  }
  return rows.sort(
    (a, b) => (a.promisedDeliveryDate ?? '').localeCompare(b.promisedDeliveryDate ?? '') || a.orderId.localeCompare(b.orderId),
  );
}

/** Today in the marketplace's zone, the default as-of everywhere. */
export function todayIn(cfg: MarketplaceMetricsConfig, now: number): string {
  return localDay(now, cfg.zone);
}
