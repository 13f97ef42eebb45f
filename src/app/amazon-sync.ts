import type { SpApiClient } from '../amazon/client.js';
import { categoryOfItem, getCatalogItem, searchOrders, type SearchOrdersQuery, type SpOrder } from '../amazon/operations.js';
import { marketplaceOfId } from '../amazon/regions.js';
import type { CancelledBy, Marketplace, OrderItemRecord, PackageItemRecord } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { localDay } from '../core/time.js';
import { writeDerived } from '../ingest/import.js';
import { queueForPolling } from '../ingest/tracking/queue.js';
import { toPackageWrite } from '../ingest/package-write.js';
import {
  confirmationsOfOrders, existingPackageKeys, getAmazonOrders, getCatalogCategories, getSkuCategories, getSyncState, putAmazonOrders, putAmazonPackages,
  feedsCreatedBetween, openFeeds, putCatalogCategories, saveSyncState, type AmazonOrderRow, type AmazonPackageRow, type ConfirmationRow, type ItemCancellation, type SyncState,
} from '../store/amazon.js';
import { changeFacts } from '../store/fact-writes.js';
import { factKeysOf } from '../store/store.js';
import { assessConfirmation, normalizeTrackingNumber } from '../validate/assess.js';
import { recordSent, refusedByAmazon, type SentPackage, type StoredRequest } from './amazon-confirm.js';
import { FEED_ENDS_UNANSWERED } from './amazon-feed.js';
import { keptFigures } from './kept-figures.js';
import type { OrderWrite, PackageWrite, Store } from '../store/store.js';
import { nowOf, withAmazon, type AmazonDeps } from './amazon-context.js';

const DAY_MS = 86_400_000;

export interface SyncOptions {
  /** How far back the first run reaches (by last update). */
  backfillDays?: number;
  /** Each run asks again for this much before the last run's bound, so an order Amazon stamped late is not missed. */
  overlapMs?: number;
  /** Stop after this many pages (a scheduled run stays short); the next run resumes at the next page. */
  maxPages?: number;
  onPage?: (progress: SyncProgress) => void;
}

export interface SyncProgress {
  pages: number;
  ordersWritten: number;
  duplicates: number;
}

export interface SyncResult extends SyncProgress {
  /** Orders of marketplaces vtrguard does not measure, left out. */
  skipped: number;
  /** The run reached the last page (false: stopped at maxPages, resumed by the next run). */
  complete: boolean;
  /** What the next run asks for (minus the overlap): Amazon's bound for this run. */
  watermark: number | null;
}

export const BACKFILL_DAYS = 60;
export const OVERLAP_MS = 15 * 60_000;
const INCLUDED: SearchOrdersQuery['includedData'] = ['FULFILLMENT', 'PACKAGES', 'CANCELLATION'];

const ms = (iso: string | undefined): number | null => {
  if (iso === undefined) return null;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? null : value;
};

/** Who a cancellation counts against: a buyer's request is not the seller's cancel (definitions.md, CR). */
function cancelledByOf(order: SpOrder): CancelledBy | null {
  const items = order.orderItems.map((i) => i.cancellation).filter((c) => c !== undefined);
  if (items.some((c) => c.cancellationRequest?.requester === 'BUYER' || c.cancellationExecution?.cancelledBy === 'BUYER')) return 'buyer';
  if (items.some((c) => c.cancellationExecution?.cancelledBy === 'MERCHANT')) return 'seller';
  return null;
}

function itemCancellations(order: SpOrder): ItemCancellation[] {
  return order.orderItems.flatMap((item) => item.cancellation
    ? [{
      orderItemId: item.orderItemId,
      requestedBy: item.cancellation.cancellationRequest?.requester ?? null,
      cancelledBy: item.cancellation.cancellationExecution?.cancelledBy ?? null,
      reason: item.cancellation.cancellationExecution?.cancelReason ?? item.cancellation.cancellationRequest?.cancelReason ?? null,
    }]
    : []);
}

