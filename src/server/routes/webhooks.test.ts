import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryBody, PROVIDER_NAMES, SIGNERS } from '../../../test/mock-carriers/webhook-senders.js';
import { seedPackages } from '../../../test/mock-carriers/seed.js';
import { freshSqliteStore, rawSql, type TestStore } from '../../store/testing.js';
import { registerErrorHandler } from '../errors.js';
import { errorResponseSchema } from '../schemas.js';
import webhookRoutes from './webhooks.js';
import { configuredSecretResolver, webhookSecretsFromEnv } from '../../ingest/webhooks/secrets.js';

const SECRET = 'whsec-route-test';
const NOW = Date.parse('2026-09-10T12:00:00Z');

const ENV = {
  VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: SECRET, VTRGUARD_WEBHOOK_SECRET_EASYPOST: SECRET, VTRGUARD_WEBHOOK_SECRET_SHIPPO: SECRET,
  VTRGUARD_WEBHOOK_SECRET_17TRACK: SECRET, VTRGUARD_SELLER_S2_WEBHOOK_SECRET_SHIPPO: 'seller-two', VTRGUARD_SELLER_SHOP_1_WEBHOOK_SECRET_SHIPPO: 'shop-one',
};

let t: TestStore;
let app: FastifyInstance;

/** The route as `serve` mounts it, with the webhook secrets of this configuration. */
async function startApp(env: Record<string, string>): Promise<FastifyInstance> {
  const started = Fastify();
  started.addSchema(errorResponseSchema);
  registerErrorHandler(started);
  await started.register(webhookRoutes, {
    prefix: '/v1', store: t.store, defaultSellerId: 's1', now: () => NOW, dashboardUrl: '', webhookSecrets: configuredSecretResolver(webhookSecretsFromEnv(env)),
  });
  return started;
}

beforeEach(async () => {
  t = await freshSqliteStore();
  await seedPackages(t.store, 's1', [{ orderId: '111-0000001-0000001', trackingNumber: 'TRK1', carrierKey: null, confirmedAt: NOW - 3_600_000 * 30 }]);
  for (const seller of ['s2', 's3', 'shop-1']) await t.store.ensureSeller(seller);
  app = await startApp(ENV);
});
afterEach(async () => {
  await app.close();
  await t.dispose();
});

