import { MARKETPLACE_IDS } from '../core/domain.js';
import type { Marketplace } from '../core/domain.js';

/** SP-API's three selling regions (sp-api.md §1.3); a seller's refresh token belongs to one. */
export const SP_API_REGIONS = ['na', 'eu', 'fe'] as const;
export type SpApiRegion = (typeof SP_API_REGIONS)[number];

export function isSpApiRegion(value: string): value is SpApiRegion {
  return (SP_API_REGIONS as readonly string[]).includes(value);
}

export const REGION_ENDPOINTS: Readonly<Record<SpApiRegion, string>> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};

/** One LWA host serves every region. */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

const MARKETPLACE_ID_BY_NAME = new Map<Marketplace, string>(
  Object.entries(MARKETPLACE_IDS).map(([id, marketplace]) => [marketplace, id]),
);

/** Amazon's id of a marketplace (`US` → `ATVPDKIKX0DER`). */
export function marketplaceId(marketplace: Marketplace): string {
  const id = MARKETPLACE_ID_BY_NAME.get(marketplace);
  if (id === undefined) throw new RangeError(`no SP-API marketplace id for ${marketplace}`);
  return id;
}

/** vtrguard's marketplace for Amazon's id, or null for one it does not measure. */
export function marketplaceOfId(id: string): Marketplace | null {
  return MARKETPLACE_IDS[id] ?? null;
}
