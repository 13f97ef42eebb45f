import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiKeyById, insertApiKey } from '../store/api-keys.js';
import type { ApiKeyInfo } from '../store/api-keys.js';
import type { Store } from '../store/store.js';

/**
 * API keys per seller. A key reads `vtg_<id>_<secret>`; only the SHA-256 of the whole key is stored, so a
 * leaked database does not leak working keys. The id is public (it names the key in lists and in rate-limit
 * buckets) and lets the lookup be a primary-key read followed by a constant-time hash comparison.
 */
export type { ApiKeyInfo };

export interface CreatedApiKey extends ApiKeyInfo {
  /** The key itself; shown once, never stored. */
  key: string;
}

const KEY_PATTERN = /^vtg_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/;

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A seller's key; with `operator`, a key for the operator `sellerId` names (an operator is no seller itself). */
export async function createApiKey(store: Store, sellerId: string, name: string, now: number, options: { operator?: boolean } = {}): Promise<CreatedApiKey> {
  const keyId = randomBytes(6).toString('hex');
  const key = `vtg_${keyId}_${randomBytes(24).toString('base64url')}`;
  const operator = options.operator === true;
  if (!operator) await store.ensureSeller(sellerId);
  await insertApiKey(store, { keyId, sellerId, operator, keyHash: hashKey(key), name, createdAt: now });
  return { keyId, sellerId, operator, name, createdAt: now, revokedAt: null, key };
}

/** The key's record when the key is well-formed, known and not revoked; otherwise null. */
export async function resolveApiKey(store: Store, key: string): Promise<ApiKeyInfo | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const stored = await apiKeyById(store, match[1] ?? '');
  if (!stored || stored.revokedAt !== null) return null;
  const expected = Buffer.from(stored.keyHash, 'hex');
  const actual = Buffer.from(hashKey(key), 'hex');
  const { keyHash: _hash, ...info } = stored;
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? info : null;
}

export { apiKeysOf as listApiKeys } from '../store/api-keys.js';

/** Revokes a key by id; false when there is no such active key. */
export { markApiKeyRevoked as revokeApiKey } from '../store/api-keys.js';
