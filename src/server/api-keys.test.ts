import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialectCases, rawSql } from '../store/testing.js';
import type { TestStore } from '../store/testing.js';
import { createApiKey, listApiKeys, resolveApiKey, revokeApiKey } from './api-keys.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

for (const dialect of await dialectCases()) {
  describe.skipIf(!dialect.available)(`API keys (${dialect.name})`, () => {
    let db: TestStore;
    beforeEach(async () => { db = await dialect.fresh(); });
    afterEach(async () => { await db.dispose(); });

    it('resolves a created key to its seller and stores only its hash', async () => {
      const created = await createApiKey(db.store, 'seller-a', 'ci', NOW);
      expect(created.key).toMatch(/^vtg_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
      expect(await resolveApiKey(db.store, created.key)).toEqual({ keyId: created.keyId, sellerId: 'seller-a', operator: false, name: 'ci', createdAt: NOW, revokedAt: null });
      const rows = await rawSql(db.store).all<Record<string, unknown>>('SELECT * FROM api_keys');
      // The secret is everything after `vtg_<id>_`; base64url may itself hold '_'.
      const secret = created.key.slice('vtg_'.length + created.keyId.length + 1);
      expect(secret).toHaveLength(32);
      expect(JSON.stringify(rows)).not.toContain(secret);
    });

    it('rejects a key whose secret differs, a malformed key and a revoked key', async () => {
      const created = await createApiKey(db.store, 'seller-a', 'ci', NOW);
      const tampered = created.key.slice(0, -1) + (created.key.endsWith('A') ? 'B' : 'A');
      expect(await resolveApiKey(db.store, tampered)).toBeNull();
      expect(await resolveApiKey(db.store, 'vtg_short')).toBeNull();
      expect(await revokeApiKey(db.store, created.keyId, NOW + 1)).toBe(true);
      expect(await revokeApiKey(db.store, created.keyId, NOW + 2)).toBe(false);
      expect(await resolveApiKey(db.store, created.key)).toBeNull();
    });

    it('lists keys per seller without their secrets', async () => {
      await createApiKey(db.store, 'seller-a', 'one', NOW);
      await createApiKey(db.store, 'seller-b', 'two', NOW);
      const listed = await listApiKeys(db.store, 'seller-a');
      expect(listed.map((k) => k.name)).toEqual(['one']);
      expect(Object.keys(listed[0] ?? {})).not.toContain('key');
      expect((await listApiKeys(db.store)).map((k) => k.sellerId)).toEqual(['seller-a', 'seller-b']);
    });
  });
}
