import { randomUUID } from 'node:crypto';
import type { SpApiClient } from '../amazon/client.js';
import {
  buildFulfillmentFeed, FEED_CONTENT_TYPE, FULFILLMENT_FEED_TYPE, parseProcessingReport, type FulfillmentFeedRow, type ProcessingReport,
} from '../amazon/fulfillment-feed.js';
import { createFeed, downloadDocument, getFeed, getFeedDocument, uploadFeedDocument } from '../amazon/operations.js';
import { marketplaceId } from '../amazon/regions.js';
import type { Marketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { systemClock } from '../ingest/tracking/clock.js';
import {
  getConfirmation, getConfirmations, getStoredFeed, insertFeed, moveConfirmations, openFeeds, updateOpenFeed,
  type ConfirmationMove, type ConfirmationRow, type FeedRow, type HoldPolicy,
} from '../store/amazon.js';
import {
  confirmPackages, gateConfirmation, holdPolicyOf, outcomeOf, recordSent,
  type ConfirmationOutcome, type ConfirmationRequest, type GatewayProblem, type PartialReason, type SentPackage, type StoredRequest,
} from './amazon-confirm.js';
import { nowOf, requireConnection, retryingTransient, withAmazon, type AmazonDeps } from './amazon-context.js';

/**
 * From this many packages `vtrguard confirm FILE` sends one feed instead of one confirmShipment call per package.
 * At confirmShipment's 2 calls a second 500 packages take about four minutes, about what a feed takes to be
 * processed; Amazon recommends the call below that (sp-api.md §4.2).
 */
export const FEED_THRESHOLD = 500;

/** Between getFeed polls unless configured (Amazon processes a feed in minutes). */
export const FEED_POLL_MS = 30_000;

/**
 * A feed with no Amazon id this long after its last step was cut off between the upload and createFeed's answer
 * (createFeed answers in seconds): nobody can tell whether Amazon has it.
 */
const SUBMIT_GRACE_MS = 10 * 60_000;

/**
 * The ends of a feed whose outcome vtrguard never learnt (the upload or createFeed failed, perhaps after Amazon took
 * it; the process stopped before Amazon's id was stored; Amazon no longer answers for it): its packages are failed,
 * yet Amazon may hold them, and the next orders sync records those it holds as sent (amazon-sync.ts).
 */
export const FEED_ENDS_UNANSWERED = ['NOT_SUBMITTED', 'ABANDONED'] as const;

export interface FeedOptions {
  hold?: HoldPolicy | null;
  /** Between polls of getFeed (default: the configuration's, else FEED_POLL_MS). */
  pollEveryMs?: number;
  maxPolls?: number;
  /** Wait for Amazon to process the feeds (default); false: answer once they are submitted, their packages `sending`. */
  wait?: boolean;
  /** After each poll of a feed Amazon still works on (the CLI prints it). */
  onProgress?: (feed: FeedSubmission, polls: number) => void;
  /** Stops following (a server closing): the feed stays open, and is resumed later. */
  signal?: AbortSignal;
}

/** One feed as the API and the CLI show it: a marketplace's packages. */
export interface FeedSubmission {
  feedId: string | null;
  marketplace: Marketplace;
  /**
   * Amazon's processingStatus (IN_QUEUE, IN_PROGRESS, DONE, CANCELLED, FATAL); SUBMITTING before Amazon named it;
   * NOT_SUBMITTED when Amazon refused the upload or the feed; ABANDONED when vtrguard stopped between the two.
   */
  state: string;
  packages: number;
  rows: number;
  /** Amazon's summary, when it processed the feed. */
  processed: number | null;
  successful: number | null;
  /** Why a feed ended without confirming its packages. */
  reason: string | null;
  createdAt: number;
  /** When its outcome was applied to its packages; null while Amazon works on it. */
  finishedAt: number | null;
}

export interface FeedRun {
  feeds: FeedSubmission[];
  /** One per request, in the order given. */
  outcomes: ConfirmationOutcome[];
}

interface Claimed {
  index: number;
  row: ConfirmationRow;
  request: StoredRequest;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function feedOf(row: FeedRow): FeedSubmission {
  return {
    feedId: row.feedId, marketplace: row.marketplace as Marketplace, state: row.state, packages: row.packages, rows: row.confirmationIds.length,
    processed: row.processed, successful: row.successful, reason: row.reason, createdAt: row.createdAt, finishedAt: row.finishedAt,
  };
}

/** The feed's rows, one per item of each package. */
function feedRowsOf(claimed: readonly Claimed[]): FulfillmentFeedRow[] {
  return claimed.flatMap(({ request }) => request.items.map((item) => ({
    orderId: request.orderId, shipDate: request.shipDate, carrierCode: request.carrierCode, carrierName: request.carrierName ?? null,
    trackingNumber: request.trackingNumber, shippingMethod: request.shippingMethod ?? null, orderItemId: item.orderItemId, quantity: item.quantity,
  })));
}

/** What Amazon said of one package's rows. */
interface PackageVerdict {
  /** Item index → Amazon's words for the row it refused. */
  refused: Map<number, { row: number; said: string }>;
  warnings: string[];
}

/**
 * Amazon's processing report per package: an `Error` row was not applied (that item is not confirmed), a `Warning`
 * row was applied with a remark, a row the report does not name was applied (sp-api.md §4.2). A message about no
 * row in particular concerns every row.
 */
function verdictsOf(report: ProcessingReport, confirmationIds: readonly string[]): Map<string, PackageVerdict> {
  const verdicts = new Map<string, PackageVerdict>();
  const itemsSeen = new Map<string, number>();
  const rowOwner = confirmationIds.map((id) => {
    if (!verdicts.has(id)) verdicts.set(id, { refused: new Map(), warnings: [] });
    const item = itemsSeen.get(id) ?? 0;
    itemsSeen.set(id, item + 1);
    return { confirmationId: id, item };
  });
  for (const result of report.results) {
    const rows = result.recordNumber === null ? rowOwner.map((_, i) => i) : [result.recordNumber - 1].filter((r) => r < rowOwner.length);
    const said = `${result.message}${result.code ? ` (${result.code})` : ''}`;
    for (const r of rows) {
      const { confirmationId, item } = rowOwner[r]!;
      const verdict = verdicts.get(confirmationId)!;
      if (result.type === 'Error') verdict.refused.set(item, { row: r + 1, said });
      else verdict.warnings.push(`Amazon warned on feed row ${r + 1}: ${said}`);
    }
  }
  return verdicts;
}

/** Why a feed that ended CANCELLED or FATAL applied nothing, in Amazon's words where its document has them. */
async function endedWithout(client: SpApiClient, state: string, documentId: string | undefined, feedId: string): Promise<string> {
  if (state === 'CANCELLED') return `Amazon cancelled feed ${feedId} before processing it: none of its packages was confirmed; send them again`;
  let detail = '';
  if (documentId) {
    const text = (await downloadDocument(client, await getFeedDocument(client, documentId))).toString('utf8');
    try {
      detail = parseProcessingReport(text).results.map((r) => r.message).join('; ');
    } catch {
      detail = text.slice(0, 500);
    }
  }
  return `Amazon could not process feed ${feedId} (FATAL)${detail ? `: ${detail}` : ''}; none of its packages was confirmed`;
}

interface FeedEnd {
  state: string;
  /** Read from a DONE feed: each package's outcome comes from it. Without it every package fails with `reason`. */
  report?: ProcessingReport;
  reason?: string;
}

/** What Amazon kept of a package whose rows it partly refused, and the fix for the items it refused. */
function partialOf(row: ConfirmationRow, request: StoredRequest, verdict: PackageVerdict): SentPackage {
  const problems: GatewayProblem[] = [...verdict.refused].map(([item, { row: feedRow, said }]) => ({
    code: 'FEED_ROW_REFUSED',
    message: `item ${request.items[item]!.orderItemId} (feed row ${feedRow}): ${said}`,
    fix: `confirm package ${request.packageRef} again with all its items, the refused ones corrected (vtrguard amazon sync brings the order's `
      + 'item ids): the same package reference edits the package Amazon holds',
  }));
  const refusedIds = [...verdict.refused.keys()].map((i) => request.items[i]!.orderItemId);
  const summary = `Amazon confirmed package ${request.packageRef} with ${request.items.length - refusedIds.length} of its ${request.items.length} items; `
    + `it refused item${refusedIds.length > 1 ? 's' : ''} ${refusedIds.join(', ')}${verdict.warnings.length ? `. ${verdict.warnings.join('; ')}` : ''}`;
  const reason: PartialReason = { summary, problems };
  return { row, state: 'partial', reason: JSON.stringify(reason), items: request.items.filter((_, i) => !verdict.refused.has(i)) };
}

/**
 * Applies a feed's end to its packages, once: the feed is finished in the same transaction, and a feed already
 * finished (another worker, an earlier run) changes nothing. Returns whether this call applied it.
 */
async function finishFeed(deps: AmazonDeps, sellerId: string, feed: FeedRow, end: FeedEnd): Promise<boolean> {
  const ids = [...new Set(feed.confirmationIds)];
  const rows = new Map((await getConfirmations(deps.store, sellerId, ids)).map((r) => [r.confirmationId, r]));
  const verdicts = end.report ? verdictsOf(end.report, feed.confirmationIds) : null;
  const now = nowOf(deps);
  return deps.store.transaction(async (tx) => {
    const finished = await updateOpenFeed(tx, sellerId, feed.feedKey, {
      state: end.state, processed: end.report?.processed ?? null, successful: end.report?.successful ?? null, reason: end.reason ?? null, finishedAt: now,
    }, now);
    if (!finished) return false;
    const sent: SentPackage[] = [];
    const failed: ConfirmationMove[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (!row || row.state !== 'sending') continue;
      const verdict = verdicts?.get(id);
      if (!verdict) {
        failed.push({ confirmationId: id, from: 'sending', to: 'failed', reason: end.reason ?? 'the feed ended without a processing report' });
        continue;
      }
      const request = JSON.parse(row.request) as StoredRequest;
      if (verdict.refused.size === 0) sent.push({ row, reason: verdict.warnings.join('; ') || null });
      else if (verdict.refused.size < request.items.length) sent.push(partialOf(row, request, verdict));
      else {
        const said = [...verdict.refused.values()].map((r) => `Amazon refused feed row ${r.row}: ${r.said}`).join('; ');
        failed.push({ confirmationId: id, from: 'sending', to: 'failed', reason: said });
      }
    }
    // The sent packages first: their facts take the seller's write lock, and the counts of confirmations come after
    // it, as in every other writer of the seller; the other order deadlocks with one of them on PostgreSQL.
    await recordSent(deps, sellerId, sent, now, tx);
    await moveConfirmations(tx, sellerId, failed, now);
    return true;
  });
}

/** Fails a feed's packages and finishes it. */
const abandon = (deps: AmazonDeps, sellerId: string, feed: FeedRow, state: string, reason: string) => finishFeed(deps, sellerId, feed, { state, reason });

/**
 * One marketplace's packages as one feed: kept first (so a process that stops from here on leaves a feed to resume,
 * not packages `sending` for ever), then uploaded and created; its packages stay `sending` "in feed ID".
 */
async function submit(deps: AmazonDeps, sellerId: string, marketplace: Marketplace, claimed: readonly Claimed[]): Promise<FeedRow> {
  const now = nowOf(deps);
  const feed: FeedRow = {
    feedKey: randomUUID(), marketplace, feedId: null, documentId: null,
    confirmationIds: claimed.flatMap((c) => c.request.items.map(() => c.row.confirmationId)), packages: claimed.length,
    state: 'SUBMITTING', processed: null, successful: null, reason: null, createdAt: now, updatedAt: now, finishedAt: null,
  };
  await insertFeed(deps.store, sellerId, feed);
  await withAmazon(deps, sellerId, async (client) => {
    try {
      const documentId = await uploadFeedDocument(client, FEED_CONTENT_TYPE, buildFulfillmentFeed(feedRowsOf(claimed)));
      await updateOpenFeed(deps.store, sellerId, feed.feedKey, { documentId }, nowOf(deps));
      feed.feedId = await createFeed(client, FULFILLMENT_FEED_TYPE, [marketplaceId(marketplace)], documentId);
    } catch (error) {
      await abandon(deps, sellerId, feed, 'NOT_SUBMITTED', `the feed was not submitted: ${messageOf(error)}`);
      if (error instanceof VtrguardError && error.code === 'AMAZON_AUTH_FAILED') throw error;
      return;
    }
    const feedId = feed.feedId;
    // Amazon has the feed now: a busy database must not leave it without its id, to be abandoned as if lost.
    await retryingTransient(deps, () => deps.store.transaction(async (tx) => {
      const at = nowOf(deps);
      await updateOpenFeed(tx, sellerId, feed.feedKey, { feedId, state: 'IN_QUEUE' }, at);
      // Where a package is while Amazon works on it: the status shows it.
      await moveConfirmations(tx, sellerId, claimed.map((c) => ({ confirmationId: c.row.confirmationId, from: 'sending', to: 'sending', reason: `in feed ${feedId}` })), at);
    }));
  });
  return (await getStoredFeed(deps.store, sellerId, feed.feedKey))!;
}

/**
 * One step of an open feed: getFeed once; when Amazon has ended it, its processing report (or its end) is applied
 * to the packages. A feed that never got Amazon's id is abandoned once it is clearly no one's any more.
 */
export async function advanceFeed(deps: AmazonDeps, sellerId: string, feed: FeedRow): Promise<FeedRow> {
  if (feed.finishedAt !== null) return feed;
  const feedId = feed.feedId;
  if (feedId === null) {
    if (nowOf(deps) - feed.updatedAt >= SUBMIT_GRACE_MS) {
      await abandon(deps, sellerId, feed, 'ABANDONED', 'vtrguard stopped while submitting this feed, before Amazon named it: Amazon may hold some of '
        + 'these packages (the next sync shows what it holds); confirm the others again');
    }
  } else {
    await withAmazon(deps, sellerId, async (client) => {
      let status;
      try {
        status = await getFeed(client, feedId);
      } catch (error) {
        // Amazon refuses to say anything of the feed (it no longer knows it): its outcome can never be read.
        if (!(error instanceof VtrguardError) || error.code !== 'AMAZON_REJECTED') throw error;
        await abandon(deps, sellerId, feed, 'ABANDONED', `Amazon no longer answers for feed ${feedId} (${error.message}): the next sync shows which of `
          + 'these packages Amazon holds; confirm the others again');
        return;
      }
      if (status.processingStatus === 'IN_QUEUE' || status.processingStatus === 'IN_PROGRESS') {
        if (status.processingStatus !== feed.state) await updateOpenFeed(deps.store, sellerId, feed.feedKey, { state: status.processingStatus }, nowOf(deps));
        return;
      }
      if (status.processingStatus === 'DONE' && status.resultFeedDocumentId) {
        const text = (await downloadDocument(client, await getFeedDocument(client, status.resultFeedDocumentId))).toString('utf8');
        await finishFeed(deps, sellerId, feed, { state: 'DONE', report: parseProcessingReport(text) });
        return;
      }
      await abandon(deps, sellerId, feed, status.processingStatus, await endedWithout(client, status.processingStatus, status.resultFeedDocumentId, feedId));
    });
  }
  return (await getStoredFeed(deps.store, sellerId, feed.feedKey))!;
}

/** A wait that a signal ends early. */
function pause(deps: AmazonDeps, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return (deps.clock ?? systemClock).sleep(ms);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
    if (signal.aborted) done();
  });
}