/** Categories for the page's items: the seller's SKU list wins, else the catalog (cached per marketplace and ASIN). */
async function categorise(deps: AmazonDeps, client: SpApiClient, sellerId: string, orders: readonly SpOrder[]): Promise<(sku: string, asin: string, mpId: string) => string> {
  const skus = [...new Set(orders.flatMap((o) => o.orderItems.map((i) => i.product.sellerSku).filter((s): s is string => !!s)))];
  const bySku = await getSkuCategories(deps.store, sellerId, skus);
  const byMarketplace = new Map<string, Map<string, string | null>>();
  const wanted = new Map<string, Set<string>>();
  for (const order of orders) {
    const mpId = order.salesChannel.marketplaceId ?? '';
    for (const item of order.orderItems) {
      if (item.product.sellerSku && bySku.has(item.product.sellerSku)) continue;
      if (!item.product.asin) continue;
      let set = wanted.get(mpId);
      if (!set) wanted.set(mpId, (set = new Set()));
      set.add(item.product.asin);
    }
  }
  for (const [mpId, asins] of wanted) {
    const cached = await getCatalogCategories(deps.store, sellerId, mpId, [...asins]);
    const fetched = new Map<string, string | null>();
    for (const asin of asins) {
      if (cached.has(asin)) continue;
      const item = await getCatalogItem(client, asin, mpId);
      fetched.set(asin, item ? categoryOfItem(item, mpId) : null);
    }
    if (fetched.size > 0) await putCatalogCategories(deps.store, sellerId, mpId, fetched, nowOf(deps));
    byMarketplace.set(mpId, new Map([...cached, ...fetched]));
  }
  return (sku, asin, mpId) => bySku.get(sku) ?? byMarketplace.get(mpId)?.get(asin) ?? '';
}

interface PageWrite {
  written: number;
  duplicates: number;
  skipped: number;
}

/**
 * One page into the store, inside the caller's transaction: orders already stored at this or a later
 * `lastUpdatedTime` are duplicates (the overlap window, a page read again after a crash) and are not written again.
 */
