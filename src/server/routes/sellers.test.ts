import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoredCarrierCredentials } from '../../app/seller-credentials.js';
import { addOperatorSellers } from '../../store/operators.js';
import { dialectCases, freshSqliteStore, rawSql } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { createApiKey } from '../api-keys.js';
import { createApp } from '../app.js';
import { makeSeller, UK, US } from '../../../test/mock-sp-api/fixtures.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../../../test/mock-sp-api/server.js';

const NOW = Date.parse('2026-11-20T20:00:00Z');
const HEADER = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date';
// Shipped four days before NOW and never scanned: a VTR defect in today's window.
const ROW = '112-1234567-1234567,US,2026-11-15T10:00:00Z,2026-11-17T07:59:59Z,2026-11-19,SKU-1,Toys & Games,UPS,1Z999AA10123456784,2026-11-16T18:00:00Z';
const SECRET_KEY = randomBytes(32);

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`sellers of an operator, and per-seller credentials (${dialect.name})`, () => {
    let db: TestStore;
    let app: FastifyInstance;
    let operatorKey: string;
    let sellerKey: string;
    const as = (key: string, seller?: string) => ({ 'x-api-key': key, ...(seller ? { 'x-vtrguard-seller': seller } : {}) });
    const get = (url: string, headers: Record<string, string>) => app.inject({ url, headers, remoteAddress: '198.51.100.4' });

    beforeEach(async () => {
      db = await dialect.fresh();
      await db.store.ensureSeller('acme');
      await db.store.ensureSeller('bolt');
      await db.store.ensureSeller('outsider');
      await addOperatorSellers(db.store, '3pl-north', ['acme', 'bolt'], NOW);
      operatorKey = (await createApiKey(db.store, '3pl-north', 'ops', NOW, { operator: true })).key;
      sellerKey = (await createApiKey(db.store, 'acme', 'own', NOW)).key;
      app = await createApp({ store: db.store, defaultSellerId: 'default', now: () => NOW, amazon: { secretKey: SECRET_KEY, endpoint: null, tokenUrl: null } });
    });
    afterEach(async () => {
      await app.close();
      await db.dispose();
    });

    it('an operator key sees every one of its sellers, worst first, and acts for the one a request names', async () => {
      const imported = await app.inject({ method: 'POST', url: '/v1/imports?fileName=acme.csv', payload: `${HEADER}\n${ROW}\n`, headers: { ...as(operatorKey, 'bolt'), 'content-type': 'text/csv' }, remoteAddress: '198.51.100.4' });
      expect(imported.statusCode).toBe(200);
      expect(await db.store.counts('bolt')).toMatchObject({ orders: 1 });
      expect(await db.store.counts('acme')).toMatchObject({ orders: 0 });

      const overview = await get('/v1/operator/sellers', as(operatorKey));
      expect(overview.statusCode).toBe(200);
      const body = overview.json();
      expect(body.operatorId).toBe('3pl-north');
      expect(body.sellers.map((s: { sellerId: string }) => s.sellerId)).toEqual(['bolt', 'acme']);
      expect(body.sellers[0]).toMatchObject({ sellerId: 'bolt', marketplaces: ['US'], worst: { marketplace: 'US', metric: 'vtr', status: 'bad', rate: 0 }, heldConfirmations: 0 });
      expect(body.sellers[0].defects).toBeGreaterThanOrEqual(1);
      expect(body.sellers[1]).toEqual({ sellerId: 'acme', marketplaces: [], worst: null, defects: 0, heldConfirmations: 0, defectsDue: [] });
      // When its defects enter Amazon's figures: the attention view's list, counted per day. The package promised on
      // Nov 19 and never scanned enters Seller Central's VTR 14 days after that day.
      expect(body.sellers[0].defectsDue).toEqual([{ entersOn: '2026-12-03', marketplace: 'US', metric: 'vtr', count: 1 }]);
      const attention = (await get('/v1/attention', as(operatorKey, 'bolt'))).json() as { upcomingDefects: { total: number; items: { entersOn: string; marketplace: string; metric: string }[] } };
      const counted = new Map<string, { entersOn: string; marketplace: string; metric: string; count: number }>();
      for (const { entersOn, marketplace, metric } of attention.upcomingDefects.items) {
        const key = `${entersOn}/${marketplace}/${metric}`;
        counted.set(key, { entersOn, marketplace, metric, count: (counted.get(key)?.count ?? 0) + 1 });
      }
      expect(attention.upcomingDefects.total).toBe(1);
      expect(body.sellers[0].defectsDue).toEqual([...counted.values()]);

      expect((await get('/v1/session', as(operatorKey))).json()).toEqual({ sellerId: null, operatorId: '3pl-north' });
      expect((await get('/v1/session', as(operatorKey, 'bolt'))).json()).toEqual({ sellerId: 'bolt', operatorId: '3pl-north' });
      const metrics = await get('/v1/metrics?marketplace=US', as(operatorKey, 'bolt'));
      expect(metrics.json()).toMatchObject({ marketplace: 'US', vtr: { overall: { total: 1 } } });
      expect((await get('/v1/marketplaces', as(operatorKey, 'acme'))).json()).toMatchObject({ marketplaces: [] });
    });

    it('refuses an operator key a seller that is not its own, and a request naming none', async () => {
      const other = await get('/v1/metrics', as(operatorKey, 'outsider'));
      expect(other.statusCode).toBe(403);
      expect(other.json().error).toMatchObject({ code: 'FORBIDDEN', details: { value: 'outsider' } });
      const none = await get('/v1/metrics', as(operatorKey));
      expect(none.statusCode).toBe(400);
      expect(none.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'x-vtrguard-seller' } });
    });

    it('a seller’s own key sees only its seller: the overview and any switch are refused with the error envelope', async () => {
      const overview = await get('/v1/operator/sellers', as(sellerKey));
      expect(overview.statusCode).toBe(403);
      expect(overview.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringContaining('operator key'), details: { sellerId: 'acme' } } });
      const switched = await get('/v1/metrics', as(sellerKey, 'bolt'));
      expect(switched.statusCode).toBe(403);
      expect(switched.json().error.code).toBe('FORBIDDEN');
      expect((await get('/v1/marketplaces', as(sellerKey, 'acme'))).statusCode).toBe(200);
      expect((await get('/v1/session', as(sellerKey))).json()).toEqual({ sellerId: 'acme', operatorId: null });
      // Without a key on loopback (the demo seller) there is no overview either.
      const local = await app.inject({ url: '/v1/operator/sellers' });
      expect(local.statusCode).toBe(403);
    });

    it('keeps a seller’s carrier account sealed, says only whether it is set and since when, and hands it to the carrier clients', async () => {
      const secret = 'ups-client-secret-0123456789';
      const put = await app.inject({ method: 'PUT', url: '/v1/credentials/carriers/ups', payload: { clientId: 'acme-ups-client-id', clientSecret: secret }, headers: as(operatorKey, 'acme'), remoteAddress: '198.51.100.4' });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ name: 'ups', set: true, updatedAt: new Date(NOW).toISOString(), connection: null });

      const list = await get('/v1/credentials', as(sellerKey));
      expect(list.json().credentials).toEqual([
        { name: 'ups', set: true, updatedAt: new Date(NOW).toISOString(), connection: null },
        { name: 'fedex', set: false, updatedAt: null, connection: null },
        { name: 'usps', set: false, updatedAt: null, connection: null },
        { name: 'dhl', set: false, updatedAt: null, connection: null },
        { name: 'amazon', set: false, updatedAt: null, connection: null },
      ]);
      expect(JSON.stringify([put.json(), list.json()])).not.toMatch(/acme-ups-client-id|ups-client-secret/);
      // At rest: sealed, not in clear.
      const rows = await rawSql(db.store).all<{ sealed: string }>('SELECT sealed FROM seller_credentials');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.sealed).toMatch(/^v1\./);
      expect(rows[0]!.sealed).not.toContain(secret);
      // Another seller sees its own state: nothing set.
      expect((await get('/v1/credentials', as(operatorKey, 'bolt'))).json().credentials[0]).toEqual({ name: 'ups', set: false, updatedAt: null, connection: null });

      const stored = new StoredCarrierCredentials(db.store, SECRET_KEY);
      await stored.refresh();
      const source = stored.over(() => ({ clientId: 'from-env' }));
      expect(source('acme', 'ups')).toEqual({ clientId: 'acme-ups-client-id', clientSecret: secret });
      expect(source('bolt', 'ups')).toEqual({ clientId: 'from-env' });

      expect((await app.inject({ method: 'DELETE', url: '/v1/credentials/carriers/ups', headers: as(sellerKey), remoteAddress: '198.51.100.4' })).statusCode).toBe(204);
      expect((await get('/v1/credentials', as(sellerKey))).json().credentials[0]).toEqual({ name: 'ups', set: false, updatedAt: null, connection: null });
    });

    it('refuses an unknown carrier, incomplete credentials, and storing anything without VTRGUARD_SECRET_KEY', async () => {
      const put = (url: string, payload: object, target = app) => target.inject({ method: 'PUT', url, payload, headers: as(sellerKey), remoteAddress: '198.51.100.4' });
      expect((await put('/v1/credentials/carriers/pigeon', { apiKey: 'k'.repeat(20) })).json().error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'carrier' } });
      expect((await put('/v1/credentials/carriers/fedex', { clientId: 'id-only-0123' })).json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'clientSecret' } });
      expect((await put('/v1/credentials/carriers/usps', { apiKey: 'usps-key-0123456789', baseUrl: 'file:///etc' })).json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'baseUrl' } });
      const keyless = await createApp({ store: db.store, defaultSellerId: 'default', now: () => NOW });
      try {
        const refused = await put('/v1/credentials/carriers/dhl', { apiKey: 'dhl-key-0123456789' }, keyless);
        expect(refused.statusCode).toBe(500);
        expect(refused.json().error).toMatchObject({ code: 'CONFIG_INVALID' });
        expect(refused.json().error.message).toContain('VTRGUARD_SECRET_KEY');
      } finally {
        await keyless.close();
      }
      expect(await rawSql(db.store).all('SELECT name FROM seller_credentials')).toEqual([]);
    });
  });
}