/** Polls an open feed until Amazon ends it (its outcome applied) or the polls run out (it stays open, to resume). */
export async function followFeed(deps: AmazonDeps, sellerId: string, feed: FeedRow, options: FeedOptions = {}): Promise<FeedRow> {
  const every = options.pollEveryMs ?? deps.amazon.feedPollMs ?? FEED_POLL_MS;
  let current = feed;
  for (let polls = 0; current.finishedAt === null && polls < (options.maxPolls ?? 120) && !options.signal?.aborted; polls++) {
    if (polls > 0) await pause(deps, every, options.signal);
    if (options.signal?.aborted) break;
    current = await advanceFeed(deps, sellerId, current);
    if (current.finishedAt === null) options.onProgress?.(feedOf(current), polls + 1);
  }
  return current;
}

/**
 * The seller's feeds still open — after a restart, those a stopped process left: each is polled once (or followed
 * to its end with `wait`) and its outcome applied once Amazon has ended it. `vtrguard serve` runs it on a schedule,
 * `vtrguard amazon feeds` on demand.
 */
export async function resumeFeeds(deps: AmazonDeps, sellerId: string, options: FeedOptions = {}): Promise<FeedSubmission[]> {
  const resumed: FeedSubmission[] = [];
  let failure: unknown = null;
  for (const feed of await openFeeds(deps.store, sellerId)) {
    try {
      resumed.push(feedOf(options.wait ? await followFeed(deps, sellerId, feed, options) : await advanceFeed(deps, sellerId, feed)));
    } catch (error) {
      // One feed Amazon cannot answer for now does not hold the others back; the error is reported once they ran.
      failure ??= error;
      resumed.push(feedOf(feed));
    }
  }
  if (failure !== null) throw failure;
  return resumed;
}

