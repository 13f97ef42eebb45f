import { randomUUID } from 'node:crypto';
import type { SpApiClient } from '../amazon/client.js';
import { confirmShipment } from '../amazon/operations.js';
import { marketplaceId } from '../amazon/regions.js';
import type { Marketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { writeDerived } from '../ingest/import.js';
import { toPackageWrite } from '../ingest/package-write.js';
import {
  amazonPackagesOf, confirmationsOfOrders, firstCarrierScan, getConfirmation, insertConfirmation, listConfirmations, moveConfirmation, moveConfirmations,
  orderItemsOf, usedPackageRefs, withOrderConfirmationsLocked, type ConfirmationRow, type ConfirmationState, type HoldPolicy,
} from '../store/amazon.js';
import { changeFacts } from '../store/fact-writes.js';
import { factKeysOf } from '../store/store.js';
import { keptFigures } from './kept-figures.js';
import { assessConfirmation, normalizeTrackingNumber } from '../validate/assess.js';
import type { ProblemCode } from '../validate/problems.js';
import { carrierTextOf } from '../validate/carrier-rules.js';
import { validate } from '../validate/validate.js';
import { nowOf, requireConnection, retryingTransient, withAmazon, type AmazonDeps } from './amazon-context.js';
import { withReuseCheck } from './reuse-verdict.js';

/** One package to confirm to Amazon, as the seller means it. */
export interface ConfirmationRequest {
  orderId: string;
  /** Amazon's packageReferenceId (a positive whole number); the same one again edits that package. Next free by default. */
  packageRef?: string | null;
  carrierCode: string;
  /** Required with carrier code `Other`. */
  carrierName?: string | null;
  shippingMethod?: string | null;
  trackingNumber: string;
  /** Epoch ms. */
  shipDate: number;
  /** The package's items; all of the order's by default. */
  items?: { orderItemId: string; quantity: number }[] | null;
  /** The label was bought through Amazon's Buy Shipping: Amazon confirms it itself. */
  buyShipping?: boolean;
}

/** Why a confirmation is refused, and what to do instead. */
export interface GatewayProblem {
  code: ProblemCode | 'ORDER_UNKNOWN' | 'BAD_PACKAGE_REF' | 'ORDER_CANCELLED' | 'NO_SHIP_DATE' | 'FEED_ROW_REFUSED';
  message: string;
  fix: string;
}

export interface ConfirmationOutcome {
  confirmationId: string;
  orderId: string;
  packageRef: string;
  state: ConfirmationState;
  /** Refused: each problem with its fix; partial: each item Amazon refused, with Amazon's words and the fix. */
  problems: GatewayProblem[];
  /** Held: sent at the first carrier scan, or at this instant at the latest. */
  holdUntil: number | null;
  /** Skipped, failed or partial (what Amazon kept): why. */
  reason: string | null;
}

/** What a `partial` confirmation keeps as its reason: what Amazon kept of the package, and each item it refused. */
export interface PartialReason {
  summary: string;
  problems: GatewayProblem[];
}

/** Problems that make a confirmation a VTR defect (definitions.md rules 1–3 and reuse): the gateway refuses them. */
const REFUSED: ReadonlySet<string> = new Set([
  'NO_TRACKING_NUMBER', 'NO_CARRIER', 'CARRIER_CODE_NOT_ACCEPTED', 'CARRIER_CODE_NOT_EXACT', 'OTHER_HIDES_INTEGRATED_CARRIER', 'OTHER_NOT_ALLOWED',
  'CARRIER_MISMATCH', 'CHECK_DIGIT_MISMATCH', 'REUSED_TRACKING_NUMBER',
]);

export const DEFAULT_HOLD_MARGIN_MINUTES = 120;

/** A confirmation as stored once judged: its package reference, items and marketplace settled. */
export interface StoredRequest extends ConfirmationRequest {
  packageRef: string;
  items: { orderItemId: string; quantity: number }[];
  marketplace: Marketplace;
}

/** What to do instead, in the words of the verdict (the Amazon code to send, the check character). */
function fixFor(code: ProblemCode, verdict: ReturnType<typeof validate>): string {
  const best = verdict.candidates[0];
  switch (code) {
    case 'CARRIER_CODE_NOT_EXACT':
    case 'CARRIER_CODE_NOT_ACCEPTED':
      return verdict.carrier ? `send carrier code "${verdict.carrier}" exactly as Amazon lists it` : 'pick the carrier code from Amazon\'s list (Seller Central help G641)';
    case 'OTHER_HIDES_INTEGRATED_CARRIER':
      return best ? `send carrier code "${best.amazonCode}" instead of Other` : 'send the carrier\'s own code instead of Other';
    case 'CARRIER_MISMATCH':
      return best ? `the number is ${best.carrierName}'s: send carrier code "${best.amazonCode}", or the number of the carrier you used` : 'send the number of the carrier you used';
    case 'CHECK_DIGIT_MISMATCH':
      return best?.expectedCheckDigit ? `check the number for a typo: its check character should be ${best.expectedCheckDigit}` : 'check the number for a typo';
    case 'REUSED_TRACKING_NUMBER':
      return 'send the tracking number of this order\'s own label';
    case 'NO_TRACKING_NUMBER':
      return 'send the tracking number from the label';
    default:
      return 'send the carrier Amazon lists and its name (carrier name is required with Other)';
  }
}

async function judge(deps: AmazonDeps, sellerId: string, request: ConfirmationRequest, marketplace: Marketplace, now: number): Promise<GatewayProblem[]> {
  const carrierName = request.carrierName?.trim() || null;
  const assessed = assessConfirmation({ carrierCode: request.carrierCode, carrierName, trackingNumber: request.trackingNumber, marketplace });
  const given = carrierTextOf({ code: request.carrierCode, name: carrierName });
  const verdict = await withReuseCheck(validate(request.trackingNumber, given, { marketplace }), deps.store, sellerId, request.orderId, now);
  const codes = new Set<string>([...assessed.problems, ...verdict.problems.map((p) => p.code)]);
  const problems: GatewayProblem[] = [];
  for (const code of codes) {
    if (!REFUSED.has(code)) continue;
    const said = verdict.problems.find((p) => p.code === code)?.message ?? code.toLowerCase().replace(/_/g, ' ');
    problems.push({ code: code as ProblemCode, message: said, fix: fixFor(code as ProblemCode, verdict) });
  }
  return problems;
}

/** A stored confirmation as the gateway reports it (a refusal's problems, a partial's summary and problems, are kept as its reason). */
export function outcomeOf(row: ConfirmationRow, problems?: GatewayProblem[]): ConfirmationOutcome {
  let reason = row.reason;
  let kept: GatewayProblem[] = [];
  if (row.state === 'refused' && row.reason) {
    kept = JSON.parse(row.reason) as GatewayProblem[];
    reason = null;
  } else if (row.state === 'partial' && row.reason) {
    const partial = JSON.parse(row.reason) as PartialReason;
    ({ summary: reason, problems: kept } = partial);
  }
  return {
    confirmationId: row.confirmationId, orderId: row.orderId, packageRef: row.packageRef, state: row.state, problems: problems ?? kept,
    holdUntil: row.state === 'held' ? row.holdUntil : null, reason,
  };
}

async function record(
  deps: AmazonDeps, sellerId: string, row: Omit<ConfirmationRow, 'confirmationId' | 'createdAt' | 'updatedAt'>, store = deps.store,
): Promise<ConfirmationRow> {
  const now = nowOf(deps);
  const full: ConfirmationRow = { ...row, confirmationId: randomUUID(), createdAt: now, updatedAt: now };
  await insertConfirmation(store, sellerId, full);
  return full;
}

/** A package Amazon took: as asked, or (a feed's `partial` package) with only the items Amazon applied. */
export interface SentPackage {
  row: ConfirmationRow;
  reason?: string | null;
  state?: 'sent' | 'partial';
  items?: StoredRequest['items'];
  /** When Amazon took it, where known better than the recording's `now` (Amazon's own record, read by a sync). */
  confirmedAt?: number;
}

/**
 * Sent packages are written the way an import writes them (with the items Amazon holds), their confirmations marked
 * sent (or partial), and the metrics follow. Inside the caller's transaction when `store` is one.
 */
export async function recordSent(deps: AmazonDeps, sellerId: string, sent: readonly SentPackage[], now: number, store = deps.store): Promise<void> {
  if (sent.length === 0) return;
  const requests = sent.map(({ row, items, confirmedAt }) => {
    const request = JSON.parse(row.request) as StoredRequest;
    return { ...request, items: items ?? request.items, confirmedAt: confirmedAt ?? now };
  });
  const batch = {
    packages: requests.map(({ confirmedAt, ...request }) => toPackageWrite({
      orderId: request.orderId, packageRef: request.packageRef, marketplace: request.marketplace, zone: deps.metrics[request.marketplace].zone,
      carrierCode: request.carrierCode, carrierName: request.carrierName ?? null, shippingMethod: request.shippingMethod ?? null,
      trackingRaw: request.trackingNumber, shipDate: request.shipDate, confirmedAt, exempt: false,
    })),
    packageItems: requests.flatMap((request) => request.items.map((i) => ({
      orderId: request.orderId, packageRef: request.packageRef, orderItemId: i.orderItemId, quantity: i.quantity,
    }))),
  };
  await store.transaction(async (tx) => {
    await changeFacts(tx, keptFigures(deps.metrics), sellerId, factKeysOf(batch), () => writeDerived(tx, sellerId, batch, now));
    // From the state the row was read in: `sending`, or `failed` where a sync finds Amazon took it after all (amazon-sync.ts).
    await moveConfirmations(tx, sellerId, sent.map(({ row, reason, state }) => ({
      confirmationId: row.confirmationId, from: row.state, to: state ?? 'sent', reason: reason ?? null,
    })), now);
  });
}

/**
 * Whether a failed single confirmation's last try was refused by Amazon, read from its reason: the row records no
 * error code, but send() keeps the client's message, and Amazon's answer in 4xx (AMAZON_REJECTED, AMAZON_AUTH_FAILED:
 * client.ts) always reads `confirmShipment refused (4xx)…`, while a try Amazon never answered reads otherwise
 * (`…failed after N tries`, a network error). The reason is needed: an edit of a package Amazon holds (one of Seller
 * Central's, amazon_packages) that Amazon refuses leaves Amazon holding a package under that reference and number —
 * but not as the refused edit meant it.
 */
export const refusedByAmazon = (reason: string | null): boolean => reason !== null && /^confirmShipment refused \(4\d\d\)/.test(reason);

/**
 * Sends one claimed confirmation with confirmShipment. Once Amazon took the package its recording is retried while
 * the database is busy; if it still cannot be written the confirmation stays `sending` and says so truthfully —
 * Amazon has the package, and the next orders sync records it as sent (amazon-sync.ts).
 */
async function send(deps: AmazonDeps, sellerId: string, client: SpApiClient, row: ConfirmationRow): Promise<ConfirmationRow> {
  const request = JSON.parse(row.request) as StoredRequest;
  const now = nowOf(deps);
  try {
    await confirmShipment(client, request.orderId, marketplaceId(request.marketplace), {
      packageReferenceId: request.packageRef,
      carrierCode: request.carrierCode,
      ...(request.carrierName ? { carrierName: request.carrierName } : {}),
      ...(request.shippingMethod ? { shippingMethod: request.shippingMethod } : {}),
      trackingNumber: request.trackingNumber,
      shipDate: new Date(request.shipDate).toISOString(),
      orderItems: request.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
    });
  } catch (error) {
    if (error instanceof VtrguardError && error.code === 'AMAZON_REJECTED') {
      await moveConfirmation(deps.store, sellerId, row.confirmationId, 'sending', 'failed', error.message, now);
      return { ...row, state: 'failed', reason: error.message };
    }
    // Not refused, just not reached (throttled past the retries, Amazon down, credentials): it goes back to wait.
    await moveConfirmation(deps.store, sellerId, row.confirmationId, 'sending', row.holdUntil !== null ? 'held' : 'failed', error instanceof Error ? error.message : String(error), now);
    throw error;
  }
  try {
    await retryingTransient(deps, () => recordSent(deps, sellerId, [{ row }], now));
  } catch (error) {
    const reason = `Amazon took package ${request.packageRef}, but vtrguard could not record it yet (${error instanceof Error ? error.message : String(error)}): `
      + 'the next orders sync records it as sent; do not send it again';
    return { ...row, state: 'sending', reason };
  }
  return { ...row, state: 'sent', reason: null, updatedAt: now };
}

function nextRef(used: readonly string[]): string {
  const numbers = used.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return String(Math.max(0, ...numbers) + 1);
}

/** A package through the gateway: judged (refused, skipped or held), or claimed to be sent now. */
export type Gated =
  | { outcome: ConfirmationOutcome; toSend?: never; /** The answer of an earlier confirmation this one repeats. */ repeated?: boolean }
  | { toSend: ConfirmationRow; outcome?: never; repeated?: never };

/** Confirmations the gateway is holding, sending or has sent: a request for one of their numbers is not sent again. */
const UNDER_WAY: readonly ConfirmationState[] = ['held', 'sending', 'sent', 'partial'];

const sameItems = (a: StoredRequest['items'], b: StoredRequest['items']): boolean => {
  const key = (items: StoredRequest['items']) => items.map((i) => `${i.orderItemId}\u0000${i.quantity}`).sort().join('\u0001');
  return key(a) === key(b);
};

/** The request asks for nothing but what `earlier` asked (its package when named, its items when given). */
function repeats(request: ConfirmationRequest, earlier: StoredRequest): boolean {
  const orNull = (text: string | null | undefined) => text?.trim() || null;
  return (!request.packageRef || request.packageRef === earlier.packageRef)
    && request.carrierCode === earlier.carrierCode && orNull(request.carrierName) === orNull(earlier.carrierName)
    && orNull(request.shippingMethod) === orNull(earlier.shippingMethod) && request.shipDate === earlier.shipDate
    && !request.buyShipping && (!request.items?.length || sameItems(request.items, earlier.items));
}

/**
 * The gateway's judgement of one package, recorded: refused with the reason and the fix when it would become a VTR
 * defect, skipped when Amazon holds it already (a Buy Shipping label), held under the seller's hold policy, or
 * claimed (`sending`) for the caller to send — one confirmShipment call, or a row of a feed.
 */
export async function gateConfirmation(deps: AmazonDeps, sellerId: string, request: ConfirmationRequest, policy: HoldPolicy | null): Promise<Gated> {
  const now = nowOf(deps);
  const base = { orderId: request.orderId, packageRef: request.packageRef ?? '' };
  const [order] = await deps.store.ordersByIds(sellerId, [request.orderId]);
  const refuse = async (problems: GatewayProblem[]): Promise<Gated> => {
    const row = await record(deps, sellerId, { ...base, state: 'refused', request: JSON.stringify(request), reason: JSON.stringify(problems), holdUntil: null });
    return { outcome: outcomeOf(row, problems) };
  };
  if (!order) {
    return refuse([{ code: 'ORDER_UNKNOWN', message: `order ${request.orderId} is not known to vtrguard`, fix: 'run vtrguard amazon sync, then confirm again' }]);
  }
  if (order.cancelledAt !== null) {
    return refuse([{ code: 'ORDER_CANCELLED', message: `order ${request.orderId} is cancelled`, fix: 'do not ship a cancelled order' }]);
  }
  if (request.packageRef && !/^[1-9]\d*$/.test(request.packageRef)) {
    return refuse([{ code: 'BAD_PACKAGE_REF', message: `package reference "${request.packageRef}" is not a positive whole number`, fix: 'use 1, 2, … per package of the order, or leave it out' }]);
  }
  if (!Number.isFinite(request.shipDate)) {
    return refuse([{ code: 'NO_SHIP_DATE', message: 'the ship date is missing or not a date', fix: 'send the date the package was handed to the carrier' }]);
  }
  const problems = await judge(deps, sellerId, request, order.marketplace, now);
  if (problems.length > 0) return refuse(problems);
  const number = normalizeTrackingNumber(request.trackingNumber);
  // What follows reads the order's earlier confirmations and inserts this one: atomically, against another request
  // for the same order at the same instant (another process, or one interleaving at these awaits).
  return withOrderConfirmationsLocked(deps.store, sellerId, request.orderId, async (tx): Promise<Gated> => {
    // A client's retry (its answer lost to a timeout, a 503 after Amazon took the package) is answered with the
    // confirmation it repeats, never sent twice; the same number with other details is an edit only where it names
    // the package.
    const earlier = (await confirmationsOfOrders(tx, sellerId, [request.orderId], UNDER_WAY))
      .filter((row) => normalizeTrackingNumber((JSON.parse(row.request) as StoredRequest).trackingNumber) === number).at(-1);
    if (earlier && repeats(request, JSON.parse(earlier.request) as StoredRequest)) return { outcome: outcomeOf(earlier), repeated: true };
    const onRecord = (await amazonPackagesOf(tx, sellerId, request.orderId))
      .find((p) => p.trackingNumber !== null && normalizeTrackingNumber(p.trackingNumber) === number);
    const packageRef = request.packageRef || earlier?.packageRef || onRecord?.packageRef || nextRef(await usedPackageRefs(tx, sellerId, request.orderId));
    const items = request.items?.length ? request.items : await orderItemsOf(tx, sellerId, request.orderId);
    const stored: StoredRequest = { ...request, packageRef, items, marketplace: order.marketplace };
    // Naming the package Amazon holds under this number edits it (its items, say: the fix of a partial feed package).
    const edit = onRecord !== undefined && request.packageRef === onRecord.packageRef;
    const elsewhere = earlier && !request.packageRef ? earlier : undefined;
    if (request.buyShipping || elsewhere || (onRecord && !edit)) {
      const reason = request.buyShipping
        ? 'a Buy Shipping label: Amazon confirms it itself'
        : elsewhere
          ? `the gateway has this number already as package ${elsewhere.packageRef} (${elsewhere.state}), with other details; `
            + `to change that package send its package reference ${elsewhere.packageRef}`
          : `Amazon already holds this number as package ${onRecord!.packageRef} (a Buy Shipping label or an earlier confirmation); `
          + `to edit that package send its package reference ${onRecord!.packageRef}`;
      const row = await record(deps, sellerId, { ...base, packageRef, state: 'skipped', request: JSON.stringify(stored), reason, holdUntil: null }, tx);
      return { outcome: outcomeOf(row) };
    }
    let holdUntil: number | null = null;
    if (policy?.untilFirstScan && order.latestShipDate !== null) {
      const deadline = order.latestShipDate - policy.marginMinutes * 60_000;
      const scanned = await firstCarrierScan(tx, sellerId, number, request.shipDate - 86_400_000);
      if (scanned === null && now < deadline) holdUntil = deadline;
    }
    const row = await record(deps, sellerId, {
      ...base, packageRef, state: holdUntil === null ? 'sending' : 'held', request: JSON.stringify(stored), reason: null, holdUntil,
    }, tx);
    return holdUntil === null ? { toSend: row } : { outcome: outcomeOf(row) };
  });
}

/** The hold policy a run applies: the caller's (null: send now), else the seller's. */
export function holdPolicyOf(connection: { holdPolicy: HoldPolicy | null }, options: { hold?: HoldPolicy | null }): HoldPolicy | null {
  return options.hold !== undefined ? options.hold : connection.holdPolicy;
}

/**
 * The confirmation gateway: each package is judged by the validator first and refused, with the reason and the
 * fix, when it would become a VTR defect — a refused package never reaches Amazon. What passes goes out with
 * confirmShipment (one call per package, the exact code, its items), or waits in the held queue when the seller's
 * policy holds confirmations until the first carrier scan (never past the latest ship date minus the margin).
 * A package Amazon already holds with that number (a Buy Shipping label) is not confirmed again.
 */
export async function confirmPackages(
  deps: AmazonDeps, sellerId: string, requests: readonly ConfirmationRequest[], options: { hold?: HoldPolicy | null } = {},
): Promise<ConfirmationOutcome[]> {
  const policy = holdPolicyOf(await requireConnection(deps, sellerId), options);
  const outcomes: ConfirmationOutcome[] = [];
  for (const request of requests) {
    const gated = await gateConfirmation(deps, sellerId, request, policy);
    if (gated.outcome) {
      outcomes.push(gated.outcome);
      continue;
    }
    const row = gated.toSend;
    // What Amazon answered stands even when noting the credential's health afterwards fails (the database down).
    let answered: ConfirmationRow | undefined;
    const sent = await withAmazon(deps, sellerId, async (client) => (answered = await send(deps, sellerId, client, row))).catch((error: unknown) => answered ?? {
      ...row, state: 'failed' as const, reason: error instanceof Error ? error.message : String(error),
    });
    outcomes.push(outcomeOf(sent));
  }
  return outcomes;
}

export interface HeldRun {
  sent: number;
  stillHeld: number;
  failed: number;
}

/**
 * The held queue: each held confirmation is sent once its package has a carrier scan, or when its deadline (the
 * latest ship date minus the margin) has come, whichever is first. Run on a schedule (`vtrguard serve`).
 */
export async function processHeld(deps: AmazonDeps, sellerId: string): Promise<HeldRun> {
  const run: HeldRun = { sent: 0, stillHeld: 0, failed: 0 };
  const held = await listConfirmations(deps.store, sellerId, ['held']);
  for (const row of held) {
    const request = JSON.parse(row.request) as StoredRequest;
    const now = nowOf(deps);
    const scanned = await firstCarrierScan(deps.store, sellerId, normalizeTrackingNumber(request.trackingNumber), request.shipDate - 86_400_000);
    if (scanned === null && (row.holdUntil === null || now < row.holdUntil)) {
      run.stillHeld++;
      continue;
    }
    const outcome = await releaseRow(deps, sellerId, row);
    // `sending` here: Amazon took it, the next sync records it (send).
    if (outcome.state === 'sent' || outcome.state === 'sending') run.sent++;
    else if (outcome.state === 'held') run.stillHeld++;
    else run.failed++;
  }
  return run;
}

async function releaseRow(deps: AmazonDeps, sellerId: string, row: ConfirmationRow): Promise<ConfirmationOutcome> {
  // Claimed first: of two workers, one sends.
  if (!(await moveConfirmation(deps.store, sellerId, row.confirmationId, 'held', 'sending', null, nowOf(deps)))) return outcomeOf(row);
  try {
    return outcomeOf(await withAmazon(deps, sellerId, (client) => send(deps, sellerId, client, { ...row, state: 'sending' })));
  } catch (error) {
    const back = await getConfirmation(deps.store, sellerId, row.confirmationId);
    return outcomeOf(back ?? { ...row, reason: error instanceof Error ? error.message : String(error) });
  }
}

/** Sends a held confirmation now, whatever its scan. */
export async function releaseHeld(deps: AmazonDeps, sellerId: string, confirmationId: string): Promise<ConfirmationOutcome> {
  const row = await getConfirmation(deps.store, sellerId, confirmationId);
  if (!row) throw new VtrguardError('NOT_FOUND', `no confirmation ${confirmationId}`);
  if (row.state !== 'held') throw new VtrguardError('BAD_REQUEST', `confirmation ${confirmationId} is ${row.state}, not held`);
  return releaseRow(deps, sellerId, row);
}
