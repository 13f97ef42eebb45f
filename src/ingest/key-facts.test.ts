import { describe, expect, it } from 'vitest';
import { KeyFacts, integerHash } from './key-facts.js';

describe('KeyFacts', () => {
  it('keeps each key\'s first line and facts through many growths of its table', () => {
    const facts = new KeyFacts(2);
    const keys = 50_000;
    for (let i = 0; i < keys; i++) {
      const at = facts.entry(`112-${i}\u0000P${i % 7}`, i + 2);
      facts.setFact(at, 0, i + 1);
      facts.setFact(at, 1, (i * 31) >>> 0);
    }
    expect(facts.size).toBe(keys);
    const changed: number[] = [];
    for (let i = 0; i < keys; i++) {
      // Seen again on a later line: the entry found is the first one, unchanged.
      const at = facts.entry(`112-${i}\u0000P${i % 7}`, 1_000_000);
      if (facts.lineAt(at) !== i + 2 || facts.factAt(at, 0) !== i + 1 || facts.factAt(at, 1) !== (i * 31) >>> 0) changed.push(i);
    }
    expect(changed).toEqual([]);
    expect(facts.size).toBe(keys);
  });

  it('starts a new key with no facts, and tells keys apart that differ in one character', () => {
    const facts = new KeyFacts(1);
    const a = facts.entry('order 1', 2);
    const b = facts.entry('order 2', 3);
    expect(a).not.toBe(b);
    expect([facts.lineAt(a), facts.factAt(a, 0), facts.lineAt(b), facts.factAt(b, 0)]).toEqual([2, 0, 3, 0]);
  });

  it('refuses line 0, which marks a free slot', () => {
    expect(() => new KeyFacts(1).entry('k', 0)).toThrow(/line 0/);
  });
});

describe('integerHash', () => {
  it('tells apart the instants of a year to the millisecond step by step, and none is 0', () => {
    const seen = new Set<number>();
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 100_000; i++) seen.add(integerHash(start + i * 315_360));
    // 100k values in 2^32: a collision or two may happen, a systematic one would show as many.
    expect(seen.size).toBeGreaterThan(99_990);
    expect(seen.has(0)).toBe(false);
    expect(integerHash(-1)).not.toBe(integerHash(1));
  });
});
