import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(key: string | Buffer, message: Buffer): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

export function sha256(message: Buffer): Buffer {
  return createHash('sha256').update(message).digest();
}

/**
 * Whether `presented` is `expected` written in one of the encodings. Decoding first and comparing bytes in
 * constant time means neither the encoding's case nor the timing gives anything away.
 */
export function digestMatches(presented: string | undefined, expected: Buffer, encodings: readonly ('hex' | 'base64')[]): boolean {
  if (!presented) return false;
  const text = presented.trim();
  for (const encoding of encodings) {
    if (encoding === 'hex' && !/^[0-9a-f]+$/i.test(text)) continue;
    if (encoding === 'base64' && !/^[A-Za-z0-9+/_-]+=*$/.test(text)) continue;
    const bytes = Buffer.from(text, encoding === 'hex' ? 'hex' : 'base64');
    if (bytes.length === expected.length && timingSafeEqual(bytes, expected)) return true;
  }
  return false;
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
