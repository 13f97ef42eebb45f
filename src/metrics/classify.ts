import type { StaticTrackingDefect, VtrDefectReason } from '../core/domain.js';
import { addDays, endOfLocalDay, localDay, startOfLocalDay } from '../core/time.js';
import type { OrderView, PackageView } from '../core/views.js';
import type { CrossBorderRule, ExemptionRule, MarketplaceMetricsConfig } from './config.js';

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

type ExemptionFacts = Pick<PackageView, 'exempt' | 'shippingMethod' | 'carrierCode' | 'declaredValue' | 'currency'>;

/**
 * Whether every test of the rule holds (definitions.md v2: strings exactly as Amazon requires; a declared value
 * below the rule's, in the same currency — a package without a value, or valued in another currency, does not
 * match). A rule without tests matches nothing.
 */
function ruleMatches(rule: ExemptionRule, pkg: ExemptionFacts, currency: string): boolean {
  if (rule.shippingMethods === undefined && rule.carrierCodes === undefined && rule.valueBelow === undefined) return false;
  if (rule.shippingMethods !== undefined && (pkg.shippingMethod === null || !rule.shippingMethods.includes(pkg.shippingMethod))) return false;
  if (rule.carrierCodes !== undefined && (pkg.carrierCode === null || !rule.carrierCodes.includes(pkg.carrierCode))) return false;
  if (rule.valueBelow !== undefined) {
    if (pkg.declaredValue === null || (pkg.currency ?? currency) !== (rule.currency ?? currency)) return false;
    if (!(pkg.declaredValue < rule.valueBelow)) return false;
  }
  return true;
}

/** Exempt from VTR: marked so in the input, or by one of the marketplace's rules (`currency`: the marketplace's). */
export function isExempt(pkg: ExemptionFacts, rules: readonly ExemptionRule[], currency = ''): boolean {
  if (pkg.exempt) return true;
  return rules.length > 0 && rules.some((rule) => ruleMatches(rule, pkg, currency));
}

/** A confirmed package of an MFN order, confirmed before the as-of instant (exemption aside). */
export function isConfirmedMfnPackage(pkg: PackageView, before: number): boolean {
  return pkg.fulfillmentChannel === 'MFN' && seen(pkg.confirmedAt, before);
}

/**
 * VTR rules 1–3 of a confirmation by today's carrier rules: the validator's judgement (`staticTrackingDefect`,
 * src/validate/assess.ts), which `app/` passes in so the metrics stay below the validator.
 */
export type ConfirmationJudge = (pkg: Pick<PackageView, 'carrierCode' | 'carrierName' | 'trackingNumber' | 'marketplace'>) => StaticTrackingDefect | null;

export interface ClassifyContext {
  before: number;
  judge: ConfirmationJudge;
  zone: string;
  exemptions: readonly ExemptionRule[];
  /** The marketplace's currency (of declared values given without one). */
  currency: string;
  /** Whether tracking whose only carrier scans are deliveries is valid. */
  deliveryScanOnlyValid: boolean;
  crossBorder: CrossBorderRule | null;
  otdrUnit: 'package' | 'unit';
}

/** The context classifying as of `before` with a marketplace's settings and the carrier rules' `judge`. */
export function classifyContext(cfg: MarketplaceMetricsConfig, before: number, judge: ConfirmationJudge): ClassifyContext {
  return {
    before, judge, zone: cfg.zone, exemptions: cfg.exemptions, currency: cfg.currency, deliveryScanOnlyValid: cfg.deliveryScanOnlyValid,
    crossBorder: cfg.crossBorder, otdrUnit: cfg.otdrUnit,
  };
}

const ruleStarts = new Map<string, number>();

/**
 * The US cross-border rule applies (definitions.md v2, VTR rule 4): shipped on or after its first day from an origin
 * it names, with a declared value at or above that origin's threshold. A value in another currency cannot be
 * compared without an exchange rate, so it is taken to reach the threshold (the conservative reading). Without an
 * origin or a value the one-scan rule judges the package.
 */
export function needsTwoScans(pkg: PackageView, rule: CrossBorderRule | null, ctx: Pick<ClassifyContext, 'zone' | 'currency'>): boolean {
  if (rule === null || pkg.originCountry === null || pkg.declaredValue === null) return false;
  const threshold = rule.thresholds[pkg.originCountry];
  const shipped = pkg.shipDate ?? pkg.confirmedAt;
  if (threshold === undefined || shipped === null) return false;
  const key = `${ctx.zone} ${rule.from}`;
  let start = ruleStarts.get(key);
  if (start === undefined) ruleStarts.set(key, (start = startOfLocalDay(rule.from, ctx.zone)));
  if (shipped < start) return false;
  return (pkg.currency ?? ctx.currency) !== rule.currency || pkg.declaredValue >= threshold;
}

