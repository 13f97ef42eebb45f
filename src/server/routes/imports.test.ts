import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_WAIT_MS } from '../../store/open.js';
import { freshSqliteStore, rawSql, sqliteDriver } from '../../store/testing.js';
import type { TestStore } from '../../store/testing.js';
import { createApiKey } from '../api-keys.js';
import { createApp } from '../app.js';

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
});
