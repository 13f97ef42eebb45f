import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../../src/store/testing.js';
import {
  createSchema, deliverAll, firstFileScans, keptAndRecount, normalised, run, scannedOfFirst, startServers, upsNumbers, WEBHOOK_SECRET,
  writeShipmentFiles, type Servers,
} from './many-writers-harness.js';

/**
 * Scale-out on PostgreSQL (issue 16): two `vtrguard serve` processes and an importer write to one database at
 * the same time — carrier scans by webhook to both servers, a shipments file and its events by the CLI. Every
 * acknowledged scan must be stored once, and the kept figures must equal a recount from raw rows: a lost update
 * or a deadlock in applying the writes' deltas shows as a difference (or as a failed request / import).
 * Only public surfaces are used: the CLI, HTTP, and the metrics JSON. The Amazon write paths beside these:
 * many-writers-amazon.test.ts.
 */
const PER_FILE = 600;

const available = await postgresAvailable();

describe.skipIf(!available)('many writers on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createSchema>>;
  let dir: string;
  let servers: Servers | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-mw-'));
    database = await createSchema('vtrguard_mw');
    env = { ...process.env, VTRGUARD_DB: database.url, VTRGUARD_WEBHOOK_SECRET_AFTERSHIP: WEBHOOK_SECRET, VTRGUARD_SELLER: 'default' };
  });
  afterAll(async () => {
    await servers?.stop();
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('two servers and an importer at once: every acknowledged scan counted once, kept figures equal a recount', async () => {
    const now = Date.now();
    const { first, second } = writeShipmentFiles(dir, upsNumbers(2 * PER_FILE, 16), PER_FILE, now);

    const seeded = await run(['import', join(dir, 'first.csv')], env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);

    servers = await startServers(2, env);
    const [statuses, imported] = await Promise.all([
      deliverAll(servers.bases, firstFileScans(first, now), 8),
      run(['import', join(dir, 'second.csv'), join(dir, 'second-events.jsonl')], env),
    ]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);

    const { kept, recount } = await keptAndRecount(env);
    expect(kept.source).not.toBe(recount.source);
    // Every package is a valid UPS number under UPS, promised yesterday: valid exactly when it has a scan.
    expect(kept.vtr.overall).toMatchObject({ valid: scannedOfFirst(first) + second.length, total: first.length + second.length });
    expect(normalised(kept)).toEqual(normalised(recount));
  }, 240_000);
});
