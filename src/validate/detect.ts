/**
 * Detection: which carrier families a normalised number fits, with its check-digit result and a confidence.
 * Pure and allocation-free in the common case: it runs for every validated number and every imported row.
 */
import type { TrackingFamily } from '../carriers/carrier.js';
import { checkValueOf } from '../carriers/check-digits.js';
import { s10Country } from '../carriers/families.js';
import { matchesCompiled, newNumberShape, readShape } from '../carriers/pattern-masks.js';
import {
  CHECK_RULE_COUNT,
  familyGroupsFor,
  PATTERN_COUNT,
  type DispatchGroup,
  INTERNED_SLOTS,
  MAX_GROUPS_PER_SLOT,
  type FamilyEntry,
  type SlotMerges,
} from '../carriers/registry.js';
import type { CarrierRuling } from './carrier-rules.js';
import { normalizeTyped } from './normalize.js';
import type { Judgement } from './validate.js';

export type CheckResult = 'pass' | 'fail' | 'none';

export interface FamilyMatch {
  readonly entry: FamilyEntry;
  readonly check: CheckResult;
  /**
   * On a failed check: the value the check character should have. −1 otherwise: a passing number carries it, and
   * leaving it out lets one result serve every passing number of the group (ten times fewer distinct results).
   */
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
 * What detect() found for one number. Results are interned: a one-group result is fully determined by the group
 * (which fixes the family, its entries and the number's length, hence where the check sits) and the check
 * outcome, and a result over several groups by the one-group results it merges, so each distinct one is built
 * once, frozen and shared — and detect() then allocates nothing. validate() keeps its judgements of an interned
 * result in `judgements`: with the carrier text, mode and marketplace they are all a verdict depends on, apart
 * from what a family's Amazon code or issuer reads from the number (`plain` false; then `numberKey` says what that
 * is). Merged results are interned up to a budget per dispatch slot (`MERGES_PER_SLOT`): the 12-digit slots see
 * too many combinations; past it a result is built for the call.
 */
export interface Detection {
  readonly matches: readonly FamilyMatch[];
  /** No family of the matches reads its Amazon code or issuer from the number. */
  readonly plain: boolean;
  /**
   * When not plain: the `numberKey` every number-reading family of the matches shares, so equal keys mean equal
   * codes and issuers. Undefined when plain, or when they share none (then a verdict is never shared).
   */
  readonly numberKey: ((normalized: string) => string) | undefined;
  /**
   * validate()'s memo of a plain result, keyed by carrier context; undefined on a result built for one call (never
   * memoise it) and on one that is not plain.
   */
  readonly judgements: Map<string, Judgement> | undefined;
  /** As `judgements`, per number key first; undefined unless shared, not plain and keyed. */
  readonly keyedJudgements: Map<string, Map<string, Judgement>> | undefined;
  /**
   * validate()'s fast slots for the default context (lenient, no marketplace) of a shared result, ahead of its
   * memos: `bare` is the judgement without a carrier (plain results only), `lastJudged` the one for carrier text
   * `lastGiven` and, on a keyed result, number key `lastKey`. They sit on the result because detection has just
   * read it, where a memo lookup reaches into a Map that is rarely in cache. Undefined until used.
   */
  bare: Judgement | undefined;
  lastGiven: string | undefined;
  lastKey: string | undefined;
  lastJudged: Judgement | undefined;
  /** Shared between calls (interned): what validate() and assessConfirmation() derive from it may be kept on it. */
  readonly shared: boolean;
  /**
   * assessConfirmation()'s memo on a shared result: the rulings on rules 2–3 (which read nothing but the matches,
   * the carrier code and name, and the marketplace) for the last two carriers it was asked about. An import's rows
   * of one format mostly come with one or two carriers. Undefined until used.
   */
  rulings: RecentRulings | undefined;
}

/** The last two rulings asked of a shared detection, the newer first (see `Detection.rulings`). */
export class RecentRulings {
  code2: string | null = null;
  name2: string | null = null;
  marketplace2: string | undefined = undefined;
  ruling2: CarrierRuling | undefined = undefined;
  constructor(
    public code: string | null,
    public name: string | null,
    public marketplace: string | undefined,
    public ruling: CarrierRuling,
  ) {}

  find(code: string | null, name: string | null, marketplace: string | undefined): CarrierRuling | undefined {
    if (this.code === code && this.name === name && this.marketplace === marketplace) return this.ruling;
    if (this.ruling2 !== undefined && this.code2 === code && this.name2 === name && this.marketplace2 === marketplace) return this.ruling2;
    return undefined;
  }

