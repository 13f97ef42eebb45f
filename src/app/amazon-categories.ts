import { readSkuCategories } from '../ingest/sku-categories.js';
import { replaceSkuCategories } from '../store/amazon.js';
import type { Store } from '../store/store.js';

/** Replaces the seller's SKU -> category list with the file's; the sync applies it to orders it reads from then on. */
export async function importSkuCategories(store: Store, sellerId: string, file: string): Promise<number> {
  const entries = await readSkuCategories(file);
  await store.ensureSeller(sellerId);
  await replaceSkuCategories(store, sellerId, entries);
  return entries.size;
}
