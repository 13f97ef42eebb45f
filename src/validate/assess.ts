/**
 * The static part of VTR validity for one confirmed package (definitions.md rules 1–3), called for every
 * imported row and by the metrics: it must stay cheap (no messages, no candidate objects). Rules 2–3 are
 * `ruleOnCarrier`, the same judgement `validate()` gives.
 */
import type { Marketplace, StaticTrackingDefect } from '../core/domain.js';
import { resolveCarrier } from '../carriers/names.js';
import { recognisedMatch, ruleOnCarrier, type CarrierRuling } from './carrier-rules.js';
import { detectionOfNormalized, normalizeForDetection, RecentRulings, type Detection, type FamilyMatch } from './detect.js';
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

const NO_MATCHES: readonly FamilyMatch[] = [];

export function assessConfirmation(input: ConfirmationInput): ConfirmationAssessment {
  const raw = input.trackingNumber;
  const trackingNumber = raw === null ? null : normalizeForDetection(raw);
  // Detected right away: what normalizeForDetection read holds only until the next number is detected.
  const found = trackingNumber === null || trackingNumber.length === 0 ? undefined : detectionOfNormalized(trackingNumber);
  const matches = found === undefined ? NO_MATCHES : found.matches;
  const ruling = found === undefined ? ruleOnCarrier({ code: input.carrierCode, name: input.carrierName }, matches, input.marketplace)
    : rulingOf(found, input.carrierCode, input.carrierName, input.marketplace);
  if (trackingNumber === null || trackingNumber.length === 0) {
    const problems: ProblemCode[] = ['NO_TRACKING_NUMBER'];
    if (ruling.defect === 'carrier_not_accepted') problems.push(ruling.problems[0] as ProblemCode);
    return { trackingNumber: null, carrierKey: ruling.carrier?.id ?? null, staticDefect: 'no_tracking', problems };
  }
  const carrierKey = ruling.carrier?.id ?? (ruling.named ? null : recognisedMatch(matches)?.entry.carrier.id ?? null);
  return { trackingNumber, carrierKey, staticDefect: ruling.defect, problems: [...ruling.problems] };
}

/** The ruling on a detection, from its memo when it is shared and was lately asked about the same carrier. */
function rulingOf(found: Detection, code: string | null, name: string | null, marketplace: string | undefined): CarrierRuling {
  const kept = found.rulings?.find(code, name, marketplace);
  if (kept !== undefined) return kept;
  const ruling = ruleOnCarrier({ code, name }, found.matches, marketplace);
  if (found.shared) {
    Object.freeze(ruling.problems);
    Object.freeze(ruling);
    if (found.rulings === undefined) found.rulings = new RecentRulings(code, name, marketplace, ruling);
    else found.rulings.keep(code, name, marketplace, ruling);
  }
  return ruling;
}

/** Rules 1–3 of a stored confirmation, as the metrics count them (definitions.md): the judgement `check` gives too. */
export function staticTrackingDefect(pkg: {
  readonly carrierCode: string | null;
  readonly carrierName: string | null;
  readonly trackingNumber: string | null;
  readonly marketplace: Marketplace;
}): StaticTrackingDefect | null {
  return assessConfirmation(pkg).staticDefect;
}
