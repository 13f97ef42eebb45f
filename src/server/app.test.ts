import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addChannel } from '../alerts/channels.js';
import { applyFindings } from '../alerts/state.js';
import type { AlertFinding } from '../alerts/types.js';
import type { Store } from '../store/store.js';
import { freshSqliteStore } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { createApiKey, revokeApiKey } from './api-keys.js';
import { createApp } from './app.js';
import type { AppDeps } from './app.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const REMOTE = '203.0.113.7';

function finding(key: string, title: string): AlertFinding {
  return { key, ruleId: 'credential', level: 'critical', title, message: `${title} failing`, details: {}, link: '/#scorecard' };
}

async function seedAlert(store: Store, sellerId: string, title: string): Promise<void> {
  await store.ensureSeller(sellerId);
  await applyFindings(store, sellerId, [finding(`credential:${title}`, title)], new Set(['credential']), NOW, 'http://dash.test');
}

describe('REST API', () => {
  let db: TestStore;
  let app: FastifyInstance;
  let keyA: string;
  let keyB: string;

  const build = (extra: Partial<AppDeps> = {}) =>
    createApp({ store: db.store, defaultSellerId: 'default', now: () => NOW, dashboardUrl: 'http://dash.test/', ...extra });

  beforeEach(async () => {
    db = await freshSqliteStore();
    await seedAlert(db.store, 'default', 'demo-cred');
    await seedAlert(db.store, 'seller-a', 'a-cred');
    await seedAlert(db.store, 'seller-b', 'b-cred');
    keyA = (await createApiKey(db.store, 'seller-a', 'ci', NOW)).key;
    keyB = (await createApiKey(db.store, 'seller-b', 'ci', NOW)).key;
    app = await build();
  });
  afterEach(async () => {
    await app.close();
    await db.dispose();
  });

  const titles = (body: string) => (JSON.parse(body) as { alerts: { title: string }[] }).alerts.map((a) => a.title);

  describe('authentication', () => {
    it('answers /v1/health without a key, from anywhere', async () => {
      const res = await app.inject({ url: '/v1/health', remoteAddress: REMOTE });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', database: 'sqlite', time: '2026-11-20T12:00:00.000Z' });
    });

    it('lets a loopback client without a key act as the demo seller', async () => {
      for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        const res = await app.inject({ url: '/v1/alerts', remoteAddress });
        expect(res.statusCode).toBe(200);
        expect(titles(res.body)).toEqual(['demo-cred']);
      }
    });

    it('refuses a remote client without a key', async () => {
      const res = await app.inject({ url: '/v1/alerts', remoteAddress: REMOTE });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'A valid API key is required.', details: {} } });
    });

    it('does not trust loopback when the request came through a proxy', async () => {
      const res = await app.inject({ url: '/v1/alerts', headers: { 'x-forwarded-for': REMOTE } });
      expect(res.statusCode).toBe(401);
    });

    it('refuses a wrong key even on loopback instead of falling back to the demo seller', async () => {
      for (const headers of [{ authorization: 'Bearer vtg_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, { 'x-api-key': 'nonsense' }, { authorization: 'Basic abc' }]) {
        const res = await app.inject({ url: '/v1/alerts', headers });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHORIZED');
      }
    });

    it('can be told not to serve anyone without a key', async () => {
      const strict = await build({ anonymousLoopback: false });
      expect((await strict.inject({ url: '/v1/alerts' })).statusCode).toBe(401);
      expect((await strict.inject({ url: '/v1/health' })).statusCode).toBe(200);
      await strict.close();
    });

    it('stops accepting a revoked key at once', async () => {
      const created = await createApiKey(db.store, 'seller-a', 'temp', NOW);
      expect((await app.inject({ url: '/v1/alerts', headers: { 'x-api-key': created.key } })).statusCode).toBe(200);
      await revokeApiKey(db.store, created.keyId, NOW);
      expect((await app.inject({ url: '/v1/alerts', headers: { 'x-api-key': created.key } })).statusCode).toBe(401);
    });
  });

  describe('a key sees only its own seller', () => {
    it('lists only its seller’s alerts, by Bearer or x-api-key, from anywhere', async () => {
      const a = await app.inject({ url: '/v1/alerts', headers: { authorization: `Bearer ${keyA}` }, remoteAddress: REMOTE });
      const b = await app.inject({ url: '/v1/alerts', headers: { 'x-api-key': keyB }, remoteAddress: REMOTE });
      expect(titles(a.body)).toEqual(['a-cred']);
      expect(titles(b.body)).toEqual(['b-cred']);
    });

    it('cannot see, remove or shadow another seller’s channels', async () => {
      const channelB = await addChannel(db.store, 'seller-b', { kind: 'slack', url: 'http://127.0.0.1:9/hook' }, NOW);
      const listA = await app.inject({ url: '/v1/alerts/channels', headers: { 'x-api-key': keyA } });
      expect(listA.json()).toEqual({ channels: [] });
      const del = await app.inject({ method: 'DELETE', url: `/v1/alerts/channels/${channelB.channelId}`, headers: { 'x-api-key': keyA } });
      expect(del.statusCode).toBe(404);
      expect(del.json().error.code).toBe('NOT_FOUND');
      const listB = await app.inject({ url: '/v1/alerts/channels', headers: { 'x-api-key': keyB } });
      expect(listB.json().channels.map((c: { channelId: string }) => c.channelId)).toEqual([channelB.channelId]);
    });

    it('ignores a seller named in the query or body: the key decides', async () => {
      const res = await app.inject({ url: '/v1/alerts?sellerId=seller-b', headers: { 'x-api-key': keyA } });
      // Unknown query parameters are refused rather than silently ignored.
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('keeps rule settings per seller', async () => {
      const patch = await app.inject({
        method: 'PATCH', url: '/v1/alerts/rules/no_first_scan', headers: { 'x-api-key': keyA }, payload: { params: { hours: 12 } },
      });
      expect(patch.statusCode).toBe(200);
      expect(patch.json()).toMatchObject({ ruleId: 'no_first_scan', enabled: true, params: { hours: 12 } });
      const rulesB = await app.inject({ url: '/v1/alerts/rules', headers: { 'x-api-key': keyB } });
      expect(rulesB.json().rules.find((r: { ruleId: string }) => r.ruleId === 'no_first_scan').params).toEqual({ hours: 24 });
    });
  });

  describe('rate limit', () => {
    it('limits each key on its own and answers RATE_LIMITED with Retry-After', async () => {
      const limited = await build({ rateLimit: { max: 3, windowMs: 60_000 } });
      const call = (key: string) => limited.inject({ url: '/v1/alerts', headers: { 'x-api-key': key } });
      for (let i = 0; i < 3; i++) expect((await call(keyA)).statusCode).toBe(200);
      const over = await call(keyA);
      expect(over.statusCode).toBe(429);
      expect(over.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 3, retryAfterSeconds: 60 } });
      expect(over.headers['retry-after']).toBe('60');
      expect((await call(keyB)).statusCode).toBe(200);
      // The docs are never limited.
      expect((await limited.inject({ url: '/openapi.json' })).statusCode).toBe(200);
      await limited.close();
    });
  });

  describe('errors', () => {
    it('answers schema violations with VALIDATION_FAILED and the issues', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/alerts/channels', payload: { kind: 'pager', url: 7 } });
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.issues[0].where).toMatch(/^body/);
    });

    it('answers malformed JSON with BAD_REQUEST', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/alerts/channels', headers: { 'content-type': 'application/json' }, payload: '{"kind":' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    });

    it('answers domain errors from the catalogue with their context', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/alerts/channels', payload: { kind: 'webhook', url: 'ftp://x', secret: 'a-long-enough-secret' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'url' } });
    });

    it('answers unknown /v1 routes with NOT_FOUND', async () => {
      const res = await app.inject({ url: '/v1/nothing-here', remoteAddress: REMOTE });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    });
  });

  describe('alert channels at internal addresses (issue 18 item 11)', () => {
    const post = (target: typeof app, payload: object) => target.inject({ method: 'POST', url: '/v1/alerts/channels', payload });

    it('refuses them with ALERT_TARGET_INTERNAL and adds nothing', async () => {
      for (const payload of [
        { kind: 'slack', url: 'http://169.254.169.254/latest/meta-data/' },
        { kind: 'webhook', url: 'http://[::ffff:10.0.0.1]:8080/hook', secret: 'a-long-enough-secret' },
        { kind: 'email', smtpUrl: 'smtp://localhost:25', from: 'a@shop.test', to: ['b@shop.test'] },
      ]) {
        const res = await post(app, payload);
        expect(res.statusCode).toBe(422);
        expect(res.json().error).toMatchObject({ code: 'ALERT_TARGET_INTERNAL', message: expect.stringContaining('VTRGUARD_ALERTS_ALLOW_PRIVATE=1') });
      }
      expect((await app.inject({ url: '/v1/alerts/channels' })).json()).toEqual({ channels: [] });
    });

    it('adds them when configuration allows internal receivers', async () => {
      const allowing = await build({ access: { trustedProxies: [], allowedHosts: ['localhost'], allowPrivateAlertTargets: true } });
      const res = await post(allowing, { kind: 'slack', url: 'http://169.254.169.254/latest/meta-data/' });
      expect(res.statusCode).toBe(201);
      await allowing.close();
    });
  });

  describe('OpenAPI', () => {
    it('describes the routes at /openapi.json and shows docs at /docs', async () => {
      const spec = (await app.inject({ url: '/openapi.json', remoteAddress: REMOTE })).json();
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/health', '/v1/alerts', '/v1/alerts/channels', '/v1/alerts/rules/{ruleId}']));
      expect(spec.paths['/v1/alerts'].get.responses['401']).toBeDefined();
      expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(spec.paths['/openapi.json']).toBeUndefined();
      const docs = await app.inject({ url: '/docs', remoteAddress: REMOTE });
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-type']).toMatch(/html/);
    });
  });

  describe('dashboard files', () => {
    let webRoot: string;
    beforeAll(() => {
      webRoot = mkdtempSync(join(tmpdir(), 'vtrguard-web-'));
      writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>dash</title>');
      writeFileSync(join(webRoot, 'app.js'), 'console.log(1)');
    });
    afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

    it('serves web/dist at / with the page for client routes, while /v1 stays JSON', async () => {
      const web = await build({ webRoot });
      expect((await web.inject({ url: '/', remoteAddress: REMOTE })).body).toContain('<title>dash</title>');
      expect((await web.inject({ url: '/app.js', remoteAddress: REMOTE })).body).toBe('console.log(1)');
      const page = await web.inject({ url: '/some/view', headers: { accept: 'text/html' }, remoteAddress: REMOTE });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>dash</title>');
      expect((await web.inject({ url: '/missing.js', remoteAddress: REMOTE })).statusCode).toBe(404);
      const api = await web.inject({ url: '/v1/nope', headers: { accept: 'text/html' }, remoteAddress: REMOTE });
      expect(api.json().error.code).toBe('NOT_FOUND');
      expect((await web.inject({ url: '/v1/alerts', remoteAddress: REMOTE })).statusCode).toBe(401);
      await web.close();
    });

    it('sends the precompressed build by Accept-Encoding, keeps hashed assets a year, rechecks the page, and no source map', async () => {
      const script = 'console.log("dashboard");'.repeat(100);
      mkdirSync(join(webRoot, 'assets'), { recursive: true });
      writeFileSync(join(webRoot, 'assets', 'index-AbC123.js'), script);
      writeFileSync(join(webRoot, 'assets', 'index-AbC123.js.br'), brotliCompressSync(script));
      writeFileSync(join(webRoot, 'assets', 'index-AbC123.js.gz'), gzipSync(script));
      writeFileSync(join(webRoot, 'assets', 'index-AbC123.js.map'), '{"sources":["main.ts"]}');
      const web = await build({ webRoot });
      const br = await web.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' }, remoteAddress: REMOTE });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gz = await web.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' }, remoteAddress: REMOTE });
      expect(gz.headers['content-encoding']).toBe('gzip');
      const plain = await web.inject({ url: '/assets/index-AbC123.js', remoteAddress: REMOTE });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);
      expect((await web.inject({ url: '/', remoteAddress: REMOTE })).headers['cache-control']).toBe('no-cache');
      expect((await web.inject({ url: '/assets/index-AbC123.js.map', remoteAddress: REMOTE })).statusCode).toBe(404);
      await web.close();
    });
  });
});