async function writePage(
  deps: AmazonDeps, tx: Store, sellerId: string, orders: readonly SpOrder[], categoryOf: (sku: string, asin: string, mpId: string) => string,
): Promise<PageWrite> {
  const known = orders.filter((o) => marketplaceOfId(o.salesChannel.marketplaceId ?? '') !== null);
  const versions = await getAmazonOrders(tx, sellerId, known.map((o) => o.orderId));
  const fresh = known.filter((o) => (versions.get(o.orderId)?.lastUpdated ?? -Infinity) < Date.parse(o.lastUpdatedTime));
  const held = await existingPackageKeys(tx, sellerId, fresh.map((o) => o.orderId));
  const gateway = await confirmationsOfOrders(tx, sellerId, fresh.map((o) => o.orderId), ['sending', 'sent', 'partial', 'failed']);
  const asked = new Map(gateway.map((row) => [row.confirmationId, JSON.parse(row.request) as StoredRequest]));
  // The numbers the gateway sent or tried to send: a package Amazon records with one came from the seller, not Buy Shipping.
  const sentByGateway = new Set(gateway.map((row) => `${row.orderId}\u0000${asked.get(row.confirmationId)!.trackingNumber}`));
  const atAmazon = new Set(fresh.flatMap((o) => (o.packages ?? []).map((p) => packageKey(o.orderId, p.packageReferenceId, p.trackingNumber))));
  const keyOf = (row: ConfirmationRow) => packageKey(row.orderId, row.packageRef, asked.get(row.confirmationId)!.trackingNumber);
  // Oldest first: of two confirmations of one package, the older is settled.
  const unsettled = new Map<string, ConfirmationRow>();
  for (const row of await unrecordedTaken(tx, sellerId, gateway, (row) => atAmazon.has(keyOf(row)))) if (!unsettled.has(keyOf(row))) unsettled.set(keyOf(row), row);
  const settled: SentPackage[] = [];
  const now = nowOf(deps);
  const orderWrites: OrderWrite[] = [];
  const items: OrderItemRecord[] = [];
  const packages: PackageWrite[] = [];
  const packageItems: PackageItemRecord[] = [];
  const amazonRows: AmazonOrderRow[] = [];
  const amazonPackages: AmazonPackageRow[] = [];
  for (const order of fresh) {
    const mpId = order.salesChannel.marketplaceId!;
    const marketplace = marketplaceOfId(mpId) as Marketplace;
    const zone = deps.metrics[marketplace].zone;
    const purchase = Date.parse(order.createdTime);
    const shipBy = ms(order.fulfillment?.shipByWindow?.latestDateTime);
    // Amazon may extend a promise: the window places the order by the promise it has now, OTDR holds the seller to
    // the first one seen (definitions.md v2, original_latest_delivery_date).
    const deliverBy = ms(order.fulfillment?.deliverByWindow?.latestDateTime);
    const deliverByFirst = versions.get(order.orderId)?.deliverByFirst ?? deliverBy;
    const cancelled = order.fulfillment?.fulfillmentStatus === 'CANCELLED';
    orderWrites.push({
      orderId: order.orderId, marketplace, purchaseDate: purchase, latestShipDate: shipBy, latestDeliveryDate: deliverBy,
      fulfillmentChannel: 'MFN', shipServiceLevel: order.fulfillment?.fulfillmentServiceLevel ?? null,
      cancelledAt: cancelled ? Date.parse(order.lastUpdatedTime) : null, cancelledBy: cancelled ? cancelledByOf(order) : null,
      purchaseDay: localDay(purchase, zone), shipByDay: shipBy === null ? null : localDay(shipBy, zone),
      promisedDay: deliverBy === null ? null : localDay(deliverBy, zone),
      // Seller Fulfilled Prime (definitions.md v2): the order's `PRIME` program.
      isPrime: order.programs?.includes('PRIME') ?? false,
      originalLatestDeliveryDate: deliverByFirst,
    });
    for (const item of order.orderItems) {
      const sku = item.product.sellerSku ?? item.product.asin ?? item.orderItemId;
      // An item cancelled in an order that is not (definitions.md v2: CR counts item cancels); Amazon gives no time
      // of its own, so the order's last update stands for it.
      const executed = cancelled ? undefined : item.cancellation?.cancellationExecution;
      const by = item.cancellation?.cancellationRequest?.requester === 'BUYER' || executed?.cancelledBy === 'BUYER' ? 'buyer'
        : executed?.cancelledBy === 'MERCHANT' ? 'seller' : null;
      items.push({
        orderId: order.orderId, orderItemId: item.orderItemId, sku, category: categoryOf(sku, item.product.asin ?? '', mpId), quantity: item.quantityOrdered,
        cancelledAt: executed ? Date.parse(order.lastUpdatedTime) : null, cancelledBy: executed ? by : null,
      });
    }
    const recorded = order.packages ?? [];
    // The model has no Buy Shipping flag. Amazon confirms Buy Shipping labels itself, with the carrier it sold the
    // label of: a package on record that neither the gateway nor a file gave vtrguard (not even in part, as a feed
    // row Amazon refused leaves it), under a carrier Amazon names, is taken as bought there. One recorded as Other was
    // typed in Seller Central and stays the defect it is.
    const bought = recorded.filter((p) => !held.has(`${order.orderId}\u0000${p.packageReferenceId}`) && !!p.carrier && p.carrier !== 'Other'
      && !sentByGateway.has(`${order.orderId}\u0000${p.trackingNumber ?? ''}`));
    for (const pkg of recorded) {
      const judged = assessConfirmation({
        carrierCode: pkg.carrier ?? null, carrierName: pkg.carrier === 'Other' ? (pkg.shippingService ?? null) : null, trackingNumber: pkg.trackingNumber ?? null, marketplace,
      });
      amazonPackages.push({
        orderId: order.orderId, packageRef: pkg.packageReferenceId, carrier: pkg.carrier ?? null, shippingService: pkg.shippingService ?? null,
        trackingNumber: pkg.trackingNumber ?? null, shipTime: ms(pkg.shipTime), status: pkg.packageStatus?.status ?? null,
        carrierKey: judged.carrierKey, trackingKey: judged.trackingNumber,
      });
      // A confirmation Amazon took but vtrguard did not record (a single's recording failed, amazon-confirm.ts send; a
      // feed abandoned without its outcome): Amazon holds its package under its reference and number, so it is
      // recorded now, as the seller meant it.
      const key = packageKey(order.orderId, pkg.packageReferenceId, pkg.trackingNumber);
      const taken = unsettled.get(key);
      if (taken) {
        unsettled.delete(key);
        settled.push({ row: taken, confirmedAt: ms(pkg.createdTime) ?? taken.updatedAt });
        continue;
      }
      // A package confirmed elsewhere (Seller Central, Buy Shipping) is what Amazon measures: vtrguard takes it in.
      // One it holds already stays as the seller meant it; the difference is listed (amazon-status.ts).
      if (held.has(`${order.orderId}\u0000${pkg.packageReferenceId}`)) continue;
      const isOther = pkg.carrier === 'Other';
      packages.push(toPackageWrite({
        orderId: order.orderId, packageRef: pkg.packageReferenceId, marketplace, zone,
        carrierCode: pkg.carrier ?? null, carrierName: isOther ? (pkg.shippingService ?? null) : null, shippingMethod: pkg.shippingService ?? null,
        trackingRaw: pkg.trackingNumber ?? null, shipDate: ms(pkg.shipTime), confirmedAt: ms(pkg.createdTime) ?? ms(pkg.shipTime), exempt: false,
        buyShipping: bought.includes(pkg),
      }));
      for (const pi of pkg.packageItems ?? []) {
        packageItems.push({ orderId: order.orderId, packageRef: pkg.packageReferenceId, orderItemId: pi.orderItemId, quantity: pi.quantity });
      }
    }
    amazonRows.push({
      orderId: order.orderId, lastUpdated: Date.parse(order.lastUpdatedTime), deliverByFirst,
      prime: order.programs?.includes('PRIME') ?? false,
      buyShipping: (versions.get(order.orderId)?.buyShipping ?? false) || bought.length > 0,
      itemCancellations: itemCancellations(order),
    });
  }
  if (orderWrites.length > 0) {
    const batch = { orders: orderWrites, items, packages, packageItems };
    await changeFacts(tx, keptFigures(deps.metrics), sellerId, factKeysOf(batch), () => writeDerived(tx, sellerId, batch, now));
    // After the seller's write lock (taken above): the settled confirmations' facts, then their counts.
    await recordSent(deps, sellerId, settled, now, tx);
    await putAmazonOrders(tx, sellerId, amazonRows);
    if (amazonPackages.length > 0) {
      await putAmazonPackages(tx, sellerId, amazonPackages, now);
      // Amazon's own numbers, where they differ from the seller's, are polled too (or no longer, where they agree again).
      await queueForPolling(tx, sellerId, amazonPackages.map((p) => p.orderId), now);
    }
  }
  return { written: fresh.length, duplicates: known.length - fresh.length, skipped: orders.length - known.length };
}

