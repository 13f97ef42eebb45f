/**
 * Detection: which carrier families a normalised number fits, with its check-digit result and a confidence.
 * Pure and allocation-free in the common case: it runs for every validated number and every imported row.
 */
import type { TrackingFamily } from '../carriers/carrier.js';
import { checkValueOf } from '../carriers/check-digits.js';
import { FAMILY_ENTRIES, familyGroupsFor, MAX_TRACKING_LENGTH, type DispatchGroup, type FamilyEntry } from '../carriers/registry.js';

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

const NO_MATCHES: readonly FamilyMatch[] = Object.freeze([]);

/** Check values run 0–35 (alphanumeric ISO 7064); every other algorithm stays within 0–9. */
const CHECK_VALUES = 36;

/**
 * Matches are interned: a match is fully determined by its entry, the number's length (which fixes where the
 * check sits) and the check outcome, so each distinct one is built once, frozen, and wrapped in a one-element
 * list — most numbers fit a single family, and then detect() allocates nothing at all.
 */
interface EntryMatches {
  /** The match without check digit. */
  none: readonly FamilyMatch[] | undefined;
  /** Checked matches by checkedKey(); allocated on the entry's first checked match. */
  checked: (readonly FamilyMatch[] | undefined)[] | undefined;
}

const ENTRY_MATCHES: EntryMatches[] = FAMILY_ENTRIES.map(() => ({ none: undefined, checked: undefined }));

function checkedKey(length: number, check: CheckResult, expected: number): number {
  return (length * 2 + (check === 'pass' ? 1 : 0)) * CHECK_VALUES + expected;
}

/** The entry's match for this outcome, as a shared frozen one-element list. */
function internedMatch(entry: FamilyEntry, check: CheckResult, expected: number, checkAt: number, length: number): readonly FamilyMatch[] {
  const interned = ENTRY_MATCHES[entry.ordinal] as EntryMatches;
  if (check === 'none') return (interned.none ??= soloMatch(entry, check, expected, checkAt));
  // A rule returning something outside 0–35 would be a bug, but must not corrupt the table: build it afresh.
  if (!(expected >= 0 && expected < CHECK_VALUES)) return soloMatch(entry, check, expected, checkAt);
  const table = (interned.checked ??= new Array((MAX_TRACKING_LENGTH + 1) * 2 * CHECK_VALUES));
  const key = checkedKey(length, check, expected);
  return (table[key] ??= soloMatch(entry, check, expected, checkAt));
}

function soloMatch(entry: FamilyEntry, check: CheckResult, expected: number, checkAt: number): readonly FamilyMatch[] {
  const base = CONFIDENCE[entry.family.shape][check];
  const confidence = entry.partner ? base * PARTNER_FACTOR : base;
  return Object.freeze([Object.freeze({ entry, check, expected, checkAt, confidence })]);
}

/**
 * Every family the number fits, best first; equal confidence goes by registry order (owners before partners).
 * The list may be shared between calls: never mutate it.
 */
export function detect(normalized: string): readonly FamilyMatch[] {
  const groups = familyGroupsFor(normalized);
  let found = NO_MATCHES;
  let ranked: FamilyMatch[] | undefined; // only once a second match turns up
  for (let g = 0; g < groups.length; g++) {
    const { family, entries } = groups[g] as DispatchGroup;
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
    // Partner entries share the family: one pattern and check-digit run serves them all.
    for (let e = 0; e < entries.length; e++) {
      const solo = internedMatch(entries[e] as FamilyEntry, check, expected, checkAt, normalized.length);
      if (found.length === 0) {
        found = solo;
      } else {
        ranked ??= [found[0] as FamilyMatch];
        insertRanked(ranked, solo[0] as FamilyMatch);
      }
    }
  }
  return ranked ?? found;
}

/** Insert keeping confidence descending, then registry order: the order a stable sort of the registry gives. */
function insertRanked(matches: FamilyMatch[], match: FamilyMatch): void {
  let i = matches.length;
  while (i > 0 && ranksAfter(matches[i - 1] as FamilyMatch, match)) {
    matches[i] = matches[i - 1] as FamilyMatch;
    i--;
  }
  matches[i] = match;
}

function ranksAfter(a: FamilyMatch, b: FamilyMatch): boolean {
  return a.confidence < b.confidence || (a.confidence === b.confidence && a.entry.ordinal > b.entry.ordinal);
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
