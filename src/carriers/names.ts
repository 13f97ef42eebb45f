/**
 * From what people write to a registry carrier: Amazon carrier codes (exact, marketplace-aware: `DHL` on
 * amazon.de is DHL Paket) and typed names ("US Postal Service", "Fedex Ground", "Royal Mail 24"), and back from a
 * carrier to the Amazon code to send.
 */
import type { Marketplace } from '../core/domain.js';
import { AMAZON_CARRIER_CODES, AMAZON_CARRIER_CODES_2026, MARKETPLACE_CODES, OTHER_CARRIER_CODES, type MarketplaceCodes } from './amazon-codes.js';
import type { CarrierDefinition } from './carrier.js';
import { CARRIERS } from './registry.js';

interface CodeOwner {
  readonly carrier: CarrierDefinition;
  readonly marketplaces: readonly Marketplace[] | undefined;
}

const OWNERS_BY_CODE = new Map<string, CodeOwner[]>();
for (const carrier of CARRIERS) {
  for (const use of carrier.amazonCodes) {
    const owners = OWNERS_BY_CODE.get(use.code) ?? [];
    owners.push({ carrier, marketplaces: use.marketplaces });
    OWNERS_BY_CODE.set(use.code, owners);
  }
}

/** Lower case, letters and digits only: "U.S. Postal-Service" and "us postal service" meet. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const CARRIER_BY_NAME_KEY = new Map<string, CarrierDefinition>();
for (const carrier of CARRIERS) {
  for (const name of [carrier.name, ...carrier.aliases, ...carrier.amazonCodes.map((use) => use.code)]) {
    const key = nameKey(name);
    if (!CARRIER_BY_NAME_KEY.has(key)) CARRIER_BY_NAME_KEY.set(key, carrier);
  }
}

/** Bound on the memo tables below: typed carrier strings are few, but input is untrusted. */
const RESOLVED_CACHE_LIMIT = 10_000;

const LISTED_CODES: readonly string[] = [...AMAZON_CARRIER_CODES, ...AMAZON_CARRIER_CODES_2026];
const EXACT_CODES = new Set(LISTED_CODES);
const CODE_BY_KEY = new Map<string, string>();
for (const code of LISTED_CODES) {
  if (!CODE_BY_KEY.has(nameKey(code))) CODE_BY_KEY.set(nameKey(code), code);
}

/**
 * How a carrier code compares with Amazon's list, which takes only exact members: `exact` (a listed carrier),
 * `other` (exactly `Other` or a localised form), `case-differs` (a listed code apart from case, spacing,
 * punctuation or accents: Amazon takes it as `Other`), `unknown`.
 */
export type CodeStanding = 'exact' | 'case-differs' | 'other' | 'unknown';

const OTHER_CODES = new Set(OTHER_CARRIER_CODES);
const standingCache = new Map<string, CodeStanding>();

export function amazonCodeStanding(code: string): CodeStanding {
  // Exact members first: the common case, and it needs no key normalisation.
  if (EXACT_CODES.has(code)) return OTHER_CODES.has(code) ? 'other' : 'exact';
  let standing = standingCache.get(code);
  if (standing === undefined) {
    standing = CODE_BY_KEY.has(nameKey(code)) || CODE_BY_KEY.has(accentless(code)) ? 'case-differs' : 'unknown';
    if (standingCache.size >= RESOLVED_CACHE_LIMIT) standingCache.clear();
    standingCache.set(code, standing);
  }
  return standing;
}

/** nameKey without accents: "Colis Prive" and "Colis Privé" meet (both are listed; a third spelling is not). */
function accentless(text: string): string {
  return nameKey(text.normalize('NFD').replace(/\p{M}/gu, ''));
}

const MARKETPLACE_LISTS = new Map<string, MarketplaceCodes>(Object.entries(MARKETPLACE_CODES).flatMap(([mp, codes]) => (codes ? [[mp, codes]] : [])));

/** Whether `Other` is an acceptable code on `marketplace` (India: no, for self-ship orders). */
export function otherAllowedOn(marketplace: string | undefined): boolean {
  return marketplace === undefined || (MARKETPLACE_LISTS.get(marketplace)?.otherAllowed ?? true);
}