  /** Keeps `ruling` as the newer; the older one goes. */
  keep(code: string | null, name: string | null, marketplace: string | undefined, ruling: CarrierRuling): void {
    this.code2 = this.code;
    this.name2 = this.name;
    this.marketplace2 = this.marketplace;
    this.ruling2 = this.ruling;
    this.code = code;
    this.name = name;
    this.marketplace = marketplace;
    this.ruling = ruling;
  }
}

class Found implements Detection {
  readonly judgements: Map<string, Judgement> | undefined;
  readonly keyedJudgements: Map<string, Map<string, Judgement>> | undefined;
  bare: Judgement | undefined = undefined;
  lastGiven: string | undefined = undefined;
  lastKey: string | undefined = undefined;
  lastJudged: Judgement | undefined = undefined;
  rulings: RecentRulings | undefined = undefined;
  constructor(
    readonly matches: readonly FamilyMatch[],
    readonly plain: boolean,
    readonly numberKey: ((normalized: string) => string) | undefined,
    readonly shared: boolean,
    /** For an interned one-group result: its slot in `DispatchGroup.interned`; −1 otherwise. */
    readonly outcome: number,
  ) {
    this.judgements = shared && plain ? new Map() : undefined;
    this.keyedJudgements = shared && !plain && numberKey !== undefined ? new Map() : undefined;
  }
}

const NOTHING_DETECTED = new Found(Object.freeze([]), true, undefined, true, -1);

/** Check values run 0–35 (alphanumeric ISO 7064); every other algorithm stays within 0–9. */
const CHECK_VALUES = 36;

/** Slots of `DispatchGroup.interned` (INTERNED_SLOTS of them): 0–35 = failed check expecting that value, then pass, then none. */
const PASS_SLOT = CHECK_VALUES;
const NONE_SLOT = CHECK_VALUES + 1;

function groupResult(group: DispatchGroup, check: CheckResult, expected: number, checkAt: number): Found {
  // A rule returning something outside 0–35 would be a bug, but must not corrupt the table: build it afresh.
  if (check !== 'none' && !(expected >= 0 && expected < CHECK_VALUES)) return newGroupResult(group, check, expected, checkAt, -1);
  const slot = check === 'none' ? NONE_SLOT : check === 'pass' ? PASS_SLOT : expected;
  const interned = group.interned as (Found | undefined)[];
  return interned[slot] ?? (interned[slot] = newGroupResult(group, check, check === 'pass' ? -1 : expected, checkAt, slot));
}

/** A one-group result, shared when `slot` is its place in `group.interned` (−1: for this call only). */
function newGroupResult(group: DispatchGroup, check: CheckResult, expected: number, checkAt: number, slot: number): Found {
  const matches = buildGroupMatches(group, check, expected, checkAt);
  const plain = isPlain(group);
  const numberKey = plain ? undefined : group.numberKey;
  return slot < 0 ? new Found(matches, plain, numberKey, false, -1) : new Found(Object.freeze(matches), plain, numberKey, true, slot);
}

/** Read when a result is built, not per number: family objects come in many shapes (megamorphic loads). */
function isPlain(group: DispatchGroup): boolean {
  return group.family.amazonCode === undefined && group.family.issuer === undefined;
}

/** The one-group results of the current number (one number at a time). */
const RESULTS: Found[] = new Array<Found>(MAX_GROUPS_PER_SLOT).fill(NOTHING_DETECTED);

/**
 * The result of a number that fits several groups: the interned one for its outcome key when there is one, else
 * built from `RESULTS` — interned while the slot's budget lasts and the key is exact, else for this call only.
 */
function mergedResult(merges: SlotMerges, key: number, count: number): Found {
  const internable = key >= 0 && key <= Number.MAX_SAFE_INTEGER;
  if (internable) {
    const known = merges.interned.get(key) as Found | undefined;
    if (known !== undefined) return known;
  }
  const matches: FamilyMatch[] = [];
  let plain = true;
  let numberKey: ((normalized: string) => string) | undefined;
  let keyed = true;
  for (let r = 0; r < count; r++) {
    const result = RESULTS[r] as Found;
    for (const match of result.matches) insertRanked(matches, match);
    if (!result.plain) {
      keyed &&= result.numberKey !== undefined && (plain || result.numberKey === numberKey);
      numberKey = result.numberKey;
      plain = false;
    }
  }
  if (!keyed) numberKey = undefined;
  if (!internable || merges.remaining === 0) return new Found(matches, plain, undefined, false, -1);
  merges.remaining--;
  const merged = new Found(Object.freeze(matches), plain, numberKey, true, -1);
  merges.interned.set(key, merged);
  return merged;
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
  readShape(normalized, SHAPE);
  return detectionOfNormalized(normalized);
}

/**
 * normalizeTrackingNumber(raw) for a detection that follows at once: the scan that tells a clean number (most
 * are) also reads its shape, which `detectionOfNormalized` then uses instead of reading the number again. Shape
 * and stamps are per-number state: nothing may detect another number between the two calls.
 */
export function normalizeForDetection(raw: string): string {
  readShape(raw, SHAPE);
  if (SHAPE.alnum && raw.length > 0) return raw;
  const normalized = normalizeTyped(raw);
  readShape(normalized, SHAPE);
  return normalized;
}

/** detection() of the number `normalizeForDetection` has just returned. */
export function detectionOfNormalized(normalized: string): Detection {
  const groups = familyGroupsFor(normalized);
  let count = 0;
  let fitting = 0;
  let outcomes = 0;
  /** Bits of the S10 groups taking the number's country; −1 until read. */
  let countryBits = -1;
  if (groups.length === 0) return NOTHING_DETECTED;
  const now = groups.length > 1 ? nextStamp() : 0;
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
    const byCountry = group.byCountry;
    if (byCountry !== undefined) {
      // The slot's S10 groups: one lookup by the number's country decides them all.
      if (countryBits < 0) countryBits = byCountry.get(s10Country(normalized)) ?? 0;
      if ((countryBits & (1 << group.position)) === 0) continue;
    } else {
      const accepts = group.accepts;
      if (accepts !== undefined && !accepts(normalized)) continue;
    }
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
    RESULTS[count++] = result;
    // The outcome key: which groups fit (a bit each) and, in base INTERNED_SLOTS, the outcomes of those with a
    // check digit (one without always has the same); −1 once a result is not interned.
    fitting |= 1 << group.position;
    if (result.outcome < 0) outcomes = -1;
    else if (rule !== undefined && outcomes >= 0) outcomes = outcomes * INTERNED_SLOTS + result.outcome;
  }
  if (count === 0) return NOTHING_DETECTED;
  if (count === 1) return RESULTS[0] as Found;
  return mergedResult((groups[0] as DispatchGroup).merges, outcomes < 0 ? -1 : outcomes * (1 << groups.length) + fitting, count);
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
