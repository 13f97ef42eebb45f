import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TrackingEventRecord } from '../../core/domain.js';
import { addDays, endOfLocalDay, startOfLocalDay } from '../../core/time.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { TREND_DEFAULT_DAYS } from '../../metrics/dashboard.js';
import type { ScorecardReport, TrendReport } from '../../metrics/dashboard.js';
import type { OrderWrite, PackageWrite } from '../../store/store.js';
import { freshSqliteStore } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { listDefects } from '../../app/defect-list.js';
import { readForecasts, readMetrics } from '../../app/metrics.js';
import { readScorecard, readTrend } from '../../app/dashboard.js';
import { createDemo } from '../../demo/create-demo.js';
import { createApp } from '../app.js';

const US = DEFAULT_METRICS_CONFIG.US;
const AS_OF = '2026-11-20';
const HOUR = 3_600_000;

describe('dashboard routes', () => {
  const zone = US.zone;
  const seller = 'seller-1';
  let db: TestStore;
  let app: FastifyInstance;

  interface Shipment {
    id: string;
    carrier: string;
    number: string;
    category: string;
    /** Hours after confirmation of the first scan; null for none. */
    scanAfter: number | null;
  }
  const shipments: Shipment[] = [
    { id: '111-0000001-0000001', carrier: 'UPS', number: '1Z999AA10123456784', category: 'Toys & Games', scanAfter: 2 },
    { id: '111-0000001-0000002', carrier: 'UPS', number: '1Z999AA10123456793', category: 'Toys & Games', scanAfter: 6 },
    { id: '111-0000001-0000003', carrier: 'UPS', number: '1Z999AA10123456800', category: 'Home & Kitchen', scanAfter: 10 },
    { id: '111-0000001-0000004', carrier: 'UPS', number: '1Z999AA10123456819', category: 'Home & Kitchen', scanAfter: null },
    { id: '111-0000001-0000005', carrier: 'USPS', number: '9400111899223817164538', category: 'Home & Kitchen', scanAfter: 24 },
    { id: '111-0000001-0000006', carrier: 'USPS', number: '9400111899223817164545', category: 'Home & Kitchen', scanAfter: 30 },
  ];

  beforeAll(async () => {
    db = await freshSqliteStore();
    const { store } = db;
    await store.ensureSeller(seller);
    const promisedDay = addDays(AS_OF, -5);
    const confirmed = startOfLocalDay(addDays(AS_OF, -8), zone) + 10 * HOUR;
    const orders: OrderWrite[] = shipments.map((s) => ({
      orderId: s.id,
      marketplace: 'US',
      purchaseDate: confirmed - 20 * HOUR,
      purchaseDay: addDays(AS_OF, -9),
      latestShipDate: confirmed + 10 * HOUR,
      shipByDay: addDays(AS_OF, -8),
      latestDeliveryDate: endOfLocalDay(promisedDay, zone),
      promisedDay,
      fulfillmentChannel: 'MFN',
      shipServiceLevel: null,
      cancelledAt: null,
      cancelledBy: null,
    }));
    const packages: PackageWrite[] = shipments.map((s) => ({
      orderId: s.id,
      packageRef: '1',
      carrierCode: s.carrier,
      carrierName: null,
      shippingMethod: null,
      trackingRaw: s.number,
      trackingNumber: s.number,
      shipDate: confirmed,
      confirmedAt: confirmed,
      confirmDay: addDays(AS_OF, -8),
      exempt: false,
      carrierKey: s.carrier.toLowerCase(),
      staticDefect: null,
      problems: [],
    }));
    await store.writeBatch(seller, {
      orders,
      items: shipments.map((s) => ({ orderId: s.id, orderItemId: 'i1', sku: 'SKU', category: s.category, quantity: 1 })),
      packages,
      packageItems: shipments.map((s) => ({ orderId: s.id, packageRef: '1', orderItemId: 'i1', quantity: 1 })),
    });
    const events: TrackingEventRecord[] = shipments.flatMap((s) =>
      s.scanAfter === null
        ? []
        : [{
            carrierKey: s.carrier.toLowerCase(), carrierRaw: s.carrier, trackingNumber: s.number,
            occurredAt: confirmed + s.scanAfter * HOUR, offsetMinutes: 0, status: 'in_transit' as const,
            code: 'I', description: 'Departed', location: null, source: 'test', eventKey: `e-${s.number}`,
          }],
    );
    await store.insertEvents(seller, events, confirmed + 40 * HOUR);
    // The clock sits in the middle of the as-of day, so asOf defaults to it.
    app = await createApp({ store, defaultSellerId: seller, now: () => startOfLocalDay(AS_OF, zone) + 12 * HOUR, logger: process.env.DEBUG_ROUTES ? { level: "error" } : false });
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('lists the seller’s marketplaces with their zone and local today', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/marketplaces', remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ marketplaces: [{ code: 'US', timeZone: zone, today: AS_OF }] });
  });

  it('answers the trend, ending on the same VTR as the report', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/trend?marketplace=US&days=60', remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    const trend = response.json<TrendReport>();
    expect(trend.asOf).toBe(AS_OF);
    expect(trend.overall).toHaveLength(60);
    expect(trend.overall.at(-1)).toEqual({ date: AS_OF, valid: 5, total: 6, rate: 5 / 6 });
    const home = trend.byCategory.find((c) => c.category === 'Home & Kitchen');
    expect(home?.points.at(-1)).toMatchObject({ valid: 3, total: 4 });
  });

  it('computes a past as-of from raw rows where no figures are kept (written through the store), with the same figures when nothing arrived since, and says so', async () => {
    const yesterday = addDays(AS_OF, -1);
    const response = await app.inject({ method: 'GET', url: `/v1/trend?marketplace=US&asOf=${yesterday}&days=7`, remoteAddress: '127.0.0.1' });
    const trend = response.json<TrendReport>();
    expect(trend.source).toBe('raw');
    expect(trend.overall).toHaveLength(7);
    expect(trend.overall.at(-1)).toEqual({ date: yesterday, valid: 5, total: 6, rate: 5 / 6 });
    const scorecard = (await app.inject({ method: 'GET', url: `/v1/scorecard?marketplace=US&asOf=${yesterday}`, remoteAddress: '127.0.0.1' })).json<ScorecardReport>();
    expect(scorecard.source).toBe('raw');
    expect(scorecard.carriers.find((c) => c.carrier === 'UPS')).toMatchObject({ vtr: { valid: 3, total: 4 } });
  });

  it('answers the scorecard per carrier', async () => {
    const response = await app.inject({ method: 'GET', url: `/v1/scorecard?marketplace=us&asOf=${AS_OF}`, remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    const report = response.json<ScorecardReport>();
    const ups = report.carriers.find((c) => c.carrier === 'UPS');
    const usps = report.carriers.find((c) => c.carrier === 'USPS');
    expect(ups).toMatchObject({ packages: 4, vtr: { valid: 3, total: 4, rate: 0.75, status: 'bad' }, medianHoursToFirstScan: 6 });
    expect(usps).toMatchObject({ packages: 2, vtr: { valid: 2, total: 2 }, medianHoursToFirstScan: 27 });
  });

  it('rejects an unknown marketplace and a malformed date with the catalogue’s codes', async () => {
    const bad = await app.inject({ method: 'GET', url: '/v1/trend?marketplace=XX', remoteAddress: '127.0.0.1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const badDate = await app.inject({ method: 'GET', url: '/v1/scorecard?marketplace=US&asOf=20-11-2026', remoteAddress: '127.0.0.1' });
    expect(badDate.statusCode).toBe(400);
    for (const route of ['trend', 'scorecard']) {
      // The query schema's date format already knows February has no 30th; a day still to come is an error too.
      const impossible = await app.inject({ method: 'GET', url: `/v1/${route}?marketplace=US&asOf=2026-02-30`, remoteAddress: '127.0.0.1' });
      expect(impossible.statusCode, route).toBe(400);
      const future = await app.inject({ method: 'GET', url: `/v1/${route}?marketplace=US&asOf=2027-01-01`, remoteAddress: '127.0.0.1' });
      expect(future.json(), route).toMatchObject({ error: { code: 'BAD_REQUEST', details: { field: 'asOf' } } });
      expect(future.json().error.message, route).toContain('in the future');
    }
    const tooMany = await app.inject({ method: 'GET', url: '/v1/trend?marketplace=US&days=1000', remoteAddress: '127.0.0.1' });
    expect(tooMany.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('the scorecard against /v1/metrics on the demo seller', () => {
  let db: TestStore;
  let app: FastifyInstance;
  const NOW = Date.parse('2026-11-20T20:00:00Z');

  beforeAll(async () => {
    db = await freshSqliteStore();
    await createDemo(db.store, 'demo', DEFAULT_METRICS_CONFIG, { now: NOW, seed: 7 });
    app = await createApp({ store: db.store, defaultSellerId: 'demo', now: () => NOW, logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('answers the metrics, forecast and defects exactly as their use cases build them (the response schemas drop nothing)', async () => {
    const get = async (url: string): Promise<unknown> => (await app.inject({ method: 'GET', url, remoteAddress: '127.0.0.1' })).json();
    const options = { config: DEFAULT_METRICS_CONFIG, now: NOW };
    const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    expect(await get('/v1/metrics?marketplace=US')).toEqual(roundTrip((await readMetrics(db.store, 'demo', 'US', options))[0]));
    expect(await get('/v1/metrics')).toEqual(roundTrip(await readMetrics(db.store, 'demo', undefined, options)));
    expect(await get('/v1/forecast?marketplace=UK')).toEqual(roundTrip((await readForecasts(db.store, 'demo', 'UK', undefined, options))[0]));
    const asOf = '2026-11-20';
    const page = await listDefects(db.store, 'demo', 'US', { metric: 'vtr', asOf }, { ...options, offset: 0, limit: 50 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(await get(`/v1/defects?metric=vtr&marketplace=US&asOf=${asOf}&limit=50`)).toEqual({
      marketplace: 'US', metric: 'vtr', asOf, total: page.total, source: page.source, offset: 0, limit: 50, items: roundTrip(page.rows),
    });
  });

  it('publishes a valid OpenAPI document: every operation with an operationId and a response schema', async () => {
    const spec = (await app.inject({ url: '/openapi.json', remoteAddress: '127.0.0.1' })).json<{
      paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    }>();
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const ids: string[] = [];
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.operationId) ids.push(operation.operationId);
        else missing.push(`${method} ${path}: no operationId`);
        const success = Object.entries(operation.responses).filter(([code]) => code.startsWith('2'));
        const described = success.some(([code, response]) => code === '204' || Object.values(response.content ?? {}).some((c) => c.schema));
        if (!described) missing.push(`${method} ${path}: no success response schema`);
      }
    }
    expect(missing).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers the trend and the scorecard of today and of a past day from the kept figures, and says so', async () => {
    const options = { config: DEFAULT_METRICS_CONFIG, now: NOW };
    for (const asOf of ['2026-11-20', '2026-11-10']) {
      const trend = (await app.inject({ method: 'GET', url: `/v1/trend?marketplace=US&asOf=${asOf}`, remoteAddress: '127.0.0.1' })).json<TrendReport>();
      const scorecard = (await app.inject({ method: 'GET', url: `/v1/scorecard?marketplace=US&asOf=${asOf}`, remoteAddress: '127.0.0.1' })).json<ScorecardReport>();
      expect([trend.source, scorecard.source], asOf).toEqual(['rollups', 'rollups']);
      // The same figures as the raw classification as of that day, through the response schema.
      const reader = { store: db.store, sellerId: 'demo', ...options, recompute: true };
      expect(trend, asOf).toEqual({ ...JSON.parse(JSON.stringify(await readTrend(reader, 'US', asOf, TREND_DEFAULT_DAYS))), source: 'rollups' });
      expect(scorecard, asOf).toEqual({ ...JSON.parse(JSON.stringify(await readScorecard(reader, 'US', asOf))), source: 'rollups' });
      expect(scorecard.carriers.length, asOf).toBeGreaterThan(2);
    }
  });

  it('gives every carrier the VTR and status the metrics give it (parcels on their way to a first scan are not a risk)', async () => {
    for (const marketplace of ['US', 'UK', 'DE']) {
      const metrics = (await app.inject({ method: 'GET', url: `/v1/metrics?marketplace=${marketplace}`, remoteAddress: '127.0.0.1' })).json<{
        vtr: { byCarrier: { carrier: string; valid: number; total: number; status: string }[] };
      }>();
      const scorecard = (await app.inject({ method: 'GET', url: `/v1/scorecard?marketplace=${marketplace}`, remoteAddress: '127.0.0.1' })).json<ScorecardReport>();
      const byCarrier = new Map(metrics.vtr.byCarrier.map((c) => [c.carrier, c]));
      expect(byCarrier.size).toBeGreaterThan(2);
      for (const score of scorecard.carriers) {
        const line = byCarrier.get(score.carrier);
        if (!line) continue;
        expect({ carrier: score.carrier, ...score.vtr }).toEqual({ carrier: score.carrier, valid: line.valid, total: line.total, rate: score.vtr.rate, status: line.status });
      }
    }
  });
});
