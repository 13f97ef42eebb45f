/**
 * The static part of VTR validity for one confirmed package (definitions.md rules 1–3), called for every
 * imported row: it must stay cheap (no messages, no candidate objects).
 */
import type { StaticTrackingDefect } from '../core/domain.js';
import type { CarrierDefinition } from '../carriers/carrier.js';
import { amazonCodeStanding, listedAmazonCode, resolveCarrier } from '../carriers/names.js';
import {
  bestMatchOf,
  detectionOfNormalized,
  normalizeForDetection,
  RECOGNISED,
  RECOGNISED_DISTINCTIVE,
  type FamilyMatch,
} from './detect.js';
import type { ProblemCode } from './problems.js';

export { normalizeTrackingNumber } from './normalize.js';

export interface ConfirmationInput {
  carrierCode: string | null;
  carrierName: string | null;
  trackingNumber: string | null;
  marketplace?: string;
}

export interface ConfirmationAssessment {
  /** Normalised; null when none was given. */
  trackingNumber: string | null;
  /** Registry id of the carrier attributed: from the code or name, else the one the number was recognised as. */
  carrierKey: string | null;
  staticDefect: StaticTrackingDefect | null;
  problems: ProblemCode[];
}

/** The registry id for an Amazon carrier code or a typed carrier name; null when no registry carrier matches. */
export function resolveCarrierKey(text: string, marketplace?: string): string | null {
  return resolveCarrier(text, marketplace)?.id ?? null;
}

/** What the confirmation designates as carrier, and whether Amazon accepts it (rule 2). */
interface CarrierDesignation {
  carrier: CarrierDefinition | undefined;
  /** Text that names a carrier outside the registry (an Amazon code or an Other name); formats unknown. */
  named: boolean;
  defect: boolean;
}

function designate(input: ConfirmationInput, problems: ProblemCode[]): CarrierDesignation {
  const code = input.carrierCode?.trim() || null;
  const name = input.carrierName?.trim() || null;
  const marketplace = input.marketplace;
  if (code === null && name === null) {
    problems.push('NO_CARRIER');
    return { carrier: undefined, named: false, defect: true };
  }
  if (code === null || amazonCodeStanding(code) === 'other') {
    if (name === null) {
      // `Other` without a name: Amazon requires the name, so the carrier is not acceptable.
      problems.push('NO_CARRIER');
      return { carrier: undefined, named: false, defect: true };
    }
    const carrier = resolveCarrier(name, marketplace);
    const listed = (carrier !== undefined && carrier.amazonCodes.length > 0) || hidesListedCode(name);
    if (code !== null && listed) {
      problems.push('OTHER_HIDES_INTEGRATED_CARRIER');
      return { carrier, named: carrier === undefined, defect: true };
    }
    return { carrier, named: carrier === undefined, defect: false };
  }
  const carrier = resolveCarrier(code, marketplace);
  const standing = amazonCodeStanding(code);
  if (standing === 'unknown') {
    problems.push('CARRIER_CODE_NOT_ACCEPTED');
    return { carrier, named: carrier === undefined, defect: true };
  }
  if (standing === 'case-differs') problems.push('CARRIER_CODE_NOT_EXACT');
  if (standing === 'unverified') problems.push('CARRIER_CODE_UNVERIFIED');
  return { carrier, named: carrier === undefined, defect: false };
}

/** A name typed into Other that is itself one of Amazon's codes (apart from case), e.g. "la poste". */
function hidesListedCode(name: string): boolean {
  const code = listedAmazonCode(name);
  return code !== undefined && amazonCodeStanding(code) !== 'other';
}

/** Rule 3 for a designated carrier; returns the problem, or null when the number fits. */
function fitProblem(carrier: CarrierDefinition | undefined, matches: readonly FamilyMatch[]): ProblemCode | null {
  const best = matches[0];
  const knowsFormats = carrier !== undefined && carrier.families.length + (carrier.partnerFamilies?.length ?? 0) > 0;
  if (!knowsFormats) {
    // "A number of an unknown format for a carrier with no known formats passes" — unless it is clearly another's.
    return best !== undefined && best.check !== 'fail' && best.confidence >= RECOGNISED_DISTINCTIVE ? 'CARRIER_MISMATCH' : null;
  }
  const own = bestMatchOf(matches, carrier.id);
  if (own !== undefined) return own.check === 'fail' ? 'CHECK_DIGIT_MISMATCH' : null;
  if (best !== undefined && best.check !== 'fail' && best.confidence >= RECOGNISED) return 'CARRIER_MISMATCH';
  // Not rejected by a check digit, not recognised as anyone else's: rule 3 passes, but say the format is unknown.
  return 'UNKNOWN_FORMAT';
}

export function assessConfirmation(input: ConfirmationInput): ConfirmationAssessment {
  const raw = input.trackingNumber;
  const trackingNumber = raw === null ? null : normalizeForDetection(raw);
  // Detected right away: what normalizeForDetection read holds only until the next number is detected.
  const matches = trackingNumber === null || trackingNumber.length === 0 ? [] : detectionOfNormalized(trackingNumber).matches;
  const problems: ProblemCode[] = [];
  const designation = designate(input, problems);
  if (trackingNumber === null || trackingNumber.length === 0) {
    problems.unshift('NO_TRACKING_NUMBER');
    return { trackingNumber: null, carrierKey: designation.carrier?.id ?? null, staticDefect: 'no_tracking', problems };
  }
  const recognised = matches[0] !== undefined && matches[0].check !== 'fail' && matches[0].confidence >= RECOGNISED ? matches[0] : undefined;
  const carrierKey = designation.carrier?.id ?? (designation.named ? null : recognised?.entry.carrier.id ?? null);
  if (designation.defect) return { trackingNumber, carrierKey, staticDefect: 'carrier_not_accepted', problems };
  const fit = designation.carrier !== undefined || designation.named ? fitProblem(designation.carrier, matches) : null;
  if (fit !== null) problems.push(fit);
  const staticDefect = fit === 'CARRIER_MISMATCH' || fit === 'CHECK_DIGIT_MISMATCH' ? 'carrier_mismatch' : null;
  return { trackingNumber, carrierKey, staticDefect, problems };
}
