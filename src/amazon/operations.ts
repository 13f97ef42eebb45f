import { gunzipSync } from 'node:zlib';
import { VtrguardError } from '../core/errors.js';
import type { SpApiClient } from './client.js';
import type { components as CatalogSchemas } from './generated/catalog-items-2022-04-01.js';
import type { components as FeedSchemas } from './generated/feeds-2021-06-30.js';
import type { components as OrderSchemas, operations as OrderOperations } from './generated/orders-2026-01-01.js';
import type { components as V0Schemas } from './generated/orders-v0.js';
import type { components as ReportSchemas } from './generated/reports-2021-06-30.js';
import type { components as SellerSchemas } from './generated/sellers.js';

/** Amazon's own shapes, generated from its models (scripts/gen-sp-api-types.mjs). */
export type MarketplaceParticipation = SellerSchemas['schemas']['MarketplaceParticipation'];
export type SpOrder = OrderSchemas['schemas']['Order'];
export type SpOrderItem = OrderSchemas['schemas']['OrderItem'];
export type SpOrderPackage = OrderSchemas['schemas']['OrderPackage'];
export type SearchOrdersQuery = NonNullable<OrderOperations['searchOrders']['parameters']['query']>;
export type SearchOrdersResponse = OrderSchemas['schemas']['SearchOrdersResponse'];
export type PackageDetail = V0Schemas['schemas']['PackageDetail'];
export type CatalogItem = CatalogSchemas['schemas']['Item'];
export type Report = ReportSchemas['schemas']['Report'];
export type ReportDocument = ReportSchemas['schemas']['ReportDocument'];
export type Feed = FeedSchemas['schemas']['Feed'];
export type FeedDocument = FeedSchemas['schemas']['FeedDocument'];

function shaped<T>(operation: string, body: unknown, check: (b: Record<string, unknown>) => boolean): T {
  if (typeof body !== 'object' || body === null || !check(body as Record<string, unknown>)) {
    throw new VtrguardError('AMAZON_BAD_RESPONSE', `${operation}: the answer lacks the fields Amazon's model requires`, { operation });
  }
  return body as T;
}

/** Sellers API v1: the marketplaces the seller takes part in (wrapped in `payload`, unlike the newer APIs). */
export async function getMarketplaceParticipations(client: SpApiClient): Promise<MarketplaceParticipation[]> {
  const { body } = await client.call({ operation: 'getMarketplaceParticipations', method: 'GET', path: '/sellers/v1/marketplaceParticipations' });
  return shaped<{ payload: MarketplaceParticipation[] }>('getMarketplaceParticipations', body, (b) => Array.isArray(b.payload)).payload;
}

/** Orders API 2026-01-01 searchOrders, one page. The caller repeats every parameter with the page token. */
export async function searchOrders(client: SpApiClient, query: SearchOrdersQuery): Promise<SearchOrdersResponse> {
  const { body } = await client.call({ operation: 'searchOrders', method: 'GET', path: '/orders/2026-01-01/orders', query });
  return shaped<SearchOrdersResponse>('searchOrders', body, (b) => Array.isArray(b.orders));
}

/**
 * Orders API v0 confirmShipment: one package of one order (204, no body). Sending the same
 * `packageReferenceId` again edits that package.
 */
export async function confirmShipment(client: SpApiClient, orderId: string, marketplaceId: string, packageDetail: PackageDetail): Promise<void> {
  await client.call({
    operation: 'confirmShipment',
    method: 'POST',
    path: `/orders/v0/orders/${encodeURIComponent(orderId)}/shipmentConfirmation`,
    json: { marketplaceId, packageDetail },
  });
}

/** Catalog Items 2022-04-01 getCatalogItem with what a category is read from. */
export async function getCatalogItem(client: SpApiClient, asin: string, marketplaceId: string): Promise<CatalogItem | null> {
  try {
    const { body } = await client.call({
      operation: 'getCatalogItem',
      method: 'GET',
      path: `/catalog/2022-04-01/items/${encodeURIComponent(asin)}`,
      query: { marketplaceIds: [marketplaceId], includedData: ['classifications', 'salesRanks', 'summaries'] },
    });
    return shaped<CatalogItem>('getCatalogItem', body, (b) => typeof b.asin === 'string');
  } catch (error) {
    // An ASIN the catalog does not know in that marketplace: no category, not a failed sync.
    if (error instanceof VtrguardError && error.code === 'AMAZON_REJECTED' && error.context.status === 404) return null;
    throw error;
  }
}

