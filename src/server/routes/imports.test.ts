import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_WAIT_MS } from '../../store/open.js';
import { freshSqliteStore, rawSql, sqliteDriver } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { createApiKey } from '../api-keys.js';
import { createApp } from '../app.js';
import { registerErrorHandler } from '../errors.js';
import { errorResponseSchema } from '../schemas.js';
import importRoutes from './imports.js';

const NOW = Date.parse('2026-11-20T20:00:00Z');
const HEADER = 'order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category,carrier_code,tracking_number,ship_date';
const ROW = '112-1234567-1234567,US,2026-11-15T10:00:00Z,2026-11-17T07:59:59Z,2026-11-19,SKU-1,Toys & Games,UPS,1Z999AA10123456784,2026-11-16T18:00:00Z';

describe('POST /v1/imports', () => {
  let db: TestStore;
  let app: FastifyInstance;
  let key: string;

  beforeEach(async () => {
    db = await freshSqliteStore();
    key = (await createApiKey(db.store, 'seller-a', 'ci', NOW)).key;
    app = await createApp({ store: db.store, defaultSellerId: 'default', now: () => NOW });
  });
  afterEach(async () => {
    await app.close();
    await db.dispose();
  });

  const upload = (body: string | Buffer, query = '') =>
    app.inject({ method: 'POST', url: `/v1/imports${query}`, payload: body, headers: { 'content-type': 'text/csv', 'x-api-key': key }, remoteAddress: '198.51.100.4' });

  it('imports the body into the key’s seller, evaluates alerts, and changes nothing the second time', async () => {
    const first = await upload(`${HEADER}\n${ROW}\n`, '?fileName=shipments.csv');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ fileName: 'shipments.csv', format: 'shipments', rowsRead: 1, rowsImported: 1, alreadyImported: false });
    // Shipped four days before NOW and never scanned: the import raises alerts at once.
    expect(first.json().alertChanges).toBeGreaterThan(0);
    expect(await db.store.counts('seller-a')).toMatchObject({ orders: 1, packages: 1 });
    expect(await db.store.counts('default')).toMatchObject({ orders: 0, packages: 0 });
    expect((await upload(`${HEADER}\n${ROW}\n`)).json()).toMatchObject({ alreadyImported: true });
  });

  it('answers a bad row with its line and the client’s file name, and keeps nothing', async () => {
    const res = await upload(`${HEADER}\n${ROW.replace('2026-11-15T10:00:00Z', 'yesterday')}\n`, '?fileName=orders.csv');
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'IMPORT_BAD_ROW', details: { file: 'orders.csv', line: 2 } });
    expect(JSON.stringify(error)).not.toContain('vtrguard-spool-');
    expect(await db.store.counts('seller-a')).toMatchObject({ orders: 0 });
  });

  it('returns rejected rows inline with skipInvalid', async () => {
    const res = await upload(`${HEADER}\n${ROW}\n${ROW.replace('112-1234567-1234567', 'not-an-order').replace('2026-11-15T10:00:00Z', 'never')}\n`, '?skipInvalid=true');
    expect(res.json()).toMatchObject({ rowsImported: 1, rowsRejected: 1 });
    expect(res.json().rejectedCsv).toContain('never');
  });

  it('takes a gzip body in the encoding named by the query', async () => {
    const latin = gzipSync(Buffer.from(`${HEADER}\n${ROW.replace('Toys & Games', 'Spielwaren & Küche')}\n`, 'latin1'));
    const refused = await upload(latin, '?fileName=de.csv.gz');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'IMPORT_BAD_ROW', details: { file: 'de.csv.gz', line: 2, field: 'category' } });
    const res = await upload(latin, '?fileName=de.csv.gz&encoding=windows-1252');
    expect(res.json()).toMatchObject({ format: 'shipments', rowsImported: 1 });
    expect(await rawSql(db.store).all('SELECT category FROM order_items')).toEqual([{ category: 'Spielwaren & Küche' }]);
    expect((await upload(latin, '?encoding=martian')).json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'encoding' } });
  });

  it('answers 503 DB_BUSY with Retry-After while another process holds the write lock, and imports once it is free', async () => {
    const driver = sqliteDriver(db.store);
    // As `serve` opens it: no wait (the other writer below does not let go until the request has failed).
    driver.busyWaitMs = BUSY_WAIT_MS.server;
    const other = new Database(driver.db.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      const busy = await upload(`${HEADER}\n${ROW}\n`);
      expect(busy.statusCode).toBe(503);
      expect(busy.headers['retry-after']).toBe('5');
      expect(busy.json().error).toMatchObject({ code: 'DB_BUSY', details: { retryAfterSeconds: 5 } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await upload(`${HEADER}\n${ROW}\n`)).json()).toMatchObject({ rowsImported: 1, alreadyImported: false });
  });

  it('refuses what it cannot read', async () => {
    const res = await upload('hello, world\n1,2\n');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toMatch(/^IMPORT_/);
    expect((await upload(`${HEADER}\n`, '?marketplace=XX')).json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'marketplace' } });
  });
  /** A browser form's body: the given parts, each a file or a plain field. */
  const form = (parts: { name: string; fileName?: string; content: string | Buffer }[]) => {
    const boundary = '----vtrguard-test-boundary';
    const chunks = parts.flatMap((p) => [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"\r\nContent-Type: text/csv` : ''}\r\n\r\n`),
      Buffer.from(p.content),
      Buffer.from('\r\n'),
    ]);
    return { body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
  };
  const uploadForm = (url: string, parts: Parameters<typeof form>[0], app2 = app) => {
    const { body, type } = form(parts);
    return app2.inject({ method: 'POST', url, payload: body, headers: { 'content-type': type, 'x-api-key': key }, remoteAddress: '198.51.100.4' });
  };

  describe('as a multipart form (a browser upload)', () => {
    it('imports the file part under its own name, and returns the rejects like a raw body does', async () => {
      const bad = ROW.replace('112-1234567-1234567', '113-1234567-1234567').replace('2026-11-15T10:00:00Z', 'never');
      const res = await uploadForm('/v1/imports?skipInvalid=true', [{ name: 'file', fileName: 'week-47.csv', content: `${HEADER}\n${ROW}\n${bad}\n` }]);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ fileName: 'week-47.csv', format: 'shipments', rowsImported: 1, rowsRejected: 1 });
      expect(res.json().rejectedCsv).toMatch(/^line,field,reason,row\n3,purchase_date,/);
      expect(await db.store.counts('seller-a')).toMatchObject({ orders: 1 });
      // The same content again, as a form or not, changes nothing.
      expect((await upload(`${HEADER}\n${ROW}\n${bad}\n`, '?skipInvalid=true')).json()).toMatchObject({ alreadyImported: true });
    });

    it('answers a bad row with the part’s file name and line, and keeps nothing', async () => {
      const res = await uploadForm('/v1/imports', [{ name: 'file', fileName: 'orders.csv', content: `${HEADER}\n${ROW.replace('2026-11-15T10:00:00Z', 'yesterday')}\n` }]);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'IMPORT_BAD_ROW', details: { file: 'orders.csv', line: 2, field: 'purchase_date' } });
      expect(await db.store.counts('seller-a')).toMatchObject({ orders: 0 });
    });

    it('refuses a form without a file, with a field beside the file, or larger than the limit', async () => {
      const noFile = await uploadForm('/v1/imports', [{ name: 'note', content: 'hello' }]);
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().error.code).toBe('BAD_REQUEST');
      const extra = await uploadForm('/v1/imports', [{ name: 'format', content: 'shipments' }, { name: 'file', fileName: 'a.csv', content: `${HEADER}\n${ROW}\n` }]);
      expect(extra.statusCode).toBe(400);
      expect(extra.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'file' } });
      expect(extra.json().error.message).toContain('options go in the query');
      expect(await db.store.counts('seller-a')).toMatchObject({ orders: 0 });

      // The route alone, with a small limit: a form and a raw body over it are refused alike.
      const small = Fastify();
      small.decorateRequest('sellerId', 'seller-a');
      small.addSchema(errorResponseSchema);
      registerErrorHandler(small);
      await small.register(async (v1) => importRoutes(v1, { store: db.store, defaultSellerId: 'default', now: () => NOW, dashboardUrl: 'http://localhost', maxUploadBytes: 1000 }), { prefix: '/v1' });
      try {
        const big = `${HEADER}\n${ROW}\n`.repeat(10);
        const { body, type } = form([{ name: 'file', fileName: 'big.csv', content: big }]);
        const limited = await small.inject({ method: 'POST', url: '/v1/imports', payload: body, headers: { 'content-type': type } });
        expect(limited.statusCode).toBe(413);
        expect(limited.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 1000 } });
        const raw = await small.inject({ method: 'POST', url: '/v1/imports', payload: big, headers: { 'content-type': 'text/csv' } });
        expect(raw.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 1000 } });
        expect(await db.store.counts('seller-a')).toMatchObject({ orders: 0 });
      } finally {
        await small.close();
      }
    });

    it('replaces the SKU → category list from a form or a raw body, all or nothing', async () => {
      const ok = await uploadForm('/v1/imports/sku-categories', [{ name: 'file', fileName: 'skus.csv', content: 'sku,category\nSKU-1,Toys & Games\nSKU-2,Books\n' }]);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ fileName: 'skus.csv', skus: 2 });
      const bad = await uploadForm('/v1/imports/sku-categories', [{ name: 'file', fileName: 'skus2.csv', content: 'sku,category\nSKU-3,Garden\nSKU-4,\n' }]);
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error).toMatchObject({ code: 'IMPORT_BAD_ROW', details: { file: 'skus2.csv', line: 3, field: 'category' } });
      expect(JSON.stringify(bad.json())).not.toContain('vtrguard-spool-');
      const raw = await app.inject({ method: 'POST', url: '/v1/imports/sku-categories?fileName=list.csv', payload: 'sku,category\nSKU-9,Garden\n', headers: { 'content-type': 'text/csv', 'x-api-key': key }, remoteAddress: '198.51.100.4' });
      expect(raw.json()).toEqual({ fileName: 'list.csv', skus: 1 });
      expect(await rawSql(db.store).all('SELECT sku, category FROM amazon_sku_categories WHERE seller_id = ? ORDER BY sku', ['seller-a'])).toEqual([{ sku: 'SKU-9', category: 'Garden' }]);
    });
  });
});
