import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAttention } from '../../app/attention.js';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config.js';
import { freshSqliteStore } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { registerErrorHandler } from '../errors.js';
import { errorResponseSchema } from '../schemas.js';
import attentionRoutes from './attention.js';

const H = 3_600_000;
const NOW = Date.parse('2026-11-20T20:00:00Z');

describe('GET /v1/attention', () => {
  let t: TestStore;
  const app = Fastify();
  beforeAll(async () => {
    t = await freshSqliteStore();
    await t.store.ensureSeller('s1');
    await t.store.writeBatch('s1', {
      orders: [{
        orderId: 'o1', marketplace: 'US', purchaseDate: NOW - 100 * H, latestShipDate: NOW - 80 * H, latestDeliveryDate: NOW - 30 * H,
        fulfillmentChannel: 'MFN', shipServiceLevel: null, cancelledAt: null, cancelledBy: null,
        purchaseDay: '2026-11-16', shipByDay: '2026-11-17', promisedDay: '2026-11-19',
      }],
      items: [{ orderId: 'o1', orderItemId: 'a', sku: 'A', category: 'Toys', quantity: 1 }],
      packages: [{
        orderId: 'o1', packageRef: '1', carrierCode: 'UPS', carrierName: null, shippingMethod: null, trackingRaw: '1Z1', trackingNumber: '1Z1',
        shipDate: NOW - 90 * H, confirmedAt: NOW - 90 * H, confirmDay: '2026-11-16', exempt: false, carrierKey: 'ups', staticDefect: null, problems: [],
      }],
      packageItems: [{ orderId: 'o1', packageRef: '1', orderItemId: 'a', quantity: 1 }],
    });
    app.addSchema(errorResponseSchema);
    registerErrorHandler(app);
    app.decorateRequest('sellerId', 's1');
    await app.register(attentionRoutes, { prefix: '/v1', store: t.store, defaultSellerId: 's1', now: () => NOW, dashboardUrl: 'http://x' });
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  it("answers the use case's report, every field through the response schema", async () => {
    const res = await app.inject({ url: '/v1/attention' });
    expect(res.statusCode).toBe(200);
    const expected = await readAttention({ store: t.store, sellerId: 's1', config: DEFAULT_METRICS_CONFIG, now: NOW });
    expect(expected.metrics.length).toBeGreaterThan(0);
    expect(expected.upcomingDefects.items.length).toBeGreaterThan(0);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
