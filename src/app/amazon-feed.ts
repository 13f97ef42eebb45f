import type { SpApiClient } from '../amazon/client.js';
import {
  buildFulfillmentFeed, FEED_CONTENT_TYPE, FULFILLMENT_FEED_TYPE, parseProcessingReport, type FulfillmentFeedRow, type ProcessingReport,
} from '../amazon/fulfillment-feed.js';
import { createFeed, downloadDocument, getFeed, getFeedDocument, uploadFeedDocument } from '../amazon/operations.js';
import { marketplaceId } from '../amazon/regions.js';
import type { Marketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { systemClock } from '../ingest/tracking/clock.js';
import { getConfirmation, moveConfirmation, type ConfirmationRow, type HoldPolicy } from '../store/amazon.js';
import {
  confirmPackages, gateConfirmation, holdPolicyOf, outcomeOf, recordSent, type ConfirmationOutcome, type ConfirmationRequest, type StoredRequest,
} from './amazon-confirm.js';
import { nowOf, requireConnection, withAmazon, type AmazonDeps } from './amazon-context.js';

/**
 * From this many packages `vtrguard confirm FILE` sends one feed instead of one confirmShipment call per package.
 * At confirmShipment's 2 calls a second 500 packages take about four minutes, about what a feed takes to be
 * processed; Amazon recommends the call below that (sp-api.md §4.2).
 */
export const FEED_THRESHOLD = 500;

export interface FeedOptions {
  hold?: HoldPolicy | null;
  /** Between polls of getFeed (Amazon processes a feed in minutes). */
  pollEveryMs?: number;
  maxPolls?: number;
}

/** One feed sent: a marketplace's packages. */
export interface FeedSubmission {
  feedId: string | null;
  marketplace: Marketplace;
  /** DONE, CANCELLED, FATAL; IN_QUEUE / IN_PROGRESS when the polls ran out (its packages stay `sending`); or
   * NOT_SUBMITTED when Amazon refused the upload or the feed itself. */
  state: string;
  packages: number;
  rows: number;
  /** Amazon's summary, when it processed the feed. */
  processed: number | null;
  successful: number | null;
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

/** The feed's rows, one per item of each package, and which package each row belongs to. */
function feedRowsOf(claimed: readonly Claimed[]): { rows: FulfillmentFeedRow[]; owner: number[] } {
  const rows: FulfillmentFeedRow[] = [];
  const owner: number[] = [];
  claimed.forEach(({ request }, k) => {
    const common = {
      orderId: request.orderId, shipDate: request.shipDate, carrierCode: request.carrierCode, carrierName: request.carrierName ?? null,
      trackingNumber: request.trackingNumber, shippingMethod: request.shippingMethod ?? null,
    };
    for (const item of request.items) {
      rows.push({ ...common, orderItemId: item.orderItemId, quantity: item.quantity });
      owner.push(k);
    }
  });
  return { rows, owner };
}

/** What Amazon said of each package: an error on any of its rows fails it (Amazon's words kept), a warning is noted. */
function verdictsOf(report: ProcessingReport, owner: readonly number[], count: number): { failed: Map<number, string>; warned: Map<number, string> } {
  const failed = new Map<number, string>();
  const warned = new Map<number, string>();
  for (const result of report.results) {
    const k = result.recordNumber === null ? undefined : owner[result.recordNumber - 1];
    const said = `Amazon ${result.type === 'Error' ? 'refused' : 'warned on'} feed row ${result.recordNumber ?? '?'}: ${result.message}${result.code ? ` (${result.code})` : ''}`;
    const targets = k === undefined ? Array.from({ length: count }, (_, i) => i) : [k];
    const into = result.type === 'Error' ? failed : warned;
    for (const t of targets) into.set(t, into.has(t) ? `${into.get(t)}; ${said}` : said);
  }
  return { failed, warned };
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

async function failAll(deps: AmazonDeps, sellerId: string, claimed: readonly Claimed[], reason: string): Promise<void> {
  const now = nowOf(deps);
  for (const c of claimed) await moveConfirmation(deps.store, sellerId, c.row.confirmationId, 'sending', 'failed', reason, now);
}

/** One marketplace's packages as one feed: upload, createFeed, poll, then each package's outcome from the report. */
async function submit(deps: AmazonDeps, sellerId: string, marketplace: Marketplace, claimed: readonly Claimed[], options: FeedOptions): Promise<FeedSubmission> {
  const clock = deps.clock ?? systemClock;
  const { rows, owner } = feedRowsOf(claimed);
  const submission: FeedSubmission = { feedId: null, marketplace, state: 'NOT_SUBMITTED', packages: claimed.length, rows: rows.length, processed: null, successful: null };
  await withAmazon(deps, sellerId, async (client) => {
    let feedId: string;
    try {
      const documentId = await uploadFeedDocument(client, FEED_CONTENT_TYPE, buildFulfillmentFeed(rows));
      feedId = await createFeed(client, FULFILLMENT_FEED_TYPE, [marketplaceId(marketplace)], documentId);
    } catch (error) {
      await failAll(deps, sellerId, claimed, `the feed was not submitted: ${messageOf(error)}`);
      if (error instanceof VtrguardError && error.code === 'AMAZON_AUTH_FAILED') throw error;
      return;
    }
    submission.feedId = feedId;
    // Where a package is while Amazon works on it: the status shows it, and a run cut short leaves the trail.
    for (const c of claimed) await moveConfirmation(deps.store, sellerId, c.row.confirmationId, 'sending', 'sending', `in feed ${feedId}`, nowOf(deps));
    let feed = await getFeed(client, feedId);
    const maxPolls = options.maxPolls ?? 120;
    for (let polls = 1; (feed.processingStatus === 'IN_QUEUE' || feed.processingStatus === 'IN_PROGRESS') && polls < maxPolls; polls++) {
      await clock.sleep(options.pollEveryMs ?? 30_000);
      feed = await getFeed(client, feedId);
    }
    submission.state = feed.processingStatus;
    if (feed.processingStatus === 'IN_QUEUE' || feed.processingStatus === 'IN_PROGRESS') return;
    if (feed.processingStatus !== 'DONE' || !feed.resultFeedDocumentId) {
      await failAll(deps, sellerId, claimed, await endedWithout(client, feed.processingStatus, feed.resultFeedDocumentId, feedId));
      return;
    }
    const report = parseProcessingReport((await downloadDocument(client, await getFeedDocument(client, feed.resultFeedDocumentId))).toString('utf8'));
    submission.processed = report.processed;
    submission.successful = report.successful;
    const { failed, warned } = verdictsOf(report, owner, claimed.length);
    const now = nowOf(deps);
    for (const [k, reason] of failed) await moveConfirmation(deps.store, sellerId, claimed[k]!.row.confirmationId, 'sending', 'failed', reason, now);
    await recordSent(deps, sellerId, claimed.flatMap((c, k) => (failed.has(k) ? [] : [{ row: c.row, reason: warned.get(k) ?? null }])), now);
  });
  return submission;
}

/**
 * Bulk confirmations by the POST_FLAT_FILE_FULFILLMENT_DATA feed. The gateway judges every package first, exactly as
 * for single confirmations (refused, skipped, held): only what passes goes in the feed, one feed per marketplace.
 * Once Amazon has processed it, its processing report is read back row by row and each package recorded as sent or
 * failed with Amazon's message. A feed Amazon cancels or cannot process (FATAL) confirms nothing: its packages fail
 * with the reason, to be sent again.
 */
export async function confirmByFeed(
  deps: AmazonDeps, sellerId: string, requests: readonly ConfirmationRequest[], options: FeedOptions = {},
): Promise<FeedRun> {
  const policy = holdPolicyOf(await requireConnection(deps, sellerId), options);
  const outcomes: (ConfirmationOutcome | null)[] = [];
  const byMarketplace = new Map<Marketplace, Claimed[]>();
  for (const [index, request] of requests.entries()) {
    const gated = await gateConfirmation(deps, sellerId, request, policy);
    outcomes.push(gated.outcome ?? null);
    if (!gated.toSend) continue;
    const stored = JSON.parse(gated.toSend.request) as StoredRequest;
    const group = byMarketplace.get(stored.marketplace) ?? [];
    group.push({ index, row: gated.toSend, request: stored });
    byMarketplace.set(stored.marketplace, group);
  }
  const feeds: FeedSubmission[] = [];
  for (const [marketplace, claimed] of byMarketplace) feeds.push(await submit(deps, sellerId, marketplace, claimed, options));
  for (const claimed of byMarketplace.values()) {
    for (const c of claimed) outcomes[c.index] = outcomeOf((await getConfirmation(deps.store, sellerId, c.row.confirmationId)) ?? c.row);
  }
  return { feeds, outcomes: outcomes.map((o) => o!) };
}

/**
 * Confirmations by the road that suits their number: the feed when asked (`feed: true`) or from FEED_THRESHOLD
 * packages, else one confirmShipment call each. Either way the gateway judges each package first.
 */
export async function confirmMany(
  deps: AmazonDeps, sellerId: string, requests: readonly ConfirmationRequest[], options: FeedOptions & { feed?: boolean } = {},
): Promise<FeedRun> {
  const { feed, ...rest } = options;
  if (feed ?? requests.length >= FEED_THRESHOLD) return confirmByFeed(deps, sellerId, requests, rest);
  return { feeds: [], outcomes: await confirmPackages(deps, sellerId, requests, rest.hold !== undefined ? { hold: rest.hold } : {}) };
}
