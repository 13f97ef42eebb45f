/**
 * THE judgement of VTR rules 2–3 (definitions.md): is the carrier a confirmation designates acceptable to Amazon, and
 * does the number fit it. `validate()` (vtrguard check, POST /v1/validate) and `assessConfirmation()` (import, the
 * metrics) both decide through `ruleOnCarrier`, so a check can never call valid what the metrics count a defect.
 * Pure; returns codes and the matches behind them, and leaves the wording to the caller.
 */
import type { CarrierDefinition } from '../carriers/carrier.js';
import {
  amazonCodeFor,
  amazonCodeStanding,
  carriersListingCode,
  listedAmazonCode,
  otherAllowedOn,
  resolveCarrier,
} from '../carriers/names.js';
import { bestMatchOf, RECOGNISED, RECOGNISED_DISTINCTIVE, type FamilyMatch } from './detect.js';
import type { ProblemCode } from './problems.js';

/** The carrier fields of a confirmation as sent to Amazon: CarrierCode and CarrierName (needed with `Other`). */
export interface CarrierDesignation {
  readonly code: string | null;
  readonly name: string | null;
}

export type CarrierDefect = 'carrier_not_accepted' | 'carrier_mismatch';

export interface CarrierRuling {
  /** The rule 2–3 defect the metrics count, or null. */
  readonly defect: CarrierDefect | null;
  /** In order: rule 2's problem (if any), then rule 3's. */
  readonly problems: readonly ProblemCode[];
  /**
   * The registry carrier designated: by the code, by the name given with `Other`, or by a name alone; under a code
   * several carriers list (`DHL`), the one whose format the number fits, else the marketplace's.
   */
  readonly carrier: CarrierDefinition | undefined;
  /** The text names a carrier outside the registry (its formats are unknown). */
  readonly named: boolean;
  /** When rule 2 fails: the exact Amazon code to confirm with instead, when one is known. */
  readonly fix: string | undefined;
  /** The designated carrier's best match (rule 3). */
  readonly own: FamilyMatch | undefined;
  /** On a mismatch: whose number it was recognised as. */
  readonly recognisedAs: FamilyMatch | undefined;
}

/** `Other: UPS`, `Other (Speedy Bob)`, `Andere - Hermes`: the code `Other` with a carrier name, as one text. */
const OTHER_WITH_NAME = /^(Other|Otro|Andere|Sonstige)\s*(?::|\(|-|–|—)\s*(.*?)\s*\)?$/;

/** What a typed carrier text designates: an Amazon code, or `Other` with a name (`Other: Speedy Bob`). */
export function designationOf(text: string | null | undefined): CarrierDesignation {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return { code: null, name: null };
  const other = OTHER_WITH_NAME.exec(trimmed);
  if (other !== null) return { code: other[1] as string, name: (other[2] as string) === '' ? null : (other[2] as string) };
  return { code: trimmed, name: null };
}

/** The carrier text `designationOf` reads back as this designation: the code, or `Other: NAME`. */
export function carrierTextOf(designation: CarrierDesignation): string {
  const code = designation.code?.trim() ?? '';
  const name = designation.name?.trim() ?? '';
  if (name === '') return code;
  return code === '' ? name : `${code}: ${name}`;
}

/** The best match recognised as some carrier's (not failing its check, confident enough), if any. */
export function recognisedMatch(matches: readonly FamilyMatch[]): FamilyMatch | undefined {
  const best = matches[0];
  return best !== undefined && best.check !== 'fail' && best.confidence >= RECOGNISED ? best : undefined;
}

interface Designated {
  carrier: CarrierDefinition | undefined;
  named: boolean;
  problem: ProblemCode | null;
  fix: string | undefined;
}

/** Rule 2. */
function designate(designation: CarrierDesignation, matches: readonly FamilyMatch[], marketplace: string | undefined): Designated {
  const code = designation.code?.trim() || null;
  const name = designation.name?.trim() || null;
  if (code === null) {
    if (name === null) return { carrier: undefined, named: false, problem: 'NO_CARRIER', fix: recognisedCode(matches, marketplace) };
    // Only a name (order reports carry names): it designates the carrier.
    const carrier = resolveCarrier(name, marketplace);
    return { carrier, named: carrier === undefined, problem: null, fix: undefined };
  }
  const standing = amazonCodeStanding(code);
  if (standing === 'other') {
    const carrier = name === null ? undefined : resolveCarrier(name, marketplace);
    const named = name !== null && carrier === undefined;
    if (!otherAllowedOn(marketplace)) {
      return { carrier, named, problem: 'OTHER_NOT_ALLOWED', fix: codeOf(carrier, marketplace) ?? recognisedCode(matches, marketplace) };
    }
    if (name === null) return { carrier: undefined, named: false, problem: 'NO_CARRIER', fix: recognisedCode(matches, marketplace) };
    const listed = codeOf(carrier, marketplace) ?? listedCarrierCode(name);
    if (listed !== undefined) return { carrier, named, problem: 'OTHER_HIDES_INTEGRATED_CARRIER', fix: listed };
    return { carrier, named, problem: null, fix: undefined };
  }
  const carrier = resolveCarrier(code, marketplace);
  if (standing === 'exact') return { carrier, named: carrier === undefined, problem: null, fix: undefined };
  // Off the list: Amazon takes it as `Other` (without a name). Say what to send instead.
  const fix = standing === 'case-differs' ? listedAmazonCode(code) : codeOf(carrier, marketplace);
  return { carrier, named: carrier === undefined, problem: standing === 'case-differs' ? 'CARRIER_CODE_NOT_EXACT' : 'CARRIER_CODE_NOT_ACCEPTED', fix };
}

