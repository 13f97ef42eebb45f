import type { VtrDefectReason } from '../core/domain.js';
import { addDays, endOfLocalDay, startOfLocalDay } from '../core/time.js';
import type { OrderView, PackageView } from '../core/views.js';
import type { ExemptionRule } from './config.js';

/**
 * Per-row verdicts of definitions.md. `before` is the exclusive as-of instant: only confirmations, scans,
 * deliveries and cancellations stamped strictly before it are seen. Rollups classify with
 * CURRENT_KNOWLEDGE, i.e. everything stored.
 */
export const CURRENT_KNOWLEDGE = Number.POSITIVE_INFINITY;

/** "The end of the as-of local day", as an exclusive bound: the first instant of the next local day. */
export function asOfInstant(asOfDay: string, zone: string): number {
  return startOfLocalDay(addDays(asOfDay, 1), zone);
}

/** Luxon is slow per call and millions of packages share a few hundred promised days: memoise per zone and day. */
const dayEnds = new Map<string, number>();
function promiseEnd(day: string, zone: string): number {
  const key = `${zone} ${day}`;
  let end = dayEnds.get(key);
  if (end === undefined) {
    end = endOfLocalDay(day, zone);
    if (dayEnds.size > 100_000) dayEnds.clear();
    dayEnds.set(key, end);
  }
  return end;
}

const seen = (ms: number | null, before: number): ms is number => ms !== null && ms < before;

export function isExempt(pkg: Pick<PackageView, 'exempt' | 'shippingMethod' | 'carrierCode'>, rules: readonly ExemptionRule[]): boolean {
  if (pkg.exempt) return true;
  return rules.some(
    (rule) =>
      (pkg.shippingMethod !== null && (rule.shippingMethods ?? []).includes(pkg.shippingMethod)) ||
      (pkg.carrierCode !== null && (rule.carrierCodes ?? []).includes(pkg.carrierCode)),
  );
}

/** A confirmed package of an MFN order, confirmed before the as-of instant (exemption aside). */
export function isConfirmedMfnPackage(pkg: PackageView, before: number): boolean {
  return pkg.fulfillmentChannel === 'MFN' && seen(pkg.confirmedAt, before);
}

/** Every VTR rule the package breaks, in definitions.md order of precedence; empty means valid tracking. */
export function vtrDefectReasons(pkg: PackageView, before: number): VtrDefectReason[] {
  const reasons: VtrDefectReason[] = [];
  // Rules 1–3 depend only on what was confirmed; the validator decided them at import.
  if (pkg.staticDefect !== null) reasons.push(pkg.staticDefect);
  // Rule 5: a delivery not yet seen as of the instant cannot precede the confirmation.
  if (seen(pkg.deliveredAt, before) && pkg.confirmedAt !== null && pkg.confirmedAt >= pkg.deliveredAt) {
    reasons.push('tracking_after_delivery');
  }
  // Rule 4: firstScanAt already ignores recycled numbers' older events (store, rule 4).
  if (!seen(pkg.firstScanAt, before)) reasons.push('no_carrier_scan');
  return reasons;
}

export interface PackageVerdict {
  /** In the VTR denominator (when its attribution day is in the window). */
  vtrCounted: boolean;
  reasons: VtrDefectReason[];
  /** In the OTDR denominator: confirmed with valid tracking. */
  otdrCounted: boolean;
  onTime: boolean;
}

export interface ClassifyContext {
  before: number;
  zone: string;
  exemptions: readonly ExemptionRule[];
}

export function classifyPackage(pkg: PackageView, ctx: ClassifyContext): PackageVerdict {
  const confirmed = isConfirmedMfnPackage(pkg, ctx.before);
  const reasons = confirmed ? vtrDefectReasons(pkg, ctx.before) : [];
  const otdrCounted = confirmed && reasons.length === 0;
  // The clock stops at the first delivery or failed attempt; the promise ends with its local day.
  const onTime =
    otdrCounted && seen(pkg.firstAttemptAt, ctx.before) && pkg.firstAttemptAt <= promiseEnd(pkg.promisedDay, ctx.zone);
  return { vtrCounted: confirmed && !isExempt(pkg, ctx.exemptions), reasons, otdrCounted, onTime };
}

/** The confirmation as of the instant, or null when none had arrived. */
function confirmationSeen(order: OrderView, before: number): number | null {
  return seen(order.firstConfirmedAt, before) ? order.firstConfirmedAt : null;
}

export interface OrderVerdict {
  lsrCounted: boolean;
  late: boolean;
  crCounted: boolean;
  sellerCancelled: boolean;
}

export function classifyOrder(order: OrderView, before: number): OrderVerdict {
  const mfn = order.fulfillmentChannel === 'MFN';
  const cancelledAt = seen(order.cancelledAt, before) ? order.cancelledAt : null;
  const cancelled = cancelledAt !== null;
  const confirmedAt = confirmationSeen(order, before);
  const shipBy = order.latestShipDate;
  // Without a known latest ship date an order cannot be judged late (it has no ship-by day either).
  const late = shipBy !== null && (confirmedAt !== null ? confirmedAt > shipBy : shipBy < before);
  // A cancel after a confirmation is a refund, not a pre-fulfilment cancel.
  const sellerCancelled =
    mfn && cancelledAt !== null && order.cancelledBy === 'seller' && (confirmedAt === null || cancelledAt < confirmedAt);
  return { lsrCounted: mfn && !cancelled, late: mfn && !cancelled && late, crCounted: mfn, sellerCancelled };
}
