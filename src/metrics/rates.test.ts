import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neededToRecover, rate, statusOf } from './rates.js';

describe('rates and statuses', () => {
  it('an empty window has rate null and status none', () => {
    expect(rate(0, 0)).toBeNull();
    expect(statusOf(null, 0.95, 'at_least')).toBe('none');
  });

  it('VTR is good at exactly the target (190/200); LSR is bad at exactly its target', () => {
    expect(statusOf(rate(190, 200), 0.95, 'at_least')).toBe('good');
    expect(statusOf(rate(189, 200), 0.95, 'at_least')).toBe('bad');
    expect(statusOf(rate(4, 100), 0.04, 'below')).toBe('bad');
    expect(statusOf(rate(3, 100), 0.04, 'below')).toBe('good');
  });
});

describe('neededToRecover', () => {
  it('follows ceil((target*total - valid) / (1 - target))', () => {
    expect(neededToRecover(95, 101, 0.95)).toBe(19);
    expect(neededToRecover(190, 200, 0.95)).toBe(0);
    expect(neededToRecover(0, 1, 0.95)).toBe(19);
    expect(neededToRecover(0, 0, 0.95)).toBe(0);
  });

  it('is the smallest count that reaches the target', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0.9, 0.95, 0.97), (a, b, target) => {
        const total = Math.max(a, b);
        const valid = Math.min(a, b);
        const n = neededToRecover(valid, total, target);
        if (total > 0) expect((valid + n) / (total + n)).toBeGreaterThanOrEqual(target);
        if (n > 0) expect((valid + n - 1) / (total + n - 1)).toBeLessThan(target);
      }),
    );
  });
});
