/**
 * validate(number, carrier?) → a verdict: the normalised number, ranked carrier candidates, whether it is valid,
 * the Amazon code to send, and problems a person can act on. Pure: the reuse check, which needs the store, is
 * reuse.ts.
 */
import { checkCharacter } from '../carriers/check-digits.js';
import { amazonCodeFor, amazonCodeStanding, otherAllowedOn } from '../carriers/names.js';
import { candidateList, candidateOf, type CarrierCandidate } from './candidates.js';
import { designationOf, ruleOnCarrier, type CarrierDesignation, type CarrierRuling } from './carrier-rules.js';
import {
  AMBIGUITY_MARGIN,
  detectionOfNormalized,
  normalizeForDetection,
  RECOGNISED,
  type Detection,
  type FamilyMatch,
} from './detect.js';
import { checkPosition, problem, type Problem, type ProblemCode } from './problems.js';

export type { CarrierCandidate } from './candidates.js';

export type ValidationMode = 'lenient' | 'strict';

export interface ValidateOptions {
  /**
   * `lenient` (default): a number that fits a format without check digit counts as fitting. `strict`: only a
   * passing check digit makes a number valid, so formats without one (TBA, LaserShip, Yodel…) are reported
   * `NO_CHECK_DIGIT`.
   */
  readonly mode?: ValidationMode;
  /** Marketplace the number is confirmed on: picks the Amazon code (e.g. `DHL` on amazon.de is DHL Paket). */
  readonly marketplace?: string;
}

export interface Verdict {
  readonly input: string;
  readonly normalized: string;
  readonly valid: boolean;
  /** Amazon code to send: the given carrier's, else the best candidate's when valid; null when unknown. */
  readonly carrier: string | null;
  /** The CarrierName to send with it when it is `Other` (Amazon wants the carrier's name then); else null. */
  readonly carrierName: string | null;
  /** Registry id of that carrier. */
  readonly carrierKey: string | null;
  readonly candidates: readonly CarrierCandidate[];
  readonly problems: readonly Problem[];
}

/**
 * Everything a verdict says beyond the number itself. Memoised per shared detection and carrier context (see
 * `Detection`), so its lists are frozen and shared: never mutate them.
 */
export interface Judgement {
  readonly valid: boolean;
  readonly carrier: string | null;
  readonly carrierName: string | null;
  readonly carrierKey: string | null;
  readonly candidates: readonly CarrierCandidate[];
  readonly problems: readonly Problem[];
}

/** Shared default: a `= {}` default would allocate on every call. */
const DEFAULT_OPTIONS: ValidateOptions = Object.freeze({});

const NO_NUMBER: Judgement = freezeJudgement({
  valid: false,
  carrier: null,
  carrierName: null,
  carrierKey: null,
  candidates: [],
  problems: [problem('NO_TRACKING_NUMBER', 'no tracking number given')],
});

export function validate(trackingNumber: string, carrier?: string | null, options: ValidateOptions = DEFAULT_OPTIONS): Verdict {
  const normalized = normalizeForDetection(trackingNumber);
  const found = normalized.length === 0 ? undefined : detectionOfNormalized(normalized);
  const given = carrier === undefined || carrier === null ? '' : carrier.trim();
  const marketplace = options.marketplace;
  const strict = options.mode === 'strict';
  const defaultContext = !strict && marketplace === undefined;
  let judged: Judgement;
  if (found === undefined) {
    judged = NO_NUMBER;
  } else if (found.judgements !== undefined) {
    judged = fromSlots(found, undefined, given, defaultContext) ?? intoSlots(found, undefined, given, defaultContext,
      memoisedJudgement(found.judgements, normalized, found.matches, given, strict, marketplace));
  } else if (found.keyedJudgements !== undefined && found.numberKey !== undefined) {
    const numberKey = found.numberKey(normalized);
    judged = fromSlots(found, numberKey, given, defaultContext) ?? intoSlots(found, numberKey, given, defaultContext,
      memoisedJudgement(judgementsOfKey(found.keyedJudgements, numberKey), normalized, found.matches, given, strict, marketplace));
  } else {
    judged = judge(normalized, found.matches, given, strict, marketplace);
  }
  return {
    input: trackingNumber,
    normalized,
    valid: judged.valid,
    carrier: judged.carrier,
    carrierName: judged.carrierName,
    carrierKey: judged.carrierKey,
    candidates: judged.candidates,
    problems: judged.problems,
  };
}