/** The code a marketplace's own page names for this carrier, if it names one. */
function marketplaceListed(carrier: CarrierDefinition, marketplace: string): string | undefined {
  const listed = MARKETPLACE_LISTS.get(marketplace)?.listed;
  if (listed === undefined) return undefined;
  for (const use of carrier.amazonCodes) if (listed.includes(use.code)) return use.code;
  return undefined;
}

/** The Amazon code spelled as Amazon lists it, for text that matches one apart from case and punctuation. */
export function listedAmazonCode(text: string): string | undefined {
  return CODE_BY_KEY.get(nameKey(text)) ?? CODE_BY_KEY.get(accentless(text));
}

const NO_OWNERS: readonly CarrierDefinition[] = Object.freeze([]);
const CARRIERS_BY_CODE = new Map<string, readonly CarrierDefinition[]>(
  [...OWNERS_BY_CODE].map(([code, owners]) => [code, Object.freeze([...new Set(owners.map((owner) => owner.carrier))])]),
);

/**
 * Every registry carrier that lists the code, whatever the marketplace. Most codes have one; a code several list
 * (`DHL`: DHL Express, DHL Paket, DHL eCommerce) names a brand whose divisions each issue numbers under it.
 */
export function carriersListingCode(code: string): readonly CarrierDefinition[] {
  return CARRIERS_BY_CODE.get(code) ?? NO_OWNERS;
}

/** The carrier an exact Amazon code designates on `marketplace` (a marketplace-specific owner wins). */
export function carrierForAmazonCode(code: string, marketplace?: string): CarrierDefinition | undefined {
  const owners = OWNERS_BY_CODE.get(code);
  if (!owners) return undefined;
  let everywhere: CarrierDefinition | undefined;
  for (const owner of owners) {
    if (!owner.marketplaces) everywhere ??= owner.carrier;
    else if (marketplace !== undefined && (owner.marketplaces as readonly string[]).includes(marketplace)) return owner.carrier;
  }
  return everywhere ?? owners[0]?.carrier;
}

const resolvedCache = new Map<string, CarrierDefinition | null>();

/**
 * The carrier meant by an Amazon code or a typed name. Exact codes first (marketplace-aware), then names and
 * aliases ignoring case and punctuation, then the same with trailing words dropped ("Royal Mail Tracked 48
 * Signed" → "Royal Mail"). Cached: imports resolve the same few strings millions of times.
 */
export function resolveCarrier(text: string, marketplace?: string): CarrierDefinition | undefined {
  const cacheKey = marketplace === undefined ? text : `${marketplace}\u0000${text}`;
  const cached = resolvedCache.get(cacheKey);
  if (cached !== undefined) return cached ?? undefined;
  const found = resolveUncached(text.trim(), marketplace);
  if (resolvedCache.size >= RESOLVED_CACHE_LIMIT) resolvedCache.clear();
  resolvedCache.set(cacheKey, found ?? null);
  return found;
}

function resolveUncached(text: string, marketplace: string | undefined): CarrierDefinition | undefined {
  const byCode = carrierForAmazonCode(text, marketplace) ?? carrierForAmazonCode(listedAmazonCode(text) ?? '', marketplace);
  if (byCode) return byCode;
  const words = text.split(/\s+/);
  for (let count = words.length; count > 0; count--) {
    const carrier = CARRIER_BY_NAME_KEY.get(nameKey(words.slice(0, count).join(' ')));
    if (carrier) return carrier;
  }
  return undefined;
}

/**
 * The Amazon code to confirm this carrier with on `marketplace`: the one that marketplace's page names, else the
 * first that applies; `Other` when Amazon lists none for it.
 */
export function amazonCodeFor(carrier: CarrierDefinition, marketplace?: string): string {
  const listedThere = marketplace === undefined ? undefined : marketplaceListed(carrier, marketplace);
  if (listedThere !== undefined) return listedThere;
  for (const use of carrier.amazonCodes) {
    if (!use.marketplaces) return use.code;
    if (marketplace !== undefined && (use.marketplaces as readonly string[]).includes(marketplace)) return use.code;
  }
  return 'Other';
}
