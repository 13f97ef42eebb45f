import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshSqliteStore, type TestStore } from '../store/testing.js';
import { createApiKey } from './api-keys.js';
import { createApp, type AppDeps } from './app.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const SHIPMENTS = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,quantity,carrier_code,carrier_name,tracking_number,ship_date,confirmed_at,cancelled_at,cancelled_by\n'
  + '112-0000001-0000001,US,2026-11-01T10:00:00Z,2026-11-03T07:59:59Z,2026-11-06,SKU-1,Toys,1,UPS,,1Z999AA10123456784,2026-11-02T15:00:00Z,2026-11-02T16:00:00Z,,\n';

let db: TestStore;
let key: string;
const apps: FastifyInstance[] = [];
const build = async (extra: Partial<AppDeps> = {}) => {
  const app = await createApp({ store: db.store, defaultSellerId: 'default', now: () => NOW, ...extra });
  apps.push(app);
  return app;
};

beforeEach(async () => {
  db = await freshSqliteStore();
  await db.store.ensureSeller('default');
  key = (await createApiKey(db.store, 'seller-a', 'ci', NOW)).key;
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await db.dispose();
});

describe('key-less local access (issue 18, item 6)', () => {
  it('answers only to this machine\'s own names: a DNS-rebinding Host is refused, a key still works', async () => {
    const app = await build();
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST']) {
      expect((await app.inject({ url: '/v1/alerts', headers: { host } })).statusCode, host).toBe(200);
    }
    for (const host of ['evil.example:8080', 'localhost.evil.example', '127.0.0.1.nip.io', 'localhost@evil.example']) {
      const res = await app.inject({ url: '/v1/alerts', headers: { host } });
      expect(res.statusCode, host).toBe(403);
      expect(res.json().error.code).toBe('LOCAL_ACCESS_REFUSED');
    }
    expect((await app.inject({ url: '/v1/alerts', headers: { host: 'evil.example', 'x-api-key': key } })).statusCode).toBe(200);
    const named = await build({ access: { trustedProxies: [], allowedHosts: ['localhost', '127.0.0.1', '::1', 'vtrguard.lan'] } });
    expect((await named.inject({ url: '/v1/alerts', headers: { host: 'vtrguard.lan:8080' } })).statusCode).toBe(200);
  });

  it('refuses a page of another origin, and a browser that says the request is cross-site', async () => {
    const app = await build();
    expect((await app.inject({ url: '/v1/alerts', headers: { origin: 'http://localhost:8080' } })).statusCode).toBe(200);
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
      const res = await app.inject({ url: '/v1/alerts', headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('LOCAL_ACCESS_REFUSED');
    }
  });

  it('refuses a write a cross-site form could send (text/plain, form types, none), and nothing is imported', async () => {
    const app = await build();
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const res = await app.inject({ method: 'POST', url: '/v1/imports', payload: SHIPMENTS, headers: type ? { 'content-type': type } : {} });
      expect(res.statusCode, String(type)).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'LOCAL_ACCESS_REFUSED', message: expect.stringContaining('Content-Type') });
    }
    expect(await db.store.counts('default')).toMatchObject({ orders: 0 });
    const csv = await app.inject({ method: 'POST', url: '/v1/imports', payload: SHIPMENTS, headers: { 'content-type': 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    const custom = await app.inject({ method: 'POST', url: '/v1/imports', payload: SHIPMENTS, headers: { 'content-type': 'text/plain', 'x-requested-with': 'curl' } });
    expect(custom.statusCode).toBe(200);
    const keyed = await app.inject({ method: 'POST', url: '/v1/imports', payload: SHIPMENTS, headers: { 'content-type': 'text/plain', 'x-api-key': key } });
    expect(keyed.statusCode).toBe(200);
  });
});

describe('rate limit by route and client (issue 18, item 7)', () => {
  it('counts a percent-encoded path against the route it reaches', async () => {
    const app = await build({ rateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/v1/alerts' })).statusCode).toBe(200);
    for (const url of ['/%761/alerts', '/v%31/alerts', '/v1/%61lerts']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(429);
      expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    // Another route has its own budget.
    expect((await app.inject({ url: '/v1/alerts/rules' })).statusCode).toBe(200);
  });

  it('throttles a client whose keys keep failing, whatever key it tries next, and only that client', async () => {
    const app = await build({ rateLimit: { max: 100, windowMs: 60_000, authFailures: 5 } });
    const remote = (remoteAddress: string, k: string) => app.inject({ url: '/v1/alerts', remoteAddress, headers: { 'x-api-key': k } });
    for (let i = 0; i < 5; i++) expect((await remote('203.0.113.7', `vtg_00000000000${i}_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).statusCode).toBe(401);
    const blocked = await remote('203.0.113.7', 'vtg_000000000009_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await remote('203.0.113.7', key)).statusCode).toBe(429);
    expect((await remote('198.51.100.2', key)).statusCode).toBe(200);
  });
});

describe('proxy headers (issue 18, item 12)', () => {
  it('never treats a request carrying any proxy header as local, even from loopback and a trusted proxy', async () => {
    const app = await build();
    const trusting = await build({ access: { trustedProxies: ['127.0.0.1'], allowedHosts: ['localhost'] } });
    for (const headers of [{ 'x-forwarded-for': '203.0.113.7' }, { forwarded: 'for=203.0.113.7' }, { 'x-real-ip': '203.0.113.7' }, { forwarded: 'for=127.0.0.1' }]) {
      expect((await app.inject({ url: '/v1/alerts', headers })).statusCode, JSON.stringify(headers)).toBe(401);
      expect((await trusting.inject({ url: '/v1/alerts', headers })).statusCode, JSON.stringify(headers)).toBe(401);
    }
  });

  it('believes the client a configured proxy names, in any of the three headers, and nobody else', async () => {
    const app = await build({ rateLimit: { max: 100, windowMs: 60_000, authFailures: 2 }, access: { trustedProxies: ['10.0.0.0/24'], allowedHosts: ['localhost'] } });
    const failures = async (remoteAddress: string, headers: (i: number) => Record<string, string>) => {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await app.inject({ url: '/v1/alerts', remoteAddress, headers: { 'x-api-key': 'wrong', ...headers(i) } })).statusCode);
      return statuses;
    };
    // Through the trusted proxy, each client it names has its own budget of failures.
    for (const headers of <Record<string, string>[]>[{ 'x-forwarded-for': '203.0.113.1' }, { forwarded: 'for="203.0.113.2:4711";proto=https' }, { 'x-real-ip': '203.0.113.3' }, { 'x-forwarded-for': '203.0.113.4, 10.0.0.9' }]) {
      expect(await failures('10.0.0.5', () => headers), JSON.stringify(headers)).toEqual([401, 401, 429]);
    }
    // From an untrusted peer the headers change nothing: every spoofed address shares the peer's budget.
    expect(await failures('198.51.100.9', (i) => ({ 'x-forwarded-for': `203.0.113.${50 + i}` }))).toEqual([401, 401, 429]);
  });
});
