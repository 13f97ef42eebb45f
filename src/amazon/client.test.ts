import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSeller, US, UK } from '../../test/mock-sp-api/fixtures.js';
import { FAST_RATES, QUOTA_EXCEEDED, startMockSpApi, type MockSeller, type MockSpApi } from '../../test/mock-sp-api/server.js';
import { SpApiClient, type SpApiCallLog } from './client.js';
import {
  categoryOfItem, createFeed, createReport, downloadDocument, getCatalogItem, getFeed, getFeedDocument,
  getMarketplaceParticipations, getReport, getReportDocument, searchOrders, uploadFeedDocument,
} from './operations.js';

const FAST_RETRY = { attempts: 6, baseMs: 5, maxMs: 50 };

let mock: MockSpApi;
let seller: MockSeller;
let logs: SpApiCallLog[];

function client(credentials = seller): SpApiClient {
  return new SpApiClient({
    region: 'na', endpoint: mock.url, tokenUrl: mock.tokenUrl, retry: FAST_RETRY, log: (entry) => logs.push(entry),
    credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken },
  });
}

beforeEach(async () => {
  seller = makeSeller('acme', { count: 30, marketplaceIds: [US, UK] });
  mock = await startMockSpApi([seller]);
  mock.settleMs = 0;
  logs = [];
});
afterEach(async () => mock.close());

describe('SpApiClient', () => {
  it('exchanges the refresh token once and reuses the access token', async () => {
    const api = client();
    const participations = await getMarketplaceParticipations(api);
    await getMarketplaceParticipations(api);
    expect(participations.map((p) => p.marketplace.id)).toEqual([US, UK]);
    expect(mock.tokensIssued).toBe(1);
  });

  it('lets concurrent first callers share one token exchange', async () => {
    const api = client();
    await Promise.all(Array.from({ length: 4 }, () => getMarketplaceParticipations(api)));
    expect(mock.tokensIssued).toBe(1);
  });

  it('refreshes an expired token once and retries the call', async () => {
    const api = client();
    await getMarketplaceParticipations(api);
    mock.expireTokens();
    await getMarketplaceParticipations(api);
    expect(mock.tokensIssued).toBe(2);
    expect(mock.calls.map((c) => c.status)).toEqual([200, 403, 200]);
  });

  it('follows the rate Amazon states and retries 429s until every call goes through', async () => {
    mock.rates = { ...FAST_RATES, getCatalogItem: { perSecond: 20, burst: 5 } };
    const api = client();
    expect(api.rateOf('getCatalogItem')).toBe(2);
    await getCatalogItem(api, 'B000000000', US);
    expect(api.rateOf('getCatalogItem')).toBe(20);
    // The quota is shared with the seller's other apps: it runs dry twice.
    mock.faults.push({ status: 429, body: QUOTA_EXCEEDED }, { status: 429, body: QUOTA_EXCEEDED });
    const items = await Promise.all(Array.from({ length: 3 }, (_, n) => getCatalogItem(api, `B0${String(n + 1).padStart(8, '0')}`, US)));
    expect(items.every((item) => item !== null)).toBe(true);
    expect(mock.calls.filter((c) => c.status === 200)).toHaveLength(4);
    expect(mock.calls.filter((c) => c.status === 429)).toHaveLength(2);
  });

  it('retries 5xx with backoff and gives up with AMAZON_UNAVAILABLE', async () => {
    const api = client();
    mock.faults.push({ status: 500, body: { errors: [{ code: 'InternalFailure', message: 'x', details: '' }] } }, { status: 503, body: {} });
    await expect(getMarketplaceParticipations(api)).resolves.toHaveLength(2);
    mock.down = true;
    await expect(getMarketplaceParticipations(api)).rejects.toMatchObject({ code: 'AMAZON_UNAVAILABLE' });
  });

  it('reports refused credentials as AMAZON_AUTH_FAILED without the secret', async () => {
    const api = client({ ...seller, clientSecret: 'amzn1.oa2-cs.v1.wrong-secret-9876' });
    const error: unknown = await getMarketplaceParticipations(api).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'AMAZON_AUTH_FAILED' });
    expect((error as Error).message).not.toContain('wrong-secret');
  });

  it('passes Amazon 4xx errors as AMAZON_REJECTED with its code', async () => {
    const api = client();
    await expect(searchOrders(api, { lastUpdatedAfter: 'yesterday' })).rejects.toMatchObject({ code: 'AMAZON_REJECTED', message: expect.stringContaining('InvalidInput') });
  });

  it('logs each call without tokens, secrets or queries', async () => {
    const api = client();
    await searchOrders(api, { createdAfter: new Date(Date.now() - 86_400_000 * 90).toISOString(), maxResultsPerPage: 5 });
    expect(logs).toMatchObject([{ operation: 'searchOrders', status: 200, attempt: 1, rateLimit: FAST_RATES.searchOrders!.perSecond }]);
    const text = JSON.stringify(logs);
    for (const secret of [seller.clientSecret, seller.refreshToken, 'Atza|', 'createdAfter']) expect(text).not.toContain(secret);
  });
});

