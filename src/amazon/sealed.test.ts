import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, seal, unseal } from './sealed.js';

describe('sealed secrets', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and the sealed text shows nothing of it', () => {
    const sealed = seal(key, 'seller-a', 'amzn1.oa2-cs.v1.secret');
    expect(sealed).not.toContain('secret');
    expect(unseal(key, 'seller-a', sealed)).toBe('amzn1.oa2-cs.v1.secret');
    expect(seal(key, 'seller-a', 'x')).not.toBe(seal(key, 'seller-a', 'x'));
  });

  it('refuses another key, another seller and an altered blob', () => {
    const sealed = seal(key, 'seller-a', 'secret');
    expect(() => unseal(randomBytes(32), 'seller-a', sealed)).toThrow(/do not open/);
    expect(() => unseal(key, 'seller-b', sealed)).toThrow(/do not open/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => unseal(key, 'seller-a', parts.join('.'))).toThrow(/do not open/);
  });

  it('reads a key as hex or base64 and refuses a short one', () => {
    const hex = randomBytes(32).toString('hex');
    expect(parseSecretKey(hex)).toEqual(Buffer.from(hex, 'hex'));
    expect(parseSecretKey(Buffer.from(hex, 'hex').toString('base64'))).toEqual(Buffer.from(hex, 'hex'));
    expect(() => parseSecretKey('short')).toThrow(/32 bytes/);
  });
});
