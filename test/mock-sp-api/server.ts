import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { CatalogItem, SpOrder } from '../../src/amazon/operations.js';

/**
 * A local Selling Partner API that speaks the documented wire format (sp-api.md §7.3): the LWA token endpoint
 * (form or JSON body), `x-amz-access-token` checked on every call with Amazon's 403 for an expired token, a token
 * bucket per (operation, seller) answering Amazon's 429 body, searchOrders with paging tokens, the catalog,
 * confirmShipment (204; the same packageReferenceId edits the package), the report state machine with a gzip
 * document served without auth, and the feed upload flow. The real client runs against it.
 */

export interface MockRate {
  perSecond: number;
  burst: number;
}

/** Rates the mock enforces; tests and the bench raise them so they need not wait Amazon's minutes. */
export const FAST_RATES: Record<string, MockRate> = {
  getMarketplaceParticipations: { perSecond: 50, burst: 15 },
  searchOrders: { perSecond: 200, burst: 20 },
  getOrder: { perSecond: 50, burst: 30 },
  confirmShipment: { perSecond: 200, burst: 10 },
  getCatalogItem: { perSecond: 200, burst: 2 },
  createReport: { perSecond: 50, burst: 15 },
  getReport: { perSecond: 200, burst: 15 },
  getReportDocument: { perSecond: 50, burst: 15 },
  createFeedDocument: { perSecond: 50, burst: 15 },
  createFeed: { perSecond: 50, burst: 15 },
  getFeed: { perSecond: 200, burst: 15 },
  getFeedDocument: { perSecond: 50, burst: 10 },
};

export interface MockSeller {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Amazon marketplace ids the seller takes part in. */
  marketplaceIds: string[];
  orders: Map<string, SpOrder>;
  /** ASIN -> catalog item (every marketplace). */
  catalog: Map<string, CatalogItem>;
  /** The seller performance report's JSON, served when a GET_V2_SELLER_PERFORMANCE_REPORT is DONE. */
  performanceReport: unknown;
}

export type ReportOutcome = 'DONE' | 'CANCELLED' | 'FATAL';

interface Job {
  id: string;
  seller: MockSeller;
  type: string;
  polls: number;
  status: string;
  documentId?: string;
  created: string;
  input?: string;
}

export interface ConfirmationSeen {
  orderId: string;
  body: Record<string, unknown>;
}

export interface MockSpApi {
  url: string;
  tokenUrl: string;
  sellers: MockSeller[];
  /** Every SP-API request (not token or document requests), in order. */
  calls: { operation: string; status: number; query: URLSearchParams }[];
  /** Accepted confirmShipment bodies. */
  confirmations: ConfirmationSeen[];
  tokensIssued: number;
  /** Seconds an access token lives (Amazon: 3600). */
  tokenTtlSeconds: number;
  rates: Record<string, MockRate>;
  /** Polls of getReport / getFeed before the job finishes. */
  pollsToFinish: number;
  /** How the next reports finish. */
  reportOutcomes: ReportOutcome[];
  /** How the next feeds finish (DONE by default): a CANCELLED or FATAL feed applies none of its rows. */
  feedOutcomes: ReportOutcome[];
  /** searchOrders' *Before bound lies this far back (Amazon: two minutes); tests shorten it. */
  settleMs: number;
  /** Every searchOrders page token issued so far lapses, as after Amazon's 24 hours. */
  expirePageTokens(): void;
  /** While true every SP-API call answers 503 (a crash mid-sync, from the client's side). */
  down: boolean;
  /**
   * Replies served before the next SP-API calls (after auth), e.g. 500s; one `afterApplying` is served after its call
   * was carried out (Amazon took a confirmShipment, its answer was lost on the way back).
   */
  faults: { status: number; body: unknown; afterApplying?: boolean }[];
  /** Every issued access token is expired from now on (Amazon's 403). */
  expireTokens(): void;
  /** The seller's order is changed now (its lastUpdatedTime moves). */
  touch(seller: MockSeller, orderId: string, change: (order: SpOrder) => void): void;
  close(): Promise<void>;
}