/**
 * The product category Seller Central groups VTR by: the website display group's name (summaries, else the
 * display-group sales rank), else the root of the browse classification chain (sp-api.md §2.1, inferred).
 */
export function categoryOfItem(item: CatalogItem, marketplaceId: string): string | null {
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplaceId);
  if (summary?.websiteDisplayGroupName) return summary.websiteDisplayGroupName;
  const rank = item.salesRanks?.find((r) => r.marketplaceId === marketplaceId)?.displayGroupRanks?.[0];
  if (rank?.title) return rank.title;
  let node = item.classifications?.find((c) => c.marketplaceId === marketplaceId)?.classifications?.[0];
  while (node?.parent) node = node.parent;
  return node?.displayName ?? null;
}

export async function createReport(client: SpApiClient, reportType: string, marketplaceIds: readonly string[]): Promise<string> {
  const { body } = await client.call({
    operation: 'createReport', method: 'POST', path: '/reports/2021-06-30/reports', json: { reportType, marketplaceIds },
  });
  return shaped<{ reportId: string }>('createReport', body, (b) => typeof b.reportId === 'string').reportId;
}

export async function getReport(client: SpApiClient, reportId: string): Promise<Report> {
  const { body } = await client.call({ operation: 'getReport', method: 'GET', path: `/reports/2021-06-30/reports/${encodeURIComponent(reportId)}` });
  return shaped<Report>('getReport', body, (b) => typeof b.processingStatus === 'string');
}

export async function getReportDocument(client: SpApiClient, documentId: string): Promise<ReportDocument> {
  const { body } = await client.call({
    operation: 'getReportDocument', method: 'GET', path: `/reports/2021-06-30/documents/${encodeURIComponent(documentId)}`,
  });
  return shaped<ReportDocument>('getReportDocument', body, (b) => typeof b.url === 'string');
}

/** A report or feed-result document's content, gunzipped when Amazon says it is compressed. */
export async function downloadDocument(client: SpApiClient, document: { url: string; compressionAlgorithm?: string }): Promise<Buffer> {
  const response = await client.fetchUrl(document.url);
  if (!response.ok) throw new VtrguardError('AMAZON_REJECTED', `document download refused (${response.status}); its URL lasts 5 minutes`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (document.compressionAlgorithm !== 'GZIP') return bytes;
  try {
    return gunzipSync(bytes);
  } catch {
    throw new VtrguardError('AMAZON_BAD_RESPONSE', 'the document says GZIP but does not inflate');
  }
}

/** Feeds API: createFeedDocument, then the upload to its URL with the same content type. */
export async function uploadFeedDocument(client: SpApiClient, contentType: string, content: string): Promise<string> {
  const { body } = await client.call({ operation: 'createFeedDocument', method: 'POST', path: '/feeds/2021-06-30/documents', json: { contentType } });
  const document = shaped<{ feedDocumentId: string; url: string }>(
    'createFeedDocument', body, (b) => typeof b.feedDocumentId === 'string' && typeof b.url === 'string',
  );
  const response = await client.fetchUrl(document.url, { method: 'PUT', headers: { 'content-type': contentType }, body: content });
  if (!response.ok) throw new VtrguardError('AMAZON_REJECTED', `feed upload refused (${response.status})`);
  return document.feedDocumentId;
}

export async function createFeed(client: SpApiClient, feedType: string, marketplaceIds: readonly string[], inputFeedDocumentId: string): Promise<string> {
  const { body } = await client.call({
    operation: 'createFeed', method: 'POST', path: '/feeds/2021-06-30/feeds', json: { feedType, marketplaceIds, inputFeedDocumentId },
  });
  return shaped<{ feedId: string }>('createFeed', body, (b) => typeof b.feedId === 'string').feedId;
}

export async function getFeed(client: SpApiClient, feedId: string): Promise<Feed> {
  const { body } = await client.call({ operation: 'getFeed', method: 'GET', path: `/feeds/2021-06-30/feeds/${encodeURIComponent(feedId)}` });
  return shaped<Feed>('getFeed', body, (b) => typeof b.processingStatus === 'string');
}

export async function getFeedDocument(client: SpApiClient, documentId: string): Promise<FeedDocument> {
  const { body } = await client.call({ operation: 'getFeedDocument', method: 'GET', path: `/feeds/2021-06-30/documents/${encodeURIComponent(documentId)}` });
  return shaped<FeedDocument>('getFeedDocument', body, (b) => typeof b.url === 'string');
}
