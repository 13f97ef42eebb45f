import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './retry.js';
import { TokenBucket } from './token-bucket.js';
import { makeRedactor } from './redact.js';

function clockAt(start = 0) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => { t += ms; }, advance: (ms: number) => { t += ms; } };
}

describe('TokenBucket', () => {
  it('lets a burst through, then spaces callers at the sustained rate', () => {
    const bucket = new TokenBucket({ perSecond: 2, burst: 3 }, clockAt());
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0]);
    expect(bucket.reserve()).toBe(500);
    expect(bucket.reserve()).toBe(1000);
  });

  it('holds everyone back until a Retry-After pause ends, with no burst after it', () => {
    const clock = clockAt();
    const bucket = new TokenBucket({ perSecond: 10, burst: 10 }, clock);
    bucket.pauseUntil(5000);
    expect(bucket.reserve()).toBe(5000);
    clock.advance(5000);
    expect(bucket.reserve()).toBe(0);
  });
});

describe('TokenBucket.setRate', () => {
  it('accrues at the stated rate from then on, keeping the balance (no fresh burst)', () => {
    const clock = clockAt();
    const bucket = new TokenBucket({ perSecond: 0.01, burst: 2 }, clock);
    expect([bucket.reserve(), bucket.reserve()]).toEqual([0, 0]);
    bucket.setRate(4);
    expect(bucket.perSecond).toBe(4);
    expect(bucket.reserve()).toBe(250);
    clock.advance(10_000);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 250]);
  });
});

describe('retry helpers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });

  it('backs off exponentially under a ceiling', () => {
    const policy = { attempts: 5, baseMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
  });
});

describe('redactor', () => {
  it('removes secrets and their base64 forms', () => {
    const redact = makeRedactor(['id-1234', 'secret-5678']);
    const basic = Buffer.from('secret-5678').toString('base64');
    expect(redact(`bad id-1234 / secret-5678 / ${basic}`)).toBe('bad [redacted] / [redacted] / [redacted]');
  });
});
