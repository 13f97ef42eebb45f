import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { VtrguardError } from '../core/errors.js';

/**
 * Secrets at rest: AES-256-GCM with the installation's key (VTRGUARD_SECRET_KEY), a fresh 12-byte IV per seal and
 * the seller id as associated data, so a sealed blob copied onto another seller's row does not open.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export function seal(key: Buffer, associated: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function unseal(key: Buffer, associated: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
    throw new VtrguardError('CONFIG_INVALID', 'stored Amazon credentials are not in a sealed form this version reads');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // Wrong key, or the blob was altered or moved: never a partial plaintext.
    throw new VtrguardError('CONFIG_INVALID', 'stored Amazon credentials do not open with VTRGUARD_SECRET_KEY (another key, or altered)');
  }
}

/** VTRGUARD_SECRET_KEY: 32 bytes as 64 hex digits or base64. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new VtrguardError('CONFIG_INVALID', 'VTRGUARD_SECRET_KEY must be 32 bytes, as 64 hex digits or base64 (openssl rand -hex 32)');
  }
  return key;
}
