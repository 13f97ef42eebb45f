import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrder, makeSeller, US } from '../../../test/mock-sp-api/fixtures.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../../../test/mock-sp-api/server.js';
import { AmazonClients, amazonDeps } from '../../app/amazon-context.js';
import { startAmazonScheduler } from '../../app/amazon-schedule.js';
import { amazonStatus } from '../../app/amazon-status.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { freshSqliteStore, type TestStore } from '../../store/testing.js';
import { createApp } from '../app.js';

describe('Amazon routes', () => {
  let db: TestStore;
  let mock: MockSpApi;
  let seller: MockSeller;
  let app: FastifyInstance;
  const secretKey = randomBytes(32);
  const fresh = makeOrder({ n: 8001, marketplaceId: US, createdAt: Date.now() - 3_600_000, updatedAt: Date.now() - 600_000 });

  let app2: FastifyInstance | null = null;
  /** A second server on the same store (the first one stopped). */
  const app2Inject = async (url: string) => {
    app2 ??= await createApp({ store: db.store, defaultSellerId: 'shop', amazon: { secretKey, endpoint: mock.url, tokenUrl: mock.tokenUrl } });
    return app2.inject({ url });
  };

  beforeAll(async () => {
    db = await freshSqliteStore();
    seller = makeSeller('api', { count: 5, marketplaceIds: [US] });
    seller.orders.set(fresh.orderId, fresh);
    mock = await startMockSpApi([seller]);
    mock.settleMs = 0;
    app = await createApp({ store: db.store, defaultSellerId: 'shop', amazon: { secretKey, endpoint: mock.url, tokenUrl: mock.tokenUrl, feedPollMs: 5 } });
  });
  afterAll(async () => {
    await app.close();
    await app2?.close();
    await mock.close();
    await db.dispose();
  });

  it('connects without ever answering a secret, syncs, gates confirmations and shows the status', async () => {
    const connected = await app.inject({
      method: 'POST', url: '/v1/amazon/connection',
      payload: { clientId: seller.clientId, clientSecret: seller.clientSecret, refreshToken: seller.refreshToken, region: 'na' },
    });
    expect(connected.statusCode).toBe(200);
    expect(connected.json()).toMatchObject({ sellerId: 'shop', region: 'na', marketplaces: [{ id: US, marketplace: 'US' }] });
    expect((await app.inject({ method: 'POST', url: '/v1/amazon/sync', payload: {} })).json()).toMatchObject({ complete: true, ordersWritten: 6 });

    const shipDate = new Date().toISOString();
    const confirmed = await app.inject({
      method: 'POST', url: '/v1/confirmations',
      payload: { confirmations: [
        { orderId: fresh.orderId, carrierCode: 'USPS', trackingNumber: '1Z999AA10123456784', shipDate },
        { orderId: fresh.orderId, carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate },
      ] },
    });
    const { outcomes } = confirmed.json<{ outcomes: { state: string; problems: { code: string; fix: string }[] }[] }>();
    expect(outcomes.map((o) => o.state)).toEqual(['refused', 'sent']);
    expect(outcomes[0]!.problems[0]).toMatchObject({ code: 'CARRIER_MISMATCH', fix: expect.stringContaining('"UPS"') });
    expect(mock.confirmations).toHaveLength(1);

    await app.inject({ method: 'PUT', url: '/v1/amazon/hold-policy', payload: { untilFirstScan: true, marginMinutes: 60 } });
    const held = await app.inject({
      method: 'POST', url: '/v1/confirmations',
      payload: { confirmations: [{ orderId: fresh.orderId, carrierCode: 'UPS', trackingNumber: '1ZQNZLQYYW42578153', shipDate }] },
    });
    const heldId = held.json<{ outcomes: { state: string; confirmationId: string }[] }>().outcomes[0]!;
    expect(heldId.state).toBe('held');
    expect((await app.inject({ url: '/v1/confirmations?state=held' })).json<{ confirmations: unknown[] }>().confirmations).toHaveLength(1);
    const released = await app.inject({ method: 'POST', url: `/v1/confirmations/${heldId.confirmationId}/release`, headers: { 'x-requested-with': 'vtrguard-test' } });
    expect(released.json()).toMatchObject({ state: 'sent', packageRef: '2' });

    mock.pollsToFinish = 1;
    const to = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    seller.performanceReport = {
      accountStatuses: [{ marketplaceId: US, status: 'NORMAL' }],
      performanceMetrics: [{
        marketplaceId: US,
        validTrackingRate: {
          reportingDateRange: { reportingDateFrom: `${from}T00:00Z`, reportingDateTo: `${to}T23:59Z` },
          shipmentCount: 4, validTrackingCount: 3, status: 'BAD', rate: 0.75, targetValue: 0.95, targetCondition: 'GREATER_THAN',
        },
      }],
    };
    expect((await app.inject({ method: 'POST', url: '/v1/amazon/reports', payload: {} })).json()).toMatchObject({ state: 'DONE' });
    const status = await app.inject({ url: '/v1/amazon/status' });
    expect(status.json()).toMatchObject({ connected: true, confirmations: { counts: { sent: 2, refused: 1, held: 0 } } });
    // The response schema lets every field of the use case's answer through (the dashboard's types come from it).
    const direct = await amazonStatus({ store: db.store, amazon: { secretKey, endpoint: mock.url, tokenUrl: mock.tokenUrl }, metrics: DEFAULT_METRICS_CONFIG }, 'shop');
    expect(direct.report?.reconciliation?.length).toBeGreaterThan(0);
    expect(status.json()).toEqual(JSON.parse(JSON.stringify(direct)));
    const everything = [connected.body, status.body].join();
    for (const secret of [seller.clientSecret, seller.refreshToken, seller.clientId]) expect(everything).not.toContain(secret);
  });

  const unshipped = () => [...seller.orders.values()].filter((o) => o.fulfillment?.fulfillmentStatus === 'UNSHIPPED' && o !== fresh);
  interface Feed { feedId: string; state: string; finishedAt: number | null }
  interface Outcome { orderId: string; state: string; reason: string | null }

  it('answers a feed with 202 at once, its packages sending, and lets the client follow the feed to each package\'s outcome', async () => {
    mock.pollsToFinish = 3;
    const [order] = unshipped();
    const shipDate = new Date().toISOString();
    const payload = { feed: true, confirmations: [
      { orderId: order!.orderId, carrierCode: 'UPS', trackingNumber: '1ZI69FH60101018902', shipDate, items: [{ orderItemId: '99999999999999', quantity: 1 }] },
    ] };
    const response = await app.inject({ method: 'POST', url: '/v1/confirmations', payload });
    expect(response.statusCode).toBe(202);
    const { feeds, outcomes } = response.json<{ feeds: Feed[]; outcomes: (Outcome & { confirmationId: string })[] }>();
    expect(feeds).toMatchObject([{ marketplace: 'US', state: 'IN_QUEUE', packages: 1, rows: 1, processed: null, finishedAt: null }]);
    expect(outcomes).toMatchObject([{ orderId: order!.orderId, state: 'sending', reason: `in feed ${feeds[0]!.feedId}` }]);
    // The client sends it again (its answer lost): the same feed and confirmation answer, no second one is made.
    const retried = await app.inject({ method: 'POST', url: '/v1/confirmations', payload });
    expect(retried.statusCode).toBe(202);
    expect(retried.json()).toMatchObject({ feeds: [{ feedId: feeds[0]!.feedId }], outcomes: [{ confirmationId: outcomes[0]!.confirmationId, state: 'sending' }] });
    // The server follows the feed; the client reads it until it has ended.
    const followed = await vi.waitFor(async () => {
      const feed = await app.inject({ url: `/v1/amazon/feeds/${feeds[0]!.feedId}` });
      const body = feed.json<{ feed: Feed; outcomes: Outcome[] }>();
      expect(body.feed.finishedAt).not.toBeNull();
      return body;
    }, { timeout: 20_000, interval: 20 });
    expect(followed).toMatchObject({
      feed: { state: 'DONE', processed: 1, successful: 0 },
      outcomes: [{ orderId: order!.orderId, state: 'failed', reason: expect.stringContaining('OrderItemId is invalid') }],
    });
    expect((await app.inject({ url: '/v1/amazon/feeds' })).json<{ feeds: Feed[] }>().feeds[0]).toEqual(followed.feed);
    const failed = (await app.inject({ url: '/v1/confirmations?state=failed' })).json<{ confirmations: Outcome[] }>().confirmations;
    expect(failed.filter((o) => o.orderId === order!.orderId)).toHaveLength(1);
    expect((await app.inject({ url: '/v1/amazon/feeds/404' })).statusCode).toBe(404);
    // Nothing by the feed: answered when done, 200.
    const single = await app.inject({
      method: 'POST', url: '/v1/confirmations',
      payload: { feed: false, confirmations: [{ orderId: 'unknown', carrierCode: 'UPS', trackingNumber: '1ZI69FH60101018902', shipDate }] },
    });
    expect(single.statusCode).toBe(200);
  });

  it('resumes a feed a stopped server left: another server on the same store applies its outcome, nothing stays sending', async () => {
    mock.pollsToFinish = 8;
    const [, order] = unshipped();
    const response = await app.inject({
      method: 'POST', url: '/v1/confirmations',
      payload: { feed: true, confirmations: [{ orderId: order!.orderId, carrierCode: 'UPS', trackingNumber: '1Z879E930346834440', shipDate: new Date().toISOString() }] },
    });
    expect(response.statusCode).toBe(202);
    const feedId = response.json<{ feeds: Feed[] }>().feeds[0]!.feedId;
    // The server stops before Amazon has processed the feed.
    await app.close();
    const left = (await app2Inject(`/v1/amazon/feeds/${feedId}`)).json<{ feed: Feed; outcomes: Outcome[] }>();
    expect(left).toMatchObject({ feed: { finishedAt: null }, outcomes: [{ state: 'sending' }] });
    // The next `vtrguard serve` picks it up on its schedule.
    const scheduler = startAmazonScheduler(
      { ...amazonDeps(db.store, { amazon: { secretKey, endpoint: mock.url, tokenUrl: mock.tokenUrl }, metrics: DEFAULT_METRICS_CONFIG }), clients: new AmazonClients() },
      { syncEveryMs: 3_600_000, heldEveryMs: 3_600_000, reportEveryMs: 86_400_000, feedsEveryMs: 3_600_000, onError: (_s, task, error) => { throw new Error(`${task}: ${String(error)}`); } },
    );
    await vi.waitFor(async () => {
      await scheduler.runOnce();
      const now = (await app2Inject(`/v1/amazon/feeds/${feedId}`)).json<{ feed: Feed; outcomes: Outcome[] }>();
      expect(now).toMatchObject({ feed: { state: 'DONE' }, outcomes: [{ state: 'sent' }] });
    }, { timeout: 20_000, interval: 20 });
    await scheduler.stop();
    expect((await app2Inject('/v1/confirmations?state=sending')).json<{ confirmations: unknown[] }>().confirmations).toEqual([]);
    expect(mock.confirmations.filter((c) => c.orderId === order!.orderId)).toHaveLength(1);
  });

  it('refuses a bad body with the field named', async () => {
    const bad = await (app2 ?? app).inject({ method: 'POST', url: '/v1/confirmations', payload: { confirmations: [{ orderId: 'x' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
