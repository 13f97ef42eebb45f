import type { Store } from './store.js';
import { sqlOf } from './sql-store.js';

/**
 * Storage of API keys (table `api_keys`): typed reads and writes; the SQL stays here. Only a key's hash is
 * stored (src/server/api-keys.ts makes and checks keys).
 */

export interface ApiKeyInfo {
  keyId: string;
  /** The seller the key acts for; for an operator key, the operator (whose sellers `operator_sellers` lists). */
  sellerId: string;
  /** An operator (3PL) key: it acts for each of the operator's sellers that a request names, and sees their overview. */
  operator: boolean;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface StoredApiKey extends ApiKeyInfo {
  /** SHA-256 of the whole key, hex. */
  keyHash: string;
}

interface KeyRow {
  key_id: string;
  seller_id: string;
  key_hash: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
  operator: number;
}

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    keyId: row.key_id,
    sellerId: row.seller_id,
    operator: Number(row.operator) === 1,
    name: row.name,
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export async function insertApiKey(store: Store, key: Omit<StoredApiKey, 'revokedAt'>): Promise<void> {
  await sqlOf(store).run(
    'INSERT INTO api_keys (key_id, seller_id, key_hash, name, created_at, operator) VALUES (?, ?, ?, ?, ?, ?)',
    [key.keyId, key.sellerId, key.keyHash, key.name, key.createdAt, key.operator ? 1 : 0],
  );
}

export async function apiKeyById(store: Store, keyId: string): Promise<StoredApiKey | null> {
  const [row] = await sqlOf(store).all<KeyRow>(
    'SELECT key_id, seller_id, key_hash, name, created_at, revoked_at, operator FROM api_keys WHERE key_id = ?',
    [keyId],
  );
  return row ? { ...toInfo(row), keyHash: row.key_hash } : null;
}

/** The keys of one seller (or of every seller, by seller), oldest first, without their hashes. */
export async function apiKeysOf(store: Store, sellerId?: string): Promise<ApiKeyInfo[]> {
  const rows = sellerId === undefined
    ? await sqlOf(store).all<KeyRow>('SELECT * FROM api_keys ORDER BY seller_id, created_at, key_id')
    : await sqlOf(store).all<KeyRow>('SELECT * FROM api_keys WHERE seller_id = ? ORDER BY created_at, key_id', [sellerId]);
  return rows.map(toInfo);
}

/** Marks an active key revoked; false when there is no such active key. */
export async function markApiKeyRevoked(store: Store, keyId: string, now: number): Promise<boolean> {
  return (await sqlOf(store).run('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL', [now, keyId])) > 0;
}