/** A package by its order, reference and number (normalized; none for a package without one). */
const packageKey = (orderId: string, packageRef: string, trackingNumber: string | null | undefined): string =>
  `${orderId}\u0000${packageRef}\u0000${trackingNumber ? normalizeTrackingNumber(trackingNumber) : ''}`;

/**
 * The confirmations among `gateway` that Amazon may hold though vtrguard did not record them as sent, those whose
 * package Amazon holds (`atAmazon`), oldest first: `sending` singles (of no open feed: a feed's packages are
 * settled by its processing report, amazon-feed.ts), and — whose package no other confirmation took since — `failed`
 * packages of a feed whose outcome vtrguard never learnt (FEED_ENDS_UNANSWERED) and `failed` singles whose last try
 * Amazon did not refuse (a timeout, an answer lost after Amazon took it: amazon-confirm.ts refusedByAmazon). A
 * package Amazon refused stays failed: a feed's that Amazon answered, a single's refused by Amazon (an edit Amazon
 * refused leaves it holding the package as it was, under the same reference and number).
 */
async function unrecordedTaken(
  tx: Store, sellerId: string, gateway: readonly ConfirmationRow[], atAmazon: (row: ConfirmationRow) => boolean,
): Promise<ConfirmationRow[]> {
  const sending = gateway.filter((row) => row.state === 'sending' && atAmazon(row));
  const claimed = new Set(gateway.filter((row) => row.state !== 'failed').map((row) => `${row.orderId}\u0000${row.packageRef}`));
  const failed = gateway.filter((row) => row.state === 'failed' && atAmazon(row) && !claimed.has(`${row.orderId}\u0000${row.packageRef}`));
  const inOpenFeeds = sending.length === 0 ? new Set<string>() : new Set((await openFeeds(tx, sellerId)).flatMap((feed) => feed.confirmationIds));
  // A feed is created after its packages were judged and ends before they fail: its creation lies in their span.
  const feedStateOf = new Map(failed.length === 0 ? [] : (await feedsCreatedBetween(
    tx, sellerId, Math.min(...failed.map((row) => row.createdAt)), Math.max(...failed.map((row) => row.updatedAt)),
  )).flatMap((feed) => feed.confirmationIds.map((id) => [id, feed.state] as const)));
  const unanswered: readonly string[] = FEED_ENDS_UNANSWERED;
  const settles = (row: ConfirmationRow): boolean => {
    const feedState = feedStateOf.get(row.confirmationId);
    return feedState === undefined ? !refusedByAmazon(row.reason) : unanswered.includes(feedState);
  };
  const taken = new Set([...sending.filter((row) => !inOpenFeeds.has(row.confirmationId)), ...failed.filter(settles)]);
  return gateway.filter((row) => taken.has(row));
}