/** The carrier's Amazon code on the marketplace, or undefined when Amazon lists none for it. */
function codeOf(carrier: CarrierDefinition | undefined, marketplace: string | undefined): string | undefined {
  if (carrier === undefined) return undefined;
  const code = amazonCodeFor(carrier, marketplace);
  return code === 'Other' ? undefined : code;
}

/** A name typed into `Other` that is itself one of Amazon's codes (apart from case), e.g. "la poste". */
function listedCarrierCode(name: string): string | undefined {
  const code = listedAmazonCode(name);
  return code !== undefined && amazonCodeStanding(code) === 'exact' ? code : undefined;
}

function recognisedCode(matches: readonly FamilyMatch[], marketplace: string | undefined): string | undefined {
  const recognised = recognisedMatch(matches);
  return recognised === undefined ? undefined : codeOf(recognised.entry.carrier, marketplace);
}

/**
 * The designated carrier's best match. Under a code several carriers list (`DHL`: a brand, whose divisions each
 * issue numbers under it; docs/carriers.md), the best match of any of them — of a division's own formats only: the
 * numbers of other carriers a division hands out (DHL eCommerce's USPS IMpb) fit that division's own code alone.
 */
function ownMatch(carrier: CarrierDefinition, listing: readonly CarrierDefinition[], matches: readonly FamilyMatch[]): FamilyMatch | undefined {
  if (listing.length < 2) return bestMatchOf(matches, carrier.id);
  for (const match of matches) {
    const owner = match.entry.carrier;
    if (owner === carrier || (!match.entry.partner && listing.includes(owner))) return match;
  }
  return undefined;
}

/** Rule 3 for a designated carrier: the problem, or null when the number fits. */
function fit(
  carrier: CarrierDefinition | undefined,
  listing: readonly CarrierDefinition[],
  matches: readonly FamilyMatch[],
  viaOther: boolean,
): { problem: ProblemCode | null; own: FamilyMatch | undefined; other: FamilyMatch | undefined } {
  const own = carrier === undefined ? undefined : ownMatch(carrier, listing, matches);
  if (own !== undefined) return { problem: own.check === 'fail' ? 'CHECK_DIGIT_MISMATCH' : null, own, other: undefined };
  const knowsFormats = carrier !== undefined && carrier.unlistedFormats !== true && carrier.families.length + (carrier.partnerFamilies?.length ?? 0) > 0;
  if (!knowsFormats) {
    // "A number of an unknown format for a carrier with no known formats passes" — unless it is clearly another's.
    const best = matches[0];
    // Under `Other`, a number of a carrier Amazon does not list (a post without a code) may be that carrier's: the
    // name given is the only word on it.
    const clearly = best !== undefined && best.check !== 'fail' && best.confidence >= RECOGNISED_DISTINCTIVE
      && !(viaOther && best.entry.carrier.amazonCodes.length === 0);
    return { problem: clearly ? 'CARRIER_MISMATCH' : null, own: undefined, other: clearly ? best : undefined };
  }
  const other = recognisedMatch(matches);
  // Not rejected by a check digit, not recognised as anyone else's: rule 3 passes, but the format is unknown.
  return { problem: other === undefined ? 'UNKNOWN_FORMAT' : 'CARRIER_MISMATCH', own: undefined, other };
}

/**
 * Rules 2 and 3 for a number's matches (from detect) and the designation. Rule 3 is judged whenever a carrier is
 * designated, also when rule 2 already failed, so the verdict can say both; rule 2's defect takes precedence.
 */
export function ruleOnCarrier(designation: CarrierDesignation, matches: readonly FamilyMatch[], marketplace: string | undefined): CarrierRuling {
  const designated = designate(designation, matches, marketplace);
  const problems: ProblemCode[] = designated.problem === null ? [] : [designated.problem];
  const code = designation.code?.trim() ?? '';
  const viaOther = code !== '' && amazonCodeStanding(code) === 'other';
  const judged = designated.carrier !== undefined || designated.named
    ? fit(designated.carrier, carriersListingCode(code), matches, viaOther)
    : undefined;
  if (judged?.problem) problems.push(judged.problem);
  const mismatch = judged?.problem === 'CARRIER_MISMATCH' || judged?.problem === 'CHECK_DIGIT_MISMATCH';
  return {
    defect: designated.problem !== null ? 'carrier_not_accepted' : mismatch ? 'carrier_mismatch' : null,
    problems,
    // Under a brand's code, the division whose format the number is.
    carrier: judged?.own?.entry.carrier ?? designated.carrier,
    named: designated.named,
    fix: designated.fix,
    own: judged?.own,
    recognisedAs: judged?.other,
  };
}
