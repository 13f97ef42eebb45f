/**
 * The CarrierDefinition contract: one plain object per carrier, registered by an explicit import in registry.ts.
 * Every implementation `satisfies CarrierDefinition`, and carrier-contract.test.ts runs the same checks on each.
 */
import type { Marketplace, TrackingStatus } from '../core/domain.js';

/** Check-digit algorithms, named as docs/carriers.md and verdicts name them. */
export type CheckAlgorithm =
  | 'mod10-ups'
  | 'gs1-mod10'
  | 'luhn'
  | 'mod7'
  | 'mod11-mod10'
  | 's10-mod11'
  | 'iso7064-mod37-36';

export interface CheckDigitRule {
  readonly algorithm: CheckAlgorithm;
  /** Index of the check character in the normalised number; negative counts from the end (−1 = last). */
  readonly at: number;
  /** The value (0–9, or 0–35 for alphanumeric checks) the check character should have. The number already
   *  matched the family's pattern, so the rule may rely on its shape. */
  expected(normalized: string): number;
  /** The characters [start, end) the check covers; a typo outside them (a routing ZIP, a service code) is not
   *  caught by any check digit. */
  span(normalized: string): readonly [start: number, end: number];
}

/**
 * How telling the shape is on its own. `distinctive`: a fixed prefix or letters few other formats share (1Z, TBA,
 * S10, 96+20 digits). `generic`: bare digits of a common length that other carriers' numbers also have.
 */
export type FamilyShape = 'distinctive' | 'generic';

/** A tracking-number format of one carrier. */
export interface TrackingFamily {
  /** Unique across the registry, kebab-case, e.g. `ups-1z`. */
  readonly id: string;
  /** How a person calls it, e.g. "UPS 1Z". */
  readonly name: string;
  /** Every length the normalised number can have: the detector dispatches on it before any regex runs. */
  readonly lengths: readonly number[];
  /** Every character the normalised number can start with (the second dispatch key). */
  readonly firstChars: string;
  /** Anchored pattern over the normalised number (upper case, no spaces or dashes). */
  readonly pattern: RegExp;
  readonly check?: CheckDigitRule;
  /** Further structural test a regex expresses badly (e.g. the S10 country must be a postal operator). */
  readonly accepts?: (normalized: string) => boolean;
  /**
   * UPU S10 families: the issuing countries `accepts` takes, exactly. The detector then tests every S10 family of a
   * dispatch slot with one lookup by the number's country instead of calling each one's `accepts`.
   */
  readonly issuingCountries?: readonly string[];
  readonly shape: FamilyShape;
  /** Amazon code for numbers of this family when it differs from the carrier's (AU consignment vs article id, the
   *  post that issued an S10 number). */
  readonly amazonCode?: (normalized: string) => string;
  /** Who issued the number when the carrier is a group of operators (the post of an S10 country code). */
  readonly issuer?: (normalized: string) => string;
  /**
   * Required with `amazonCode` or `issuer`: what they read from the number, as a short string (an S10 number's
   * country; `fixedForEveryNumber` when they read nothing). Numbers of a family with the same key get the same code
   * and issuer, which lets the validator share its verdicts between them.
   */
  readonly numberKey?: (normalized: string) => string;
}

/** An Amazon CarrierCode this carrier is confirmed with. No `marketplaces` means: wherever Amazon accepts it. */
export interface AmazonCodeUse {
  readonly code: string;
  readonly marketplaces?: readonly Marketplace[];
}

/** Carrier API status code → normalised status, with the status for any code the table does not know. */
export interface StatusMap {
  readonly codes: Readonly<Record<string, TrackingStatus>>;
  readonly fallback: TrackingStatus;
}

export interface CarrierDefinition {
  /** Registry id, kebab-case, stable: stored with every package. */
  readonly id: string;
  readonly name: string;
  /** In order of preference: the first one that applies to a marketplace is the code to send there. */
  readonly amazonCodes: readonly AmazonCodeUse[];
  /** Names people type for this carrier; matched case- and punctuation-insensitively. */
  readonly aliases: readonly string[];
  /** The carrier's own number formats. Empty when none is known: then any number passes rule 3 for it. */
  readonly families: readonly TrackingFamily[];
  /**
   * Formats of other carriers this carrier also hands out (consolidators whose last mile is the post, e.g. FedEx
   * SmartPost labels carry USPS IMpb numbers). They fit this carrier, but rank below the owner.
   */
  readonly partnerFamilies?: readonly TrackingFamily[];
  /**
   * The carrier also issues numbers of formats not listed here (a post's domestic series beside its S10 numbers;
   * a carrier whose formats are not published). Then a number none of its families fits is judged as for a carrier
   * with no known formats: it passes unless it is clearly another carrier's. A family it has still rejects a typo.
   */
  readonly unlistedFormats?: true;
  trackingUrl(trackingNumber: string): string;
  /** Filled by the carrier-API integration; absent until then. */
  readonly statusMap?: StatusMap;
}
