/**
 * Detection: which carrier families a normalised number fits, with its check-digit result and a confidence.
 * Pure and allocation-light: it runs for every validated number and every imported row.
 */
import type { TrackingFamily } from '../carriers/carrier.js';
import { checkValueOf } from '../carriers/check-digits.js';
import { familiesFor, type FamilyEntry } from '../carriers/registry.js';

export type CheckResult = 'pass' | 'fail' | 'none';

export interface FamilyMatch {
  readonly entry: FamilyEntry;
  readonly check: CheckResult;
  /** The check value the number should carry (−1 when the family has no check digit). */
  readonly expected: number;
  /** Index of the check character in the normalised number (−1 when none). */
  readonly checkAt: number;
  readonly confidence: number;
}

/**
 * Confidence by what the match proves. A check digit that passes on a distinctive shape is near-certain; on bare
 * digits it still leaves a 1-in-10 chance of coincidence; a shape without check digit proves little unless the
 * shape is distinctive. A failed check keeps a low score so the typo can be explained.
 */
const CONFIDENCE: Readonly<Record<TrackingFamily['shape'], Readonly<Record<CheckResult, number>>>> = {
  distinctive: { pass: 0.98, none: 0.85, fail: 0.15 },
  generic: { pass: 0.8, none: 0.35, fail: 0.05 },
};

/** A partner (consolidator) family fits its carrier, but the owner of the format is the likelier answer. */
export const PARTNER_FACTOR = 0.6;

/** At or above this, a number is "recognised" as the candidate's (definitions.md rule 3). */
export const RECOGNISED = 0.75;

/** Recognition strong enough to call a number another carrier's when the confirmed carrier has no known format. */
export const RECOGNISED_DISTINCTIVE = 0.85;

/** Two carriers whose best candidates are this close are equally plausible: the carrier given must decide. */
export const AMBIGUITY_MARGIN = 0.15;

/** Every family the number fits, best first (stable: registry order breaks ties). */
export function detect(normalized: string): FamilyMatch[] {
  const entries = familiesFor(normalized);
  const matches: FamilyMatch[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as FamilyEntry;
    const family = entry.family;
    if (!family.pattern.test(normalized)) continue;
    if (family.accepts !== undefined && !family.accepts(normalized)) continue;
    let check: CheckResult = 'none';
    let expected = -1;
    let checkAt = -1;
    if (family.check !== undefined) {
      checkAt = family.check.at < 0 ? normalized.length + family.check.at : family.check.at;
      expected = family.check.expected(normalized);
      check = checkValueOf(normalized.charCodeAt(checkAt)) === expected ? 'pass' : 'fail';
    }
    const base = CONFIDENCE[family.shape][check];
    insertByConfidence(matches, { entry, check, expected, checkAt, confidence: entry.partner ? base * PARTNER_FACTOR : base });
  }
  return matches;
}

function insertByConfidence(matches: FamilyMatch[], match: FamilyMatch): void {
  let i = matches.length;
  while (i > 0 && (matches[i - 1] as FamilyMatch).confidence < match.confidence) i--;
  matches.splice(i, 0, match);
}

/** The best match of one carrier (matches are sorted, so the first one). */
export function bestMatchOf(matches: readonly FamilyMatch[], carrierId: string): FamilyMatch | undefined {
  for (const match of matches) if (match.entry.carrier.id === carrierId) return match;
  return undefined;
}

/** The best match of any carrier other than `carrierId`. */
export function bestMatchOtherThan(matches: readonly FamilyMatch[], carrierId: string): FamilyMatch | undefined {
  for (const match of matches) if (match.entry.carrier.id !== carrierId) return match;
  return undefined;
}