/**
 * Bulk confirmations by the POST_FLAT_FILE_FULFILLMENT_DATA feed. The gateway judges every package first, exactly as
 * for single confirmations (refused, skipped, held): only what passes goes in the feed, one feed per marketplace.
 * Once Amazon has processed it, its processing report is read back row by row and each package recorded as sent,
 * partial (some items refused) or failed, with Amazon's message. A feed Amazon cancels or cannot process (FATAL)
 * confirms nothing: its packages fail with the reason, to be sent again. With `wait: false` the run answers once
 * the feeds are submitted (their packages `sending`); the feeds are followed elsewhere (`followFeed`, `resumeFeeds`).
 */
export async function confirmByFeed(
  deps: AmazonDeps, sellerId: string, requests: readonly ConfirmationRequest[], options: FeedOptions = {},
): Promise<FeedRun & { open: FeedRow[] }> {
  const policy = holdPolicyOf(await requireConnection(deps, sellerId), options);
  const outcomes: (ConfirmationOutcome | null)[] = [];
  const byMarketplace = new Map<Marketplace, Claimed[]>();
  // Repeats of packages a feed still carries (a client's retry): answered with that feed, followed like a new one.
  const repeated = new Map<string, number>();
  for (const [index, request] of requests.entries()) {
    const gated = await gateConfirmation(deps, sellerId, request, policy);
    outcomes.push(gated.outcome ?? null);
    if (gated.repeated && gated.outcome.state === 'sending') repeated.set(gated.outcome.confirmationId, index);
    if (!gated.toSend) continue;
    const stored = JSON.parse(gated.toSend.request) as StoredRequest;
    const group = byMarketplace.get(stored.marketplace) ?? [];
    group.push({ index, row: gated.toSend, request: stored });
    byMarketplace.set(stored.marketplace, group);
  }
  const carrying = repeated.size === 0 ? [] : (await openFeeds(deps.store, sellerId)).filter((feed) => feed.confirmationIds.some((id) => repeated.has(id)));
  const feeds: FeedRow[] = [];
  for (const feed of carrying) feeds.push(options.wait === false ? feed : await followFeed(deps, sellerId, feed, options));
  for (const [marketplace, claimed] of byMarketplace) {
    const feed = await submit(deps, sellerId, marketplace, claimed);
    feeds.push(options.wait === false ? feed : await followFeed(deps, sellerId, feed, options));
  }
  const pending = [...repeated, ...[...byMarketplace.values()].flat().map((c) => [c.row.confirmationId, c.index] as const)];
  for (const [confirmationId, index] of pending) {
    const row = await getConfirmation(deps.store, sellerId, confirmationId);
    if (row) outcomes[index] = outcomeOf(row);
  }
  return { feeds: feeds.map(feedOf), outcomes: outcomes.map((o) => o!), open: feeds.filter((f) => f.finishedAt === null) };
}

/**
 * Confirmations by the road that suits their number: the feed when asked (`feed: true`) or from FEED_THRESHOLD
 * packages, else one confirmShipment call each. Either way the gateway judges each package first.
 */
export async function confirmMany(
  deps: AmazonDeps, sellerId: string, requests: readonly ConfirmationRequest[], options: FeedOptions & { feed?: boolean } = {},
): Promise<FeedRun & { open: FeedRow[] }> {
  const { feed, ...rest } = options;
  if (feed ?? requests.length >= FEED_THRESHOLD) return confirmByFeed(deps, sellerId, requests, rest);
  return { feeds: [], outcomes: await confirmPackages(deps, sellerId, requests, rest.hold !== undefined ? { hold: rest.hold } : {}), open: [] };
}
