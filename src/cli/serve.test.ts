import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openStore } from '../store/open.js';
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
});
