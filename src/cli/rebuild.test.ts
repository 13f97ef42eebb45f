import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createDemo } from '../demo/create-demo.js';
import { exemptionFingerprint } from '../metrics/config.js';
import { openStore } from '../store/open.js';
import { figuresCurrent, markFiguresCurrent } from '../store/rollups.js';
import { runCommand } from './cli-harness.js';
import { registerRebuild } from './rebuild.js';

const NOW = Date.parse('2026-11-30T18:00:00Z');

describe('vtrguard rebuild', () => {
  let dir: string;
  let db: string;
  const config = loadConfig({});
  const fingerprint = exemptionFingerprint(config.metrics);
  const current = async (sellerId: string) => {
    const store = await openStore(db);
    try {
      return await figuresCurrent(store, sellerId, fingerprint);
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-rebuild-'));
    db = join(dir, 'r.db');
    const store = await openStore(db);
    await createDemo(store, 'shop-a', config.metrics, { now: NOW, seed: 1 });
    await createDemo(store, 'shop-b', config.metrics, { now: NOW, seed: 2 });
    await markFiguresCurrent(store, 'shop-b', 'figures:0|older build');
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with --all --stale counts again only the sellers an older build kept', async () => {
    expect(await current('shop-b')).toBe(false);
    const run = await runCommand(registerRebuild, ['--db', db, '--json', 'rebuild', '--all', '--stale']);
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.stdout) as { rebuilt: { sellerId: string }[] }).rebuilt.map((r) => r.sellerId)).toEqual(['shop-b']);
    expect(await current('shop-b')).toBe(true);
    const again = await runCommand(registerRebuild, ['--db', db, 'rebuild', '--all', '--stale']);
    expect(again.stdout).toContain('nothing rebuilt');
  });

  it('counts the named seller again, and refuses a seller or database that does not exist', async () => {
    const run = await runCommand(registerRebuild, ['--db', db, '--seller', 'shop-a', 'rebuild']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/rebuilt shop-a in \d+\.\d s/);
    const typo = await runCommand(registerRebuild, ['--db', db, '--seller', 'shop-c', 'rebuild']);
    expect(typo.exitCode).toBe(1);
    expect(typo.stderr).toContain('shop-c');
    const missing = await runCommand(registerRebuild, ['--db', join(dir, 'none.db'), 'rebuild']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('No database');
  });
});
