import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliveryBody, SIGNERS } from '../../test/mock-carriers/webhook-senders.js';
import { seedPackages } from '../../test/mock-carriers/seed.js';
import { loadConfig } from '../config.js';
import { createDemo } from '../demo/create-demo.js';
import { gzipBomb } from '../ingest/testing.js';
import { openStore } from '../store/open.js';
import { markFiguresCurrent } from '../store/rollups.js';
import { runServer } from './serve.js';

describe('vtrguard serve', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vtrguard-serve-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('listens on loopback with the API, OpenAPI and docs, and stops cleanly', async () => {
    const db = join(dir, 's.db');
    const config = loadConfig({ VTRGUARD_DB: db });
    const store = await openStore(db);
    const server = await runServer(store, config, 'default', { port: 0, host: '127.0.0.1', alertEveryMinutes: 60, track: false, anonymousLoopback: true });
    try {
      expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
      const base = server.url.replace('localhost', '127.0.0.1');
      const health = await fetch(`${base}/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
      const spec = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths)).toContain('/v1/alerts');
      expect((await fetch(`${base}/docs`)).status).toBe(200);
      expect((await fetch(`${base}/v1/alerts`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('verifies webhooks with the configured secrets when it does not poll carriers (serve --no-track)', async () => {
    const db = join(dir, 'no-track.db');
    const config = loadConfig({ VTRGUARD_DB: db, VTRGUARD_WEBHOOK_SECRET_SHIPPO: 'whsec-no-track' });
    const store = await openStore(db);
    await seedPackages(store, 'default', [{ orderId: '111-0000001-0000001', trackingNumber: 'TRK1', carrierKey: null, confirmedAt: Date.now() - 3_600_000 }]);
    const server = await runServer(store, config, 'default', { port: 0, host: '127.0.0.1', alertEveryMinutes: 60, track: false, anonymousLoopback: true });
    try {
      const base = server.url.replace('localhost', '127.0.0.1');
      const body = deliveryBody('shippo', { trackingNumber: 'TRK1', time: new Date().toISOString(), seq: 1 });
      const post = (secret: string) => fetch(`${base}/v1/webhooks/shippo?seller=default`, {
        method: 'POST', body, headers: { 'content-type': 'application/json', ...SIGNERS.shippo(body, secret) },
      });
      expect((await post('whsec-no-track')).status).toBe(200);
      expect((await post('another-secret')).status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('keeps answering health while it refuses an upload of a 1 MB gzip holding one 1 GB line', async () => {
    const db = join(dir, 'bomb.db');
    const store = await openStore(db);
    const server = await runServer(store, loadConfig({ VTRGUARD_DB: db }), 'default', {
      port: 0, host: '127.0.0.1', alertEveryMinutes: 60, track: false, anonymousLoopback: true,
    });
    try {
      const base = server.url.replace('localhost', '127.0.0.1');
      const bomb = gzipBomb('order_id,marketplace,purchase_date,latest_ship_date,latest_delivery_date,sku,category\n', 1024);
      expect(bomb.length).toBeLessThan(2 << 20);
      let settled = false;
      const upload = fetch(`${base}/v1/imports`, { method: 'POST', body: bomb, headers: { 'content-type': 'application/gzip' } })
        .finally(() => { settled = true; });
      const healthy: number[] = [];
      while (!settled) {
        healthy.push((await fetch(`${base}/v1/health`)).status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const answer = await upload;
      expect(answer.status).toBe(422);
      const { error } = (await answer.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('IMPORT_BAD_ROW');
      expect(error.message).toContain('upload, line 2: the row starting on line 2 is longer than 1,048,576 characters');
      // The server answered health all along (the line was refused after its first MiB, not read to its end).
      expect(healthy.length).toBeGreaterThan(0);
      expect(healthy.every((status) => status === 200)).toBe(true);
      expect((await fetch(`${base}/v1/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('counts again, beside the serving, the kept figures an older build left, so reads leave raw rows without a write', async () => {
    const db = join(dir, 'upgraded.db');
    const config = loadConfig({ VTRGUARD_DB: db });
    const store = await openStore(db);
    await createDemo(store, 'default', config.metrics, { now: Date.now(), seed: 5 });
    await markFiguresCurrent(store, 'default', 'figures:0|older build');
    const server = await runServer(store, config, 'default', { port: 0, host: '127.0.0.1', alertEveryMinutes: 60, track: false, anonymousLoopback: true });
    try {
      const base = server.url.replace('localhost', '127.0.0.1');
      const source = async () => ((await (await fetch(`${base}/v1/metrics?marketplace=US`)).json()) as { source: string }).source;
      await vi.waitFor(async () => expect(await source()).toBe('rollups'), { timeout: 60_000, interval: 200 });
    } finally {
      await server.stop();
    }
  });

  it('links alerts to the port it serves, not to 8080, unless VTRGUARD_PUBLIC_URL says otherwise', async () => {
    const port = await freePort();
    const db = join(dir, 'links.db');
    const config = loadConfig({ VTRGUARD_DB: db });
    const store = await openStore(db);
    await createDemo(store, 'default', config.metrics, { now: Date.now(), seed: 7 });
    const server = await runServer(store, config, 'default', { port, host: '127.0.0.1', alertEveryMinutes: 60, track: false, anonymousLoopback: true });
    try {
      const base = `http://127.0.0.1:${port}`;
      await fetch(`${base}/v1/alerts/evaluate`, { method: 'POST' });
      const { alerts } = (await (await fetch(`${base}/v1/alerts`)).json()) as { alerts: { url: string }[] };
      expect(alerts.length).toBeGreaterThan(0);
      for (const alert of alerts) expect(alert.url.startsWith(`http://localhost:${port}/`), alert.url).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
