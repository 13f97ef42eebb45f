import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryBody, SIGNERS } from '../../test/mock-carriers/webhook-senders.js';
import { seedPackages } from '../../test/mock-carriers/seed.js';
import { configuredSecretResolver, webhookSecretsFromEnv } from '../ingest/webhooks/secrets.js';
import { BUSY_WAIT_MS } from '../store/open.js';
import { freshSqliteStore, rawSql, sqliteDriver } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { createApp } from './app.js';

const NOW = Date.parse('2026-09-10T12:00:00Z');
const SECRET = 'whsec-busy-test';
const METRICS = '/v1/metrics?marketplace=US';

/**
 * Another process — a `vtrguard import` in real life — holding SQLite's write lock on the same file. It lets go
 * when told, or by itself after 4.5 s: less than the 5 s a synchronous busy wait used to hold `serve`'s event loop,
 * so a server that still waited that way would see the lock go and pass the webhook, and this test fail.
 */
async function holdWriteLock(file: string): Promise<{ child: ChildProcessWithoutNullStreams; released: () => boolean; release: () => Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    const release = () => { db.exec('ROLLBACK'); db.close(); process.stdout.write('released\\n'); process.exit(0); };
    process.stdin.once('data', release);
    setTimeout(release, 4500);
  `;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: process.cwd() });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  while (!out.includes('locked')) {
    if (child.exitCode !== null) throw new Error(`the lock holder exited: ${out}`);
    await once(child.stdout, 'data');
  }
  return {
    child,
    released: () => out.includes('released'),
    release: async () => {
      if (child.exitCode === null) {
        child.stdin.write('go\n');
        await once(child, 'exit');
      }
    },
  };
}

/** The webhook writer thread runs the built script (`npm test` builds first). */
const BUILT_WRITER = new URL('../../dist/src/workers/webhook-writer.js', import.meta.url);

describe.each(['inline', 'thread'] as const)('serve while another process holds the SQLite write lock (issue 18 item 14), webhooks written %s', (webhookWriter) => {
  let t: TestStore;
  let app: FastifyInstance;

  beforeEach(async () => {
    t = await freshSqliteStore({ busyWaitMs: BUSY_WAIT_MS.server });
    await seedPackages(t.store, 's1', [{ orderId: '111-0000001-0000001', trackingNumber: 'TRK1', carrierKey: null, confirmedAt: NOW - 3_600_000 * 30 }]);
    app = await createApp({
      store: t.store, defaultSellerId: 's1', now: () => NOW, dashboardUrl: 'http://dash.test/', webhookWriter, webhookWriterScript: BUILT_WRITER,
      webhookSecrets: configuredSecretResolver(webhookSecretsFromEnv({ VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: SECRET })),
    });
    // Started before the lock is taken, as a server is when a CLI import begins.
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await t.dispose();
  });

  const events = async () => (await rawSql(t.store).all<{ n: number }>('SELECT COUNT(*) AS n FROM tracking_events'))[0]!.n;

  it('answers health and reads, refuses a webhook with 503 DB_BUSY storing nothing, and stores its retry once', async () => {
    const body = deliveryBody('aftership', { trackingNumber: 'TRK1', time: '2026-09-09T10:00:00-05:00', seq: 1 });
    const webhook = () => app.inject({
      method: 'POST', url: '/v1/webhooks/aftership', payload: body,
      headers: { 'content-type': 'application/json', ...SIGNERS.aftership(body, SECRET) },
    });
    // A server that has answered before: the first metrics read compiles and loads what later ones reuse.
    expect((await app.inject({ url: METRICS })).statusCode).toBe(200);
    const lock = await holdWriteLock(sqliteDriver(t.store).db.name);
    try {
      const [delivery, health, metrics] = await Promise.all([webhook(), app.inject({ url: '/v1/health' }), app.inject({ url: METRICS })]);
      expect(lock.released()).toBe(false);
      expect(health.statusCode).toBe(200);
      expect(metrics.statusCode).toBe(200);
      expect(delivery.statusCode).toBe(503);
      expect(delivery.headers['retry-after']).toBe('5');
      expect(delivery.json().error).toMatchObject({ code: 'DB_BUSY', details: { retryAfterSeconds: 5 } });
      expect(await events()).toBe(0);
      expect(lock.released()).toBe(false);
    } finally {
      await lock.release();
    }
    // The sender retries what was not acknowledged; a repeat of the retry changes nothing.
    for (let i = 0; i < 2; i++) {
      const retried = await webhook();
      expect(retried.statusCode).toBe(200);
    }
    expect(await events()).toBe(1);
  });
});