describe('operations against the local SP-API', () => {
  it('pages searchOrders to the end with every parameter repeated', async () => {
    const api = client();
    const query = { createdAfter: new Date(Date.now() - 86_400_000 * 90).toISOString(), marketplaceIds: [US, UK], maxResultsPerPage: 7 };
    const seen: string[] = [];
    let page = await searchOrders(api, query);
    seen.push(...page.orders.map((o) => o.orderId));
    while (page.pagination?.nextToken) {
      page = await searchOrders(api, { ...query, paginationToken: page.pagination.nextToken });
      seen.push(...page.orders.map((o) => o.orderId));
    }
    expect(seen.sort()).toEqual([...seller.orders.keys()].sort());
    expect(page.createdBefore).toBeDefined();
  });

  it('reads a category from display groups, else the root of the classification chain', async () => {
    const api = client();
    const summary = (await getCatalogItem(api, 'B000000001', US))!;
    const chain = (await getCatalogItem(api, 'B000000004', US))!;
    expect(categoryOfItem(summary, US)).toBe('Home & Kitchen');
    expect(categoryOfItem(chain, US)).toBe('Toys & Games');
    expect(await getCatalogItem(api, 'B0NOTKNOWN', US)).toBeNull();
  });

  it('walks a report from IN_QUEUE to DONE and inflates its gzip document, fetched without a token', async () => {
    seller.performanceReport = { accountStatuses: [{ marketplaceId: US, status: 'NORMAL' }], performanceMetrics: [] };
    const api = client();
    const id = await createReport(api, 'GET_V2_SELLER_PERFORMANCE_REPORT', [US]);
    const states: string[] = [];
    let report = await getReport(api, id);
    states.push(report.processingStatus);
    while (report.processingStatus !== 'DONE') states.push((report = await getReport(api, id)).processingStatus);
    expect(states).toEqual(['IN_PROGRESS', 'DONE']);
    const document = await getReportDocument(api, report.reportDocumentId!);
    expect(document.compressionAlgorithm).toBe('GZIP');
    const content = JSON.parse((await downloadDocument(api, document)).toString('utf8')) as unknown;
    expect(content).toEqual(seller.performanceReport);
  });

  it('uploads a flat-file feed and reads its processing report back', async () => {
    const api = client();
    const [order] = seller.orders.values();
    const item = order!.orderItems[0]!;
    // Rows of one order and tracking number are one package: the bad row goes in a package of its own.
    const tsv = 'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method\n'
      + `${order!.orderId}\t${item.orderItemId}\t1\t2026-12-01\tUPS\t\t1Z999AA10123456784\tGround\n`
      + `${order!.orderId}\tNOPE\t1\t2026-12-01\tUPS\t\t1Z12345E0205271688\tGround\n`;
    const documentId = await uploadFeedDocument(api, 'text/tab-separated-values; charset=UTF-8', tsv);
    const feedId = await createFeed(api, 'POST_FLAT_FILE_FULFILLMENT_DATA', [US], documentId);
    let feed = await getFeed(api, feedId);
    while (feed.processingStatus !== 'DONE') feed = await getFeed(api, feedId);
    const report = (await downloadDocument(api, await getFeedDocument(api, feed.resultFeedDocumentId!))).toString('utf8');
    expect(report).toContain('Number of records successful\t1');
    expect(report).toMatch(/^2\t.*\tNOPE\t18028\tError\tOrderItemId is invalid/m);
  });
});

describe('the local SP-API itself', () => {
  it('accepts a JSON token request as LWA does', async () => {
    const response = await fetch(mock.tokenUrl, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: seller.refreshToken, client_id: seller.clientId, client_secret: seller.clientSecret }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
  });
});
