import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryBody, SIGNERS } from '../../test/mock-carriers/webhook-senders.js';
import { seedPackages } from '../../test/mock-carriers/seed.js';
import { builtModule, runAlone } from '../../test/run-alone.js';
import type { TrackingEventRecord } from '../core/domain.js';
import { EventWriter, MAX_EVENTS_PER_TRANSACTION } from '../ingest/webhooks/event-writer.js';
import { configuredSecretResolver, webhookSecretsFromEnv } from '../ingest/webhooks/secrets.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import { createApp } from '../server/app.js';
import { BUSY_WAIT_MS, openStore } from '../store/open.js';
import { dialectCases, freshSqliteStore, rawSql } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { rebuildKeptFigures } from './kept-figures.js';
import { WebhookWriterThread, webhookCommitter } from './webhook-writer-thread.js';

/** The thread runs the built script (`npm test` builds first); these sources are not runnable by Node. */
const BUILT_SCRIPT = new URL('../../dist/src/workers/webhook-writer.js', import.meta.url);
const BUILT_GATE = new URL('../../dist/src/store/write-gate.js', import.meta.url);
const built = builtModule;

const NOW = Date.parse('2026-09-10T12:00:00Z');
const H = 3_600_000;
const SECRET = 'whsec-writer-thread';
const SELLER = 's1';
const PACKAGES = 30;

const trackingNumber = (i: number) => `1ZTHREAD${String(i).padStart(4, '0')}`;
/** Shipped nine days and more ago: promised (five days later) before NOW, so in the metrics' windows. */
const confirmedAt = (i: number) => NOW - 9 * 24 * H - i * H;

/** Thirty shipped packages with their kept figures counted: the deliveries below change them by deltas. */
async function seed(t: TestStore): Promise<void> {
  await seedPackages(t.store, SELLER, Array.from({ length: PACKAGES }, (_, i) => ({
    orderId: `111-0000000-${String(i).padStart(7, '0')}`, trackingNumber: trackingNumber(i), carrierKey: 'ups', confirmedAt: confirmedAt(i),
  })));
  await rebuildKeptFigures(t.store, SELLER, DEFAULT_METRICS_CONFIG);
}

/** Scans of twenty packages, deliveries of ten of them: each body signed, and each sent twice. */
function deliveries(): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < 20; i++) {
    const scanned = new Date(confirmedAt(i) + 10 * H).toISOString();
    bodies.push(deliveryBody('aftership', { trackingNumber: trackingNumber(i), time: scanned, seq: 1 }));
    if (i % 2 === 0) bodies.push(deliveryBody('aftership', { trackingNumber: trackingNumber(i), time: new Date(confirmedAt(i) + 72 * H).toISOString(), seq: 2, delivered: true }));
  }
  return [...bodies, ...bodies];
}

async function startApp(t: TestStore, webhookWriter: 'thread' | 'inline', script: URL = BUILT_SCRIPT, log?: (line: string) => void): Promise<FastifyInstance> {
  return createApp({
    store: t.store, defaultSellerId: SELLER, now: () => NOW, webhookWriter, webhookWriterScript: script, ...(log ? { log } : {}),
    webhookSecrets: configuredSecretResolver(webhookSecretsFromEnv({ VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: SECRET })),
  });
}

const post = (app: FastifyInstance, body: string) => app.inject({
  method: 'POST', url: '/v1/webhooks/aftership', payload: body, headers: { 'content-type': 'application/json', ...SIGNERS.aftership(body, SECRET) },
});

const eventCount = async (t: TestStore) => Number((await rawSql(t.store).all<{ n: number | string }>('SELECT COUNT(*) AS n FROM tracking_events'))[0]!.n);

/** The metrics as a user reads them after the deliveries, from the kept figures, without the field naming where from. */
async function metrics(app: FastifyInstance, recompute = false): Promise<unknown> {
  const res = await app.inject({ url: `/v1/metrics?marketplace=US${recompute ? '&recompute=true' : ''}` });
  expect(res.statusCode).toBe(200);
  const { source, ...figures } = res.json() as { source: string };
  expect(source).toBe(recompute ? 'raw' : 'rollups');
  return figures;
}

function event(trackingNumber: string, n: number): TrackingEventRecord {
  return {
    carrierKey: 'ups', carrierRaw: 'UPS', trackingNumber, occurredAt: NOW - n * 60_000, offsetMinutes: 0, status: 'in_transit',
    code: null, description: 'scan', location: null, source: 'test', eventKey: `thread-test:${trackingNumber}:${n}`,
  };
}

/**
 * A writer thread's script, written in `dir`, whose first start runs `firstThread` (an ES module's body, with
 * `parentPort` and `workerData` in scope) instead of the real thread; every later start is the real one.
 */
