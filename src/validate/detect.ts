/**
 * Detection: which carrier families a normalised number fits, with its check-digit result and a confidence.
 * Pure and allocation-free in the common case: it runs for every validated number and every imported row.
 */
import type { TrackingFamily } from '../carriers/carrier.js';
import { checkValueOf } from '../carriers/check-digits.js';
import { matchesCompiled, newNumberShape, readShape } from '../carriers/pattern-masks.js';
import {
  CHECK_RULE_COUNT,
  familyGroupsFor,
  PATTERN_COUNT,
  type DispatchGroup,
  type FamilyEntry,
} from '../carriers/registry.js';
import type { Judgement } from './validate.js';

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

/**
 * What detect() found for one number. A one-group result is interned: it is fully determined by the group (which
 * fixes the family, its entries and the number's length, hence where the check sits) and the check outcome, so
 * each distinct one is built once, frozen and shared — most numbers fit a single group, and then detect()
 * allocates nothing. validate() keeps its judgements of an interned result in `judgements`: with the carrier text,
 * mode and marketplace they are all a verdict depends on, apart from the number itself when a family derives its
 * Amazon code or issuer from it (`plain` false). Results over several groups are built per call: their
 * combinations (eight 12-digit families, each passing or failing with any expected digit) run into the millions.
 */
export interface Detection {
  readonly matches: readonly FamilyMatch[];
  /** No family of the matches reads its Amazon code or issuer from the number. */
  readonly plain: boolean;
  /** validate()'s memo, keyed by carrier context; undefined on a result built for one call (never memoise it). */
  readonly judgements: Map<string, Judgement> | undefined;
}

class Found implements Detection {
  readonly judgements: Map<string, Judgement> | undefined;
  constructor(
    readonly matches: readonly FamilyMatch[],
    readonly plain: boolean,
    shared: boolean,
  ) {
    this.judgements = shared ? new Map() : undefined;
  }
}

const NOTHING_DETECTED = new Found(Object.freeze([]), true, true);

/** Check values run 0–35 (alphanumeric ISO 7064); every other algorithm stays within 0–9. */
const CHECK_VALUES = 36;

/** Slots of `DispatchGroup.interned`: 0–35 = failed check expecting that value, 36–71 = passed with that value, 72 = none. */
const NONE_SLOT = 2 * CHECK_VALUES;

function groupResult(group: DispatchGroup, check: CheckResult, expected: number, checkAt: number): Found {
  // A rule returning something outside 0–35 would be a bug, but must not corrupt the table: build it afresh.
  if (check !== 'none' && !(expected >= 0 && expected < CHECK_VALUES)) {
    return new Found(buildGroupMatches(group, check, expected, checkAt), isPlain(group), false);
  }
  const slot = check === 'none' ? NONE_SLOT : check === 'pass' ? CHECK_VALUES + expected : expected;
  const interned = group.interned as (Found | undefined)[];
  return interned[slot] ?? (interned[slot] = new Found(Object.freeze(buildGroupMatches(group, check, expected, checkAt)), isPlain(group), true));
}

/** Read when a result is built, not per number: family objects come in many shapes (megamorphic loads). */
function isPlain(group: DispatchGroup): boolean {
  return group.family.amazonCode === undefined && group.family.issuer === undefined;
}

function buildGroupMatches(group: DispatchGroup, check: CheckResult, expected: number, checkAt: number): FamilyMatch[] {
  const matches: FamilyMatch[] = [];
  for (const entry of group.entries) {
    const base = CONFIDENCE[entry.family.shape][check];
    const confidence = entry.partner ? base * PARTNER_FACTOR : base;
    insertRanked(matches, Object.freeze({ entry, check, expected, checkAt, confidence }));
  }
  return matches;
}

/**
 * Per-number memo of pattern results and check values: families of one slot often share a pattern (every S10
 * family, `^\d{12}$`) or a check rule (S10), and each then runs once per number. An entry is valid when its stamp
 * equals the current call's.
 */
let stamp = 0;
/** The current number's shape, read once per detect() and shared by every pattern test. */
const SHAPE = newNumberShape();
const PATTERN_STAMPS = new Uint32Array(PATTERN_COUNT);
const PATTERN_RESULTS = new Uint8Array(PATTERN_COUNT);
const CHECK_STAMPS = new Uint32Array(CHECK_RULE_COUNT);
const CHECK_VALUES_MEMO = new Int32Array(CHECK_RULE_COUNT);

function nextStamp(): number {
  stamp = (stamp + 1) >>> 0;
  if (stamp === 0) {
    PATTERN_STAMPS.fill(0);
    CHECK_STAMPS.fill(0);
    stamp = 1;
  }
  return stamp;
}

/**
 * Every family the number fits, best first; equal confidence goes by registry order (owners before partners).
 * The list may be shared between calls: never mutate it.
 */
export function detect(normalized: string): readonly FamilyMatch[] {
  return detection(normalized).matches;
}

/** detect(), as the shared result when there is one (see `Detection`). */
export function detection(normalized: string): Detection {
  const groups = familyGroupsFor(normalized);
  let found = NOTHING_DETECTED;
  let ranked: FamilyMatch[] | undefined; // only once a second match turns up
  let plain = true;
  if (groups.length === 0) return NOTHING_DETECTED;
  const now = groups.length > 1 ? nextStamp() : 0;
  readShape(normalized, SHAPE);
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as DispatchGroup;
    const pattern = group.pattern;
    const p = pattern.id;
    let fits: boolean;
    if (now !== 0 && PATTERN_STAMPS[p] === now) {
      fits = PATTERN_RESULTS[p] === 1;
    } else {
      fits = matchesCompiled(pattern, normalized, SHAPE);
      if (now !== 0) {
        PATTERN_STAMPS[p] = now;
        PATTERN_RESULTS[p] = fits ? 1 : 0;
      }
    }
    if (!fits) continue;
    const accepts = group.accepts;
    if (accepts !== undefined && !accepts(normalized)) continue;
    let check: CheckResult = 'none';
    let expected = -1;
    const rule = group.check;
    const checkAt = group.checkAt;
    if (rule !== undefined) {
      const checkId = group.checkId;
      if (now !== 0 && CHECK_STAMPS[checkId] === now) {
        expected = CHECK_VALUES_MEMO[checkId] as number;
      } else {
        expected = rule.expected(normalized);
        if (now !== 0) {
          CHECK_STAMPS[checkId] = now;
          CHECK_VALUES_MEMO[checkId] = expected;
        }
      }
      check = checkValueOf(normalized.charCodeAt(checkAt)) === expected ? 'pass' : 'fail';
    }
    // Partner entries share the family: one pattern and check-digit run serves them all.
    const result = groupResult(group, check, expected, checkAt);
    if (found === NOTHING_DETECTED) {
      found = result;
      continue;
    }
    if (ranked === undefined) {
      // Copied by hand: slice() on a frozen list leaves the fast path.
      ranked = [];
      const first = found.matches;
      for (let m = 0; m < first.length; m++) ranked.push(first[m] as FamilyMatch);
      plain = found.plain;
    }
    const list = result.matches;
    for (let m = 0; m < list.length; m++) insertRanked(ranked, list[m] as FamilyMatch);
    plain &&= result.plain;
  }
  return ranked === undefined ? found : new Found(ranked, plain, false);
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