export const QUOTA_EXCEEDED = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };
const EXPIRED = { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }] };
const DENIED = { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] };

const invalid = (message: string) => ({ status: 400, body: { errors: [{ code: 'InvalidInput', message, details: '' }] } });

/** Carrier codes Seller Central lists (a part, exact spelling); anything else is recorded as Other, silently. */
const CARRIER_CODES = new Set(['UPS', 'USPS', 'FedEx', 'DHL', 'DHL eCommerce', 'OnTrac', 'Royal Mail', 'Deutsche Post', 'DPD', 'Hermes', 'Canada Post', 'Other']);

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: Buffer;
}

class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly rate: MockRate) {
    this.tokens = rate.burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

function route(method: string, path: string): { operation: string; params: string[] } | null {
  const table: [string, RegExp, string][] = [
    ['GET', /^\/sellers\/v1\/marketplaceParticipations$/, 'getMarketplaceParticipations'],
    ['GET', /^\/orders\/2026-01-01\/orders$/, 'searchOrders'],
    ['GET', /^\/orders\/2026-01-01\/orders\/([^/]+)$/, 'getOrder'],
    ['POST', /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/, 'confirmShipment'],
    ['GET', /^\/catalog\/2022-04-01\/items\/([^/]+)$/, 'getCatalogItem'],
    ['POST', /^\/reports\/2021-06-30\/reports$/, 'createReport'],
    ['GET', /^\/reports\/2021-06-30\/reports\/([^/]+)$/, 'getReport'],
    ['GET', /^\/reports\/2021-06-30\/documents\/([^/]+)$/, 'getReportDocument'],
    ['POST', /^\/feeds\/2021-06-30\/documents$/, 'createFeedDocument'],
    ['POST', /^\/feeds\/2021-06-30\/feeds$/, 'createFeed'],
    ['GET', /^\/feeds\/2021-06-30\/feeds\/([^/]+)$/, 'getFeed'],
    ['GET', /^\/feeds\/2021-06-30\/documents\/([^/]+)$/, 'getFeedDocument'],
  ];
  for (const [m, pattern, operation] of table) {
    const match = m === method ? pattern.exec(path) : null;
    if (match) return { operation, params: match.slice(1).map(decodeURIComponent) };
  }
  return null;
}

/**
 * Pages go in (time, orderId) order up to a bound fixed by the first page; a token holds the last key served, so an
 * order changed while a run pages moves out of the run (past the bound) without shifting the pages after it.
 */
interface PageToken {
  after: string;
  before: string;
  /** When the token was issued: it lapses 24 hours later. */
  issued: number;
  /** Tokens of an earlier generation lapsed at `expirePageTokens()`. */
  generation: number;
  /** The last key served: [time, orderId]. */
  last: [string, string] | null;
  filter: string;
}

export async function startMockSpApi(sellers: MockSeller[], options: { rates?: Record<string, MockRate> } = {}): Promise<MockSpApi> {
  const tokens = new Map<string, { seller: MockSeller; expiresAt: number }>();
  const buckets = new Map<string, Bucket>();
  const reports = new Map<string, Job>();
  const feeds = new Map<string, Job>();
  const documents = new Map<string, { bytes: Buffer; expiresAt: number }>();
  const uploads = new Map<string, { contentType: string; content: string | null }>();
  const sorted = new Map<string, SpOrder[]>();
  let counter = 0;
  const nextId = () => String(++counter).padStart(8, '0');
  let pageTokenGeneration = 0;

  const state: MockSpApi = {
    url: '', tokenUrl: '', sellers, calls: [], confirmations: [], tokensIssued: 0, tokenTtlSeconds: 3600,
    rates: options.rates ?? FAST_RATES, pollsToFinish: 2, reportOutcomes: [], feedOutcomes: [], settleMs: 120_000, down: false, faults: [],
    expirePageTokens: () => {
      pageTokenGeneration++;
    },
    expireTokens: () => {
      for (const token of tokens.values()) token.expiresAt = 0;
    },
    touch: (seller, orderId, change) => {
      const order = seller.orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      change(order);
      // A millisecond back: searchOrders' bound (now, at settleMs 0) is exclusive, and a sync run in the same
      // millisecond as the change would otherwise not see it.
      order.lastUpdatedTime = new Date(Date.now() - 1).toISOString();
      sorted.clear();
    },
    close: async () => {},
  };

  function issueToken(body: Record<string, string>): Reply {
    if (body.grant_type !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type' } };
    const seller = sellers.find((s) => s.clientId === body.client_id);
    if (!seller || seller.clientSecret !== body.client_secret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    if (seller.refreshToken !== body.refresh_token) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' } };
    }
    const token = `Atza|${randomUUID()}`;
    tokens.set(token, { seller, expiresAt: Date.now() + state.tokenTtlSeconds * 1000 });
    state.tokensIssued++;
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: state.tokenTtlSeconds, refresh_token: body.refresh_token } };
  }

