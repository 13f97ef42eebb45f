/**
 * The carrier registry: an explicit list (adding a carrier = one file + one line here), lookup by id, and the
 * dispatch index the detector uses to reach the few families a number could belong to without running every
 * regex: key = normalised length × first character.
 */
import { amazonLogistics } from './amazon-logistics.js';
import { aramex } from './aramex.js';
import { asendia } from './asendia.js';
import { atPost } from './at-post.js';
import { australiaPost } from './australia-post.js';
import { bpost } from './bpost.js';
import { brt } from './brt.js';
import { cainiao } from './cainiao.js';
import { canadaPost } from './canada-post.js';
import { canpar } from './canpar.js';
import type { CarrierDefinition, CheckDigitRule, TrackingFamily } from './carrier.js';
import { chinaPost } from './china-post.js';
import { chronopost } from './chronopost.js';
import { colisPrive } from './colis-prive.js';
import { correios } from './correios.js';
import { correos } from './correos.js';
import { dhlEcommerce } from './dhl-ecommerce.js';
import { dhlExpress } from './dhl-express.js';
import { dhlPaket } from './dhl-paket.js';
import { dhlParcelUk } from './dhl-parcel-uk.js';
import { dpd } from './dpd.js';
import { emiratesPost } from './emirates-post.js';
import { evri } from './evri.js';
import { fedex } from './fedex.js';
import { fedexSmartPost } from './fedex-smartpost.js';
import { fourPx } from './fourpx.js';
import { gls } from './gls.js';
import { gofo } from './gofo.js';
import { hongkongPost } from './hongkong-post.js';
import { indiaPost } from './india-post.js';
import { inpost } from './inpost.js';
import { japanPost } from './japan-post.js';
import { jerseyPost } from './jersey-post.js';
import { jtExpress } from './jt-express.js';
import { laPoste } from './la-poste.js';
import { landmark } from './landmark.js';
import { lasership } from './lasership.js';
import { oldDominion } from './old-dominion.js';
import { ontrac } from './ontrac.js';
import { parcelforce } from './parcelforce.js';
import { compiledPatternCount, compilePattern, type CompiledPattern } from './pattern-masks.js';
import { polishPost } from './polish-post.js';
import { posteItaliane } from './poste-italiane.js';
import { posti } from './posti.js';
import { postNl } from './postnl.js';
import { postNord } from './postnord.js';
import { purolator } from './purolator.js';
import { royalMail } from './royal-mail.js';
import { sagawa } from './sagawa.js';
import { seur } from './seur.js';
import { sfExpress } from './sf-express.js';
import { singaporePost } from './singapore-post.js';
import { speedee } from './speedee.js';
import { startrack } from './startrack.js';
import { swissPost } from './swiss-post.js';
import { tnt } from './tnt.js';
import { ups } from './ups.js';
import { upsMailInnovations } from './ups-mail-innovations.js';
import { upuPost } from './upu-post.js';
import { usps } from './usps.js';
import { yamato } from './yamato.js';
import { yanwen } from './yanwen.js';
import { yodel } from './yodel.js';
import { yunexpress } from './yunexpress.js';

/** In this order ties between equally confident candidates are broken: the more common carrier first. */
export const CARRIERS: readonly CarrierDefinition[] = [
  usps, ups, fedex, amazonLogistics, dhlExpress, dhlEcommerce, dhlPaket, ontrac, lasership, fedexSmartPost,
  upsMailInnovations, canadaPost, purolator, royalMail, parcelforce, evri, yodel, dpd, gls, australiaPost, startrack,
  japanPost, yamato, sagawa, chinaPost, yunexpress, yanwen, fourPx, oldDominion, landmark, canpar, speedee, gofo,
  aramex, tnt, laPoste, chronopost, colisPrive, postNl, posteItaliane, brt, correos, seur, bpost, swissPost, atPost,
  postNord, posti, polishPost, inpost, dhlParcelUk, asendia, indiaPost, correios, emiratesPost, singaporePost,
  hongkongPost, jerseyPost, sfExpress, jtExpress, cainiao,
  upuPost,
];