/** Bound per detection: carrier texts come from input, so they are not a fixed set. */
const JUDGEMENTS_PER_DETECTION = 64;

/**
 * The judgement of a shared detection in a carrier context, built on first use. The default context (lenient,
 * no marketplace) is keyed by the carrier text alone, which costs no string building on the common path.
 */
function memoisedJudgement(
  memo: Map<string, Judgement>,
  normalized: string,
  matches: readonly FamilyMatch[],
  given: string,
  strict: boolean,
  marketplace: string | undefined,
): Judgement {
  const key = !strict && marketplace === undefined ? given : contextKey(given, strict, marketplace);
  let judged = memo.get(key);
  if (judged === undefined) {
    judged = freezeJudgement(judge(normalized, matches, given, strict, marketplace));
    if (memo.size >= JUDGEMENTS_PER_DETECTION) memo.clear();
    memo.set(key, judged);
  }
  return judged;
}

/**
 * A shared result's judgement from its fast slots (see `Detection.bare`), in the default context only; numbers of
 * one format mostly come without carrier or with the same one. `numberKey` is set on a keyed result.
 */
function fromSlots(found: Detection, numberKey: string | undefined, given: string, defaultContext: boolean): Judgement | undefined {
  if (!defaultContext) return undefined;
  if (given === '' && numberKey === undefined) return found.bare;
  return given === found.lastGiven && numberKey === found.lastKey ? found.lastJudged : undefined;
}

/** Keeps a default-context judgement in the fast slots `fromSlots` reads; returns it. */
function intoSlots(found: Detection, numberKey: string | undefined, given: string, defaultContext: boolean, judged: Judgement): Judgement {
  if (!defaultContext) return judged;
  if (given === '' && numberKey === undefined) {
    found.bare = judged;
  } else {
    found.lastGiven = given;
    found.lastKey = numberKey;
    found.lastJudged = judged;
  }
  return judged;
}

/** Number keys come from the number (an S10 country), so they too are bounded per detection. */
function judgementsOfKey(keyed: Map<string, Map<string, Judgement>>, numberKey: string): Map<string, Judgement> {
  let memo = keyed.get(numberKey);
  if (memo === undefined) {
    if (keyed.size >= JUDGEMENTS_PER_DETECTION) keyed.clear();
    keyed.set(numberKey, (memo = new Map()));
  }
  return memo;
}

/**
 * Key of a non-default context. It starts with a space, which no trimmed carrier text does, so it never meets a
 * default-context key; the marketplace's length keeps marketplace and carrier text apart.
 */
function contextKey(given: string, strict: boolean, marketplace: string | undefined): string {
  return ` ${strict ? 's' : 'l'}${marketplace === undefined ? '-' : `${marketplace.length}:${marketplace}`} ${given}`;
}

function freezeJudgement(judged: Judgement): Judgement {
  for (const p of judged.problems) Object.freeze(p);
  Object.freeze(judged.problems);
  Object.freeze(judged.candidates);
  return Object.freeze(judged);
}

function judge(
  normalized: string,
  matches: readonly FamilyMatch[],
  given: string,
  strict: boolean,
  marketplace: string | undefined,
): Judgement {
  const candidates = candidatesOf(matches, normalized, marketplace);
  if (given === '') return judgeDetected(normalized, matches, candidates, strict, marketplace);
  return judgeGiven(normalized, given, matches, candidates, strict, marketplace);
}

/**
 * No carrier given: valid when exactly one carrier fits with confidence, and Amazon takes a code for it on the
 * marketplace — its own, or `Other` with its name (never in India, which takes no `Other`).
 */