  function searchOrders(seller: MockSeller, query: URLSearchParams): Reply {
    const after = query.get('lastUpdatedAfter') ?? query.get('createdAfter');
    const byCreated = query.has('createdAfter');
    if ((query.has('lastUpdatedAfter') ? 1 : 0) + (byCreated ? 1 : 0) !== 1) {
      return invalid('Exactly one of createdAfter or lastUpdatedAfter must be specified.');
    }
    if (byCreated && (query.has('lastUpdatedBefore') || query.has('lastUpdatedAfter'))) return invalid('Created and LastUpdated filters cannot be combined.');
    const size = Number(query.get('maxResultsPerPage') ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > 100) return invalid('maxResultsPerPage must be between 1 and 100.');
    const marketplaceIds = (query.get('marketplaceIds') ?? '').split(',').filter(Boolean);
    if (marketplaceIds.length > 50) return invalid('At most 50 marketplaceIds.');
    const latestBefore = Date.now() - state.settleMs;
    const beforeText = query.get(byCreated ? 'createdBefore' : 'lastUpdatedBefore');
    if (beforeText !== null && !(Date.parse(beforeText) <= latestBefore)) {
      return invalid(`${byCreated ? 'createdBefore' : 'lastUpdatedBefore'} must be a date at least two minutes before the current time.`);
    }
    if (Number.isNaN(Date.parse(after!))) return invalid(`Invalid date: ${after}`);
    const filter = [...query.entries()].filter(([k]) => !['paginationToken', 'maxResultsPerPage', 'includedData'].includes(k)).sort().join('&');
    let page: PageToken = { after: after!, before: beforeText ?? new Date(latestBefore).toISOString(), issued: Date.now(), generation: pageTokenGeneration, last: null, filter };
    const tokenText = query.get('paginationToken');
    if (tokenText !== null) {
      try {
        page = JSON.parse(Buffer.from(tokenText, 'base64url').toString('utf8')) as PageToken;
      } catch {
        return invalid('Invalid paginationToken.');
      }
      if (page.filter !== filter) return invalid('The paginationToken does not match the other parameters.');
      if (page.generation !== pageTokenGeneration || Date.now() - page.issued >= 86_400_000) return invalid('The paginationToken has expired.');
    }
    const field = byCreated ? 'createdTime' : 'lastUpdatedTime';
    const from = Date.parse(page.after);
    const to = Date.parse(page.before);
    const fulfilledBy = (query.get('fulfilledBy') ?? '').split(',').filter(Boolean);
    const statuses = (query.get('fulfillmentStatuses') ?? '').split(',').filter(Boolean);
    // The run's sorted matches are kept for its later pages (keyed by its fixed bounds); any change drops them.
    const cacheKey = `${seller.refreshToken}|${filter}|${page.after}|${page.before}`;
    let matching = sorted.get(cacheKey);
    if (!matching) {
      matching = [...seller.orders.values()]
        .filter((o) => {
          const at = Date.parse(o[field]);
          return at >= from && at < to
            && (marketplaceIds.length === 0 || marketplaceIds.includes(o.salesChannel.marketplaceId ?? ''))
            && (fulfilledBy.length === 0 || fulfilledBy.includes(o.fulfillment?.fulfilledBy ?? ''))
            && (statuses.length === 0 || statuses.includes(o.fulfillment?.fulfillmentStatus ?? ''));
        })
        .map((o) => ({ order: o, key: o[field] }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order.orderId < b.order.orderId ? -1 : a.order.orderId > b.order.orderId ? 1 : 0))
        .map((e) => e.order);
      sorted.set(cacheKey, matching);
    }
    const included = new Set((query.get('includedData') ?? '').split(',').filter(Boolean));
    const last = page.last;
    // The first order after the last key served (binary search over the sorted run).
    let lo = 0;
    let hi = matching.length;
    while (last !== null && lo < hi) {
      const mid = (lo + hi) >> 1;
      const o = matching[mid]!;
      if (o[field] > last[0] || (o[field] === last[0] && o.orderId > last[1])) hi = mid;
      else lo = mid + 1;
    }
    const rest = matching.slice(lo, lo + size + 1);
    const served = rest.slice(0, size);
    const orders = served.map((o) => project(o, included));
    const more = rest.length > size;
    const end = served.at(-1);
    return {
      status: 200,
      body: {
        orders,
        ...(more && end ? { pagination: { nextToken: Buffer.from(JSON.stringify({ ...page, issued: Date.now(), generation: pageTokenGeneration, last: [end[field], end.orderId] })).toString('base64url') } } : {}),
        ...(byCreated ? { createdBefore: page.before } : { lastUpdatedBefore: page.before }),
      },
    };
  }