describe('a seller\'s Amazon credentials through the API, against the local SP-API', () => {
  let db: TestStore;
  let app: FastifyInstance;
  let mock: MockSpApi;
  let amazonSeller: MockSeller;
  let operatorKey: string;
  let acmeKey: string;
  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, key: string, seller?: string, payload?: object) =>
    app.inject({ method, url, headers: { 'x-api-key': key, ...(seller ? { 'x-vtrguard-seller': seller } : {}) }, remoteAddress: '198.51.100.4', ...(payload ? { payload } : {}) });
  const amazonOf = async (key: string, seller?: string) =>
    ((await call('GET', '/v1/credentials', key, seller)).json() as { credentials: { name: string; set: boolean }[] }).credentials.find((c) => c.name === 'amazon');

  beforeEach(async () => {
    db = await freshSqliteStore();
    for (const seller of ['acme', 'bolt', 'outsider']) await db.store.ensureSeller(seller);
    await addOperatorSellers(db.store, '3pl-north', ['acme', 'bolt'], NOW);
    operatorKey = (await createApiKey(db.store, '3pl-north', 'ops', NOW, { operator: true })).key;
    acmeKey = (await createApiKey(db.store, 'acme', 'own', NOW)).key;
    amazonSeller = makeSeller('creds', { count: 2, marketplaceIds: [US, UK] });
    mock = await startMockSpApi([amazonSeller]);
    app = await createApp({ store: db.store, defaultSellerId: 'default', now: () => NOW, amazon: { secretKey: SECRET_KEY, endpoint: mock.url, tokenUrl: mock.tokenUrl } });
  });
  afterEach(async () => {
    await app.close();
    await mock.close();
    await db.dispose();
  });

  const credentials = () => ({ clientId: amazonSeller.clientId, clientSecret: amazonSeller.clientSecret, refreshToken: amazonSeller.refreshToken, region: 'na' });

  it('an operator key enters a seller\'s credentials: tried first, sealed at rest, shown only as set with the rotation date and the connection state', async () => {
    const put = await call('PUT', '/v1/credentials/amazon', operatorKey, 'acme', { ...credentials(), secretCreatedAt: '2026-10-01' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      name: 'amazon', set: true, updatedAt: new Date(NOW).toISOString(),
      connection: {
        marketplaces: ['US', 'UK'],
        rotation: { dueAt: '2027-03-30T00:00:00.000Z', daysLeft: 129, warn: false },
        lastCheck: { ok: true, message: null, checkedAt: new Date(NOW).toISOString(), since: new Date(NOW).toISOString() },
      },
    });
    // The seller's own key sees the same state; nothing of the credentials anywhere.
    expect(await amazonOf(acmeKey)).toEqual(put.json());
    const everything = JSON.stringify([put.json(), (await call('GET', '/v1/credentials', acmeKey)).json()]);
    for (const secret of [amazonSeller.clientSecret, amazonSeller.refreshToken, amazonSeller.clientId]) expect(everything).not.toContain(secret);
    const [row] = await rawSql(db.store).all<{ sealed: string }>('SELECT sealed FROM amazon_connections WHERE seller_id = ?', ['acme']);
    expect(row!.sealed).not.toContain(amazonSeller.clientSecret);
    expect(row!.sealed).not.toContain(amazonSeller.refreshToken);

    // Credentials Amazon refuses are not stored, and the answer says why without echoing them.
    const wrong = await call('PUT', '/v1/credentials/amazon', operatorKey, 'bolt', { ...credentials(), clientSecret: 'amzn1.oa2-cs.v1.not-the-secret' });
    expect(wrong.statusCode).toBe(502);
    expect(wrong.json().error.code).toBe('AMAZON_AUTH_FAILED');
    expect(wrong.body).not.toContain('not-the-secret');
    expect(await amazonOf(operatorKey, 'bolt')).toEqual({ name: 'amazon', set: false, updatedAt: null, connection: null });
  });

  it('a seller key manages only its own seller\'s; an operator key only its sellers\'', async () => {
    expect((await call('PUT', '/v1/credentials/amazon', acmeKey, 'bolt', credentials())).statusCode).toBe(403);
    expect((await call('DELETE', '/v1/credentials/amazon', acmeKey, 'bolt')).statusCode).toBe(403);
    expect((await call('POST', '/v1/credentials/amazon/test', acmeKey, 'bolt')).statusCode).toBe(403);
    expect((await call('PUT', '/v1/credentials/amazon', operatorKey, 'outsider', credentials())).statusCode).toBe(403);
    expect(await rawSql(db.store).all('SELECT seller_id FROM amazon_connections')).toEqual([]);
    expect((await call('PUT', '/v1/credentials/amazon', acmeKey, undefined, credentials())).statusCode).toBe(200);
    expect((await amazonOf(acmeKey))?.set).toBe(true);
  });

  it('tests the stored connection against Amazon, says when Amazon stops taking it, and removes it', async () => {
    expect((await call('POST', '/v1/credentials/amazon/test', acmeKey)).json().error.code).toBe('AMAZON_NOT_CONNECTED');
    await call('PUT', '/v1/credentials/amazon', acmeKey, undefined, credentials());
    const tokens = mock.tokensIssued;
    const passed = await call('POST', '/v1/credentials/amazon/test', acmeKey);
    expect(passed.json()).toMatchObject({ ok: true, message: null, credential: { set: true, connection: { lastCheck: { ok: true } } } });
    // A real exchange each time, not a cached token.
    expect(mock.tokensIssued).toBe(tokens + 1);

    // The secret was rotated in Seller Central but not here: the test says so, and the state shows it.
    const stored = amazonSeller.clientSecret;
    amazonSeller.clientSecret = 'amzn1.oa2-cs.v1.rotated-elsewhere';
    const failed = await call('POST', '/v1/credentials/amazon/test', acmeKey);
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({ ok: false, credential: { connection: { lastCheck: { ok: false } } } });
    expect(failed.json().message).toMatch(/invalid_client|rejected|refused/i);
    expect(failed.body).not.toContain(stored);

    expect((await call('DELETE', '/v1/credentials/amazon', acmeKey)).statusCode).toBe(204);
    expect(await amazonOf(acmeKey)).toEqual({ name: 'amazon', set: false, updatedAt: null, connection: null });
    expect((await call('DELETE', '/v1/credentials/amazon', acmeKey)).json().error.code).toBe('AMAZON_NOT_CONNECTED');
  });
});
