import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptFigures } from '../../app/kept-figures.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { factKeysOf } from '../../store/store.js';
import type { WriteBatch } from '../../store/store.js';
import { freshSqliteStore, writeFacts } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { registerErrorHandler } from '../errors.js';
import { errorResponseSchema } from '../schemas.js';
import metricsRoutes from './metrics.js';

const H = 3_600_000;
const NOW = Date.parse('2026-11-20T20:00:00Z');

describe('metrics routes', () => {
  let t: TestStore;
  const app = Fastify();
  beforeAll(async () => {
    t = await freshSqliteStore();
    const s = t.store;
    await s.ensureSeller('s1');
    const orders = [1, 2, 3].map((i) => ({
      orderId: `o${i}`, marketplace: 'US' as const, purchaseDate: NOW - 100 * H, latestShipDate: NOW - 80 * H, latestDeliveryDate: NOW - 30 * H,
      fulfillmentChannel: 'MFN' as const, shipServiceLevel: null, cancelledAt: null, cancelledBy: null,
      purchaseDay: '2026-11-16', shipByDay: '2026-11-17', promisedDay: '2026-11-19', isPrime: i === 2,
    }));
    const batch: WriteBatch = {
      orders,
      items: orders.map((o) => ({ orderId: o.orderId, orderItemId: 'a', sku: 'A', category: 'Toys, "Fun"', quantity: 1 })),
      packages: orders.map((o, i) => ({
        orderId: o.orderId, packageRef: '1', carrierCode: i === 0 ? 'UPS' : 'ups', carrierName: null, shippingMethod: 'Ground', trackingRaw: `1Z${i}`,
        trackingNumber: `1Z${i}`, shipDate: NOW - 90 * H, confirmedAt: NOW - 90 * H, confirmDay: '2026-11-16', exempt: false, carrierKey: 'ups',
        staticDefect: i === 0 ? null : 'carrier_mismatch', problems: [],
      })),
      packageItems: orders.map((o) => ({ orderId: o.orderId, packageRef: '1', orderItemId: 'a', quantity: 1 })),
    };
    // As an import writes: the kept figures answer the reads below.
    await writeFacts(s, keptFigures(DEFAULT_METRICS_CONFIG), 's1', factKeysOf(batch), (tx) => tx.writeBatch('s1', batch));
    app.addSchema(errorResponseSchema);
    registerErrorHandler(app);
    app.decorateRequest('sellerId', 's1');
    await app.register(metricsRoutes, { prefix: '/v1', store: s, defaultSellerId: 's1', now: () => NOW, dashboardUrl: 'http://x' });
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  it('GET /v1/metrics answers the formats.md shape', async () => {
    const res = await app.inject({ url: '/v1/metrics?marketplace=US' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ asOf: '2026-11-20', marketplace: 'US', source: 'rollups', vtr: { target: 0.95, overall: { valid: 0, total: 3, status: 'bad' } } });
    expect(body.lsr.d10).toMatchObject({ late: 0, total: 3 });
    expect(Array.isArray((await app.inject({ url: '/v1/metrics' })).json())).toBe(true);
  });

  it('GET /v1/metrics?view=amazon lags VTR 14 days; an unknown view is refused', async () => {
    const live = (await app.inject({ url: '/v1/metrics?marketplace=US' })).json();
    expect(live).toMatchObject({ view: 'live', vtr: { lagDays: 0, d7: { window: { from: '2026-11-14', to: '2026-11-20' }, total: 3 } } });
    const amazon = (await app.inject({ url: '/v1/metrics?marketplace=US&view=amazon' })).json();
    expect(amazon).toMatchObject({ view: 'amazon', vtr: { lagDays: 14, window: { to: '2026-11-06' }, overall: { total: 0 } } });
    const page = (await app.inject({ url: '/v1/defects?metric=vtr&marketplace=US&view=amazon' })).json();
    expect(page.total).toBe(0);
    expect((await app.inject({ url: '/v1/metrics?view=seller' })).statusCode).toBe(400);
    // The v2 fields come through the response schema whole: OTDR's unit, SFP with its Prime VTR (o2 is Prime).
    expect(live.otdr).toMatchObject({ unit: 'unit', total: 0 });
    expect(live.sfp.vtr).toEqual({ window: { from: '2026-10-22', to: '2026-11-20' }, target: 0.99, valid: 0, total: 1, rate: 0, status: 'bad' });
    expect(Object.keys(live.vtr).sort()).toEqual(['attribution', 'byCarrier', 'byCategory', 'd7', 'lagDays', 'overall', 'target', 'window']);
  });

  it('refuses an as-of day that does not exist or is still to come, on every route that takes one', async () => {
    // NOW is 2026-11-20 12:00 in Los Angeles: the 21st is tomorrow there.
    for (const url of ['/v1/metrics?asOf=', '/v1/metrics?marketplace=US&asOf=', '/v1/defects?metric=vtr&marketplace=US&asOf=', '/v1/forecast?marketplace=US&asOf=']) {
      for (const [asOf, says] of [['2026-02-30', 'YYYY-MM-DD'], ['2026-11-31', 'YYYY-MM-DD'], ['2026-11-21', 'in the future']] as const) {
        const res = await app.inject({ url: `${url}${asOf}` });
        expect(res.statusCode, `${url}${asOf}`).toBe(400);
        expect(res.json().error, `${url}${asOf}`).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'asOf' } });
        expect(res.json().error.message).toContain(says);
      }
    }
    expect((await app.inject({ url: '/v1/metrics?marketplace=US&asOf=2026-11-20' })).statusCode).toBe(200);
  });

  it('GET /v1/defects of a past day lists from the kept figures (their later steps taken back) and says so', async () => {
    const page = (await app.inject({ url: '/v1/defects?metric=vtr&marketplace=US&asOf=2026-11-19' })).json();
    expect(page).toMatchObject({ asOf: '2026-11-19', total: 3, source: 'rollups' });
    expect(page.items.map((row: { orderId: string }) => row.orderId)).toEqual(['o1', 'o2', 'o3']);
  });

  it('GET /v1/defects pages JSON and downloads CSV', async () => {
    const page = (await app.inject({ url: '/v1/defects?metric=vtr&marketplace=US&limit=2&offset=1' })).json();
    expect(page).toMatchObject({ total: 3, source: 'rollups', offset: 1, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0].reasons).toEqual(['carrier_not_accepted', 'no_carrier_scan']);
    const csv = await app.inject({ url: '/v1/defects?metric=vtr&format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('orderId,packageRef,carrierCode,carrierName,trackingNumber,shippingMethod,categories,promisedDeliveryDate,shipDate,confirmedAt,firstScanAt,deliveredAt,reasons');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"Toys, ""Fun"""');
    expect((await app.inject({ url: '/v1/defects?metric=xyz' })).statusCode).toBe(400);
    // The Prime packages' VTR defects: o2's only.
    const prime = (await app.inject({ url: '/v1/defects?metric=sfp_vtr&marketplace=US' })).json();
    expect(prime).toMatchObject({ metric: 'sfp_vtr', total: 1, items: [{ orderId: 'o2' }] });
  });

  it('GET /v1/forecast and POST /v1/reconcile', async () => {
    const forecast = (await app.inject({ url: '/v1/forecast?marketplace=US' })).json();
    expect(forecast.categories[0]).toMatchObject({ category: 'Toys, "Fun"', total: 3, neededToRecover: 57 });
    expect(forecast.categories[0].days).toHaveLength(14);
    const rec = await app.inject({
      method: 'POST', url: '/v1/reconcile',
      payload: { performanceMetrics: [{ marketplaceId: 'ATVPDKIKX0DER', validTrackingRate: { reportingDateRange: { reportingDateFrom: '2026-10-21T00:00Z', reportingDateTo: '2026-11-19T23:59Z' }, shipmentCount: 4, validTrackingCount: 1, rate: 0.25 } }] },
    });
    expect(rec.statusCode).toBe(200);
    // Ours in the amazon view, its window on Amazon's: a range that ended yesterday is matched as of today.
    expect(rec.json().rows[0]).toMatchObject({ metric: 'vtr', ours: { total: 3, hits: 0, asOf: '2026-11-20', window: { from: '2026-10-21', to: '2026-11-19' } }, diff: { total: -1, hits: -1 } });
    const older = await app.inject({
      method: 'POST', url: '/v1/reconcile',
      payload: { performanceMetrics: [{ marketplaceId: 'ATVPDKIKX0DER', validTrackingRate: { reportingDateRange: { reportingDateFrom: '2026-10-01T00:00Z', reportingDateTo: '2026-10-30T23:59Z' }, shipmentCount: 0, validTrackingCount: 0 } }] },
    });
    // A range that ended 14 days or more ago: as of its end plus the amazon view's lag.
    expect(older.json().rows[0]).toMatchObject({ ours: { asOf: '2026-11-13', window: { from: '2026-10-01', to: '2026-10-30' } } });
  });
});