const CARRIERS_BY_ID = new Map(CARRIERS.map((carrier) => [carrier.id, carrier]));

export function getCarrier(id: string): CarrierDefinition | undefined {
  return CARRIERS_BY_ID.get(id);
}

/** A family as reachable from the detector: whose it is, and whether the carrier owns it or only carries it. */
export interface FamilyEntry {
  readonly carrier: CarrierDefinition;
  readonly family: TrackingFamily;
  /** True for a partner family (a consolidator handing the parcel to the owner, e.g. FedEx SmartPost → USPS). */
  readonly partner: boolean;
  /** Position in FAMILY_ENTRIES: lets the validator keep per-entry caches in plain arrays. */
  readonly ordinal: number;
}

/**
 * The entries of one family reachable from a dispatch slot. Partner entries share their owner's family object
 * (SmartPost, UPS Mail Innovations and DHL eCommerce all carry USPS IMpb), so grouping lets the detector run a
 * family's pattern and check digit once, however many carriers hand it out.
 */
export interface DispatchGroup {
  readonly family: TrackingFamily;
  /** The family pattern as position masks; shared (same id) by every family with the same pattern. */
  readonly pattern: CompiledPattern;
  /** Identifies the check-digit rule object (−1: none); families sharing a rule (S10) share the id. */
  readonly checkId: number;
  /**
   * The family's `accepts` and `check` fields copied onto this object: families are object literals of many
   * shapes, so reading them from the family is a megamorphic property load on every number; groups share one shape.
   */
  readonly accepts: ((normalized: string) => boolean) | undefined;
  readonly check: CheckDigitRule | undefined;
  /** The slot's one length: a slot is keyed by length, so the check character's index is fixed (−1: no check). */
  readonly checkAt: number;
  /**
   * On an S10 group: the slot's S10 countries, each with a bit per position of the S10 groups taking it (from
   * `issuingCountries`); shared by the slot's S10 groups, so one lookup decides them all. Undefined elsewhere.
   */
  readonly byCountry: ReadonlyMap<string, number> | undefined;
  /** The family's `numberKey` (see `accepts`). */
  readonly numberKey: ((normalized: string) => string) | undefined;
  /** Matches of this group by check outcome, interned by the detector (slot = CheckSlot); empty until used. */
  readonly interned: unknown[];
  /** This group's index in its dispatch slot. */
  readonly position: number;
  /** Shared by the groups of one dispatch slot: the detector's merged results for numbers fitting several groups. */
  readonly merges: SlotMerges;
  /** In FAMILY_ENTRIES order. */
  readonly entries: readonly FamilyEntry[];
}

/**
 * Results the detector interns for the numbers of one dispatch slot that fit several of its groups, keyed by the
 * groups' outcomes (see detect.ts). `remaining` caps their number: most slots see a few dozen combinations of
 * check outcomes; the 12-digit ones (eight families, each passing, or failing with any expected digit) could see
 * thousands. Over generated streams a 12-digit slot met ~830 distinct keys in 1M numbers and ~970 in 5M (a pass
 * counts as one outcome whatever its digit). 2,048 leaves room for other mixes; at ~1.1 KB each with their
 * judgements, the six 12-digit slots hold ~14 MB at most, and nothing is ever evicted.
 */
export interface SlotMerges {
  readonly interned: Map<number, unknown>;
  remaining: number;
}

export const MERGES_PER_SLOT = 2048;

/** Longest normalised number any family accepts; longer input is nobody's. */
export const MAX_TRACKING_LENGTH = 48;
const CHAR_SLOTS = 128;
const NO_GROUPS: readonly DispatchGroup[] = [];

function buildEntries(): FamilyEntry[] {
  const entries: FamilyEntry[] = [];
  // Owners before partners, so on equal confidence the owner ranks first (ties go by ordinal).
  for (const carrier of CARRIERS) {
    for (const family of carrier.families) entries.push({ carrier, family, partner: false, ordinal: entries.length });
  }
  for (const carrier of CARRIERS) {
    for (const family of carrier.partnerFamilies ?? []) entries.push({ carrier, family, partner: true, ordinal: entries.length });
  }
  return entries;
}