type ConfirmationFacts = Pick<PackageView, 'carrierCode' | 'carrierName' | 'trackingNumber' | 'marketplace' | 'buyShipping'>;

/**
 * VTR rules 1–3 of a confirmation, judged now by the current carrier rules — never the verdict stored at import,
 * which predates any later change of the rules (codes, formats, S10 operators). They depend only on what was
 * confirmed: the judgement `vtrguard check` gives (src/validate, passed in as `judge`). A Buy Shipping label passes rule 2: Amazon
 * records its carrier itself.
 */
export function confirmationDefect(pkg: ConfirmationFacts, judge: ConfirmationJudge): StaticTrackingDefect | null {
  const judged = judge(pkg);
  return pkg.buyShipping && judged === 'carrier_not_accepted' ? null : judged;
}

/** Every VTR rule the package breaks, in definitions.md order of precedence; empty means valid tracking. */
export function vtrDefectReasons(pkg: PackageView, ctx: ClassifyContext): VtrDefectReason[] {
  return vtrDefectReasonsAt(pkg, ctx, ctx.before, confirmationDefect(pkg, ctx.judge));
}

/**
 * `vtrDefectReasons` as of `before`, with rules 1–3 already judged (`confirmationDefect`): that judgement does not
 * depend on the as-of instant, so a caller classifying one package as of several instants judges it once.
 */
function vtrDefectReasonsAt(pkg: PackageView, ctx: ClassifyContext, before: number, staticDefect: StaticTrackingDefect | null): VtrDefectReason[] {
  const reasons: VtrDefectReason[] = [];
  if (staticDefect !== null) reasons.push(staticDefect);
  // Rule 5: a delivery not yet seen as of the instant cannot precede the confirmation.
  if (seen(pkg.deliveredAt, before) && pkg.confirmedAt !== null && pkg.confirmedAt >= pkg.deliveredAt) {
    reasons.push('tracking_after_delivery');
  }
  // Rule 4: the scan times already ignore recycled numbers' older events (store, rule 4).
  const scanned = seen(pkg.firstScanAt, before);
  if (!scanned) reasons.push('no_carrier_scan');
  else if (!ctx.deliveryScanOnlyValid && !seen(pkg.nonDeliveryScanAt, before)) reasons.push('delivery_scan_only');
  if (ctx.crossBorder !== null && needsTwoScans(pkg, ctx.crossBorder, ctx) && !(seen(pkg.networkScanAt, before) && seen(pkg.firstAttemptAt, before))) {
    reasons.push('needs_two_scans');
  }
  return reasons;
}

export interface PackageVerdict {
  /** In the VTR denominator (when its attribution day is in the window). */
  vtrCounted: boolean;
  reasons: VtrDefectReason[];
  /** In the OTDR denominator: confirmed with valid tracking, or whose only defect is tracking after delivery. */
  otdrCounted: boolean;
  onTime: boolean;
  /** What the package weighs in OTDR: 1, or its units where OTDR counts units. */
  otdrWeight: number;
}

/** The promised day OTDR judges by: the one before any promise extension, when the source gave it. */
function otdrPromiseEnd(pkg: PackageView, zone: string): number {
  const day = pkg.originalLatestDeliveryDate === null ? pkg.promisedDay : localDay(pkg.originalLatestDeliveryDate, zone);
  return promiseEnd(day, zone);
}

export function classifyPackage(pkg: PackageView, ctx: ClassifyContext): PackageVerdict {
  return classifyPackageAt(pkg, ctx, ctx.before, isConfirmedMfnPackage(pkg, ctx.before) ? confirmationDefect(pkg, ctx.judge) : null);
}

/**
 * `classifyPackage` as of `before` (not `ctx.before`), with the confirmation's judgement by the carrier rules
 * given (`confirmationDefect`; unused unless the package is a confirmed MFN one): the kept figures classify each
 * package now and as of each day its facts changed, judging it once.
 */
