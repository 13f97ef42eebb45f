import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startUpsMock, type UpsMock } from '../../test/mock-carriers/ups.js';
import * as fx from '../../test/mock-carriers/fixtures.js';
import { seedPackages } from '../../test/mock-carriers/seed.js';
import { setCarrierCredentials } from '../app/seller-credentials.js';
import { openStore } from '../store/open.js';
import { registerTrack } from './track.js';
import { registerWatch } from './watch.js';

let dir: string;
let ups: UpsMock;
let out: string[];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vtrguard-cli-track-'));
  ups = await startUpsMock({ clientId: 'cli-id', clientSecret: 'cli-secret-value' }, { [fx.UPS_NUMBER]: fx.upsPackage });
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  vi.stubEnv('VTRGUARD_UPS_CLIENT_ID', 'cli-id');
  vi.stubEnv('VTRGUARD_UPS_CLIENT_SECRET', 'cli-secret-value');
  vi.stubEnv('VTRGUARD_UPS_BASE_URL', ups.url);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await ups.close();
  rmSync(dir, { recursive: true, force: true });
});

function program(): Command {
  const p = new Command('vtrguard').option('--db <target>').option('--seller <id>').option('--json').exitOverride();
  registerTrack(p);
  registerWatch(p);
  return p;
}

it('vtrguard track polls once and vtrguard watch lists what is still unscanned', async () => {
  const db = join(dir, 'cli.db');
  const store = await openStore(db);
  const now = Date.now();
  await seedPackages(store, 'default', [
    { orderId: 'o-ups', trackingNumber: fx.UPS_NUMBER, carrierKey: 'ups', confirmedAt: Date.parse('2026-01-03T12:00:00Z') },
    { orderId: 'o-late', trackingNumber: '1Z999AA10000000001', carrierKey: 'ups', confirmedAt: now - 30 * 3_600_000 },
  ]);
  await store.close();
  // Two packages are due, but the old one is outside the 30-day schedule: only the recent one is polled.
  await program().parseAsync(['node', 'vtrguard', '--db', db, '--json', 'track']);
  expect(JSON.parse(out.join(''))).toMatchObject({ polled: 1, notFound: 1, failed: 0 });
  expect(out.join('')).not.toContain('cli-secret-value');
  out = [];
  await program().parseAsync(['node', 'vtrguard', '--db', db, '--json', 'watch']);
  const watch = JSON.parse(out.join('')) as { items: { orderId: string; nextStep: { code: string } }[] };
  // The January package is past the 30-day horizon: too old to fix, so the watch leaves it out like the poller does.
  expect(watch.items.map((i) => [i.orderId, i.nextStep.code])).toEqual([['o-late', 'check_handover']]);
});

it('vtrguard track polls with a seller\'s own carrier account stored through the API, not only the environment\'s', async () => {
  // No UPS credentials in the environment: only the seller's stored account can reach the (local) UPS API.
  vi.stubEnv('VTRGUARD_UPS_CLIENT_ID', '');
  vi.stubEnv('VTRGUARD_UPS_CLIENT_SECRET', '');
  vi.stubEnv('VTRGUARD_UPS_BASE_URL', '');
  const key = '11'.repeat(32);
  vi.stubEnv('VTRGUARD_SECRET_KEY', key);
  const db = join(dir, 'stored.db');
  const store = await openStore(db);
  const now = Date.now();
  await seedPackages(store, 'shop', [{ orderId: 'o-ups', trackingNumber: fx.UPS_NUMBER, carrierKey: 'ups', confirmedAt: now - 30 * 3_600_000 }]);
  await setCarrierCredentials(store, Buffer.from(key, 'hex'), 'shop', 'ups', { clientId: 'cli-id', clientSecret: 'cli-secret-value', baseUrl: ups.url }, now);
  await store.close();

  await program().parseAsync(['node', 'vtrguard', '--db', db, '--json', 'track']);
  const summary = JSON.parse(out.join('')) as { polled: number; inserted: number; failed: number; skipped: string[] };
  expect(summary).toMatchObject({ polled: 1, failed: 0, skipped: [] });
  expect(summary.inserted).toBeGreaterThan(0);
  expect(out.join('')).not.toContain('cli-secret-value');
});
