import { describe, expect, it } from 'vitest';
import { sampleNumber, seededRandom } from './family-samples.js';
import { compilePattern, matchesPattern, patternRows } from './pattern-masks.js';
import { FAMILY_ENTRIES } from './registry.js';

const FAMILIES = [...new Set(FAMILY_ENTRIES.map((entry) => entry.family))];
const CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-a .';

/** Numbers near the family's own: samples, every single-character change, cuts and extensions, random strings. */
function probes(sample: () => string, random: () => number): string[] {
  const out: string[] = [];
  for (let k = 0; k < 20; k++) {
    const n = sample();
    out.push(n, n.slice(1), n.slice(0, -1), `${n}0`, `0${n}`, `${n}A`);
    for (let p = 0; p < n.length; p++) {
      for (const c of CHARS) out.push(n.slice(0, p) + c + n.slice(p + 1));
    }
  }
  for (let k = 0; k < 2000; k++) {
    const length = 6 + Math.floor(random() * 40);
    let s = '';
    for (let j = 0; j < length; j++) s += CHARS[Math.floor(random() * (k % 2 === 0 ? 10 : 36))];
    out.push(s);
  }
  return out;
}

describe('pattern masks', () => {
  it('compile every registry pattern without lookaheads', () => {
    for (const family of FAMILIES) {
      const rows = patternRows(family.pattern);
      if (family.pattern.source.includes('(?=')) expect(rows, family.id).toBeNull();
      else expect(rows, family.id).not.toBeNull();
    }
  });

  it('agree with the regex (the source of truth) on generated numbers of every family', () => {
    const random = seededRandom(42);
    for (const family of FAMILIES) {
      const compiled = compilePattern(family.pattern);
      for (const n of probes(() => sampleNumber(family, random), random)) {
        if (matchesPattern(compiled, n) !== family.pattern.test(n)) {
          throw new Error(`${family.id}: mask and ${family.pattern} disagree on ${JSON.stringify(n)}`);
        }
      }
    }
  });

  it('agree with the regex across families (each pattern on every family’s numbers)', () => {
    const random = seededRandom(7);
    const numbers = FAMILIES.flatMap((family) => Array.from({ length: 10 }, () => sampleNumber(family, random)));
    for (const family of FAMILIES) {
      const compiled = compilePattern(family.pattern);
      for (const n of numbers) expect(matchesPattern(compiled, n), `${family.id} on ${n}`).toBe(family.pattern.test(n));
    }
  });

  it('keep the regex for constructs outside the subset', () => {
    for (const source of ['^a+$', '^(?=\\d)\\d{3}$', '^\\w{3}$', '^A|B$', '^.{2}$', '^[^A]{2}$', '^A*$']) {
      expect(patternRows(new RegExp(source)), source).toBeNull();
    }
    expect(patternRows(/^A\d{2}$/i)).toBeNull();
  });

  it('handle optional groups, alternatives and ranges', () => {
    const regex = /^(?:420\d{5}(?:\d{4})?)?9[1-5](?:\d{2}|\d{4})$/;
    const compiled = compilePattern(regex);
    for (const n of ['9100', '930000', '42012345910', '420123451234950000', '96000', '9', '4201234591', 'X100']) {
      expect(matchesPattern(compiled, n), n).toBe(regex.test(n));
    }
  });
});