const count = async () => (await rawSql(t.store).all<{ n: number }>('SELECT COUNT(*) AS n FROM tracking_events'))[0]!.n;
const post = (provider: string, body: string, headers: Record<string, string>, query = '') =>
  app.inject({ method: 'POST', url: `/v1/webhooks/${provider}${query}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });

describe.each(PROVIDER_NAMES)('POST /v1/webhooks/%s', (provider) => {
  const body = deliveryBody(provider, { trackingNumber: 'TRK1', time: '2026-09-09T10:00:00-05:00', seq: 1 });

  it('stores a signed delivery once, however often it comes, and derives the first scan', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await post(provider, body, SIGNERS[provider](body, SECRET));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ events: 1 });
    }
    expect(await count()).toBe(1);
    const [pkg] = await rawSql(t.store).all<{ first_scan_at: number }>('SELECT first_scan_at FROM packages');
    expect(pkg!.first_scan_at).toBe(Date.parse('2026-09-09T15:00:00Z'));
  });

  it('answers 401 and stores nothing when the signature is wrong or missing', async () => {
    const bad = await post(provider, body, SIGNERS[provider](body, 'not-the-secret'));
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('WEBHOOK_BAD_SIGNATURE');
    expect((await post(provider, body, {})).statusCode).toBe(401);
    expect(await count()).toBe(0);
  });
});

describe('webhook edge cases', () => {
  it('404s an unknown provider', async () => {
    const res = await post('acme', '{}', {});
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('WEBHOOK_UNKNOWN_PROVIDER');
  });

  it('400s a signed body that is not the provider payload, after verifying it', async () => {
    const body = '{"hello":"world"}';
    expect((await post('aftership', body, SIGNERS.aftership(body, SECRET))).statusCode).toBe(400);
    const notJson = 'not json';
    expect((await post('aftership', notJson, SIGNERS.aftership(notJson, SECRET))).statusCode).toBe(400);
  });

  it('verifies the signature over the exact bytes, whatever the content type', async () => {
    const body = deliveryBody('easypost', { trackingNumber: 'TRK1', time: '2026-09-09T10:00:00Z', seq: 2 }).replace(':', ' : ');
    const res = await app.inject({ method: 'POST', url: '/v1/webhooks/easypost', payload: body, headers: { 'content-type': 'text/plain', ...SIGNERS.easypost(body, SECRET) } });
    expect(res.statusCode).toBe(200);
  });

  it('uses the seller secret named by ?seller=, and the default secret for other sellers', async () => {
    const body = deliveryBody('shippo', { trackingNumber: 'TRK9', time: '2026-09-09T10:00:00Z', seq: 3 });
    expect((await post('shippo', body, SIGNERS.shippo(body, SECRET), '?seller=s2')).statusCode).toBe(401);
    expect((await post('shippo', body, SIGNERS.shippo(body, 'seller-two'), '?seller=s2')).statusCode).toBe(200);
    expect((await post('shippo', body, {}, `?seller=s3&token=${SECRET}`)).statusCode).toBe(200);
    const rows = await rawSql(t.store).all<{ seller_id: string }>('SELECT seller_id FROM tracking_events ORDER BY seller_id');
    expect(rows.map((r) => r.seller_id)).toEqual(['s2', 's3']);
  });

  it('applies a seller\'s own secret to an id with a dash (shop-1 is SHOP_1 in the variable name), and no other secret', async () => {
    const body = deliveryBody('shippo', { trackingNumber: 'TRK7', time: '2026-09-09T10:00:00Z', seq: 4 });
    expect((await post('shippo', body, SIGNERS.shippo(body, SECRET), '?seller=shop-1')).statusCode).toBe(401);
    expect((await post('shippo', body, SIGNERS.shippo(body, 'shop-one'), '?seller=shop-1')).statusCode).toBe(200);
  });

  it('refuses a delivery for a seller that does not exist, however well signed, and creates nothing', async () => {
    const body = deliveryBody('shippo', { trackingNumber: 'TRK8', time: '2026-09-09T10:00:00Z', seq: 5 });
    const res = await post('shippo', body, SIGNERS.shippo(body, SECRET), '?seller=intruder');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('WEBHOOK_UNKNOWN_SELLER');
    expect((await t.store.listSellers()).map((s) => s.sellerId)).not.toContain('intruder');
    expect(await count()).toBe(0);
  });

  it('stops accepting a secret once it is removed from the configuration, after a restart', async () => {
    const body = deliveryBody('shippo', { trackingNumber: 'TRK6', time: '2026-09-09T10:00:00Z', seq: 6 });
    expect((await post('shippo', body, SIGNERS.shippo(body, 'seller-two'), '?seller=s2')).statusCode).toBe(200);
    await app.close();
    const { VTRGUARD_SELLER_S2_WEBHOOK_SECRET_SHIPPO: _removed, VTRGUARD_WEBHOOK_SECRET_SHIPPO: _alsoRemoved, ...rest } = ENV;
    app = await startApp(rest);
    expect((await post('shippo', body, SIGNERS.shippo(body, 'seller-two'), '?seller=s2')).statusCode).toBe(401);
  });

  it('reaches the same package state whatever the delivery order', async () => {
    const delivered = JSON.stringify({
      object: 'Event', id: 'evt_d', description: 'tracker.updated',
      result: { tracking_code: 'TRK1', carrier: 'UPS', tracking_details: [
        { status: 'in_transit', message: 'Picked up', datetime: '2026-09-09T08:00:00Z' },
        { status: 'delivered', message: 'Delivered', datetime: '2026-09-10T09:00:00Z' },
      ] },
    });
    const early = JSON.stringify({
      object: 'Event', id: 'evt_e', description: 'tracker.updated',
      result: { tracking_code: 'TRK1', carrier: 'UPS', tracking_details: [{ status: 'in_transit', message: 'Picked up', datetime: '2026-09-09T08:00:00Z' }] },
    });
    for (const body of [delivered, early, delivered]) expect((await post('easypost', body, SIGNERS.easypost(body, SECRET))).statusCode).toBe(200);
    expect(await count()).toBe(2);
    const [pkg] = await rawSql(t.store).all<{ first_scan_at: number; delivered_at: number; last_status: string }>('SELECT first_scan_at, delivered_at, last_status FROM packages');
    expect(pkg).toEqual({ first_scan_at: Date.parse('2026-09-09T08:00:00Z'), delivered_at: Date.parse('2026-09-10T09:00:00Z'), last_status: 'delivered' });
  });
});
