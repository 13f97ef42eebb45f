import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { seedPackages } from '../../../test/mock-carriers/seed.js';
import { freshSqliteStore, type TestStore } from '../../store/testing.js';
import { registerErrorHandler } from '../errors.js';
import { errorResponseSchema } from '../schemas.js';
import watchRoutes from './watch.js';

const H = 3_600_000;
const NOW = Date.parse('2026-10-20T12:00:00Z');
let t: TestStore;
let app: FastifyInstance;

beforeEach(async () => {
  t = await freshSqliteStore();
  await seedPackages(t.store, 's1', [
    { orderId: 'o-a', trackingNumber: 'A1', carrierKey: 'ups', confirmedAt: NOW - 30 * H },
    { orderId: 'o-b', trackingNumber: 'B1', carrierKey: 'usps', confirmedAt: NOW - 60 * H },
    { orderId: 'o-c', trackingNumber: 'C1', carrierKey: 'ups', confirmedAt: NOW - 5 * H },
    { orderId: 'o-uk', trackingNumber: 'UK1', carrierKey: 'royal-mail', confirmedAt: NOW - 50 * H, marketplace: 'UK' },
  ]);
  await seedPackages(t.store, 's2', [{ orderId: 'o-z', trackingNumber: 'Z1', carrierKey: 'ups', confirmedAt: NOW - 90 * H }]);
  app = Fastify();
  app.addSchema(errorResponseSchema);
  registerErrorHandler(app);
  // The server's auth hook sets the seller; here it is fixed.
  app.decorateRequest('sellerId', 's1');
  await app.register(watchRoutes, { prefix: '/v1', store: t.store, defaultSellerId: 's1', now: () => NOW, dashboardUrl: '', watch: { defaultHours: 24, hoursByCarrier: { usps: 72 } } });
});
afterEach(async () => {
  await app.close();
  await t.dispose();
});

it('GET /v1/watch lists the seller\'s unscanned packages oldest first, with per-carrier thresholds', async () => {
  const res = await app.inject({ method: 'GET', url: '/v1/watch' });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { asOf: string; items: { orderId: string; confirmedAt: string; nextStep: { code: string } }[] };
  expect(body.asOf).toBe('2026-10-20T12:00:00.000Z');
  expect(body.items.map((i) => i.orderId)).toEqual(['o-uk', 'o-a']);
  expect(body.items[1]).toMatchObject({ confirmedAt: '2026-10-19T06:00:00.000Z', hoursWaiting: 30, thresholdHours: 24, nextStep: { code: 'check_handover' } });
});

it('?hours= overrides every threshold', async () => {
  const res = await app.inject({ method: 'GET', url: '/v1/watch?hours=4' });
  expect((res.json() as { items: { orderId: string }[] }).items.map((i) => i.orderId)).toEqual(['o-b', 'o-uk', 'o-a', 'o-c']);
  expect((await app.inject({ method: 'GET', url: '/v1/watch?hours=-1' })).statusCode).toBe(400);
});

it('?marketplace= narrows the list to one marketplace; with ?asOf= a past day lists what was waiting at its end', async () => {
  const uk = (await app.inject({ method: 'GET', url: '/v1/watch?marketplace=uk' })).json() as { items: { orderId: string; marketplace: string }[] };
  expect(uk.items).toMatchObject([{ orderId: 'o-uk', marketplace: 'UK' }]);
  const us = (await app.inject({ method: 'GET', url: '/v1/watch?marketplace=US' })).json() as { items: { orderId: string }[] };
  expect(us.items.map((i) => i.orderId)).toEqual(['o-a']);
  // At the end of 2026-10-18 in Los Angeles (2026-10-19 07:00 UTC) o-a had waited under an hour, o-b 31 hours.
  const past = (await app.inject({ method: 'GET', url: '/v1/watch?marketplace=US&asOf=2026-10-18&hours=4' })).json() as { asOf: string; items: { orderId: string }[] };
  expect(past.asOf).toBe('2026-10-19T06:59:59.999Z');
  expect(past.items.map((i) => i.orderId)).toEqual(['o-b']);
  // A scan that came later does not hide a package from the list of a day before it.
  await t.store.insertEvents('s1', [{
    carrierKey: 'usps', carrierRaw: 'USPS', trackingNumber: 'B1', occurredAt: NOW - H, offsetMinutes: 0, status: 'in_transit', code: null, description: null, location: null, source: 't', eventKey: 'b1',
  }], NOW);
  expect(((await app.inject({ method: 'GET', url: '/v1/watch?hours=4' })).json() as { items: { orderId: string }[] }).items.map((i) => i.orderId)).not.toContain('o-b');
  const again = (await app.inject({ method: 'GET', url: '/v1/watch?marketplace=US&asOf=2026-10-18&hours=4' })).json() as { items: { orderId: string }[] };
  expect(again.items.map((i) => i.orderId)).toEqual(['o-b']);
  expect((await app.inject({ method: 'GET', url: '/v1/watch?marketplace=XX' })).statusCode).toBe(400);
  expect((await app.inject({ method: 'GET', url: '/v1/watch?asOf=2026-10-18' })).statusCode).toBe(400);
});