export function classifyPackageAt(pkg: PackageView, ctx: ClassifyContext, before: number, staticDefect: StaticTrackingDefect | null): PackageVerdict {
  const confirmed = isConfirmedMfnPackage(pkg, before);
  const reasons = confirmed ? vtrDefectReasonsAt(pkg, ctx, before, staticDefect) : [];
  const valid = reasons.length === 0;
  // definitions.md v2: tracking supplied after delivery is in OTDR, and late.
  const otdrCounted = confirmed && (valid || (reasons.length === 1 && reasons[0] === 'tracking_after_delivery'));
  // The clock stops at the first delivery or failed attempt; the promise ends with its local day.
  const onTime = otdrCounted && valid && seen(pkg.firstAttemptAt, before) && pkg.firstAttemptAt <= otdrPromiseEnd(pkg, ctx.zone);
  return {
    vtrCounted: confirmed && !isExempt(pkg, ctx.exemptions, ctx.currency),
    reasons,
    otdrCounted,
    onTime,
    otdrWeight: ctx.otdrUnit === 'unit' ? pkg.units : 1,
  };
}

export interface OrderVerdict {
  /** In LSR: MFN, and not cancelled whole before any confirmation. */
  lsrCounted: boolean;
  late: boolean;
  /** When the order counts as ship-confirmed (its last live item's confirmation), or null while one is missing. */
  confirmedAt: number | null;
  crCounted: boolean;
  /** The seller cancelled the order, or an item of it, before that item was confirmed. */
  sellerCancelled: boolean;
  /** SFP on-time shipment: a Prime order in LSR, and whether each package's first carrier scan kept the ship-by. */
  sfpShipCounted: boolean;
  sfpShippedOnTime: boolean;
  /** SFP cancel rate: a Prime order in CR. */
  sfpCancelCounted: boolean;
}

/** The earliest confirmation seen of a package carrying the item (a package listing no items carries them all). */
function itemConfirmation(order: OrderView, itemId: string | null, before: number): number | null {
  let first: number | null = null;
  for (const p of order.packages) {
    if (!seen(p.confirmedAt, before) || (itemId !== null && p.itemIds.length > 0 && !p.itemIds.includes(itemId))) continue;
    if (first === null || p.confirmedAt < first) first = p.confirmedAt;
  }
  return first;
}

/** An order without item rows is one item carried by each of its packages. */
const WHOLE_ORDER = [{ orderItemId: null, cancelledAt: null, cancelledBy: null }] as const;

/**
 * LSR, CR and SFP verdicts (definitions.md v2). An item is cancelled by its own cancellation, else the order's;
 * one cancelled before its confirmation leaves the order (a refund after shipping does not). The order is
 * ship-confirmed when its last item that was not so cancelled is confirmed.
 */
export function classifyOrder(order: OrderView, before: number): OrderVerdict {
  const mfn = order.fulfillmentChannel === 'MFN';
  const shipBy = order.latestShipDate;
  let live = 0;
  let unconfirmed = false;
  let lastConfirmation: number | null = null;
  let sellerCancelled = false;
  const items = order.items.length > 0 ? order.items : WHOLE_ORDER;
  for (const item of items) {
    const own = item.cancelledAt !== null;
    const cancelledAt = own ? item.cancelledAt : order.cancelledAt;
    const confirmedAt = itemConfirmation(order, item.orderItemId, before);
    if (seen(cancelledAt, before) && (confirmedAt === null || cancelledAt < confirmedAt)) {
      if ((own ? item.cancelledBy : order.cancelledBy) === 'seller') sellerCancelled = true;
      continue;
    }
    live++;
    if (confirmedAt === null) unconfirmed = true;
    else if (lastConfirmation === null || confirmedAt > lastConfirmation) lastConfirmation = confirmedAt;
  }
  const lsrCounted = mfn && live > 0;
  const confirmedAt = unconfirmed ? null : lastConfirmation;
  // Without a known latest ship date an order cannot be judged late (it has no ship-by day either).
  const late = lsrCounted && shipBy !== null && (confirmedAt !== null ? confirmedAt > shipBy : shipBy < before);
  const prime = mfn && order.isPrime;
  let sfpShippedOnTime = !(shipBy !== null && unconfirmed && shipBy < before);
  if (prime && shipBy !== null) {
    for (const p of order.packages) {
      if (!seen(p.confirmedAt, before)) continue;
      if (seen(p.firstScanAt, before) ? p.firstScanAt > shipBy : shipBy < before) sfpShippedOnTime = false;
    }
  }
  return {
    lsrCounted,
    late,
    confirmedAt,
    crCounted: mfn,
    sellerCancelled: mfn && sellerCancelled,
    sfpShipCounted: prime && lsrCounted,
    sfpShippedOnTime,
    sfpCancelCounted: prime,
  };
}
