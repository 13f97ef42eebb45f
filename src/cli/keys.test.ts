import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.js';
import { createApp } from '../server/app.js';
import { runCommand } from './cli-harness.js';
import { registerKeys } from './keys.js';

describe('vtrguard keys', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vtrguard-keys-'));
    db = join(dir, 'k.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a key that the API accepts for its seller only, lists it and revokes it', async () => {
    const created = await runCommand(registerKeys, ['--db', db, '--seller', 'shop-1', '--json', 'keys', 'create', '--name', 'zapier']);
    expect(created.exitCode).toBe(0);
    const key = JSON.parse(created.stdout) as { keyId: string; sellerId: string; key: string };
    expect(key.sellerId).toBe('shop-1');

    const store = await openStore(db);
    const app = await createApp({ store, defaultSellerId: 'default' });
    const call = () => app.inject({ url: '/v1/alerts', headers: { authorization: `Bearer ${key.key}` }, remoteAddress: '198.51.100.1' });
    expect((await call()).statusCode).toBe(200);

    const listed = await runCommand(registerKeys, ['--db', db, '--seller', 'shop-1', 'keys', 'list']);
    expect(listed.stdout).toContain(key.keyId);
    expect(listed.stdout).toContain('zapier');
    expect(listed.stdout).not.toContain(key.key);
    expect((await runCommand(registerKeys, ['--db', db, '--seller', 'other', 'keys', 'list'])).stdout).toContain('No API keys');

    expect((await runCommand(registerKeys, ['--db', db, 'keys', 'revoke', key.keyId])).stdout).toContain('revoked');
    expect((await call()).statusCode).toBe(401);
    const again = await runCommand(registerKeys, ['--db', db, 'keys', 'revoke', key.keyId]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('NOT_FOUND');
    await app.close();
    await store.close();
  });
});
