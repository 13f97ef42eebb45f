/**
 * A digest of what VTR rules 2–3 judge a confirmation by: every carrier's codes, formats and check rules, Amazon's
 * code lists and the UPU operators. Kept figures are counted with the rules of the day they were written; the
 * fingerprint kept beside them (metrics/config.ts) includes this digest, so after an upgrade that changes the rules
 * (a corrected code list, a new format, an S10 operator) they are recounted instead of serving judgements the
 * current rules would not give. Functions (check digits, `accepts`, a family's code or issuer) enter by what they
 * answer on generated numbers, not by their text, which differs between a build and a test run.
 */
import { createHash } from 'node:crypto';
import { AMAZON_CARRIER_CODES, AMAZON_CARRIER_CODES_2026, MARKETPLACE_CODES, OTHER_CARRIER_CODES } from './amazon-codes.js';
import type { CarrierDefinition, TrackingFamily } from './carrier.js';
import { sampleNumber, seededRandom } from './family-samples.js';
import { CARRIERS } from './registry.js';
import { UPU_OPERATORS } from './upu-operators.js';

/**
 * Bump when the judgement itself changes (src/validate: carrier-rules.ts, detect.ts's confidences), which the data below does
 * not show.
 */
export const RULES_REVISION = 1;

const SAMPLES_PER_FAMILY = 8;
const COUNTRIES = Object.keys(UPU_OPERATORS);

/** What a family's functions answer on a few of its numbers, and on each with one digit changed. */
function behaviour(family: TrackingFamily): unknown {
  const random = seededRandom(20261206);
  const out: unknown[] = [];
  for (let i = 0; i < SAMPLES_PER_FAMILY; i++) {
    const n = sampleNumber(family, random);
    const digit = n.search(/\d/);
    const typo = digit < 0 ? n : `${n.slice(0, digit)}${(Number(n[digit]) + 1) % 10}${n.slice(digit + 1)}`;
    out.push([
      n, family.check?.expected(typo) ?? null, family.check?.span(n) ?? null, family.amazonCode?.(n) ?? null, family.issuer?.(n) ?? null,
      // Which issuing countries the family takes (the S10 posts): its number with each UPU country in their place.
      family.accepts === undefined ? null : COUNTRIES.filter((c) => family.accepts?.(n.slice(0, -2) + c)),
    ]);
  }
  return out;
}

function familyFacts(family: TrackingFamily): unknown {
  const { check } = family;
  return [family.id, family.lengths, family.firstChars, family.pattern.source, family.shape, check?.algorithm ?? null, check?.at ?? null, behaviour(family)];
}

function carrierFacts(carrier: CarrierDefinition): unknown {
  return [
    carrier.id, carrier.amazonCodes, carrier.aliases, carrier.unlistedFormats === true,
    carrier.families.map(familyFacts), (carrier.partnerFamilies ?? []).map(familyFacts),
  ];
}

export interface RulesData {
  readonly carriers: readonly CarrierDefinition[];
  readonly codes: readonly unknown[];
}

/** The digest of `data` (hex, 16 characters: a fingerprint, not a secret). */
export function rulesDigest(data: RulesData): string {
  const text = JSON.stringify([RULES_REVISION, data.carriers.map(carrierFacts), data.codes]);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The digest of the rules this build judges by. */
export const CARRIER_RULES_DIGEST = rulesDigest({
  carriers: CARRIERS,
  codes: [AMAZON_CARRIER_CODES, AMAZON_CARRIER_CODES_2026, MARKETPLACE_CODES, OTHER_CARRIER_CODES, UPU_OPERATORS],
});