  function confirmShipment(seller: MockSeller, orderId: string, text: string): Reply {
    let body: { marketplaceId?: string; packageDetail?: Record<string, unknown> };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return invalid('Invalid Input');
    }
    const order = seller.orders.get(orderId);
    if (!order) return { status: 404, body: { errors: [{ code: 'NotFound', message: 'Order not found', details: '' }] } };
    const detail = body.packageDetail;
    if (!detail || body.marketplaceId !== order.salesChannel.marketplaceId) return invalid('Invalid Input');
    if (order.programs?.includes('FBM_SHIP_PLUS')) return invalid('Ship+ orders do not support confirmShipment.');
    const ref = String(detail.packageReferenceId ?? '');
    if (!/^[1-9]\d*$/.test(ref)) return invalid('PackageReferenceId: is invalid, must be a positive numeric value.');
    if (typeof detail.shipDate !== 'string' || Number.isNaN(Date.parse(detail.shipDate))) return invalid('Invalid Input');
    if (typeof detail.carrierCode !== 'string' || typeof detail.trackingNumber !== 'string') return invalid('Invalid Input');
    if (detail.carrierCode === 'Other' && !detail.carrierName) return invalid('CarrierName is required when CarrierCode is Other.');
    const items = (detail.orderItems as { orderItemId: string; quantity: number }[] | undefined) ?? [];
    for (const item of items) {
      if (!order.orderItems.some((i) => i.orderItemId === item.orderItemId)) {
        return invalid('OrderItemId is invalid, please obtain the value through the getOrderItems API or Manage Orders page');
      }
    }
    state.confirmations.push({ orderId, body: body as Record<string, unknown> });
    const packages = (order.packages ??= []);
    const recorded = {
      packageReferenceId: ref,
      createdTime: new Date().toISOString(),
      packageStatus: { status: 'SHIPPED' as const },
      // A code that is not exactly on the list is recorded as Other, silently (selling-partner-api-docs#2530).
      carrier: CARRIER_CODES.has(detail.carrierCode) ? detail.carrierCode : 'Other',
      shipTime: detail.shipDate,
      ...(typeof detail.shippingMethod === 'string' ? { shippingService: detail.shippingMethod } : {}),
      trackingNumber: detail.trackingNumber,
      packageItems: items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
    };
    const at = packages.findIndex((p) => p.packageReferenceId === ref);
    if (at >= 0) packages[at] = recorded;
    else packages.push(recorded);
    if (order.fulfillment) order.fulfillment.fulfillmentStatus = 'SHIPPED';
    order.lastUpdatedTime = new Date().toISOString();
    sorted.clear();
    return { status: 204 };
  }

  function finishJob(job: Job): void {
    if (job.status === 'DONE' || job.status === 'CANCELLED' || job.status === 'FATAL') return;
    job.polls++;
    if (job.polls === 1) job.status = 'IN_PROGRESS';
    if (job.polls < state.pollsToFinish) return;
    const outcome = (reports.has(job.id) ? state.reportOutcomes : state.feedOutcomes).shift() ?? 'DONE';
    job.status = outcome;
    if (outcome === 'CANCELLED') return;
    const documentId = `amzn1.tortuga.4.na.${job.id}`;
    let content: Buffer;
    if (reports.has(job.id)) {
      content = outcome === 'FATAL'
        ? Buffer.from(JSON.stringify({ errorDetails: 'The report could not be generated.' }))
        : Buffer.from(JSON.stringify(job.seller.performanceReport));
    } else {
      content = Buffer.from(outcome === 'FATAL'
        ? 'Feed Processing Summary:\n\tNumber of records processed\t0\n\tNumber of records successful\t0\n\n'
          + 'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message\n'
          + '0\t\t\t90001\tFatal\tAn unexpected error occurred while processing the feed. Resubmit it.\n'
        : processFeed(job.seller, job.input ?? ''));
    }
    documents.set(documentId, { bytes: gzipSync(content), expiresAt: Date.now() + 300_000 });
    job.documentId = documentId;
  }

  /**
   * POST_FLAT_FILE_FULFILLMENT_DATA: each row is judged on its own (an item the order lacks is that row's error);
   * the good rows of one order and tracking number are one package (the file has no package reference: a number
   * the order already has edits that package, a new one takes the next free reference), applied as confirmShipment
   * applies it. The processing report lists the rows it refused.
   */
  function processFeed(seller: MockSeller, input: string): string {
    const lines = input.split(/\r?\n/).filter((l) => l.trim() !== '');
    const header = (lines.shift() ?? '').split('\t');
    const errors: string[] = [];
    const packages = new Map<string, { orderId: string; rows: { row: number; itemId: string }[]; cells: (name: string) => string; items: { orderItemId: string; quantity: number }[] }>();
    lines.forEach((line, index) => {
      const cells = line.split('\t');
      const get = (name: string) => cells[header.indexOf(name)] ?? '';
      const order = seller.orders.get(get('order-id'));
      const itemId = get('order-item-id');
      if (order && itemId && !order.orderItems.some((i) => i.orderItemId === itemId)) {
        errors.push(`${index + 1}\t${get('order-id')}\t${itemId}\t18028\tError\tOrderItemId is invalid, please obtain the value through the getOrderItems API or Manage Orders page`);
        return;
      }
      const key = `${get('order-id')}\u0000${get('tracking-number')}`;
      let pkg = packages.get(key);
      if (!pkg) packages.set(key, (pkg = { orderId: get('order-id'), rows: [], cells: get, items: [] }));
      pkg.rows.push({ row: index + 1, itemId });
      if (itemId) pkg.items.push({ orderItemId: itemId, quantity: Number(get('quantity') || 1) });
    });
    let ok = 0;
    for (const pkg of packages.values()) {
      const get = pkg.cells;
      const order = seller.orders.get(pkg.orderId);
      const known = order?.packages?.find((p) => p.trackingNumber === get('tracking-number'))?.packageReferenceId;
      const ref = known ?? String(Math.max(0, ...(order?.packages ?? []).map((p) => Number(p.packageReferenceId))) + 1);
      const reply = confirmShipment(seller, pkg.orderId, JSON.stringify({
        marketplaceId: order?.salesChannel.marketplaceId,
        packageDetail: {
          packageReferenceId: ref, carrierCode: get('carrier-code'), carrierName: get('carrier-name') || undefined,
          trackingNumber: get('tracking-number'), shipDate: get('ship-date'), shippingMethod: get('ship-method') || undefined, orderItems: pkg.items,
        },
      }));
      if (reply.status === 204) ok += pkg.rows.length;
      else {
        const message = (reply.body as typeof QUOTA_EXCEEDED).errors[0]!.message;
        for (const { row, itemId } of pkg.rows) errors.push(`${row}\t${pkg.orderId}\t${itemId}\t${reply.status === 404 ? '25' : '18028'}\tError\t${message}`);
      }
    }
    errors.sort((a, b) => Number(a.split('\t')[0]) - Number(b.split('\t')[0]));
    return `Feed Processing Summary:\n\tNumber of records processed\t${lines.length}\n\tNumber of records successful\t${ok}\n\n`
      + 'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message\n'
      + errors.map((e) => `${e}\n`).join('');
  }

  function api(operation: string, params: string[], seller: MockSeller, req: { query: URLSearchParams; body: string }): Reply {
    const body = () => JSON.parse(req.body || '{}') as Record<string, unknown>;
    switch (operation) {
      case 'getMarketplaceParticipations':
        return {
          status: 200,
          body: {
            payload: seller.marketplaceIds.map((id) => ({
              marketplace: { id, name: `Amazon ${id}`, countryCode: 'US', defaultCurrencyCode: 'USD', defaultLanguageCode: 'en_US', domainName: 'www.amazon.com' },
              participation: { isParticipating: true, hasSuspendedListings: false },
              storeName: 'Mock store',
            })),
          },
        };
      case 'searchOrders':
        return searchOrders(seller, req.query);
      case 'getOrder': {
        const order = seller.orders.get(params[0]!);
        return order ? { status: 200, body: { order: project(order, new Set(['FULFILLMENT', 'PACKAGES', 'CANCELLATION'])) } } : { status: 404, body: DENIED };
      }
      case 'confirmShipment':
        return confirmShipment(seller, params[0]!, req.body);
      case 'getCatalogItem': {
        const item = seller.catalog.get(params[0]!);
        if (!item) return { status: 404, body: { errors: [{ code: 'NOT_FOUND', message: `Requested item '${params[0]}' not found in marketplace.`, details: '' }] } };
        return { status: 200, body: item };
      }
      case 'createReport': {
        const spec = body();
        if (typeof spec.reportType !== 'string' || !Array.isArray(spec.marketplaceIds)) return invalid('reportType and marketplaceIds are required.');
        const id = nextId();
        reports.set(id, { id, seller, type: spec.reportType, polls: 0, status: 'IN_QUEUE', created: new Date().toISOString() });
        return { status: 202, body: { reportId: id } };
      }
      case 'getReport': {
        const job = reports.get(params[0]!);
        if (!job || job.seller !== seller) return { status: 404, body: DENIED };
        finishJob(job);
        return {
          status: 200,
          body: { reportId: job.id, reportType: job.type, processingStatus: job.status, createdTime: job.created, ...(job.documentId ? { reportDocumentId: job.documentId } : {}) },
        };
      }
      case 'getReportDocument':
      case 'getFeedDocument': {
        if (!documents.has(params[0]!)) return { status: 404, body: DENIED };
        return { status: 200, body: { reportDocumentId: params[0], feedDocumentId: params[0], url: `${state.url}/documents/${params[0]}`, compressionAlgorithm: 'GZIP' } };
      }
      case 'createFeedDocument': {
        const contentType = body().contentType;
        if (typeof contentType !== 'string') return invalid('contentType is required.');
        const id = `amzn1.tortuga.3.${nextId()}`;
        uploads.set(id, { contentType, content: null });
        return { status: 201, body: { feedDocumentId: id, url: `${state.url}/uploads/${id}` } };
      }
      case 'createFeed': {
        const spec = body();
        const upload = uploads.get(String(spec.inputFeedDocumentId));
        if (!upload || upload.content === null) return invalid('inputFeedDocumentId names no uploaded document.');
        const id = nextId();
        feeds.set(id, { id, seller, type: String(spec.feedType), polls: 0, status: 'IN_QUEUE', created: new Date().toISOString(), input: upload.content });
        return { status: 202, body: { feedId: id } };
      }
      case 'getFeed': {
        const job = feeds.get(params[0]!);
        if (!job || job.seller !== seller) return { status: 404, body: DENIED };
        finishJob(job);
        return {
          status: 200,
          body: { feedId: job.id, feedType: job.type, processingStatus: job.status, createdTime: job.created, ...(job.documentId ? { resultFeedDocumentId: job.documentId } : {}) },
        };
      }
      default:
        return { status: 404, body: DENIED };
    }
  }

  function handle(method: string, url: URL, headers: IncomingMessage['headers'], text: string): Reply {
    if (method === 'POST' && url.pathname === '/auth/o2/token') {
      const json = (headers['content-type'] ?? '').includes('application/json');
      const fields = json ? (JSON.parse(text || '{}') as Record<string, string>) : Object.fromEntries(new URLSearchParams(text));
      return issueToken(fields);
    }
    const document = /^\/documents\/(.+)$/.exec(url.pathname);
    if (method === 'GET' && document) {
      // A presigned URL: no token, but it lapses.
      const found = documents.get(decodeURIComponent(document[1]!));
      if (!found || found.expiresAt < Date.now()) return { status: 403, raw: Buffer.from('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>') };
      return { status: 200, raw: found.bytes, headers: { 'content-type': 'application/octet-stream' } };
    }
    const upload = /^\/uploads\/(.+)$/.exec(url.pathname);
    if (method === 'PUT' && upload) {
      const found = uploads.get(decodeURIComponent(upload[1]!));
      if (!found) return { status: 404, raw: Buffer.from('NoSuchUpload') };
      if (headers['content-type'] !== found.contentType) return { status: 403, raw: Buffer.from('<Error><Code>SignatureDoesNotMatch</Code></Error>') };
      found.content = text;
      return { status: 200, raw: Buffer.alloc(0) };
    }
    const matched = route(method, url.pathname);
    if (!matched) return { status: 404, body: { errors: [{ code: 'NotFound', message: 'Resource not found', details: '' }] } };
    const reply = authorised(matched.operation, matched.params, headers, url.searchParams, text);
    state.calls.push({ operation: matched.operation, status: reply.status, query: url.searchParams });
    return reply;
  }

  function authorised(operation: string, params: string[], headers: IncomingMessage['headers'], query: URLSearchParams, text: string): Reply {
    const token = tokens.get(String(headers['x-amz-access-token'] ?? ''));
    if (!token) return { status: 403, body: DENIED };
    if (token.expiresAt <= Date.now()) return { status: 403, body: EXPIRED };
    if (state.down) return { status: 503, body: { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable.', details: '' }] } };
    const fault = state.faults.shift();
    if (fault && !fault.afterApplying) return fault;
    const rate = state.rates[operation]!;
    const key = `${operation}\u0000${token.seller.refreshToken}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = new Bucket(rate)));
    if (!bucket.take()) return { status: 429, body: QUOTA_EXCEEDED };
    const reply = api(operation, params, token.seller, { query, body: text });
    if (fault) return { status: fault.status, body: fault.body };
    if (reply.status < 300) reply.headers = { ...reply.headers, 'x-amzn-RateLimit-Limit': String(rate.perSecond) };
    return reply;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let reply: Reply;
      try {
        reply = handle(req.method ?? 'GET', url, req.headers, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        reply = { status: 500, body: { errors: [{ code: 'InternalFailure', message: String(error), details: '' }] } };
      }
      const headers: Record<string, string> = { 'x-amzn-RequestId': randomUUID(), ...reply.headers };
      if (reply.raw) {
        res.writeHead(reply.status, headers);
        res.end(reply.raw);
        return;
      }
      if (reply.body !== undefined) headers['content-type'] ??= 'application/json';
      res.writeHead(reply.status, headers);
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.tokenUrl = `${state.url}/auth/o2/token`;
  state.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}

/** What searchOrders returns of an order: the FULFILLMENT, PACKAGES and CANCELLATION blocks only when asked for. */
function project(order: SpOrder, included: Set<string>): SpOrder {
  const copy: SpOrder = { ...order, orderItems: order.orderItems.map((item) => ({ ...item })) };
  if (!included.has('FULFILLMENT')) delete copy.fulfillment;
  if (!included.has('PACKAGES')) delete copy.packages;
  if (!included.has('CANCELLATION')) for (const item of copy.orderItems) delete item.cancellation;
  return structuredClone(copy);
}
