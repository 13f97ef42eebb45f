/**
 * Carrier candidates of a verdict, as frozen objects shared between verdicts. A candidate depends only on the
 * family entry, the Amazon code and issuer that apply, and the check result (plus the expected check character
 * on a fail) — a few hundred distinct values in all — so each is built once instead of once per validated
 * number. Building them per call was the largest cost of validate() (allocation and the GC it causes).
 */
import { checkCharacter } from '../carriers/check-digits.js';
import { amazonCodeFor } from '../carriers/names.js';
import { FAMILY_ENTRIES, type FamilyEntry } from '../carriers/registry.js';
import type { CheckResult, FamilyMatch } from './detect.js';

export interface CarrierCandidate {
  /** Registry id. */
  readonly carrier: string;
  readonly carrierName: string;
  /** The Amazon code to confirm this candidate with (`Other` when Amazon lists none). */
  readonly amazonCode: string;
  /** For a group of operators (S10 posts): who issued the number. */
  readonly issuer?: string;
  readonly family: string;
  readonly familyName: string;
  readonly role: 'owner' | 'partner';
  readonly checkDigit: CheckResult;
  /** On `fail`: the check character the rest of the number calls for. */
  readonly expectedCheckDigit?: string;
  readonly confidence: number;
}

/** Slots of a variant: 0–35 = check failed and should be that value; then pass; then no check digit. */
const PASS_SLOT = 36;
const NONE_SLOT = 37;

/** The candidates of one entry for one Amazon code and issuer, by check outcome; filled as they occur. */
class CandidateVariant {
  /** Frozen one-candidate lists: the list is what a single-candidate verdict carries, its element the candidate. */
  readonly lists: (readonly CarrierCandidate[] | undefined)[] = new Array(NONE_SLOT + 1);
  constructor(
    readonly entry: FamilyEntry,
    readonly amazonCode: string,
    readonly issuer: string | undefined,
  ) {}
}

/** Per entry: the variant used last (numbers of one family usually share code and issuer), then all of them. */
interface EntryVariants {
  last: CandidateVariant | undefined;
  /** Amazon code → issuer → variant. Bounded: codes and issuers come from fixed tables, never from the input. */
  readonly byCode: Map<string, Map<string | undefined, CandidateVariant>>;
}

const VARIANTS: EntryVariants[] = FAMILY_ENTRIES.map(() => ({ last: undefined, byCode: new Map() }));

/** The match's candidate as a frozen one-element list (shared: never mutate it). */
export function candidateList(match: FamilyMatch, normalized: string, marketplace: string | undefined): readonly CarrierCandidate[] {
  const { carrier, family } = match.entry;
  const amazonCode = family.amazonCode === undefined ? amazonCodeFor(carrier, marketplace) : family.amazonCode(normalized);
  const issuer = family.issuer === undefined ? undefined : family.issuer(normalized);
  const variant = variantFor(match.entry, amazonCode, issuer);
  const slot = match.check === 'pass' ? PASS_SLOT : match.check === 'none' ? NONE_SLOT : match.expected;
  return variant.lists[slot] ?? (variant.lists[slot] = Object.freeze([buildCandidate(variant, match)]));
}

/** The match's candidate (shared, frozen). */
export function candidateOf(match: FamilyMatch, normalized: string, marketplace: string | undefined): CarrierCandidate {
  return candidateList(match, normalized, marketplace)[0] as CarrierCandidate;
}

function variantFor(entry: FamilyEntry, amazonCode: string, issuer: string | undefined): CandidateVariant {
  const variants = VARIANTS[entry.ordinal] as EntryVariants;
  const last = variants.last;
  if (last !== undefined && last.amazonCode === amazonCode && last.issuer === issuer) return last;
  let byIssuer = variants.byCode.get(amazonCode);
  if (byIssuer === undefined) variants.byCode.set(amazonCode, (byIssuer = new Map()));
  let variant = byIssuer.get(issuer);
  if (variant === undefined) byIssuer.set(issuer, (variant = new CandidateVariant(entry, amazonCode, issuer)));
  variants.last = variant;
  return variant;
}

function buildCandidate(variant: CandidateVariant, match: FamilyMatch): CarrierCandidate {
  const { carrier, family, partner } = variant.entry;
  // One object shape for every candidate (absent optional fields are undefined, which JSON omits).
  return Object.freeze({
    carrier: carrier.id,
    carrierName: carrier.name,
    amazonCode: variant.amazonCode,
    issuer: variant.issuer,
    family: family.id,
    familyName: family.name,
    role: partner ? 'partner' : 'owner',
    checkDigit: match.check,
    expectedCheckDigit: match.check === 'fail' ? checkCharacter(match.expected) : undefined,
    confidence: match.confidence,
  } satisfies CarrierCandidate);
}