function firstThreadThen(dir: string, firstThread: string): URL {
  const path = join(dir, 'first-thread-then-real.mjs');
  writeFileSync(path, `
    import { existsSync, writeFileSync } from 'node:fs';
    import { parentPort, workerData } from 'node:worker_threads';
    const marker = ${JSON.stringify(join(dir, 'first-thread-started'))};
    if (existsSync(marker)) {
      await import(${JSON.stringify(BUILT_SCRIPT.href)});
    } else {
      writeFileSync(marker, '');
      ${firstThread}
    }
  `);
  return pathToFileURL(path);
}

/** What the first thread does once it holds `events` events, unanswered: how a writer thread can die. */
const DEATHS = {
  'exits': () => 'process.exit(3);',
  'throws an uncaught error': (secret: string) => `throw new Error(${JSON.stringify(`writer bug holding ${secret}`)});`,
} as const;

describe.each(await dialectCases())('webhook deliveries through the writer thread ($name)', ({ available, fresh }) => {
  let t: TestStore;
  let inline: TestStore;
  beforeEach(async () => {
    if (!available) return;
    t = await fresh();
    inline = await fresh();
  });
  afterEach(async () => {
    await t?.dispose();
    await inline?.dispose();
  });

  it.skipIf(!available)('stores each event once and keeps the figures current: the metrics read after them equal a recount and the in-thread writer\'s', async () => {
    await seed(t);
    await seed(inline);
    const app = await startApp(t, 'thread');
    const reference = await startApp(inline, 'inline');
    try {
      const bodies = deliveries();
      const answers = await Promise.all(bodies.map((body) => post(app, body)));
      expect(answers.map((a) => a.statusCode)).toEqual(bodies.map(() => 200));
      for (const body of bodies) expect((await post(reference, body)).statusCode).toBe(200);
      expect(await eventCount(t)).toBe(30);
      const kept = await metrics(app);
      expect(kept).toEqual(await metrics(app, true));
      expect(kept).toEqual(await metrics(reference));
      expect(kept).toMatchObject({ vtr: { overall: { valid: 20, total: 30 } } });
    } finally {
      await app.close();
      await reference.close();
    }
  });

  for (const [death, dies] of Object.entries(DEATHS)) {
    it.skipIf(!available)(`answers 503 with Retry-After to the deliveries a writer thread that ${death} held, and stores them when they are sent again`, async () => {
      await seed(t);
      const dir = mkdtempSync(join(tmpdir(), 'vtrguard-writer-'));
      // Six first scans, one event each: the first thread dies once all six wait for it, none of them answered.
      const bodies = Array.from({ length: 6 }, (_, i) => deliveryBody('aftership', { trackingNumber: trackingNumber(i), time: new Date(confirmedAt(i) + 10 * H).toISOString(), seq: 1 }));
      const script = firstThreadThen(dir, `
        let events = 0;
        parentPort.on('message', (message) => {
          events += message.events?.length ?? 0;
          if (events >= ${bodies.length}) { ${dies(SECRET)} }
        });
      `);
      const logged: string[] = [];
      const app = await startApp(t, 'thread', script, (line) => logged.push(line));
      try {
        const lost = await Promise.all(bodies.map((body) => post(app, body)));
        for (const answer of lost) {
          expect(answer.statusCode).toBe(503);
          expect(answer.headers['retry-after']).toMatch(/^[1-9]\d*$/);
          expect(answer.json()).toEqual({
            error: { code: 'WEBHOOK_WRITER_RESTARTING', message: expect.stringMatching(/stopped before .*retry/i), details: { retryAfterSeconds: Number(answer.headers['retry-after']) } },
          });
          expect(answer.body).not.toContain(SECRET);
          expect(answer.body).not.toMatch(/writer bug| at /);
        }
        expect(logged).toEqual([expect.stringMatching(/^webhook writer thread stopped \(exit code [13]\b.*the deliveries of 6 events not acknowledged \(answered WEBHOOK_WRITER_RESTARTING\)/)]);
        if (death !== 'exits') expect(logged[0]).toContain('writer bug holding');
        expect(await eventCount(t)).toBe(0);

        // The sender retries: a new thread stores them.
        const retried = await Promise.all(bodies.map((body) => post(app, body)));
        expect(retried.map((a) => [a.statusCode, a.json()])).toEqual(bodies.map(() => [200, { events: 1 }]));
        expect(await eventCount(t)).toBe(bodies.length);
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it.skipIf(!available)('rejects exactly the deliveries of a batch that fails, and stores the others', async () => {
    await seed(t);
    const writer = new EventWriter(webhookCommitter(t.store, DEFAULT_METRICS_CONFIG, BUILT_SCRIPT));
    try {
      // An event without its carrier's text breaks the table's NOT NULL: the transaction of that seller's batch fails.
      const broken = { ...event(trackingNumber(1), 1), carrierRaw: null } as unknown as TrackingEventRecord;
      const results = await Promise.allSettled([
        writer.write('s2', [broken], NOW),
        writer.write('s2', [event(trackingNumber(2), 2)], NOW),
        writer.write(SELLER, [event(trackingNumber(3), 3)], NOW),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
      const stored = await rawSql(t.store).all<{ seller_id: string }>('SELECT seller_id FROM tracking_events');
      expect(stored.map((r) => r.seller_id)).toEqual([SELLER]);
    } finally {
      await writer.close();
    }
  });
});

describe('a writer thread that cannot reach its database', () => {
  it('answers each batch with the typed error (503 for the route, the sender retries), for a database that will not open or not connect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vtrguard-writer-'));
    const nowhere = [
      { target: join(dir, 'no-such-directory', 'x.db'), options: { busyWaitMs: 0 } },
      { target: 'postgres://nobody@127.0.0.1:1/x', options: {} },
    ];
    try {
      for (const location of nowhere) {
        const thread = new WebhookWriterThread(BUILT_SCRIPT, { location, metrics: DEFAULT_METRICS_CONFIG });
        await expect(thread.commit(SELLER, [event(trackingNumber(1), 1)], NOW), location.target).rejects.toMatchObject({ code: 'DB_UNREACHABLE', status: 503 });
        await thread.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('choosing the writer', () => {
  it('runs on this thread when the store cannot be opened from another one (SQLite :memory:) or the script is absent', async () => {
    const memory = await openStore(':memory:');
    const t = await freshSqliteStore();
    try {
      expect(memory.location).toBeNull();
      expect(webhookCommitter(memory, DEFAULT_METRICS_CONFIG, BUILT_SCRIPT)).not.toBeInstanceOf(WebhookWriterThread);
      expect(webhookCommitter(t.store, DEFAULT_METRICS_CONFIG, new URL('./absent.js', BUILT_SCRIPT))).not.toBeInstanceOf(WebhookWriterThread);
      expect(webhookCommitter(t.store, DEFAULT_METRICS_CONFIG, null)).not.toBeInstanceOf(WebhookWriterThread);
      const thread = webhookCommitter(t.store, DEFAULT_METRICS_CONFIG, BUILT_SCRIPT);
      expect(thread).toBeInstanceOf(WebhookWriterThread);
      await thread.close();
    } finally {
      await memory.close();
      await t.dispose();
    }
  });
});

describe('the writer thread on a SQLite file, as `serve` opens it', () => {
  let t: TestStore;
  let dir: string;
  beforeEach(async () => {
    t = await freshSqliteStore({ busyWaitMs: BUSY_WAIT_MS.server });
    await seed(t);
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-writer-'));
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A thread that dies inside a transaction the first time, holding the write gate and SQLite's write lock with a
   * row written; every later thread is the real one.
   */
  function crashingFirst(): URL {
    return firstThreadThen(dir, `
      const { WriteGate } = await import(${JSON.stringify(BUILT_GATE.href)});
      const { createRequire } = await import('node:module');
      const Database = createRequire(${JSON.stringify(BUILT_SCRIPT.href)})('better-sqlite3');
      const db = new Database(workerData.location.target);
      await new WriteGate(workerData.location.options.writeGate).acquire();
      db.exec('BEGIN IMMEDIATE');
      db.exec("INSERT INTO sellers (seller_id, name, created_at) VALUES ('half-written', 'x', 0)");
      parentPort.once('message', () => process.exit(3));
    `);
  }

  it('rejects what a thread that died held, stores the next deliveries with a new thread, and its lost transaction left nothing', async () => {
    const logged: string[] = [];
    const writer = new EventWriter(new WebhookWriterThread(crashingFirst(), { location: t.store.location!, metrics: DEFAULT_METRICS_CONFIG }, (line) => logged.push(line)));
    try {
      const first = await Promise.allSettled([writer.write(SELLER, [event(trackingNumber(1), 1)], NOW), writer.write(SELLER, [event(trackingNumber(2), 2)], NOW)]);
      expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect((first[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'WEBHOOK_WRITER_RESTARTING', status: 503 });
      expect(logged).toEqual([expect.stringContaining('webhook writer thread stopped (exit code 3)')]);
      await writer.write(SELLER, [event(trackingNumber(3), 3)], NOW);
      // This thread writes too: the dead thread's gate and lock were let go.
      await t.store.ensureSeller('after');
      const sellers = (await t.store.listSellers()).map((s) => s.sellerId);
      expect(sellers).toEqual(['after', SELLER]);
      expect((await rawSql(t.store).all<{ tracking_number: string }>('SELECT tracking_number FROM tracking_events')).map((r) => r.tracking_number)).toEqual([trackingNumber(3)]);
    } finally {
      await writer.close();
    }
  });

  it('answers 503 to a delivery whose thread could not open the database, logs why, and stores the next with a new thread', async () => {
    const script = firstThreadThen(dir, `
      const { serveWebhookWrites } = await import(${JSON.stringify(built('app/webhook-writer-thread.js'))});
      await serveWebhookWrites(parentPort, { ...workerData, location: { target: ${JSON.stringify(join(dir, 'no-such-directory', 'x.db'))}, options: { busyWaitMs: 0 } } });
    `);
    const logged: string[] = [];
    const app = await startApp(t, 'thread', script, (line) => logged.push(line));
    try {
      const body = deliveryBody('aftership', { trackingNumber: trackingNumber(1), time: new Date(confirmedAt(1) + 10 * H).toISOString(), seq: 1 });
      const refused = await post(app, body);
      expect([refused.statusCode, refused.json()]).toEqual([503, { error: { code: 'DB_UNREACHABLE', message: 'The database cannot be reached.', details: {} } }]);
      expect(logged).toEqual([expect.stringMatching(/^webhook writer thread stopped \(exit code 0: it could not start: cannot open the database .*no-such-directory.*directory does not exist\).*answered DB_UNREACHABLE/)]);
      expect((await post(app, body)).statusCode).toBe(200);
      expect(await eventCount(t)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('closes once its thread has ended, in a process that has nothing else to do (an idle thread does not hold it open)', () => {
    expect(runAlone(dir, `
      import { openStore } from ${JSON.stringify(built('store/open.js'))};
      import { WebhookWriterThread } from ${JSON.stringify(built('app/webhook-writer-thread.js'))};
      import { DEFAULT_METRICS_CONFIG } from ${JSON.stringify(built('metrics/config.js'))};
      const store = await openStore(${JSON.stringify(join(dir, 'close.db'))});
      const writer = new WebhookWriterThread(new URL(${JSON.stringify(BUILT_SCRIPT.href)}), { location: store.location, metrics: DEFAULT_METRICS_CONFIG });
      await writer.commit('s1', [${JSON.stringify(event(trackingNumber(1), 1))}], 0);
      await writer.close();
      await store.close();
      process.stdout.write('closed');
    `)).toEqual({ status: 0, stdout: 'closed', stderr: '' });
  });

  it('stores the batches that wait for it in one transaction, beyond the events a transaction on the server\'s thread holds', async () => {
    const batch = MAX_EVENTS_PER_TRANSACTION.sqlite;
    const handOver = (from: number) => Array.from({ length: batch }, (_, k) => event(trackingNumber((from + k) % PACKAGES), from + k));
    /** The write numbers a new thread's commits of `handOvers` take: they all wait while it opens its store. */
    const writeNumbers = async (handOvers: TrackingEventRecord[][]): Promise<number> => {
      const writeSeq = async () => Number((await rawSql(t.store).all<{ seq: number }>('SELECT seq FROM write_seq WHERE seller_id = ?', [SELLER]))[0]!.seq);
      const before = await writeSeq();
      const thread = new WebhookWriterThread(BUILT_SCRIPT, { location: t.store.location!, metrics: DEFAULT_METRICS_CONFIG });
      try {
        await Promise.all(handOvers.map((events) => thread.commit(SELLER, events, NOW)));
      } finally {
        await thread.close();
      }
      return (await writeSeq()) - before;
    };
    const oneTransaction = await writeNumbers([handOver(0)]);
    expect(await writeNumbers([handOver(batch), handOver(2 * batch)])).toBe(oneTransaction);
    expect(await eventCount(t)).toBe(3 * batch);
  });

  it('makes this thread\'s writes wait for the writer thread\'s transactions instead of answering DB_BUSY', async () => {
    const writer = new EventWriter(webhookCommitter(t.store, DEFAULT_METRICS_CONFIG, BUILT_SCRIPT));
    try {
      const writes = Array.from({ length: PACKAGES }, (_, i) => writer.write(SELLER, [event(trackingNumber(i), i)], NOW));
      const ours = Array.from({ length: 20 }, (_, i) => t.store.ensureSeller(`beside-${i}`));
      await Promise.all([...writes, ...ours]);
      expect(await eventCount(t)).toBe(PACKAGES);
      expect((await t.store.listSellers()).length).toBe(21);
    } finally {
      await writer.close();
    }
  });
});