async function recordFailure(store: Store, sellerId: string, error: unknown, now: number): Promise<void> {
  const state = await getSyncState(store, sellerId);
  const message = error instanceof Error ? error.message : String(error);
  await saveSyncState(store, sellerId, { ...state, lastError: message, lastErrorAt: now });
}

/**
 * Incremental sync of the seller's merchant-fulfilled orders (searchOrders by lastUpdatedAfter), pages followed to
 * the end. The state is durable page by page, in the same transaction as the page's orders: a crash resumes at the
 * page it stopped before, and pages read twice write nothing twice. The first run is the 60-day backfill.
 */
export async function syncOrders(deps: AmazonDeps, sellerId: string, options: SyncOptions = {}): Promise<SyncResult> {
  const { store } = deps;
  const started = nowOf(deps);
  const result: SyncResult = { pages: 0, ordersWritten: 0, duplicates: 0, skipped: 0, complete: false, watermark: null };
  try {
    return await withAmazon(deps, sellerId, async (client, connection) => {
      let state: SyncState = await getSyncState(store, sellerId);
      if (state.pageToken === null || state.runAfter === null) {
        const after = state.watermark === null ? started - (options.backfillDays ?? BACKFILL_DAYS) * DAY_MS : state.watermark - (options.overlapMs ?? OVERLAP_MS);
        state = { ...state, runAfter: after, runBefore: null, pageToken: null };
      }
      const marketplaceIds = connection.marketplaces.filter((m) => m.marketplace !== null).map((m) => m.id);
      if (marketplaceIds.length === 0) throw new VtrguardError('AMAZON_REJECTED', 'the seller takes part in no marketplace vtrguard measures');
      const query: SearchOrdersQuery = {
        lastUpdatedAfter: new Date(state.runAfter!).toISOString(), marketplaceIds, fulfilledBy: ['MERCHANT'], maxResultsPerPage: 100, includedData: INCLUDED,
      };
      let resumed = state.pageToken !== null;
      for (;;) {
        let page;
        try {
          page = await searchOrders(client, state.pageToken ? { ...query, paginationToken: state.pageToken } : query);
        } catch (error) {
          // A page token lasts 24 hours: a run resumed after that starts its window again (nothing is doubled).
          if (!resumed || !(error instanceof VtrguardError) || error.code !== 'AMAZON_REJECTED') throw error;
          state = { ...state, pageToken: null, runBefore: null };
          resumed = false;
          continue;
        }
        resumed = false;
        const categoryOf = await categorise(deps, client, sellerId, page.orders);
        const next = page.pagination?.nextToken ?? null;
        const bound = ms(page.lastUpdatedBefore) ?? state.runBefore;
        result.pages++;
        await store.transaction(async (tx) => {
          const wrote = await writePage(deps, tx, sellerId, page.orders, categoryOf);
          result.ordersWritten += wrote.written;
          result.duplicates += wrote.duplicates;
          result.skipped += wrote.skipped;
          state = { ...state, pageToken: next, runBefore: bound, pages: state.pages + 1, ordersSynced: state.ordersSynced + wrote.written };
          if (next === null) {
            state = {
              ...state, watermark: bound ?? started - 120_000, runAfter: null, runBefore: null,
              lastSuccessAt: nowOf(deps), lastError: null, lastErrorAt: null,
            };
          }
          await saveSyncState(tx, sellerId, state);
        });
        options.onPage?.({ pages: result.pages, ordersWritten: result.ordersWritten, duplicates: result.duplicates });
        if (next === null) {
          result.complete = true;
          break;
        }
        if (options.maxPages !== undefined && result.pages >= options.maxPages) break;
      }
      result.watermark = state.watermark;
      return result;
    });
  } catch (error) {
    if (!(error instanceof VtrguardError && error.code === 'AMAZON_NOT_CONNECTED')) await recordFailure(store, sellerId, error, nowOf(deps));
    throw error;
  }
}