function judgeDetected(
  normalized: string,
  matches: readonly FamilyMatch[],
  candidates: readonly CarrierCandidate[],
  strict: boolean,
  marketplace: string | undefined,
): Judgement {
  const best = matches[0];
  const top = candidates[0];
  if (best === undefined || top === undefined) {
    return judgement(false, null, null, null, candidates, [
      problem('UNKNOWN_FORMAT', 'no carrier uses numbers like this — check for a missing, extra or mistyped character'),
    ]);
  }
  const problems: Problem[] = [];
  if (best.check === 'fail') {
    problems.push(checkDigitProblem(best, normalized));
  } else if (best.confidence < RECOGNISED) {
    problems.push(problem('CARRIER_UNCERTAIN', `this looks like a ${best.entry.family.name} number, but that format has no check digit and other carriers use it too — give the carrier`));
  } else {
    const rival = rivalOf(matches, best);
    if (rival !== undefined && (rival.confidence >= best.confidence - AMBIGUITY_MARGIN || best.check === 'none' || best.entry.family.shape === 'generic')) {
      problems.push(problem('AMBIGUOUS_CARRIER', `this fits both ${describe(best)} and ${describe(rival)} — give the carrier to decide`));
    } else if (strict && best.check === 'none') {
      problems.push(noCheckDigitProblem(best));
    }
  }
  const name = top.amazonCode === 'Other' ? (top.issuer ?? top.carrierName) : null;
  if (problems.length === 0 && name !== null && !otherAllowedOn(marketplace)) {
    problems.push(problem('OTHER_NOT_ALLOWED', `Amazon ${marketplace ?? ''} lists no code for ${name} and does not accept "Other": ship it with a listed carrier`));
  }
  const valid = problems.length === 0;
  return valid ? judgement(true, top.amazonCode, name, top.carrier, candidates, problems) : judgement(false, null, null, null, candidates, problems);
}

/**
 * A carrier given (an Amazon code, or `Other: NAME`): the confirmation's rules 2–3 exactly as the metrics judge
 * them (`ruleOnCarrier`), worded; then stricter than the metrics where a check can only guess: a number of no
 * known format of the carrier, and (strict mode) a format without check digit, are not called valid.
 */
function judgeGiven(
  normalized: string,
  given: string,
  matches: readonly FamilyMatch[],
  candidates: readonly CarrierCandidate[],
  strict: boolean,
  marketplace: string | undefined,
): Judgement {
  const designation = designationOf(given);
  const ruling = ruleOnCarrier(designation, matches, marketplace);
  const { carrier, own } = ruling;
  const problems: Problem[] = [];
  for (const code of ruling.problems) problems.push(explain(code, ruling, designation, normalized, marketplace));
  if (strict && own !== undefined && own.check === 'none') problems.push(noCheckDigitProblem(own));
  const code = codeToSend(ruling, designation, normalized, marketplace);
  const name = code === 'Other' ? (designation.name?.trim() || carrier?.name || null) : null;
  return judgement(!hasError(problems), code, name, carrier?.id ?? null, candidates, problems);
}

/** The Amazon code to send: the fix when the one given is not accepted, else the designated carrier's. */
function codeToSend(ruling: CarrierRuling, designation: CarrierDesignation, normalized: string, marketplace: string | undefined): string | null {
  if (ruling.fix !== undefined) return ruling.fix;
  const { carrier, own } = ruling;
  if (carrier !== undefined) return own?.entry.family.amazonCode?.(normalized) ?? amazonCodeFor(carrier, marketplace);
  if (!ruling.named) return null;
  // A carrier outside the registry: its listed code as given, or Other with its name.
  return designation.code !== null && amazonCodeStanding(designation.code) === 'exact' ? designation.code : 'Other';
}

