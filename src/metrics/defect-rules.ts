import type { OrderView, PackageView } from '../core/views.js';
import { carrierLabel, packageCategories } from './cells.js';
import type { ClassifyContext, OrderVerdict, PackageVerdict } from './classify.js';
import { classifyOrder, classifyPackage } from './classify.js';

/**
 * Which package or order is a defect, with what reasons, and what the carrier and category filters match.
 * The raw defect list and the defect rollups (src/store/defect-rollups.ts) both decide with these, so the two
 * cannot disagree on anything but the as-of instant they classify with.
 */

/** Reasons of each package defect kind; null where the package is not one. */
export interface PackageDefects {
  vtr: string[] | null;
  otdr: string[] | null;
}

/**
 * VTR: every rule the package breaks (definitions.md). OTDR: `tracking_after_delivery` (confirmed after it was
 * delivered: late whenever it arrived), `late_delivery` (clock stopped after the promised day) or `not_delivered`
 * (no attempt yet). One classification for both.
 */
export function packageDefects(pkg: PackageView, ctx: ClassifyContext): PackageDefects {
  return packageVerdictDefects(pkg, classifyPackage(pkg, ctx), ctx.before);
}

/** Whether a package so judged is a VTR defect (its reasons: `packageVerdictDefects`). */
export const isVtrDefect = (verdict: PackageVerdict): boolean => verdict.vtrCounted && verdict.reasons.length > 0;

/** Whether a package so judged is an OTDR defect. */
export const isOtdrDefect = (verdict: PackageVerdict): boolean => verdict.otdrCounted && !verdict.onTime;

/** `packageDefects` of a package classified as of `before` already. */
export function packageVerdictDefects(pkg: PackageView, verdict: PackageVerdict, before: number): PackageDefects {
  const vtr = isVtrDefect(verdict) ? verdict.reasons : null;
  if (!isOtdrDefect(verdict)) return { vtr, otdr: null };
  if (verdict.reasons.length > 0) return { vtr, otdr: ['tracking_after_delivery'] };
  const attempted = pkg.firstAttemptAt !== null && pkg.firstAttemptAt < before;
  return { vtr, otdr: [attempted ? 'late_delivery' : 'not_delivered'] };
}

/**
 * LSR: `late_confirmation` or `not_confirmed`. CR and SFP's cancel rate (Prime orders): `seller_cancelled`. SFP's
 * on-time shipment (Prime orders): `not_confirmed`, or `late_first_scan` when a package's first carrier scan came
 * after the ship-by date (or has not come since). Null where the order is not one.
 */
export function orderDefect(order: OrderView, metric: 'lsr' | 'cr' | 'sfp_ship' | 'sfp_cancel', before: number): string[] | null {
  return orderVerdictDefect(classifyOrder(order, before), metric);
}

/** `orderDefect` of an order classified already. */
export function orderVerdictDefect(verdict: OrderVerdict, metric: 'lsr' | 'cr' | 'sfp_ship' | 'sfp_cancel'): string[] | null {
  if (metric === 'cr') return verdict.sellerCancelled ? ['seller_cancelled'] : null;
  if (metric === 'sfp_cancel') return verdict.sfpCancelCounted && verdict.sellerCancelled ? ['seller_cancelled'] : null;
  if (metric === 'sfp_ship') {
    if (!verdict.sfpShipCounted || verdict.sfpShippedOnTime) return null;
    return [verdict.confirmedAt === null ? 'not_confirmed' : 'late_first_scan'];
  }
  if (!verdict.late) return null;
  // Confirmed: every item that was not cancelled is (its last confirmation came late).
  return [verdict.confirmedAt !== null ? 'late_confirmation' : 'not_confirmed'];
}

/** The carrier filter matches the Amazon code, the `Other` name or the per-carrier label, case-insensitively. */
export function carrierValues(pkg: Pick<PackageView, 'carrierCode' | 'carrierName'>): string[] {
  return [pkg.carrierCode, pkg.carrierName, carrierLabel(pkg)].filter((v): v is string => v !== null).map((v) => v.toLowerCase());
}

export function carrierMatches(pkg: PackageView, carrier: string | undefined): boolean {
  return !carrier || carrierValues(pkg).includes(carrier.toLowerCase());
}

/** The categories the category filter sees: a package's (uncategorised when none), an order's as they are. */
export function packageCategoryValues(pkg: PackageView): string[] {
  return packageCategories(pkg).map((c) => c.toLowerCase());
}

export function categoryMatches(categories: readonly string[], category: string | undefined): boolean {
  return !category || categories.some((c) => c.toLowerCase() === category.toLowerCase());
}

/**
 * Filter values stored as one string, `,v1,v2,`, each value with `%` and `,` percent-escaped: an escaped value
 * holds no comma, so `,needle,` occurs in the list exactly when the needle is one of its values, and a substring
 * search in SQL decides the filter as the functions above do (they lowercase in JS; SQL compares bytes only).
 */
const escapeKey = (value: string): string => value.replace(/%/g, '%25').replace(/,/g, '%2C');

export function keyList(lowercased: readonly string[]): string {
  return `,${lowercased.map(escapeKey).join(',')},`;
}

export function keyNeedle(value: string): string {
  return `,${escapeKey(value.toLowerCase())},`;
}
