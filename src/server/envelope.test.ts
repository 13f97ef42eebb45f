import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqliteStore, type TestStore } from '../store/testing.js';
import { createApiKey } from './api-keys.js';
import { createApp } from './app.js';

/** Issue 18, item 16: right statuses, the one envelope for every error the framework raises, no unknown parameter. */
describe('error envelope and statuses', () => {
  let db: TestStore;
  let app: FastifyInstance;
  let url: string;
  let web: string;

  beforeAll(async () => {
    db = await freshSqliteStore();
    await db.store.ensureSeller('default');
    web = mkdtempSync(join(tmpdir(), 'vtrguard-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>t</title>');
    app = await createApp({ store: db.store, defaultSellerId: 'default', webRoot: web, now: () => Date.parse('2026-11-20T12:00:00Z') });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await db.dispose();
    rmSync(web, { recursive: true, force: true });
  });

  interface Envelope { error: { code: string; message: string; details: Record<string, unknown> } }
  const json = async (res: Response) => (await res.json()) as Envelope;
  const envelope = (body: unknown) => expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Object) } });

  it('refuses an unknown query parameter on every GET route of the API', async () => {
    type Parameter = { in: string; name: string; required?: boolean; schema?: { enum?: string[] } };
    const doc = (await app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, { get?: { parameters?: Parameter[] } }> };
    const gets = Object.entries(doc.paths).filter(([path, ops]) => path.startsWith('/v1/') && ops.get);
    // The operator routes answer only an operator key (a key-less request is refused before its query is read).
    const operator = { 'x-api-key': (await createApiKey(db.store, 'ops', 'test', 0, { operator: true })).key };
    expect(gets.length).toBeGreaterThanOrEqual(11);
    for (const [template, ops] of gets) {
      // The route's own required parameters are given, so the unknown one is the only thing wrong.
      const required = (ops.get!.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const query = new URLSearchParams(required.map((p): [string, string] => [p.name, p.schema?.enum?.[0] ?? 'x']));
      const path = template.replace(/\{[^}]+\}/g, 'x');
      query.set('unknownParameter', '1');
      const res = await app.inject({ url: `${path}?${query}`, ...(path.startsWith('/v1/operator/') ? { headers: operator } : {}) });
      expect(res.statusCode, path).toBe(400);
      expect(res.json(), path).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('additional properties') } });
    }
  });

  it('answers an oversized body 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await fetch(`${url}/v1/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a URL that does not decode, and a body of an unread type, in the envelope', async () => {
    for (const path of ['/v1/%', '/%', '/v1/health%zz']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(400);
      envelope(await res.json());
    }
    const xml = await fetch(`${url}/v1/validate`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
    expect((await json(xml)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a request that is not HTTP in the envelope before closing', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(url).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    envelope(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)));
  });

  it('answers POST /v1/imports?fileName=.. with 400 naming the field, not 500', async () => {
    for (const name of ['..', '.', '../..']) {
      const res = await app.inject({ method: 'POST', url: `/v1/imports?fileName=${encodeURIComponent(name)}`, payload: 'a,b\n', headers: { 'content-type': 'text/csv', 'x-requested-with': 'test' } });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error, name).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'fileName' } });
    }
  });

  it('says what a blocked traversal is, not that a key may not access a seller', async () => {
    for (const path of ['/assets/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(403);
      const body = await json(res);
      expect(body.error.code).toBe('FORBIDDEN');
      expect(body.error.message).toMatch(/outside the files/);
    }
  });
});