/** Every (carrier, family) pair the detector can report, owners first. */
export const FAMILY_ENTRIES: readonly FamilyEntry[] = buildEntries();

const CHECK_IDS = new Map<CheckDigitRule, number>();

function checkIdOf(rule: CheckDigitRule | undefined): number {
  if (rule === undefined) return -1;
  let id = CHECK_IDS.get(rule);
  if (id === undefined) CHECK_IDS.set(rule, (id = CHECK_IDS.size));
  return id;
}

/** Size of `DispatchGroup.interned`: a failed check per expected value 0–35, a pass, and none. */
export const INTERNED_SLOTS = 38;

function dispatchGroup(entry: FamilyEntry, length: number, position: number, merges: SlotMerges): DispatchGroup {
  const { family } = entry;
  const check = family.check;
  return {
    family,
    pattern: compilePattern(family.pattern),
    checkId: checkIdOf(check),
    accepts: family.accepts,
    byCountry: undefined,
    numberKey: family.numberKey,
    check,
    checkAt: check === undefined ? -1 : check.at < 0 ? length + check.at : check.at,
    interned: new Array<unknown>(INTERNED_SLOTS).fill(undefined),
    position,
    merges,
    entries: [entry],
  };
}

function buildIndex(): (DispatchGroup[] | undefined)[] {
  const index: (DispatchGroup[] | undefined)[] = new Array((MAX_TRACKING_LENGTH + 1) * CHAR_SLOTS);
  for (const entry of FAMILY_ENTRIES) {
    for (const length of entry.family.lengths) {
      for (const char of entry.family.firstChars) {
        const groups = (index[length * CHAR_SLOTS + char.charCodeAt(0)] ??= []);
        const group = groups.find((g) => g.family === entry.family);
        if (group) (group.entries as FamilyEntry[]).push(entry);
        else {
          const merges = groups[0]?.merges ?? { interned: new Map(), remaining: MERGES_PER_SLOT };
          groups.push(dispatchGroup(entry, length, groups.length, merges));
        }
      }
    }
  }
  for (const groups of index) if (groups !== undefined) indexCountries(groups);
  return index;
}

/** Gives the S10 groups of one slot their shared country index (`DispatchGroup.byCountry`). */
function indexCountries(groups: readonly DispatchGroup[]): void {
  const byCountry = new Map<string, number>();
  for (const group of groups) {
    for (const country of group.family.issuingCountries ?? []) byCountry.set(country, (byCountry.get(country) ?? 0) | (1 << group.position));
  }
  if (byCountry.size === 0) return;
  for (const group of groups) if (group.family.issuingCountries !== undefined) (group as { byCountry: ReadonlyMap<string, number> | undefined }).byCountry = byCountry;
}

const INDEX = buildIndex();

/** Most groups any dispatch slot holds: the detector keys a slot's outcomes with a bit per group. */
export const MAX_GROUPS_PER_SLOT = INDEX.reduce((most, groups) => Math.max(most, groups?.length ?? 0), 0);
if (MAX_GROUPS_PER_SLOT > 30) throw new Error(`registry: a dispatch slot holds ${MAX_GROUPS_PER_SLOT} groups, more than 30`);

/** Distinct check-digit rules in the index (check ids run 0 … count − 1). */
export const CHECK_RULE_COUNT = CHECK_IDS.size;

/** Distinct compiled patterns in the index (pattern ids run 0 … count − 1). */
export const PATTERN_COUNT = compiledPatternCount();

/** The families a normalised number could belong to, judging by its length and first character only. */
export function familyGroupsFor(normalized: string): readonly DispatchGroup[] {
  const length = normalized.length;
  const first = normalized.charCodeAt(0);
  if (length > MAX_TRACKING_LENGTH || !(first < CHAR_SLOTS)) return NO_GROUPS;
  return INDEX[length * CHAR_SLOTS + first] ?? NO_GROUPS;
}
