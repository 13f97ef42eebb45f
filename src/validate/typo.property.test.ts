/**
 * Property: in every family with a check digit, a single mistyped digit among the characters the check covers
 * (CheckDigitRule.span: not a routing ZIP or service field in front) is caught — except where the algorithm
 * itself cannot see it, which is stated exactly per algorithm (docs/carriers.md, "What a check digit catches"):
 * - mod10-ups (weights 1,2 without digit sums): a digit changed by ±5 at a doubled position;
 * - mod7: a digit changed by ±7 in the data;
 * - mod11-mod10: the weighted sum moving between remainders 0 and 10 (both give check 0);
 * - s10-mod11: remainders 0 and 6 (both give check 5).
 * GS1 mod 10, Luhn and ISO 7064 catch every single substitution. A typo in the check character itself is
 * always caught. One exception comes from the format, not the algorithm: an IMpb behind `420` + ZIP+4 whose +4
 * starts with 9 reads as `420` + ZIP5 + a 4-digit-longer IMpb too; changing that 9 makes the other reading the
 * only one, in which the digit is routing, which no check covers (`routingInTypoReading`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackingFamily } from '../carriers/carrier.js';
import { sampleNumber, seededRandom } from '../carriers/family-samples.js';
import { CARRIERS } from '../carriers/registry.js';
import { checkValueOf } from '../carriers/check-digits.js';

const CHECKED = CARRIERS.flatMap((carrier) => carrier.families).filter((family) => family.check !== undefined);

function checkIndex(family: TrackingFamily, n: string): number {
  return family.check!.at < 0 ? n.length + family.check!.at : family.check!.at;
}

function passes(family: TrackingFamily, n: string): boolean {
  return family.pattern.test(n) && (family.accepts?.(n) ?? true) && checkValueOf(n.charCodeAt(checkIndex(family, n))) === family.check!.expected(n);
}

/** Whether the algorithm is blind to this substitution (`delta` = new digit − old digit, in the data part). */
function blindSpot(family: TrackingFamily, original: string, typo: string, delta: number): boolean {
  switch (family.check!.algorithm) {
    case 'mod10-ups':
      return Math.abs(delta) === 5;
    case 'mod7':
      return Math.abs(delta) === 7;
    case 'mod11-mod10':
    case 's10-mod11':
      // Both numbers map to the same check value although their weighted sums differ: a collision of the final map.
      return family.check!.expected(original) === family.check!.expected(typo);
    default:
      return false;
  }
}

/** Whether the typo'd number reads with a longer routing prefix that holds the changed position (see above). */
function routingInTypoReading(family: TrackingFamily, typo: string, at: number): boolean {
  return at < family.check!.span(typo)[0];
}

describe('every single-digit typo in a family with a check digit is caught', () => {
  it.each(CHECKED.map((family) => [family.id, family] as const))('%s', (_, family) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.nat(), fc.integer({ min: 1, max: 9 }), (seed, position, shift) => {
        const number = sampleNumber(family, seededRandom(seed));
        expect(passes(family, number)).toBe(true);
        const [start, end] = family.check!.span(number);
        const checkAt = checkIndex(family, number);
        const digits = [...number].map((c, i) => (c >= '0' && c <= '9' && ((i >= start && i < end) || i === checkAt) ? i : -1)).filter((i) => i >= 0);
        const at = digits[position % digits.length]!;
        const old = Number(number[at]);
        const next = (old + shift) % 10;
        const typo = number.slice(0, at) + String(next) + number.slice(at + 1);
        if (!family.pattern.test(typo) || !(family.accepts?.(typo) ?? true)) return; // no longer this family's shape: caught
        if (at === checkIndex(family, number)) {
          expect(passes(family, typo)).toBe(false);
          return;
        }
        if (passes(family, typo)) {
          expect(blindSpot(family, number, typo, next - old) || routingInTypoReading(family, typo, at), `${number} → ${typo}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the fully-catching algorithms have no blind spot at all (exhaustive over one sample each)', () => {
    for (const family of CHECKED.filter((f) => ['gs1-mod10', 'luhn', 'iso7064-mod37-36'].includes(f.check!.algorithm))) {
      const number = sampleNumber(family, seededRandom(42));
      const [start, end] = family.check!.span(number);
      for (let at = start; at <= end; at++) {
        if (!(number[at]! >= '0' && number[at]! <= '9')) continue;
        for (let d = 0; d <= 9; d++) {
          const typo = number.slice(0, at) + String(d) + number.slice(at + 1);
          if (typo === number || !family.pattern.test(typo) || !(family.accepts?.(typo) ?? true)) continue;
          expect(passes(family, typo), `${family.id}: ${number} → ${typo}`).toBe(false);
        }
      }
    }
  });
});
