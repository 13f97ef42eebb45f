import type { Marketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';
import { exemptionFingerprint } from '../metrics/config.js';
import type { MetricsConfig } from '../metrics/config.js';
import { carrierLabel } from '../metrics/cells.js';
import { namesInRows } from '../store/dimension-names.js';
import { figuresCurrent, rollupNames } from '../store/rollups.js';
import type { Store } from '../store/store.js';

/**
 * A filter that names nothing the seller has is a typo, not "no defects": these checks say so and suggest the
 * nearest known name, so `--category "Toys & Gmaes"` does not answer an empty list with exit 0.
 */

function unknown(what: string, value: string, where: string, known: readonly string[]): VtrguardError {
  const guess = nearest(value, known);
  const hint = guess ? ` Did you mean "${guess}"?` : known.length > 0 ? ` Known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}.` : '';
  return new VtrguardError('BAD_REQUEST', `Unknown ${what} "${value}" ${where}.${hint}`, { field: what, value });
}

/**
 * The category and carrier names of the seller's marketplace: the kept figures' when they are current; while they
 * lag the writes, those of the stored rows too, so a name written since is known and a typo is still refused.
 */
async function knownNames(store: Store, sellerId: string, marketplace: Marketplace, config: MetricsConfig): Promise<{ categories: string[]; carriers: string[] }> {
  const kept = await rollupNames(store, sellerId, marketplace);
  if (await figuresCurrent(store, sellerId, exemptionFingerprint(config))) return kept;
  const stored = await namesInRows(store, sellerId, marketplace);
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();
  return {
    categories: union(kept.categories, stored.categories),
    carriers: union(kept.carriers, stored.carriers.map(carrierLabel)),
  };
}

/** The seller must exist in this database (a typo in `--seller` otherwise reads an empty seller). */
export async function assertKnownSeller(store: Store, sellerId: string): Promise<void> {
  const sellers = (await store.listSellers()).map((s) => s.sellerId);
  if (!sellers.includes(sellerId)) throw unknown('seller', sellerId, 'in this database', sellers);
}

/** The carrier and category filters must each name one the seller has shipped with in the marketplace. */
export async function assertKnownFilter(
  store: Store,
  sellerId: string,
  marketplace: Marketplace,
  filter: { carrier?: string | undefined; category?: string | undefined },
  config: MetricsConfig,
): Promise<void> {
  if (!filter.carrier && !filter.category) return;
  const names = await knownNames(store, sellerId, marketplace, config);
  const has = (list: readonly string[], value: string): boolean => list.some((n) => n.toLowerCase() === value.toLowerCase());
  if (filter.category && !has(names.categories, filter.category)) {
    throw unknown('category', filter.category, `in ${marketplace}`, names.categories);
  }
  if (filter.carrier) {
    // The filter matches the Amazon code, the name typed for Other, or the label "Other: name" (defect-rules.ts).
    const values = names.carriers.flatMap((label) => (label.startsWith('Other: ') ? [label, 'Other', label.slice('Other: '.length)] : [label]));
    if (!has(values, filter.carrier)) throw unknown('carrier', filter.carrier, `in ${marketplace}`, [...new Set(values)]);
  }
}

/** `forecast --category` over several marketplaces: the category must be sold in at least one of them. */
export async function assertKnownCategorySomewhere(
  store: Store,
  sellerId: string,
  marketplaces: readonly Marketplace[],
  category: string,
  config: MetricsConfig,
): Promise<void> {
  const known = new Set<string>();
  for (const marketplace of marketplaces) {
    try {
      await assertKnownFilter(store, sellerId, marketplace, { category }, config);
      return;
    } catch (error) {
      if (!(error instanceof VtrguardError)) throw error;
      for (const name of (await knownNames(store, sellerId, marketplace, config)).categories) known.add(name);
    }
  }
  if (marketplaces.length > 0) throw unknown('category', category, `in ${marketplaces.join(', ')}`, [...known]);
}