/** The message of one of the ruling's problems. */
function explain(code: ProblemCode, ruling: CarrierRuling, designation: CarrierDesignation, normalized: string, marketplace: string | undefined): Problem {
  const { fix, carrier } = ruling;
  const given = designation.code ?? '';
  const instead = fix === undefined ? '' : ` — confirm with "${fix}"`;
  switch (code) {
    case 'NO_CARRIER':
      return problem(code, `"${given}" needs the carrier's name (CarrierName); without it Amazon has no carrier${instead}`);
    case 'OTHER_NOT_ALLOWED':
      return problem(code, `Amazon ${marketplace ?? ''} does not accept "${given}": confirm with a listed carrier code${fix === undefined ? '' : ` ("${fix}")`}`);
    case 'OTHER_HIDES_INTEGRATED_CARRIER':
      return problem(code, `${designation.name ?? ''} is on Amazon's carrier list: an integrated carrier confirmed as "${given}" is a defect${instead}`);
    case 'CARRIER_CODE_NOT_EXACT':
      return problem(code, `Amazon takes only the exact code, so "${given}" counts as Other${instead}`);
    case 'CARRIER_CODE_NOT_ACCEPTED':
      return problem(code, `"${given}" is not an Amazon carrier code, so it counts as Other${fix !== undefined ? instead
        : otherAllowedOn(marketplace) ? ` — confirm with Other and the carrier's name ("Other: ${given}")` : ' — confirm with a listed carrier code'}`);
    case 'CHECK_DIGIT_MISMATCH':
      return checkDigitProblem(ruling.own as FamilyMatch, normalized);
    case 'CARRIER_MISMATCH':
      return mismatchProblem(ruling.recognisedAs as FamilyMatch, carrier?.name ?? designation.name ?? given);
    default: {
      const names = carrier === undefined ? '' : ` (${carrier.families.map((family) => family.name).join(', ')})`;
      return problem(code, `this does not look like any ${carrier?.name ?? given} number${names} — check for a missing, extra or mistyped character`);
    }
  }
}

const NO_CANDIDATES: readonly CarrierCandidate[] = Object.freeze([]);

/** Candidates in match order. Most numbers fit one family: then the shared one-element list, no allocation. */
function candidatesOf(matches: readonly FamilyMatch[], normalized: string, marketplace: string | undefined): readonly CarrierCandidate[] {
  if (matches.length === 0) return NO_CANDIDATES;
  if (matches.length === 1) return candidateList(matches[0] as FamilyMatch, normalized, marketplace);
  const candidates = new Array<CarrierCandidate>(matches.length);
  for (let i = 0; i < matches.length; i++) candidates[i] = candidateOf(matches[i] as FamilyMatch, normalized, marketplace);
  return candidates;
}

function checkDigitProblem(match: FamilyMatch, normalized: string): Problem {
  const where = checkPosition(match.checkAt, normalized.length);
  return problem(
    'CHECK_DIGIT_MISMATCH',
    `${where} should be ${checkCharacter(match.expected)} for this ${match.entry.family.name} number — probably a typo`,
  );
}

function mismatchProblem(match: FamilyMatch, confirmedAs: string): Problem {
  return problem('CARRIER_MISMATCH', `this is a ${match.entry.family.name} number, confirmed as ${confirmedAs}`);
}

function noCheckDigitProblem(match: FamilyMatch): Problem {
  return problem('NO_CHECK_DIGIT', `${match.entry.family.name} numbers have no check digit, so a typo cannot be ruled out (strict mode)`);
}

/**
 * The best match that makes `best` uncertain: another carrier's format the number fits without failing its check
 * (a consolidator handing out `best`'s own format does not count). Only a check digit passing on a distinctive
 * shape outweighs such a rival; a generic best (bare digits) or one without check digit is never claimed while one
 * exists: the rival's format does not exclude the number, so only the carrier given can decide.
 */
function rivalOf(matches: readonly FamilyMatch[], best: FamilyMatch): FamilyMatch | undefined {
  for (const match of matches) {
    if (match.entry.carrier === best.entry.carrier || match.check === 'fail') continue;
    if (match.entry.partner && match.entry.family === best.entry.family) continue;
    return match;
  }
  return undefined;
}

function describe(match: FamilyMatch): string {
  return `${match.entry.carrier.name} (${match.entry.family.name})`;
}

function hasError(problems: readonly Problem[]): boolean {
  for (const p of problems) if (p.severity === 'error') return true;
  return false;
}

function judgement(
  valid: boolean,
  carrier: string | null,
  carrierName: string | null,
  carrierKey: string | null,
  candidates: readonly CarrierCandidate[],
  problems: readonly Problem[],
): Judgement {
  return { valid, carrier, carrierName, carrierKey, candidates, problems };
}

