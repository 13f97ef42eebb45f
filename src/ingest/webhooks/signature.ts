import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(key: string | Buffer, message: Buffer): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

export function sha256(message: Buffer): Buffer {
  return createHash('sha256').update(message).digest();
}

/**
 * Whether `presented` is `expected` written in one of the encodings, exactly: hex of exactly twice the digest's
 * length, base64 (or base64url, padded or not) that decodes to the digest's length and re-encodes to the same text.
 * Node's decoders skip what they cannot read (an odd last hex digit, a stray base64 character), so the text is
 * checked whole before the bytes are compared in constant time.
 */
export function digestMatches(presented: string | undefined, expected: Buffer, encodings: readonly ('hex' | 'base64')[]): boolean {
  if (!presented) return false;
  const text = presented.trim();
  for (const encoding of encodings) {
    const bytes = decodeExactly(text, encoding, expected.length);
    if (bytes && timingSafeEqual(bytes, expected)) return true;
  }
  return false;
}

function decodeExactly(text: string, encoding: 'hex' | 'base64', length: number): Buffer | null {
  if (encoding === 'hex') return text.length === length * 2 && /^[0-9a-f]+$/i.test(text) ? Buffer.from(text, 'hex') : null;
  const url = /[-_]/.test(text);
  const bytes = Buffer.from(text, url ? 'base64url' : 'base64');
  if (bytes.length !== length) return null;
  const unpadded = bytes.toString(url ? 'base64url' : 'base64').replace(/=+$/, '');
  const padded = unpadded.padEnd(Math.ceil(unpadded.length / 4) * 4, '=');
  return text === unpadded || text === padded ? bytes : null;
}

/** Constant-time comparison of two short strings (URL tokens). */
export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = sha256(Buffer.from(a));
  const y = sha256(Buffer.from(b));
  return timingSafeEqual(x, y);
}

/** One header's value whatever the framework hands over (arrays for repeated headers). */
export function header(headers: WebhookHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;
